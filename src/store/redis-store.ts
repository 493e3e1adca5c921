/**
 * @module store/redis-store — the Store over Redis (ioredis), for production: shared by every
 * process, so locks, de-duplication and duplicate claims hold across them. Works on one Redis
 * server or a Redis Cluster. The key layout is documented in redis-keys.ts; the atomic steps are
 * Lua scripts in redis-scripts.ts and redis-credential-scripts.ts, and a batch's writes go as
 * MULTI/EXEC blocks (redis-transactions.ts); credentials and jobs are in redis-credentials.ts /
 * redis-jobs.ts, delivery's per-job progress in redis-delivery-progress.ts, two-step claims in redis-claims.ts.
 */
import { randomUUID } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import type {
  AuditEntry, CredentialRecord, NewCredentialRecord, DeliveryRecord, Design, Group, IssuerKeyRecord, Job, JobCounts, RowResult, TenantId, UserId,
} from '../domain/types.js';
import { LockTimeoutError } from './errors.js';
import type { Store } from './port.js';
import * as claims from './redis-claims.js';
import * as creds from './redis-credentials.js';
import * as deliveryProgress from './redis-delivery-progress.js';
import * as jobs from './redis-jobs.js';
import { tenantKeys } from './redis-keys.js';
import * as statusVersions from './redis-status-versions.js';
import { defineScripts, script, send } from './redis-scripts.js';
import { byName, checkId, checkLockTtl, DELIVERY_CHANNELS, sleep as realSleep, ttlSecondsOf, whole } from './rules.js';

export interface RedisStoreOptions {
  /** Quit the client on close() (true when the store created it). */
  ownsClient?: boolean;
  /** How a waiting `withLock` pauses between tries. */
  sleep?: (ms: number) => Promise<void>;
}

