/**
 * @module test/issuance/harness — an engine over a real store (memory or the real Redis), a group,
 * CSV uploads, and a wait for a job's end; plus cleanup of everything a Redis run wrote.
 */
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type { Group, Job, TenantId } from '../../src/domain/types.js';
import { createCredentialSigner, type CredentialsBridge } from '../../src/issuance/credentials-bridge.js';
import { createIssuanceEngine, type CredbotIssuanceEngine } from '../../src/issuance/index.js';
import { hashContent } from '../../src/intake/index.js';
import { memoryLogger } from '../../src/log.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/port.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { createHttpServer } from '../../src/web/http-server.js';
import { webRoutes } from '../../src/web/routes.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';
export const BASE = 'https://credbot.test';
/** A fixed test key (never a real one): issuer keys are encrypted with it in the test store. */
export const KEY = '11'.repeat(32);
export const CONFIG = { publicBaseUrl: BASE, issuer: { name: 'Example University', url: 'https://example.edu' }, keyEncryptionKey: KEY, batchSize: 3 };
export const run = `iss${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let counter = 0;
export const tenantOf = (label: string): TenantId => `test-issuance-${run}:${label}-${++counter}`;

export function group(tenantId: TenantId, id: string, over: Partial<Group> = {}): Group {
  const at = '2026-11-29T07:00:00.000Z';
  return {
    id, tenantId, name: 'Data Science 101', courseName: 'Data Science 101', courseDescription: 'Intro to data science.',
    expiry: { kind: 'none' }, allowDuplicates: false, customAttributes: ['grade'], language: 'en',
    createdBy: 'U1', createdAt: at, updatedAt: at, ...over,
  };
}

export interface Harness {
  store: Store;
  engine: CredbotIssuanceEngine;
  /** The engine's door to credentials/ (sign, verify, status lists), shared with the web routes. */
  credentials: CredentialsBridge;
  log: ReturnType<typeof memoryLogger>;
  kind: 'memory' | 'redis';
  /** This engine's own BullMQ prefix (each harness its own queue, so its listeners see its jobs). */
  prefix: string;
  close(): Promise<void>;
}

/** A unique tenant's keys, plus the public credential index entries of the given ids. */
export async function cleanupRedis(tenants: TenantId[], credentialIds: string[] = [], prefixes: string[] = []): Promise<void> {
  const c = new Redis(REDIS_URL);
  const del = async (pattern: string) => {
    let cursor = '0';
    do {
      const [next, keys] = await c.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await c.del(...keys);
    } while (cursor !== '0');
  };
  for (const t of tenants) await del(`cb:{${t}}:*`);
  for (const p of prefixes) await del(`${p}:*`);
  for (let i = 0; i < credentialIds.length; i += 500) {
    const ids = credentialIds.slice(i, i + 500);
    if (ids.length) await c.del(...ids.map((id) => `cb:credidx:{${id}}`));
  }
  if (tenants.length) await c.srem('cb:tenants', ...tenants);
  await c.quit();
}

export function makeHarness(kind: 'memory' | 'redis', opts: { clock?: () => Date; prefix?: string; signer?: import('../../src/issuance/signer.js').CredentialSigner } = {}): Harness {
  const store = kind === 'memory' ? new MemoryStore() : new RedisStore(new Redis(REDIS_URL), { ownsClient: true });
  const log = memoryLogger();
  const prefix = opts.prefix ?? `cbtest-${run}-${++counter}`;
  const credentials = opts.signer ? undefined : createCredentialSigner({ store, config: CONFIG, clock: opts.clock });
  const engine = createIssuanceEngine({
    store,
    redisUrl: kind === 'redis' ? REDIS_URL : undefined,
    config: CONFIG,
    log,
    clock: opts.clock,
    signer: opts.signer ?? credentials,
    queue: { prefix, stalledIntervalMs: 1000, lockDurationMs: 3000, resumeOnStart: false },
  });
  return {
    store, engine, log, kind, prefix, credentials: credentials!,
    close: async () => {
      await engine.close();
      await store.close();
    },
  };
}

/** Serves the web routes over real HTTP on an ephemeral port. */
export async function serveWeb(h: Harness): Promise<{ url: string; close(): Promise<void> }> {
  const server = createHttpServer(webRoutes({ store: h.store, publicBaseUrl: BASE, log: h.log, credentials: h.credentials }), h.log);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

export async function uploadCsv(store: Store, tenantId: TenantId, csv: string, fileId = `F${++counter}`) {
  const bytes = Buffer.from(csv, 'utf8');
  const blobKey = `upload:${fileId}`;
  await store.putBlob(tenantId, blobKey, bytes);
  return { fileId, fileName: 'people.csv', blobKey, contentHash: await hashContent(bytes) };
}

/** Polls the store until the job is done or failed. */
export async function waitForJob(store: Store, tenant: TenantId, jobId: string, timeoutMs = 20_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await store.getJob(tenant, jobId);
    if (job && (job.state === 'done' || job.state === 'failed')) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not finish in ${timeoutMs} ms (state ${job?.state}, ${JSON.stringify(job?.counts)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
