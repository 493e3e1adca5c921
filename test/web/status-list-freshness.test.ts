/**
 * @module test/web/status-list-freshness.test — the verification page keeps the verified status list
 * in memory per version: while nothing changes it does not read the list again, and a revocation made
 * by ANOTHER bot process sharing the Redis (spawned here, with its own connection and caches) shows
 * as Revoked on the very next view. The same within one process over the memory store.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { CredentialRecord } from '../../src/domain/types.js';
import { createCredentialSigner, type CredentialsBridge } from '../../src/issuance/credentials-bridge.js';
import { memoryLogger } from '../../src/log.js';
import type { Store } from '../../src/store/port.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { createHttpServer } from '../../src/web/http-server.js';
import { webRoutes } from '../../src/web/routes.js';
import { BASE, cleanupRedis, CONFIG, group, makeHarness, REDIS_URL, tenantOf, waitForJob, type Harness } from '../issuance/harness.js';

const REVOKER = fileURLToPath(new URL('./fixtures/revoke-process.ts', import.meta.url));
const statusWord = (page: string) => /<p class="status-word"[^>]*>([^<]+)</.exec(page)?.[1];

/** A store that counts the calls made to it (by method name). */
function counted(store: Store): { store: Store; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[String(name)] = (calls[String(name)] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

/** A second bot's public web: its own store handle (Redis: its own connection) and its own bridge. */
async function otherBotWeb(store: Store) {
  const { store: countedStore, calls } = counted(store);
  const bridge = createCredentialSigner({ store: countedStore, config: CONFIG });
  const log = memoryLogger();
  const server = createHttpServer(webRoutes({ store: countedStore, publicBaseUrl: BASE, log, credentials: bridge }), log);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    calls,
    bridge,
    page: async (id: string) => statusWord(await (await fetch(`${url}/credentials/${id}`, { headers: { accept: 'text/html' } })).text()),
    statusList: async (path: string) => (await fetch(`${url}${path}`)).json() as Promise<Record<string, any>>,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function issueTwo(h: Harness, tenantId: string): Promise<[CredentialRecord, CredentialRecord]> {
  await h.store.putGroup(group(tenantId, 'g1'));
  const { job } = await h.engine.startFormJob({
    tenantId, groupId: 'g1', startedBy: 'U1', submissionId: 'fresh-1',
    recipients: [
      { recipient: { name: 'Ada Lovelace', email: 'ada@example.org' }, attributes: { grade: 'A' } },
      { recipient: { name: 'Alan Turing', email: 'alan@example.org' }, attributes: { grade: 'B' } },
    ],
  });
  expect((await waitForJob(h.store, tenantId, job.id)).counts.issued).toBe(2);
  const rows = await h.engine.rows(tenantId, job.id);
  const [a, b] = await Promise.all(rows.map((r) => h.store.getCredential(tenantId, r.credentialId!)));
  expect(a!.statusListId).toBe(b!.statusListId); // both on one list: revoking one must not touch the other
  return [a!, b!];
}

/** Views both pages until the lazily signed list settles, then checks that views read nothing more. */
async function expectCachedWhileUnchanged(web: Awaited<ReturnType<typeof otherBotWeb>>, ids: string[]) {
  for (const id of ids) expect(await web.page(id)).toBe('Verified');
  for (const id of ids) expect(await web.page(id)).toBe('Verified');
  const reads = { ...web.calls };
  for (let i = 0; i < 5; i++) for (const id of ids) expect(await web.page(id)).toBe('Verified');
  expect(web.calls.getStatusListCredential ?? 0).toBe(reads.getStatusListCredential ?? 0);
  expect(web.calls.getStatusBits ?? 0).toBe(reads.getStatusBits ?? 0);
  // The version came with the credential: no separate read for it either.
  expect(web.calls.getStatusListVersion ?? 0).toBe(reads.getStatusListVersion ?? 0);
  expect(web.calls.findCredentialWithStatusVersion).toBe((reads.findCredentialWithStatusVersion ?? 0) + 10);
}

describe('Redis: a revocation by another bot process', () => {
  let h: Harness;
  let web: Awaited<ReturnType<typeof otherBotWeb>>;
  let otherStore: RedisStore;
  const tenantId = tenantOf('fresh-redis');
  let creds: CredentialRecord[] = [];

  beforeAll(async () => {
    h = makeHarness('redis');
    creds = await issueTwo(h, tenantId);
    otherStore = new RedisStore(new Redis(REDIS_URL), { ownsClient: true });
    web = await otherBotWeb(otherStore);
  }, 60_000);

  afterAll(async () => {
    await web?.close();
    await otherStore?.close();
    await h?.close();
    await cleanupRedis([tenantId], creds.map((c) => c.id), [h.prefix]);
  });

  it('serves the kept list while nothing changed, and Revoked on the very next view after the other process revoked', async () => {
    const [ada, alan] = creds;
    await expectCachedWhileUnchanged(web, [ada.id, alan.id]);
    const listPath = ((ada.signed.credentialStatus as { statusListCredential: string }).statusListCredential).slice(BASE.length);
    const before = await web.statusList(listPath);
    expect(before.type).toContain('BitstringStatusListCredential');

    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', REVOKER], {
        env: { ...process.env, NODE_OPTIONS: '', REDIS_URL, TENANT: tenantId, CREDENTIAL_ID: ada.id, REASON: 'Plagiarised capstone' },
      }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout))),
    );
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ ok: true });

    const reads = web.calls.getStatusListCredential ?? 0;
    expect(await web.page(ada.id)).toBe('Revoked'); // no waiting: the next request already knows
    expect(await web.page(alan.id)).toBe('Verified');
    expect(await web.page(ada.id)).toBe('Revoked');
    expect(web.calls.getStatusListCredential).toBe(reads + 1); // read again once, then kept again
    // The published list itself (what outside verifiers fetch) is the new one too.
    const after = await web.statusList(listPath);
    expect(after.proof[0].proofValue).not.toBe(before.proof[0].proofValue);
    expect(after.credentialSubject.encodedList).not.toBe(before.credentialSubject.encodedList);
  }, 60_000);
});

describe('memory store: a revocation through another bridge of the same process', () => {
  let h: Harness;
  let web: Awaited<ReturnType<typeof otherBotWeb>>;
  let bridge: CredentialsBridge;
  let creds: CredentialRecord[] = [];

  beforeAll(async () => {
    h = makeHarness('memory');
    creds = await issueTwo(h, tenantOf('fresh-memory'));
    web = await otherBotWeb(h.store);
    bridge = web.bridge;
  }, 60_000);

  afterAll(async () => {
    await web?.close();
    await h?.close();
  });

  it('serves the kept list while nothing changed, and Revoked on the very next view', async () => {
    const [ada, alan] = creds;
    await expectCachedWhileUnchanged(web, [ada.id, alan.id]);
    const kept = await bridge.statusListCredential(ada.tenantId, ada.statusListId);
    expect(await bridge.statusListCredential(ada.tenantId, ada.statusListId)).toBe(kept); // the same verified object
    expect(Object.isFrozen(kept!.credentialSubject)).toBe(true); // shared by every request: nobody may change it

    expect(await h.engine.revoke(ada.tenantId, ada.id, 'Plagiarised capstone', 'U1')).toEqual({ ok: true });
    expect(await web.page(ada.id)).toBe('Revoked');
    expect(await web.page(alan.id)).toBe('Verified');
    expect(await bridge.statusListCredential(ada.tenantId, ada.statusListId)).not.toBe(kept);
  }, 60_000);
});
