/**
 * @module test/web/page-fixture — real credentials for the verification page tests: issued by the
 * real engine over a MemoryStore (one valid, one revoked, one expired, one altered after signing),
 * served over real HTTP on an ephemeral port through webRoutes, as the bot serves them.
 */
import type { AddressInfo } from 'node:net';
import type { CredentialRecord, Design } from '../../src/domain/types.js';
import { defaultDesign } from '../../src/render/index.js';
import { createHttpServer } from '../../src/web/http-server.js';
import { RenderCache } from '../../src/web/page/index.js';
import { webRoutes } from '../../src/web/routes.js';
import { BASE, group, makeHarness, tenantOf, waitForJob, type Harness } from '../issuance/harness.js';

/** When the pages check the credentials: fixed, so dates on pages and screenshots never drift. */
export const CHECKED_AT = new Date('2026-11-29T09:00:00.000Z');

export interface PageFixture {
  h: Harness;
  url: string;
  tenantId: string;
  /** The cache of rendered files the routes use (its hit counts show what was rendered). */
  renderCache: RenderCache;
  creds: Record<'valid' | 'revoked' | 'expired' | 'tampered', CredentialRecord>;
  close(): Promise<void>;
}

const design = (tenantId: string, over: Partial<Design> & Pick<Design, 'id' | 'kind' | 'template'>): Design => ({
  ...defaultDesign(over.kind),
  tenantId,
  name: `${over.template} design`,
  createdBy: 'U1',
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  ...over,
});

export async function pageFixture(): Promise<PageFixture> {
  const h = makeHarness('memory', { clock: () => new Date('2026-11-28T15:30:00.000Z') });
  const tenantId = tenantOf('page');
  await h.store.putDesign(design(tenantId, { id: 'd-badge', kind: 'badge', template: 'badge-shield', colours: { primary: '#0f2f4d', secondary: '#c8963e', text: '#17212b' } }));
  await h.store.putDesign(design(tenantId, { id: 'd-cert', kind: 'certificate', template: 'certificate-modern-a4' }));
  await h.store.putGroup(
    group(tenantId, 'ds101', {
      courseName: 'Data Science Foundations',
      courseDescription: 'Twelve weeks of statistics, Python and machine learning, finished with a capstone project on open city data.',
      criteria: 'Completed all twelve weekly labs and a graded capstone project, with a final grade of B or better.',
      courseLink: 'https://example.edu/courses/ds101',
      badgeDesignId: 'd-badge',
      certificateDesignId: 'd-cert',
      customAttributes: ['grade'],
    }),
  );
  await h.store.putGroup(group(tenantId, 'fa2020', { courseName: 'First Aid at Work', courseDescription: 'Emergency first aid, renewed every year.', expiry: { kind: 'after', amount: 1, unit: 'years' } }));

  async function issue(groupId: string, name: string, email: string, issuedOn: string, grade = 'A'): Promise<CredentialRecord> {
    const { job } = await h.engine.startFormJob({
      tenantId, groupId, startedBy: 'U1', submissionId: `${groupId}-${email}`, issuedOn,
      recipients: [{ recipient: { name, email }, attributes: { grade } }],
    });
    const done = await waitForJob(h.store, tenantId, job.id);
    if (done.counts.issued !== 1) throw new Error(`fixture: ${name} was not issued (${JSON.stringify(done.counts)})`);
    const [row] = await h.engine.rows(tenantId, job.id);
    return (await h.store.getCredential(tenantId, row!.credentialId!))!;
  }

  const valid = await issue('ds101', 'Zoë Ñúñez-O’Brien', 'zoe.nunez@example.org', '2026-11-27');
  let revoked = await issue('ds101', 'Rafael Ortega', 'rafael@example.org', '2026-11-27', 'B');
  const expired = await issue('fa2020', 'Amara Okafor', 'amara@example.org', '2020-01-15');
  const tampered = await issue('ds101', 'Tam Pered', 'tam@example.org', '2026-11-27');
  const revoke = await h.engine.revoke(tenantId, revoked.id, 'Issued in error: the final project was not submitted.', 'U1');
  if (!revoke.ok) throw new Error(`fixture: revoke failed: ${revoke.reason}`);
  revoked = (await h.store.getCredential(tenantId, revoked.id))!;
  // Someone edits the stored credential: the page must notice from the signature alone.
  await h.store.updateCredential({ ...tampered, signed: { ...tampered.signed, name: 'A course they never took' } });

  const renderCache = new RenderCache();
  // The same wiring as the bot: webRoutes includes the page routes.
  const server = createHttpServer(webRoutes({ store: h.store, publicBaseUrl: BASE, log: h.log, credentials: h.credentials, clock: () => CHECKED_AT, renderCache }), h.log);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    h, tenantId, renderCache,
    url: `http://127.0.0.1:${port}`,
    creds: { valid, revoked, expired, tampered },
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await h.close();
    },
  };
}