export class RedisStore implements Store {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    readonly client: Redis | Cluster,
    private readonly opts: RedisStoreOptions = {},
  ) {
    defineScripts(client);
    this.sleep = opts.sleep ?? realSleep;
  }

  /** Cluster and Redis share the command API; this view gives the type checker one of them. */
  private get r(): Redis {
    return this.client as Redis;
  }

  // Designs and groups
  async putDesign(design: Design) {
    checkId('A design id', design.id);
    await this.r.hset(tenantKeys(design.tenantId).designs, design.id, JSON.stringify(design));
  }
  async getDesign(tenant: TenantId, id: string) { return parse<Design>(await this.r.hget(tenantKeys(tenant).designs, id)); }
  async listDesigns(tenant: TenantId) { return (await this.r.hvals(tenantKeys(tenant).designs)).map((j) => JSON.parse(j) as Design).sort(byName); }
  async putGroup(group: Group) {
    checkId('A group id', group.id);
    await this.r.hset(tenantKeys(group.tenantId).groups, group.id, JSON.stringify(group));
  }
  async getGroup(tenant: TenantId, id: string) { return parse<Group>(await this.r.hget(tenantKeys(tenant).groups, id)); }
  async listGroups(tenant: TenantId) { return (await this.r.hvals(tenantKeys(tenant).groups)).map((j) => JSON.parse(j) as Group).sort(byName); }

  // Credentials and status lists
  putCredentials(tenant: TenantId, list: NewCredentialRecord[], opts: { allowDuplicates: boolean }) {
    return creds.putCredentials(this.client, tenant, list, opts.allowDuplicates);
  }
  getCredential(tenant: TenantId, id: string) { return creds.getCredential(this.client, tenant, id); }
  findCredential(id: string) { return creds.findCredential(this.client, id); }
  async findCredentialByEmail(tenant: TenantId, groupId: string, emailKey: string) {
    return (await this.r.hget(tenantKeys(tenant).groupEmails(groupId), emailKey)) ?? undefined;
  }
  countCredentials(tenant: TenantId, groupId: string) { return this.r.llen(tenantKeys(tenant).groupCreds(groupId)); }
  listCredentials(tenant: TenantId, groupId: string, opts?: { offset?: number; limit?: number }) {
    return creds.listCredentials(this.client, tenant, groupId, opts);
  }
  updateCredential(cred: CredentialRecord) { return creds.updateCredential(this.client, cred); }
  allocateStatusIndexes(tenant: TenantId, listId: string, listSize: number, count: number, random: () => number) {
    return creds.allocateStatusIndexes(this.client, tenant, listId, listSize, count, random);
  }
  setStatusBit(tenant: TenantId, listId: string, index: number, value: boolean) {
    return creds.setStatusBit(this.client, tenant, listId, index, value);
  }
  getStatusBits(tenant: TenantId, listId: string, listSize: number) { return creds.getStatusBits(this.client, tenant, listId, listSize); }
  putStatusListCredential(tenant: TenantId, listId: string, vc: Record<string, unknown>) {
    return statusVersions.putStatusListCredential(this.client, tenant, listId, vc);
  }
  async getStatusListCredential(tenant: TenantId, listId: string) {
    return parse<Record<string, unknown>>(await this.r.get(tenantKeys(tenant).statusVc(listId)));
  }
  getStatusListVersion(tenant: TenantId, listId: string) { return statusVersions.getStatusListVersion(this.client, tenant, listId); }
  findCredentialWithStatusVersion(id: string) { return statusVersions.findCredentialWithStatusVersion(this.client, id); }

  // Jobs
  createJobOnce(job: Job, idempotencyKey: string) { return jobs.createJobOnce(this.client, job, idempotencyKey); }
  getJob(tenant: TenantId, id: string) { return jobs.getJob(this.client, tenant, id); }
  listJobs(tenant: TenantId, limit: number) { return jobs.listJobs(this.client, tenant, limit); }
  updateJob(job: Job) { return jobs.updateJob(this.client, job); }
  recordRows(tenant: TenantId, jobId: string, rows: RowResult[], counts: Partial<JobCounts>) {
    return jobs.recordRows(this.client, tenant, jobId, rows, counts);
  }
  getRows(tenant: TenantId, jobId: string, opts?: { offset?: number; limit?: number }) { return jobs.getRows(this.client, tenant, jobId, opts); }
  listUnfinishedJobs() { return jobs.listUnfinishedJobs(this.client); }

  // Delivery outcomes
  async putDelivery(tenant: TenantId, record: DeliveryRecord) {
    checkId('A credential id', record.credentialId);
    await this.r.hset(tenantKeys(tenant).delivery, `${record.credentialId}:${record.channel}`, JSON.stringify(record));
  }
  async getDeliveries(tenant: TenantId, credentialIds: string[]) {
    if (credentialIds.length === 0) return [];
    const fields = credentialIds.flatMap((id) => DELIVERY_CHANNELS.map((c) => `${id}:${c}`));
    const found = await this.r.hmget(tenantKeys(tenant).delivery, ...fields);
    return found.filter((j): j is string => j !== null).map((j) => JSON.parse(j) as DeliveryRecord);
  }
  putDeliveriesIfAbsent(tenant: TenantId, records: DeliveryRecord[]) { return claims.putDeliveriesIfAbsent(this.client, tenant, records); }

  // Delivery queueing progress
  markDeliveryPending(tenant: TenantId, jobId: string) { return deliveryProgress.markDeliveryPending(this.client, tenant, jobId); }
  getDeliveryOffset(tenant: TenantId, jobId: string) { return deliveryProgress.getDeliveryOffset(this.client, tenant, jobId); }
  advanceDeliveryOffset(tenant: TenantId, jobId: string, offset: number) {
    return deliveryProgress.advanceDeliveryOffset(this.client, tenant, jobId, offset);
  }
  clearDeliveryPending(tenant: TenantId, jobId: string) { return deliveryProgress.clearDeliveryPending(this.client, tenant, jobId); }
  listDeliveryPending() { return deliveryProgress.listDeliveryPending(this.client); }

  // Roles
  async addIssuer(tenant: TenantId, user: UserId) { checkId('A user id', user); await this.r.sadd(tenantKeys(tenant).issuers, user); }
  async removeIssuer(tenant: TenantId, user: UserId) { await this.r.srem(tenantKeys(tenant).issuers, user); }
  async isIssuer(tenant: TenantId, user: UserId) { return (await this.r.sismember(tenantKeys(tenant).issuers, user)) === 1; }
  async listIssuers(tenant: TenantId) { return (await this.r.smembers(tenantKeys(tenant).issuers)).sort(); }

  // Issuer keys
  async putIssuerKeyOnce(key: IssuerKeyRecord) {
    const [stored] = await send(this.client, [[script('cbSetOnce', [tenantKeys(key.tenantId).issuerKey], [JSON.stringify(key)])]]);
    return JSON.parse(stored as string) as IssuerKeyRecord;
  }
  async getIssuerKey(tenant: TenantId) { return parse<IssuerKeyRecord>(await this.r.get(tenantKeys(tenant).issuerKey)); }

  // Audit
  async appendAudit(entry: AuditEntry) { await this.r.lpush(tenantKeys(entry.tenantId).audit, JSON.stringify(entry)); }
  async listAudit(tenant: TenantId, limit: number) {
    const n = whole(limit, 0);
    if (n === 0) return [];
    return (await this.r.lrange(tenantKeys(tenant).audit, 0, n - 1)).map((j) => JSON.parse(j) as AuditEntry);
  }

  // Blobs
  async putBlob(tenant: TenantId, key: string, content: Buffer, ttlSeconds?: number) {
    checkId('A blob key', key);
    const k = tenantKeys(tenant).blob(key);
    if (ttlSeconds === undefined) await this.r.set(k, content);
    else await this.r.set(k, content, 'EX', ttlSecondsOf(ttlSeconds));
  }
  async getBlob(tenant: TenantId, key: string) { return (await this.r.getBuffer(tenantKeys(tenant).blob(key))) ?? undefined; }

  // Short-lived state
  async claimOnce(tenant: TenantId, key: string, ttlSeconds: number) {
    return (await this.r.set(tenantKeys(tenant).once(key), '1', 'EX', ttlSecondsOf(ttlSeconds), 'NX')) === 'OK';
  }
  leaseClaims(tenant: TenantId, keys: string[], owner: string, leaseMs: number) { return claims.leaseClaims(this.client, tenant, keys, owner, leaseMs); }
  confirmClaims(tenant: TenantId, keys: string[], owner: string, ttlSeconds: number) {
    return claims.confirmClaims(this.client, tenant, keys, owner, ttlSeconds);
  }
  async putState(tenant: TenantId, key: string, value: unknown, ttlSeconds: number) {
    checkId('A state key', key);
    await this.r.set(tenantKeys(tenant).state(key), JSON.stringify(value), 'EX', ttlSecondsOf(ttlSeconds));
  }
  async getState<T>(tenant: TenantId, key: string) { return parse<T>(await this.r.get(tenantKeys(tenant).state(key))); }
  async deleteState(tenant: TenantId, key: string) { await this.r.del(tenantKeys(tenant).state(key)); }

  /** SET NX PX with a random token; polls until waitMs; releases only if the token is still ours. */
  async withLock<T>(tenant: TenantId, name: string, ttlMs: number, fn: () => Promise<T>, waitMs = 10_000): Promise<T> {
    checkLockTtl(ttlMs);
    const key = tenantKeys(tenant).lock(name);
    const token = randomUUID();
    const ttl = Math.max(1, Math.ceil(ttlMs));
    const deadline = Date.now() + waitMs;
    let pause = 10;
    while ((await this.r.set(key, token, 'PX', ttl, 'NX')) !== 'OK') {
      if (Date.now() >= deadline) throw new LockTimeoutError(tenant, name, waitMs);
      await this.sleep(Math.min(pause, Math.max(1, deadline - Date.now())));
      pause = Math.min(pause * 2, 100); // back off, so many waiters do not hammer Redis
    }
    try {
      return await fn();
    } finally {
      // If the release fails (Redis gone), the lock still lapses after ttlMs: fn's outcome matters more.
      await send(this.client, [[script('cbReleaseLock', [key], [token])]]).catch(() => undefined);
    }
  }

  async close() {
    if (this.opts.ownsClient) await this.client.quit();
  }
}

function parse<T>(json: string | null): T | undefined {
  return json === null ? undefined : (JSON.parse(json) as T);
}

export interface RedisConnectOptions {
  /** Cluster seed nodes (`host:port`); when given, the URL supplies only credentials and TLS. */
  clusterNodes?: string[];
}

/** Builds a Redis (or Redis Cluster) client and a store that owns it. */
export function createRedisStore(url: string, opts: RedisConnectOptions = {}): RedisStore {
  if (opts.clusterNodes && opts.clusterNodes.length > 0) {
    const u = new URL(url);
    const nodes = opts.clusterNodes.map((n) => {
      const [host, port] = n.trim().split(':');
      return { host, port: Number(port || 6379) };
    });
    const cluster = new Cluster(nodes, {
      redisOptions: {
        username: u.username ? decodeURIComponent(u.username) : undefined,
        password: u.password ? decodeURIComponent(u.password) : undefined,
        tls: u.protocol === 'rediss:' ? {} : undefined,
      },
    });
    return new RedisStore(cluster, { ownsClient: true });
  }
  return new RedisStore(new Redis(url), { ownsClient: true });
}
