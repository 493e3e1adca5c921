/**
 * @module test/delivery/harness — a bot as far as delivery sees it: a store (memory or the real Redis),
 * the real issuing engine with real signing, a group with badge and certificate designs, and delivery
 * pointed at a test SMTP server. `issue(people)` runs a form job and waits for its end.
 */
import { Redis } from 'ioredis';
import type { ChatPort } from '../../src/core/chat-port.js';
import type { Group, Job, TenantId } from '../../src/domain/types.js';
import { createDelivery, type Delivery } from '../../src/delivery/index.js';
import type { DeliveryDeps, DeliveryOptions } from '../../src/delivery/types.js';
import { createCredentialSigner } from '../../src/issuance/credentials-bridge.js';
import { createIssuanceEngine, type CredbotIssuanceEngine } from '../../src/issuance/index.js';
import { memoryLogger } from '../../src/log.js';
import { defaultDesign } from '../../src/render/index.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/port.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { cleanupRedis, REDIS_URL } from '../issuance/harness.js';

export { REDIS_URL };
export const BASE = 'https://credbot.test';
const KEY = '22'.repeat(32); // a fixed test key, never a real one
const run = `dlv${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let counter = 0;
export const tenantOf = (label: string): TenantId => `test-delivery-${run}:${label}-${++counter}`;

export interface Bot {
  tenant: TenantId;
  store: Store;
  engine: CredbotIssuanceEngine;
  delivery: Delivery;
  log: ReturnType<typeof memoryLogger>;
  group: Group;
  /** Issues to these people through a form job and waits until the job has ended. */
  issue(people: { name: string; email: string; grade?: string }[]): Promise<Job>;
  /**
   * The delivery of the next bot process on the same data (Redis): its own store connection, the same
   * delivery queue, and no engine events (the jobs ran in the process before). Not started.
   */
  nextProcess(o?: Pick<BotOptions, 'ports' | 'delivery'>): { delivery: Delivery; store: Store; close(): Promise<void> };
  close(): Promise<void>;
}

export interface BotOptions {
  kind?: 'memory' | 'redis';
  smtpPort?: number;
  smtpAuth?: { user: string; password: string };
  group?: Partial<Group>;
  ports?: Partial<Record<string, ChatPort>>;
  platform?: string;
  delivery?: DeliveryOptions;
  ratePerMinute?: number;
  /** Default true; false leaves `delivery.start()` to the test. */
  startDelivery?: boolean;
  /** Rows per issuing batch (default 2: many batches, many progress events). */
  batchSize?: number;
}

/**
 * A test bot's delivery sweeps only its own tenant's pending jobs. A real deployment sweeps every
 * tenant; here the Redis is shared with whatever else runs on the machine (another checkout's tests,
 * an interrupted bench), whose pending jobs a sweep would otherwise deliver to this test's members.
 */
function sweepingOnly(store: RedisStore, tenant: string): RedisStore {
  const all = store.listDeliveryPending.bind(store);
  store.listDeliveryPending = async () => (await all()).filter((p) => p.tenantId === tenant);
  return store;
}

export async function startBot(label: string, o: BotOptions = {}): Promise<Bot> {
  const kind = o.kind ?? 'memory';
  const tenant = o.platform ? `${o.platform}:${tenantOf(label)}` : tenantOf(label);
  const store = kind === 'memory' ? new MemoryStore() : sweepingOnly(new RedisStore(new Redis(REDIS_URL), { ownsClient: true }), tenant);
  const log = memoryLogger();
  const issuanceConfig = { publicBaseUrl: BASE, issuer: { name: 'Example University' }, keyEncryptionKey: KEY, batchSize: o.batchSize ?? 2 };
  const prefix = `cbtest-${run}-${++counter}`;
  const engine = createIssuanceEngine({
    store, log, config: issuanceConfig,
    redisUrl: kind === 'redis' ? REDIS_URL : undefined,
    signer: createCredentialSigner({ store, config: issuanceConfig }),
    queue: { prefix: `${prefix}-iss`, resumeOnStart: false },
  });
  const at = '2026-11-29T07:00:00.000Z';
  await store.putDesign(defaultDesign('badge', { id: 'badge1', tenantId: tenant, name: 'Course badge' }));
  await store.putDesign(defaultDesign('certificate', { id: 'cert1', tenantId: tenant, name: 'Course certificate' }));
  const group: Group = {
    id: 'g1', tenantId: tenant, name: 'Data Science 101', courseName: 'Data Science 101', courseDescription: 'Intro to data science.',
    badgeDesignId: 'badge1', certificateDesignId: 'cert1', expiry: { kind: 'none' }, allowDuplicates: false,
    customAttributes: ['grade'], language: 'en', createdBy: 'U1', createdAt: at, updatedAt: at, ...o.group,
  };
  await store.putGroup(group);
  const deliveryOn = (s: Store, e: DeliveryDeps['engine'], over: Pick<BotOptions, 'ports' | 'delivery'>) => createDelivery({
    store: s, engine: e, log,
    ports: over.ports ?? {},
    config: {
      publicBaseUrl: BASE,
      ISSUER_NAME: 'Example University',
      ISSUER_EMAIL: 'registrar@example.edu',
      DELIVERY_RATE_PER_MINUTE: o.ratePerMinute ?? 6000,
      ...(o.smtpPort !== undefined ? { smtp: { host: '127.0.0.1', port: o.smtpPort, secure: false, from: 'Example University <credentials@example.edu>', ...(o.smtpAuth ? { user: o.smtpAuth.user, password: o.smtpAuth.password } : {}) } } : {}),
      ...(kind === 'redis' ? { REDIS_URL } : {}),
    },
    options: { retryDelaysMs: [50, 100], queuePrefix: `${prefix}-dlv`, smtpTimeoutsMs: { connection: 2000, greeting: 2000, socket: 5000 }, ...over.delivery },
  });
  const delivery = deliveryOn(store, engine, o);
  if (o.startDelivery !== false) delivery.start();
  let submission = 0;
  return {
    tenant, store, engine, delivery, log, group,
    async issue(people) {
      const { job } = await engine.startFormJob({
        tenantId: tenant, groupId: group.id, startedBy: 'U1', submissionId: `s${++submission}`,
        recipients: people.map((p) => ({ recipient: { name: p.name, email: p.email }, attributes: (p.grade ? { grade: p.grade } : {}) as Record<string, string> })),
        conversation: { tenantId: tenant, channelId: 'C1' },
      });
      const deadline = Date.now() + 30_000 + 10 * people.length; // benchmarks issue many
      for (;;) {
        const j = (await store.getJob(tenant, job.id))!;
        if (j.state === 'done' || j.state === 'failed') return j;
        if (Date.now() > deadline) throw new Error(`job ${job.id} did not end (${j.state})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    nextProcess(over = {}) {
      if (kind !== 'redis') throw new Error('only Redis outlives a process');
      const next = sweepingOnly(new RedisStore(new Redis(REDIS_URL), { ownsClient: true }), tenant);
      const d = deliveryOn(next, { onProgress: () => undefined, onFinished: () => undefined }, { ports: over.ports ?? o.ports, delivery: { ...o.delivery, ...over.delivery } });
      return { delivery: d, store: next, close: async () => { await d.stop(); await next.close(); } };
    },
    async close() {
      await delivery.stop();
      await engine.close();
      if (kind === 'redis') {
        const jobs = await store.listJobs(tenant, 100);
        const ids = (await Promise.all(jobs.map((j) => store.getRows(tenant, j.id)))).flat().flatMap((r) => (r.credentialId ? [r.credentialId] : []));
        await cleanupRedis([tenant], ids, [`${prefix}-iss`, `${prefix}-dlv`]);
      }
      await store.close();
    },
  };
}

