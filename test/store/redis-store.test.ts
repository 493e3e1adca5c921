/**
 * @module test/store/redis-store.test — the Redis store against the shared contract (two separate
 * connections stand in for two processes), plus what only Redis can show: one round trip per
 * credential batch, and every key of a tenant in one cluster hash slot.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { RedisStore } from '../../src/store/redis-store.js';
import { tenantKeys } from '../../src/store/redis-keys.js';
import { credential, design, group, job } from './fixtures.js';
import { keySlot } from './key-slot.js';
import { storeContract } from './store-contract.js';

const URL = 'redis://127.0.0.1:6379';
const run = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const tenantOf = (label: string) => `test-store-${run}:${label}`;
let n = 0;
const idOf = (label: string) => `${run}-${label}-${++n}`;

async function deleteMatching(client: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await client.del(...keys);
  } while (cursor !== '0');
}

async function cleanupRun(client: Redis): Promise<void> {
  await deleteMatching(client, `cb:{test-store-${run}:*`);
  await deleteMatching(client, `cb:credidx:{${run}-*`);
  const tenants = (await client.smembers('cb:tenants')).filter((t) => t.startsWith(`test-store-${run}:`));
  if (tenants.length) await client.srem('cb:tenants', ...tenants);
}

storeContract('RedisStore', async () => {
  const [c1, c2] = [new Redis(URL), new Redis(URL)];
  return {
    store: new RedisStore(c1),
    other: new RedisStore(c2),
    connect: () => {
      const store = new RedisStore(new Redis(URL), { ownsClient: true });
      return { store, close: () => store.close() };
    },
    tenant: tenantOf,
    id: idOf,
    advance: (ms) => new Promise((r) => setTimeout(r, ms)),
    cleanup: async () => {
      await cleanupRun(c1);
      await Promise.all([c1.quit(), c2.quit()]);
    },
  };
});

describe('RedisStore on a real server', () => {
  let client: Redis;
  let store: RedisStore;
  beforeAll(async () => {
    client = new Redis(URL);
    store = new RedisStore(client);
    await client.ping();
  });
  afterAll(async () => {
    await cleanupRun(client);
    await client.quit();
  });

  it('stores 1,000 credentials in exactly one round trip', async () => {
    const t = tenantOf('bulk');
    // The first script call on a connection sends the script body; later ones send its hash.
    await store.putCredentials(t, [credential(t, idOf('warm'), 'g0', 'w@x.org')], { allowDuplicates: false });
    const creds = Array.from({ length: 1000 }, (_, i) => credential(t, idOf('bulk'), 'g1', `person${i}@x.org`, i));
    const socket = client.stream;
    const write = socket.write;
    let writes = 0;
    socket.write = ((...args: Parameters<typeof write>) => { writes++; return write.apply(socket, args); }) as typeof write;
    try {
      const res = await store.putCredentials(t, creds, { allowDuplicates: false });
      expect(res.stored).toHaveLength(1000);
    } finally {
      socket.write = write;
    }
    expect(writes).toBe(1);
    expect(await store.countCredentials(t, 'g1')).toBe(1000);
    expect((await store.findCredential(creds[999].id))?.recipient.email).toBe('person999@x.org');
    // The same batch again (a job resumed after a crash): all of it is already there, nothing changes.
    const again = await store.putCredentials(t, creds.map((c) => ({ ...c, attributes: { grade: 'F' } })), { allowDuplicates: false });
    expect(again.existing).toHaveLength(1000);
    expect(await store.countCredentials(t, 'g1')).toBe(1000);
    expect((await store.getCredential(t, creds[500].id))?.attributes.grade).toBe('A');
    expect(await client.exists(tenantKeys(t).credentialFixes)).toBe(0);
  });

  it('works on a client with a key prefix (every key of a batch carries it)', async () => {
    const prefix = `pfx-${run}:`;
    const prefixed = new RedisStore(new Redis(URL, { keyPrefix: prefix }), { ownsClient: true });
    try {
      const t = tenantOf('prefixed');
      const [a, b] = [credential(t, idOf('pa'), 'g1', 'p@x.org'), credential(t, idOf('pb'), 'g1', 'p@x.org')];
      expect(await prefixed.putCredentials(t, [a, b], { allowDuplicates: false })).toEqual({ stored: [a.id], existing: [], duplicates: [{ id: b.id, heldBy: a.id }] });
      expect((await prefixed.findCredential(a.id))?.recipient.email).toBe('p@x.org');
      expect(await client.hexists(`${prefix}${tenantKeys(t).creds}`, a.id)).toBe(1);
      expect(await client.exists(tenantKeys(t).creds)).toBe(0);
    } finally {
      await prefixed.close();
      await deleteMatching(client, `pfx-${run}:*`);
    }
  });

  it('keeps every key of a tenant in one cluster hash slot', async () => {
    const t = tenantOf('slot');
    const slot = keySlot(`{${t}}`);
    const c = credential(t, idOf('slot'), 'g1', 's@x.org');
    await store.putDesign(design(t, 'd1', 'Badge'));
    await store.putGroup(group(t, 'g1', 'Group'));
    await store.putCredentials(t, [c], { allowDuplicates: false });
    await store.allocateStatusIndexes(t, 'l1', 64, 3, Math.random);
    await store.setStatusBit(t, 'l1', 3, true);
    await store.putStatusListCredential(t, 'l1', { id: 'x' });
    const { job: j } = await store.createJobOnce(job(t, idOf('job')), 'key-1');
    await store.recordRows(t, j.id, [{ row: 2, name: 'S', email: 's@x.org', outcome: 'issued' }], { processed: 1 });
    await store.addIssuer(t, 'U1');
    await store.putIssuerKeyOnce({ tenantId: t, controller: 'did:key:z', keyId: 'k', publicKeyMultibase: 'z', encryptedSecretKey: 'A', createdAt: 'now' });
    await store.appendAudit({ at: 'now', tenantId: t, actor: 'U1', action: 'team.add' });
    await store.putBlob(t, 'csv', Buffer.from('a'), 60);
    await store.claimOnce(t, 'evt', 60);
    await store.putState(t, 'form', { a: 1 }, 60);
    const keys: string[] = [];
    await store.withLock(t, 'issue', 5000, async () => { keys.push(...(await client.keys(`cb:{${t}}:*`))); });

    const kinds = new Set(keys.map((k) => k.slice(`cb:{${t}}:`.length).split(':')[0]));
    expect([...kinds].sort()).toEqual([
      'audit', 'blob', 'creds', 'designs', 'gcreds', 'gemails', 'groups', 'issuerkey', 'issuers', 'job', 'jobkey',
      'jobrows', 'jobs', 'lock', 'once', 'salloc', 'sbits', 'state', 'svc', 'svcver', 'unfinished',
    ]);
    expect(keys.filter((k) => keySlot(k) !== slot)).toEqual([]);
    // The public index is the one credential key outside the tenant: it is tagged by the id instead.
    expect(await client.get(`cb:credidx:{${c.id}}`)).toBe(t);
  });

  it('builds the same slot for every key builder, whatever the id', () => {
    const k = tenantKeys('slack:T0123ABC');
    const built = [k.designs, k.creds, k.groupCreds('g{x}'), k.job('j}'), k.blob('{other}'), k.lock('a'), k.statusBits('l')];
    expect(new Set(built.map(keySlot)).size).toBe(1);
    expect(() => tenantKeys('slack:{T1}')).toThrow(/must not contain/);
  });
});
