/**
 * @module test/credentials/verify-thread — the pages' proof checks on their own thread give the same
 * verdicts as in the serving thread: valid, revoked, expired, tampered (worded by the library); and a
 * thread that stops while checks are owed answers them in the serving thread, never drops them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MemoryStore } from '../../src/store/memory-store.js';
import {
  STATUS_LIST_SIZE,
  buildCredential,
  closeSigningPool,
  getOrCreateIssuerKey,
  signCredentials,
  signStatusList,
  statusListUrl,
  verifyCredential,
  type IssuerSigner,
  type SignedCredential,
} from '../../src/credentials/index.js';
import type { Json } from '../../src/credentials/libs.js';
import { VerifyThread } from '../../src/credentials/verify-thread.js';
import { BASE_URL, ENCRYPTION_KEY, TENANT, group, input } from './fixtures.js';

const LIST = 'list-1';
const LIST_URL = statusListUrl(BASE_URL, TENANT, LIST);
const DURING = new Date('2026-04-01T00:00:00Z');
const AFTER = new Date('2028-04-01T00:00:00Z');

let store: MemoryStore;
let signer: IssuerSigner;
let credentials: SignedCredential[];
let thread: VerifyThread;
const statusLists = async (url: string) => (url === LIST_URL ? store.getStatusListCredential(TENANT, LIST) : undefined);
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v));

beforeAll(async () => {
  store = new MemoryStore();
  signer = await getOrCreateIssuerKey(store, TENANT, { encryptionKey: ENCRYPTION_KEY });
  const expiring = group({ expiry: { kind: 'after', amount: 1, unit: 'years' } });
  credentials = await signCredentials(
    [0, 1, 2, 3].map((i) => buildCredential(input(signer.controller, { id: `vt-${i}`, statusListIndex: 100 + i, group: expiring }))),
    signer,
    { mode: 'in-thread' },
  );
  const bits = Buffer.alloc(STATUS_LIST_SIZE / 8);
  bits[101 >> 3] |= 0x80 >> (101 % 8); // the second one is revoked
  await store.putStatusListCredential(TENANT, LIST, await signStatusList({ publicBaseUrl: BASE_URL, tenantId: TENANT, listId: LIST, bits, validFrom: '2026-03-01T10:00:00Z' }, signer));
  thread = new VerifyThread();
});
afterAll(async () => {
  await thread.close();
  await closeSigningPool();
});

describe('proof checks on the verification thread', () => {
  it('give the verdicts the serving thread gives: valid, revoked, expired, tampered', async () => {
    const tampered = copy(credentials[3]!);
    tampered.credentialSubject.achievement.name = 'Advanced Data Science';
    const cases: [object, Date, string][] = [
      [credentials[0]!, DURING, 'valid'],
      [credentials[1]!, DURING, 'revoked'],
      [credentials[2]!, AFTER, 'expired'],
      [tampered, DURING, 'invalid'],
    ];
    for (const [vc, at, status] of cases) {
      const here = await verifyCredential(vc, { statusLists, now: () => at });
      const there = await verifyCredential(vc, { statusLists, now: () => at, proofCheck: thread.check });
      expect(there).toEqual(here);
      expect(there.status).toBe(status);
    }
    // The thread itself confirms only the genuine proof; anything else goes to the library, as in-thread.
    expect(await thread.check(credentials[0] as unknown as Json, DURING)).toBe(true);
    expect(await thread.check(tampered as unknown as Json, DURING)).toBeUndefined();
  });

  it('answers many checks at once, each with its own credential', async () => {
    const tampered = copy(credentials[0]!);
    tampered.credentialSubject.identifier[0].identityHash = 'sha256$' + '0'.repeat(64);
    const batch = Array.from({ length: 60 }, (_, i) => (i % 3 === 2 ? tampered : credentials[i % 2]!));
    const verdicts = await Promise.all(batch.map((vc) => thread.check(vc as unknown as Json, DURING)));
    expect(verdicts).toEqual(batch.map((vc) => (vc === tampered ? undefined : true)));
    expect(thread.answeredByThread).toBeGreaterThanOrEqual(60 + 6); // the thread did them, not the fallback
  });

  it('answers the checks it still owes in the serving thread when it stops', async () => {
    const stopping = new VerifyThread();
    const owed = Array.from({ length: 20 }, () => stopping.check(credentials[0] as unknown as Json, DURING));
    await stopping.close();
    expect(await Promise.all(owed)).toEqual(Array(20).fill(true));
    // And after it stopped, checks still get answered (here, in this thread).
    expect(await stopping.check(credentials[0] as unknown as Json, DURING)).toBe(true);
  });

  it('keeps a process alive while a check is owed, and lets it exit once the thread is idle', async () => {
    const script = fileURLToPath(new URL('./fixtures/verify-once.ts', import.meta.url));
    const env = { ...process.env, NODE_OPTIONS: '', CREDENTIAL: JSON.stringify(credentials[0]), AT: DURING.toISOString() };
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', script], { env, timeout: 30_000 }, (err, out) => resolve({ code: err ? (err.code as number) ?? 1 : 0, stdout: out }));
      child.stdin?.end();
    });
    expect(stdout.trim()).toBe('verdict true, answered by the thread: 1');
    expect(code).toBe(0); // exited by itself, without close(), before the 30 s timeout
  });
});

