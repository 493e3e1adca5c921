/**
 * @module test/issuance/status-list-cache.test — the store's status-list versions (memory and the
 * real Redis, a second connection standing in for another process) and the in-memory cache of
 * verified lists kept per version: reused while the version holds, read again when it changes,
 * never keeping a missing list, bounded.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type { NewCredentialRecord } from '../../src/domain/types.js';
import { StatusListCache } from '../../src/issuance/status-list-cache.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/port.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { cleanupRedis, REDIS_URL, tenantOf } from './harness.js';

const record = (tenantId: string, id: string, statusListId: string): NewCredentialRecord => ({
  id, tenantId, groupId: 'g1', recipient: { name: 'Ada', email: 'ada@example.org' }, emailKey: 'ada@example.org',
  issuedOn: '2026-11-29T08:00:00.000Z', attributes: {}, status: 'issued', statusListId, statusListIndex: 7, signed: { id: `urn:uuid:${id}` },
});

const redisTenants: string[] = [];
const redisIds: string[] = [];
const stores: Store[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
  await cleanupRedis(redisTenants, redisIds);
});

describe.each(['memory', 'redis'] as const)('%s store: status-list versions', (kind) => {
  // Redis: two connections, as two bot processes have; memory: one store (one process).
  const pair = (): [Store, Store] => {
    if (kind === 'memory') {
      const s = new MemoryStore();
      return [s, s];
    }
    const [a, b] = [new RedisStore(new Redis(REDIS_URL), { ownsClient: true }), new RedisStore(new Redis(REDIS_URL), { ownsClient: true })];
    stores.push(a, b);
    return [a, b];
  };
  const tenant = () => {
    const t = tenantOf(`versions-${kind}`);
    redisTenants.push(t);
    return t;
  };

  it('raises a list’s version with every stored list, seen through the other handle, per list and tenant', async () => {
    const [writer, reader] = pair();
    const [t, other] = [tenant(), tenant()];
    expect(await reader.getStatusListVersion(t, 'list-1')).toBe(0);
    await writer.putStatusListCredential(t, 'list-1', { id: 'v1' });
    expect(await reader.getStatusListVersion(t, 'list-1')).toBe(1);
    await writer.putStatusListCredential(t, 'list-1', { id: 'v2' });
    expect(await reader.getStatusListVersion(t, 'list-1')).toBe(2);
    expect(await reader.getStatusListCredential(t, 'list-1')).toEqual({ id: 'v2' });
    expect(await reader.getStatusListVersion(t, 'list-2')).toBe(0);
    expect(await reader.getStatusListVersion(other, 'list-1')).toBe(0);
  });

  it('finds a credential together with the version of the list it is on', async () => {
    const [writer, reader] = pair();
    const t = tenant();
    const [id1, id2] = [`${t.replace(/\W/g, '')}-a`, `${t.replace(/\W/g, '')}-b`];
    redisIds.push(id1, id2);
    await writer.putCredentials(t, [record(t, id1, 'list-1'), record(t, id2, 'list-2')], { allowDuplicates: true });
    expect(await reader.findCredentialWithStatusVersion(id1)).toMatchObject({ record: { id: id1, tenantId: t, statusListId: 'list-1' }, statusListVersion: 0 });
    await writer.putStatusListCredential(t, 'list-2', { id: 'l2' });
    await writer.putStatusListCredential(t, 'list-2', { id: 'l2 again' });
    await writer.putStatusListCredential(t, 'list-1', { id: 'l1' });
    expect((await reader.findCredentialWithStatusVersion(id1))?.statusListVersion).toBe(1);
    expect((await reader.findCredentialWithStatusVersion(id2))?.statusListVersion).toBe(2);
    expect(await reader.findCredentialWithStatusVersion(`${id1}-unknown`)).toBeUndefined();
  });
});

describe('StatusListCache', () => {
  const list = (n: number) => ({ id: `list v${n}`, credentialSubject: { encodedList: `bits ${n}` } });

  it('loads a list once per version, hands out the same deep-frozen object, and loads again when the version changes', async () => {
    const cache = new StatusListCache();
    let loads = 0;
    const load = async () => list(++loads);
    const first = await cache.get('t', 'list-1', 3, load);
    expect(await cache.get('t', 'list-1', 3, load)).toBe(first);
    expect(loads).toBe(1);
    expect(() => {
      (first!.credentialSubject as Record<string, unknown>).encodedList = 'forged';
    }).toThrow(TypeError);
    expect(await cache.get('t', 'list-1', 4, load)).toEqual(list(2));
    expect(await cache.get('t', 'list-2', 4, load)).toEqual(list(3)); // another list, its own entry
    expect(await cache.get('other', 'list-1', 4, load)).toEqual(list(4)); // another tenant too
  });

  it('shares one load among concurrent requests at the same version', async () => {
    const cache = new StatusListCache();
    let loads = 0;
    const load = () => new Promise<Record<string, unknown>>((r) => setTimeout(() => r(list(++loads)), 10));
    const got = await Promise.all(Array.from({ length: 20 }, () => cache.get('t', 'list-1', 1, load)));
    expect(loads).toBe(1);
    expect(new Set(got).size).toBe(1);
  });

  it('keeps neither a missing list nor a failed read: the next request tries again', async () => {
    const cache = new StatusListCache();
    expect(await cache.get('t', 'list-1', 0, async () => undefined)).toBeUndefined();
    await expect(cache.get('t', 'list-1', 0, async () => { throw new Error('Redis went away'); })).rejects.toThrow('Redis went away');
    expect(cache.size).toBe(0);
    expect(await cache.get('t', 'list-1', 0, async () => list(1))).toEqual(list(1));
    expect(cache.size).toBe(1);
  });

  it('keeps at most `max` lists, dropping the least recently used', async () => {
    const cache = new StatusListCache(2);
    const loaded: string[] = [];
    const get = (id: string) => cache.get('t', id, 1, async () => (loaded.push(id), list(loaded.length)));
    await get('a');
    await get('b');
    await get('a'); // a is now the most recently used
    await get('c'); // evicts b
    expect(cache.size).toBe(2);
    await get('a');
    await get('b');
    expect(loaded).toEqual(['a', 'b', 'c', 'b']);
  });
});
