/**
 * @module test/delivery/redis.test — delivery on the real Redis: outcomes stored per credential and
 * channel (both stores), the BullMQ delivery queue sending and retrying with backoff, a refusal
 * recorded once, not retried, and queued deliveries surviving the process that queued them.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { createDelivery } from '../../src/delivery/index.js';
import type { DeliveryRecord } from '../../src/domain/types.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/port.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { BASE, REDIS_URL, startBot, tenantOf, type Bot } from './harness.js';
import { startSmtp, type TestSmtp } from './smtp.js';

const bots: Bot[] = [];
const servers: TestSmtp[] = [];
afterAll(async () => {
  for (const b of bots) await b.close();
  for (const s of servers) await s.close();
});

describe.each(['memory', 'redis'] as const)('delivery records in the %s store', (kind) => {
  it('keeps the latest outcome per credential and channel, per tenant', async () => {
    const store: Store = kind === 'memory' ? new MemoryStore() : new RedisStore(new Redis(REDIS_URL), { ownsClient: true });
    const t1 = tenantOf('records');
    const t2 = tenantOf('records');
    const rec = (credentialId: string, channel: DeliveryRecord['channel'], outcome: DeliveryRecord['outcome'], detail?: string): DeliveryRecord =>
      ({ credentialId, channel, outcome, attempts: 1, at: '2026-11-29T08:00:00.000Z', ...(detail ? { detail } : {}) });
    try {
      await store.putDelivery(t1, rec('c1', 'email', 'queued'));
      await store.putDelivery(t1, rec('c1', 'email', 'refused', '550 no such user'));
      await store.putDelivery(t1, rec('c1', 'chat', 'sent'));
      await store.putDelivery(t1, rec('c2', 'email', 'sent'));
      expect(await store.getDeliveries(t1, ['c1', 'c2', 'c3'])).toEqual([
        rec('c1', 'email', 'refused', '550 no such user'), rec('c1', 'chat', 'sent'), rec('c2', 'email', 'sent'),
      ]);
      expect(await store.getDeliveries(t2, ['c1'])).toEqual([]);
      expect(await store.getDeliveries(t1, [])).toEqual([]);
    } finally {
      if (store instanceof RedisStore) await store.client.del(`cb:{${t1}}:delivery`);
      await store.close();
    }
  });
});

describe('delivery through BullMQ on Redis', () => {
  it('sends each credential, retries a "try later" with backoff, and records a refusal without retrying it', async () => {
    const smtp = await startSmtp();
    servers.push(smtp);
    smtp.tempFail.remaining = 1;
    smtp.refuse.add('refused@example.org');
    const bot = await startBot('bull', { kind: 'redis', smtpPort: smtp.port, delivery: { retryDelaysMs: [100, 200], concurrency: 1 } });
    bots.push(bot);
    const job = await bot.issue([
      { name: 'Ann Lee', email: 'ann@example.org' },
      { name: 'Rex Fuse', email: 'refused@example.org' },
      { name: 'Cy Park', email: 'cy@example.org' },
    ]);
    expect(job.state).toBe('done');
    await bot.delivery.idle();
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['ann@example.org', 'cy@example.org']);
    const rows = await bot.engine.rows(bot.tenant, job.id);
    const outcomes = await bot.delivery.service.outcomes(bot.tenant, rows.map((r) => r.credentialId!));
    const [ann, rex, cy] = rows.map((r) => outcomes.get(r.credentialId!)![0]!);
    expect(rex).toMatchObject({ outcome: 'refused', attempts: 1 });
    expect(rex!.detail).toMatch(/^550 /);
    // One of the two accepted emails met the 451 first and went through on its second attempt.
    expect([ann!.attempts, cy!.attempts].sort()).toEqual([1, 2]);
    expect([ann!.outcome, cy!.outcome]).toEqual(['sent', 'sent']);
  });
});

describe('deliveries waiting in Redis', () => {
  it('are sent by the next bot process when the one that queued them stopped first', async () => {
    const smtp = await startSmtp();
    servers.push(smtp);
    const queuePrefix = `cbtest-dlv-restart-${Date.now().toString(36)}`;
    // The first process only queues (as if it stopped before sending anything).
    const bot = await startBot('restart', { kind: 'redis', smtpPort: smtp.port, delivery: { queuePrefix, runWorkers: false } });
    bots.push(bot);
    const job = await bot.issue([{ name: 'Ann Lee', email: 'ann@example.org' }, { name: 'Cy Park', email: 'cy@example.org' }]);
    await bot.delivery.stop();
    expect(smtp.received).toHaveLength(0);
    expect((await bot.delivery.service.jobSummary(bot.tenant, job.id)).counts).toEqual({ email: { queued: 2 } });

    const next = createDelivery({
      store: bot.store, engine: { onProgress: () => undefined, onFinished: () => undefined }, ports: {}, log: bot.log,
      config: { publicBaseUrl: BASE, ISSUER_NAME: 'Example University', DELIVERY_RATE_PER_MINUTE: 6000, REDIS_URL, smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'credentials@example.edu' } },
      options: { queuePrefix },
    });
    next.start();
    try {
      await next.idle();
      expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['ann@example.org', 'cy@example.org']);
      expect((await next.service.jobSummary(bot.tenant, job.id)).counts).toEqual({ email: { sent: 2 } });
    } finally {
      await next.stop();
      const c = new Redis(REDIS_URL);
      const keys = await c.keys(`${queuePrefix}:*`);
      if (keys.length) await c.del(...keys);
      await c.quit();
    }
  });
});
