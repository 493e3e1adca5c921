/**
 * @module test/web/page-downloads.test — what recipients download from the verification page, over
 * real HTTP with credentials issued by the real engine: the badge PNG baked with the signed
 * credential, the certificate PDF from the group's design (or the default one, also when a design
 * cannot be filled), the signed JSON; rendered once and then served from the cache, with ETags.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultDesign, readBakedCredential } from '../../src/render/index.js';
import { BASE, waitForJob } from '../issuance/harness.js';
import { pageFixture, type PageFixture } from './page-fixture.js';

let f: PageFixture;

beforeAll(async () => {
  f = await pageFixture();
}, 90_000);

afterAll(async () => {
  await f?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${f.url}${path}`, { headers: { accept: 'text/html,application/xhtml+xml', ...headers } });

describe('downloads', () => {
  it('serves the badge as a PNG baked with the signed credential', async () => {
    const res = await get(`/credentials/${f.creds.valid.id}/badge.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toContain('badge.png');
    const png = Buffer.from(await res.arrayBuffer());
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(600); // width
    expect(readBakedCredential(png)).toEqual(f.creds.valid.signed);
  });

  it('serves the certificate as a PDF from the group’s design, with the recipient’s name in its title', async () => {
    const res = await get(`/credentials/${f.creds.valid.id}/certificate.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.load(pdf);
    expect(doc.getTitle()).toBe('certificate-modern-a4 design — Zoë Ñúñez-O’Brien'); // the group's own design
    const fallback = await PDFDocument.load(Buffer.from(await (await get(`/credentials/${f.creds.expired.id}/certificate.pdf`)).arrayBuffer()));
    expect(fallback.getTitle()).toBe('Default certificate — Amara Okafor'); // a group without designs
    const [page] = doc.getPages();
    expect(page!.getWidth()).toBeGreaterThan(page!.getHeight()); // landscape
  });

  it('renders each file once: repeated hits come from the cache, and a matching ETag gets a 304', async () => {
    const id = f.creds.tampered.id; // no other test fetches its files
    const before = { ...f.renderCache.stats };
    const first = await get(`/credentials/${id}/certificate.pdf`);
    const etag = first.headers.get('etag')!;
    await first.arrayBuffer();
    await Promise.all([1, 2, 3].map(async () => (await get(`/credentials/${id}/certificate.pdf`)).arrayBuffer()));
    const stats = f.renderCache.stats;
    expect(stats.misses - before.misses).toBe(1);
    expect(stats.hits - before.hits).toBe(3);
    const again = await get(`/credentials/${id}/certificate.pdf`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it('falls back to the default design when the group’s design cannot be filled, and logs why', async () => {
    await f.h.store.putDesign({ ...defaultDesign('badge'), id: 'd-hours', tenantId: f.tenantId, name: 'Hours badge', text: { title: '{{custom.hours}} hours' } });
    await f.h.store.putGroup({ ...(await f.h.store.getGroup(f.tenantId, 'ds101'))!, id: 'hours', badgeDesignId: 'd-hours' });
    const { job } = await f.h.engine.startFormJob({
      tenantId: f.tenantId, groupId: 'hours', startedBy: 'U1', submissionId: 'hours-1', issuedOn: '2026-11-27',
      recipients: [{ recipient: { name: 'Noah Hours', email: 'noah@example.org' }, attributes: { grade: 'C' } }],
    });
    await waitForJob(f.h.store, f.tenantId, job.id);
    const [row] = await f.h.engine.rows(f.tenantId, job.id);
    const res = await get(`/credentials/${row!.credentialId}/badge.png`);
    expect(res.status).toBe(200);
    expect(readBakedCredential(Buffer.from(await res.arrayBuffer()))).toMatchObject({ id: `${BASE}/credentials/${row!.credentialId}` });
    expect(f.h.log.lines.join('\n')).toMatch(/using the default design.*d-hours.*no value for \{\{custom\.hours\}\}/);
  }, 30_000);

  it('answers HEAD with the headers and no body', async () => {
    const res = await fetch(`${f.url}/credentials/${f.creds.valid.id}/badge.png`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(1000);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('serves the signed JSON at .json and by Accept header', async () => {
    const file = await get(`/credentials/${f.creds.valid.id}.json`);
    expect(file.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await file.json()).toEqual(f.creds.valid.signed);
    const ld = await fetch(`${f.url}/credentials/${f.creds.valid.id}`, { headers: { accept: 'application/ld+json' } });
    expect(ld.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    expect(((await ld.json()) as { id: string }).id).toBe(`${BASE}/credentials/${f.creds.valid.id}`);
  });
});

describe('download file names', () => {
  it('gives an ASCII fallback and an RFC 5987 UTF-8 name, even for apostrophes and quotes', async () => {
    const { contentDisposition } = await import('../../src/web/page/respond.js');
    expect(contentDisposition('inline', 'Zoë O\'Brien "The Great" - badge.png')).toBe(
      `inline; filename="Zoe O'Brien The Great - badge.png"; filename*=UTF-8''Zo%C3%AB%20O%27Brien%20%22The%20Great%22%20-%20badge.png`,
    );
    expect(contentDisposition('attachment', '李小龍\r\n.pdf')).toBe(`attachment; filename=".pdf"; filename*=UTF-8''%E6%9D%8E%E5%B0%8F%E9%BE%8D%0D%0A.pdf`);
  });
});
