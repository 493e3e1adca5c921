/**
 * @module test/web/credential-pages.test — the public web over real HTTP: a credential's page with
 * its status computed by verifying (valid, expired, signature invalid), its JSON by Accept header or
 * `.json`, the status list it names, the issuer profile, 404s without internals, and the health check.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CredentialRecord } from '../../src/domain/types.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { memoryLogger } from '../../src/log.js';
import { createHttpServer } from '../../src/web/http-server.js';
import { webRoutes } from '../../src/web/routes.js';
import type { AddressInfo } from 'node:net';
import { BASE, group, makeHarness, serveWeb, tenantOf, waitForJob, type Harness } from '../issuance/harness.js';

let h: Harness;
let web: { url: string; close(): Promise<void> };
const tenantId = tenantOf('web');
const creds: Record<string, CredentialRecord> = {};

async function issue(groupId: string, name: string, email: string, issuedOn?: string): Promise<CredentialRecord> {
  const { job } = await h.engine.startFormJob({
    tenantId, groupId, startedBy: 'U1', submissionId: `${groupId}-${email}`, ...(issuedOn ? { issuedOn } : {}),
    recipients: [{ recipient: { name, email }, attributes: { grade: 'A+' } }],
  });
  const done = await waitForJob(h.store, tenantId, job.id);
  expect(done.counts.issued).toBe(1);
  const [row] = await h.engine.rows(tenantId, job.id);
  return (await h.store.getCredential(tenantId, row!.credentialId!))!;
}

beforeAll(async () => {
  h = makeHarness('memory');
  await h.store.putGroup(group(tenantId, 'g1', { courseName: 'Safety <First> & Co' }));
  await h.store.putGroup(group(tenantId, 'old', { courseName: 'Old course', expiry: { kind: 'after', amount: 1, unit: 'years' } }));
  creds.valid = await issue('g1', '<script>alert(1)</script> Zoë', 'zoe.secret@example.org');
  creds.expired = await issue('old', 'Old Timer', 'old.timer@example.org', '2020-01-15');
  creds.tampered = await issue('g1', 'Tam Pered', 'tam@example.org');
  const t = creds.tampered;
  await h.store.updateCredential({ ...t, signed: { ...t.signed, name: 'A course they never took' } });
  web = await serveWeb(h);
}, 60_000);

afterAll(async () => {
  await web.close();
  await h.close();
});

const get = (path: string, accept?: string) => fetch(`${web.url}${path}`, { headers: accept ? { accept } : {} });

describe('GET /credentials/:id', () => {
  it('shows who received what from whom and when, checked by verifying: Valid', async () => {
    const res = await get(`/credentials/${creds.valid!.id}`, 'text/html,application/xhtml+xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('>Verified<');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Zoë');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Safety &lt;First&gt; &amp; Co');
    expect(html).toContain('Example University');
    expect(html).toMatch(/Issued on<\/dt><dd>\d{1,2} \w+ 20\d\d/);
    expect(html).toContain('A+'); // the grade
  });

  it('never shows an email address, neither the recipient’s nor its hash', async () => {
    const html = await (await get(`/credentials/${creds.valid!.id}`)).text();
    expect(html).not.toContain('zoe.secret');
    expect(html).not.toMatch(/[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i);
    expect(html).not.toContain('sha256$');
  });

  it('says Expired for a credential past its validUntil', async () => {
    const html = await (await get(`/credentials/${creds.expired!.id}`)).text();
    expect(html).toContain('>Expired<');
    expect(html).toContain('15 January 2021');
  });

  it('says Signature invalid when the stored credential was altered', async () => {
    const html = await (await get(`/credentials/${creds.tampered!.id}`)).text();
    expect(html).toContain('>Signature invalid<');
    expect(html).not.toContain('>Valid<');
  });

  it('returns the signed credential JSON for Accept: application/ld+json or application/json, and at .json', async () => {
    for (const [path, accept, type] of [
      [`/credentials/${creds.valid!.id}`, 'application/ld+json', 'application/ld+json'],
      [`/credentials/${creds.valid!.id}`, 'application/json', 'application/json'],
      [`/credentials/${creds.valid!.id}.json`, undefined, 'application/json'],
    ] as const) {
      const res = await get(path, accept);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
      const vc = (await res.json()) as Record<string, unknown>;
      expect(vc.id).toBe(`${BASE}/credentials/${creds.valid!.id}`);
      expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
      expect(vc.proof).toHaveLength(1);
    }
  });

  it('answers an unknown or malformed id with a 404 page and no internals', async () => {
    for (const path of ['/credentials/00000000-0000-4000-8000-000000000000', '/credentials/..%2F..%2Fetc%2Fpasswd', '/credentials/nope.json']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      const body = await res.text();
      expect(body).toMatch(/not found|No credential/i);
      expect(body).not.toMatch(/at .*\.ts:\d+|Error:/);
    }
    const json = await get('/credentials/00000000-0000-4000-8000-000000000000', 'application/json');
    expect(json.status).toBe(404);
    expect(await json.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('status lists and the issuer', () => {
  it('publishes the signed status list at the URL the credential names', async () => {
    const status = creds.valid!.signed.credentialStatus as { statusListCredential: string };
    expect(status.statusListCredential.startsWith(`${BASE}/status/`)).toBe(true);
    const res = await get(status.statusListCredential.slice(BASE.length));
    expect(res.status).toBe(200);
    const list = (await res.json()) as { id: string; type: string[]; credentialSubject: { encodedList: string }; proof: unknown[] };
    expect(list.id).toBe(status.statusListCredential);
    expect(list.type).toContain('BitstringStatusListCredential');
    expect(typeof list.credentialSubject.encodedList).toBe('string');
    expect(list.proof).toHaveLength(1);
    expect((await get(`/status/${encodeURIComponent(tenantId)}/list-999`)).status).toBe(404);
    expect((await get('/status/nobody/list-1')).status).toBe(404);
  });

  it('serves the issuer profile whose id the credentials carry', async () => {
    const res = await get(`/issuers/${encodeURIComponent(tenantId)}`);
    expect(res.status).toBe(200);
    const profile = (await res.json()) as Record<string, unknown>;
    expect(profile).toMatchObject({ type: ['Profile'], name: 'Example University', id: (creds.valid!.signed.issuer as { id: string }).id });
    expect(JSON.stringify(profile)).not.toMatch(/secret|encrypted/i);
    expect((await get('/issuers/nobody')).status).toBe(404);
  });
});

describe('GET /healthz', () => {
  it('is 200 {ok:true} when the store answers', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('is 503 when the store does not answer', async () => {
    const store = new MemoryStore();
    store.getState = async () => {
      throw new Error('connection refused');
    };
    const log = memoryLogger();
    const server = createHttpServer(webRoutes({ store, publicBaseUrl: BASE, log, credentials: h.credentials }), log);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ ok: false });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
