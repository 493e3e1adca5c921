/** @module test/store/create-store.test — which store the bot gets, and what it tells the operator. */
import { describe, expect, it } from '@jest/globals';
import { memoryLogger } from '../../src/log.js';
import { createStore, IN_MEMORY_WARNING } from '../../src/store/index.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';

describe('createStore', () => {
  it('falls back to the in-memory store with a warning that data is lost on restart', async () => {
    const log = memoryLogger();
    const store = createStore({}, log);
    expect(store).toBeInstanceOf(MemoryStore);
    expect(log.lines.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ level: 'warn', msg: IN_MEMORY_WARNING })]);
    expect(IN_MEMORY_WARNING).toBe(
      'REDIS_URL is not set: using the in-memory store; all designs, groups, credentials and jobs are lost when the bot stops.',
    );
  });

  it('uses Redis when a URL is given, never logs the URL, and closes its own connection', async () => {
    const log = memoryLogger();
    const store = createStore({ redisUrl: 'redis://:s3cret-pass@127.0.0.1:6379/0' }, log);
    expect(store).toBeInstanceOf(RedisStore);
    const tenant = `test-create-store-${process.pid}-${Date.now()}`;
    expect(await store.claimOnce(tenant, 'probe', 5)).toBe(true);
    expect(await store.claimOnce(tenant, 'probe', 5)).toBe(false);
    await (store as RedisStore).client.del(`cb:{${tenant}}:once:probe`);
    const client = (store as RedisStore).client;
    await store.close();
    await new Promise((r) => (client.status === 'end' ? r(undefined) : client.once('end', r)));
    expect(client.status).toBe('end');
    expect(log.lines.join('\n')).not.toMatch(/s3cret|127\.0\.0\.1/);
  });
});
