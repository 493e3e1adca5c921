/**
 * @module store/memory-store — the Store in process memory, used when REDIS_URL is unset (and in
 * tests). Same behaviour as the Redis store: TTLs honoured against an injected clock, locks held
 * within this process only. Everything is lost when the process stops.
 */
import type {
  AuditEntry, CredentialRecord, NewCredentialRecord, DeliveryRecord, Design, Group, IssuerKeyRecord, Job, JobCounts, RowResult, TenantId, UserId,
} from '../domain/types.js';
import { LockTimeoutError, NotFoundError } from './errors.js';
import { confirmClaims, leaseClaims, type ClaimMap } from './memory-claims.js';
import type { Store } from './port.js';
import {
  byName, checkAllocationCount, checkCredentials, checkDeliveryOffset, DELIVERY_CHANNELS, checkId, checkListSize, checkLockTtl, checkStatusIndex, checkTenant, COUNT_FIELDS, copy,
  isFinished, leaseMsOf, mergeCounts, newestFirst, sleep as realSleep, statusCandidates, ttlSecondsOf, whole,
} from './rules.js';

const utf8 = new TextDecoder();
/** The signing thread's UTF-8 JSON, as the object readers get. */
const parseJsonBytes = (bytes: Uint8Array): Record<string, unknown> => JSON.parse(utf8.decode(bytes)) as Record<string, unknown>;

export interface MemoryStoreOptions {
  /** Milliseconds since the epoch; tests move it forward to expire entries. */
  now?: () => number;
  /** How a waiting `withLock` pauses between tries. */
  sleep?: (ms: number) => Promise<void>;
}

interface Expiring<T> { value: T; expiresAt?: number }

/** One tenant's data; nothing here is reachable without going through the tenant first. */
class TenantData {
  designs = new Map<string, Design>();
  groups = new Map<string, Group>();
  creds = new Map<string, CredentialRecord>();
  groupCreds = new Map<string, string[]>(); // group id -> credential ids, in issue order
  emailClaims = new Map<string, string>(); // `${group}\n${emailKey}` -> credential id
  statusAllocated = new Map<string, Set<number>>();
  statusBits = new Map<string, Buffer>();
  statusVcs = new Map<string, Record<string, unknown>>();
  statusVersions = new Map<string, number>(); // list id -> how many times its credential was stored
  jobs = new Map<string, Job>();
  jobKeys = new Map<string, string>(); // idempotency key -> job id
  rows = new Map<string, RowResult[]>();
  deliveries = new Map<string, DeliveryRecord>(); // `${credential id}\n${channel}` -> latest outcome
  deliveryPending = new Map<string, number>(); // job id -> rows delivery has queued; present = rows may be left
  issuers = new Set<UserId>();
  issuerKey?: IssuerKeyRecord;
  audit: AuditEntry[] = []; // newest first
  blobs = new Map<string, Expiring<Buffer>>();
  once: ClaimMap = new Map(); // claimOnce, leaseClaims / confirmClaims (memory-claims.ts)
  state = new Map<string, Expiring<string>>();
  locks = new Map<string, Expiring<symbol>>();
}

export class MemoryStore implements Store {
  private readonly tenants = new Map<TenantId, TenantData>();
  private readonly credIndex = new Map<string, TenantId>(); // credential id -> tenant, for findCredential
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(opts: MemoryStoreOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? realSleep;
  }

  private t(tenant: TenantId): TenantData {
    checkTenant(tenant);
    let d = this.tenants.get(tenant);
    if (!d) this.tenants.set(tenant, (d = new TenantData()));
    return d;
  }

  private live<T>(map: Map<string, Expiring<T>>, key: string): T | undefined {
    const e = map.get(key);
    if (!e) return undefined;
    if (e.expiresAt !== undefined && e.expiresAt <= this.now()) {
      map.delete(key);
      return undefined;
    }
    return e.value;
  }

  private expiry(ttlSeconds: number | undefined): number | undefined {
    return ttlSeconds === undefined ? undefined : this.now() + ttlSecondsOf(ttlSeconds) * 1000;
  }

  // Designs and groups
  async putDesign(design: Design) { checkId('A design id', design.id); this.t(design.tenantId).designs.set(design.id, copy(design)); }
  async getDesign(tenant: TenantId, id: string) { const d = this.t(tenant).designs.get(id); return d && copy(d); }
  async listDesigns(tenant: TenantId) { return [...this.t(tenant).designs.values()].map(copy).sort(byName); }
  async putGroup(group: Group) { checkId('A group id', group.id); this.t(group.tenantId).groups.set(group.id, copy(group)); }
  async getGroup(tenant: TenantId, id: string) { const g = this.t(tenant).groups.get(id); return g && copy(g); }
  async listGroups(tenant: TenantId) { return [...this.t(tenant).groups.values()].map(copy).sort(byName); }

  // Credentials
  async putCredentials(tenant: TenantId, creds: NewCredentialRecord[], opts: { allowDuplicates: boolean }) {
    const d = this.t(tenant);
    checkCredentials(tenant, creds);
    const result = { stored: [] as string[], existing: [] as string[], duplicates: [] as { id: string; heldBy: string }[] };
    for (const c of creds) {
      if (d.creds.has(c.id)) { result.existing.push(c.id); continue; }
      const claim = `${c.groupId}\n${c.emailKey}`;
      const heldBy = d.emailClaims.get(claim);
      if (heldBy !== undefined && !opts.allowDuplicates) { result.duplicates.push({ id: c.id, heldBy }); continue; }
      const { signed, ...rest } = c;
      d.creds.set(c.id, { ...copy(rest), signed: signed instanceof Uint8Array ? parseJsonBytes(signed) : copy(signed) });
      if (heldBy === undefined) d.emailClaims.set(claim, c.id);
      const list = d.groupCreds.get(c.groupId) ?? [];
      list.push(c.id);
      d.groupCreds.set(c.groupId, list);
      if (!this.credIndex.has(c.id)) this.credIndex.set(c.id, tenant);
      result.stored.push(c.id);
    }
    return result;
  }
  async getCredential(tenant: TenantId, id: string) { const c = this.t(tenant).creds.get(id); return c && copy(c); }
  async findCredential(id: string) {
    const tenant = this.credIndex.get(id);
    return tenant === undefined ? undefined : this.getCredential(tenant, id);
  }
  async findCredentialByEmail(tenant: TenantId, groupId: string, emailKey: string) {
    return this.t(tenant).emailClaims.get(`${groupId}\n${emailKey}`);
  }
  async countCredentials(tenant: TenantId, groupId: string) { return this.t(tenant).groupCreds.get(groupId)?.length ?? 0; }
  async listCredentials(tenant: TenantId, groupId: string, opts: { offset?: number; limit?: number } = {}) {
    const d = this.t(tenant);
    const ids = d.groupCreds.get(groupId) ?? [];
    const start = whole(opts.offset, 0);
    const end = start + whole(opts.limit, ids.length);
    return ids.slice(start, end).map((id) => copy(d.creds.get(id)!));
  }
  async updateCredential(cred: CredentialRecord) {
    const d = this.t(cred.tenantId);
    if (!d.creds.has(cred.id)) throw new NotFoundError('Credential', cred.id);
    d.creds.set(cred.id, copy(cred));
  }

  // Status lists
  async allocateStatusIndexes(tenant: TenantId, listId: string, listSize: number, count: number, random: () => number) {
    checkListSize(listSize);
    checkAllocationCount(count);
    const d = this.t(tenant);
    const taken = d.statusAllocated.get(listId) ?? new Set<number>();
    d.statusAllocated.set(listId, taken);
    const picked: number[] = [];
    for (const c of statusCandidates(listSize, random, count)) {
      if (picked.length === count) break;
      if (!taken.has(c)) picked.push(c), taken.add(c);
    }
    // A weak random source (or a nearly full list) runs out of candidates: the lowest free indexes then.
    for (let i = 0; picked.length < count && i < listSize; i++) if (!taken.has(i)) picked.push(i), taken.add(i);
    return picked;
  }
  async setStatusBit(tenant: TenantId, listId: string, index: number, value: boolean) {
    checkStatusIndex(index);
    const d = this.t(tenant);
    let bits = d.statusBits.get(listId) ?? Buffer.alloc(0);
    const byte = index >> 3;
    if (bits.length <= byte) bits = Buffer.concat([bits, Buffer.alloc(byte + 1 - bits.length)]);
    const mask = 0x80 >> (index & 7); // bit 0 is the most significant bit of byte 0, as in Redis SETBIT
    bits[byte] = value ? bits[byte] | mask : bits[byte] & ~mask;
    d.statusBits.set(listId, bits);
  }
  async getStatusBits(tenant: TenantId, listId: string, listSize: number) {
    checkListSize(listSize);
    const out = Buffer.alloc(listSize / 8);
    this.t(tenant).statusBits.get(listId)?.copy(out, 0, 0, out.length);
    return out;
  }
  async putStatusListCredential(tenant: TenantId, listId: string, vc: Record<string, unknown>) {
    const d = this.t(tenant);
    d.statusVcs.set(listId, copy(vc));
    d.statusVersions.set(listId, (d.statusVersions.get(listId) ?? 0) + 1);
  }
  async getStatusListCredential(tenant: TenantId, listId: string) { const v = this.t(tenant).statusVcs.get(listId); return v && copy(v); }
  async getStatusListVersion(tenant: TenantId, listId: string) { return this.t(tenant).statusVersions.get(listId) ?? 0; }
  async findCredentialWithStatusVersion(id: string) {
    const record = await this.findCredential(id);
    return record && { record, statusListVersion: await this.getStatusListVersion(record.tenantId, record.statusListId) };
  }

  // Jobs
  async createJobOnce(job: Job, idempotencyKey: string) {
    checkId('A job id', job.id);
    checkId('An idempotency key', idempotencyKey);
    const d = this.t(job.tenantId);
    const heldBy = d.jobKeys.get(idempotencyKey);
    if (heldBy !== undefined) return { job: copy(d.jobs.get(heldBy)!), created: false };
    d.jobKeys.set(idempotencyKey, job.id);
    d.jobs.set(job.id, copy(job));
    return { job: copy(job), created: true };
  }
  async getJob(tenant: TenantId, id: string) { const j = this.t(tenant).jobs.get(id); return j && copy(j); }
  async listJobs(tenant: TenantId, limit: number) { return [...this.t(tenant).jobs.values()].sort(newestFirst).slice(0, whole(limit, 0)).map(copy); }
  async updateJob(job: Job) {
    const d = this.t(job.tenantId);
    const stored = d.jobs.get(job.id);
    if (!stored) throw new NotFoundError('Job', job.id);
    d.jobs.set(job.id, { ...copy(job), counts: mergeCounts(stored.counts, job.counts) });
  }
  async recordRows(tenant: TenantId, jobId: string, rows: RowResult[], counts: Partial<JobCounts>) {
    const d = this.t(tenant);
    const job = d.jobs.get(jobId);
    if (!job) throw new NotFoundError('Job', jobId);
    d.rows.set(jobId, [...(d.rows.get(jobId) ?? []), ...copy(rows)]);
    for (const f of COUNT_FIELDS) job.counts[f] = (job.counts[f] ?? 0) + Math.trunc(counts[f] ?? 0);
  }
  async getRows(tenant: TenantId, jobId: string, opts: { offset?: number; limit?: number } = {}) {
    const start = whole(opts.offset, 0);
    return copy((this.t(tenant).rows.get(jobId) ?? []).slice(start, start + whole(opts.limit, Infinity)));
  }
  async listUnfinishedJobs() {
    const out: Job[] = [];
    for (const d of this.tenants.values()) for (const j of d.jobs.values()) if (!isFinished(j.state)) out.push(copy(j));
    return out.sort((a, b) => -newestFirst(a, b)); // oldest first: resume in the order they were started
  }

  // Roles
  async addIssuer(tenant: TenantId, user: UserId) { checkId('A user id', user); this.t(tenant).issuers.add(user); }
  async removeIssuer(tenant: TenantId, user: UserId) { this.t(tenant).issuers.delete(user); }
  async isIssuer(tenant: TenantId, user: UserId) { return this.t(tenant).issuers.has(user); }
  async listIssuers(tenant: TenantId) { return [...this.t(tenant).issuers].sort(); }

  // Delivery outcomes
  async putDelivery(tenant: TenantId, record: DeliveryRecord) {
    checkId('A credential id', record.credentialId);
    this.t(tenant).deliveries.set(`${record.credentialId}\n${record.channel}`, copy(record));
  }
  async getDeliveries(tenant: TenantId, credentialIds: string[]) {
    const d = this.t(tenant);
    return credentialIds.flatMap((id) => DELIVERY_CHANNELS.map((c) => d.deliveries.get(`${id}\n${c}`)).filter((r): r is DeliveryRecord => r !== undefined).map(copy));
  }
  async putDeliveriesIfAbsent(tenant: TenantId, records: DeliveryRecord[]) {
    records.forEach((r) => checkId('A credential id', r.credentialId));
    const d = this.t(tenant);
    for (const r of records) if (!d.deliveries.has(`${r.credentialId}\n${r.channel}`)) d.deliveries.set(`${r.credentialId}\n${r.channel}`, copy(r));
  }

  // Delivery queueing progress
  async markDeliveryPending(tenant: TenantId, jobId: string) {
    checkId('A job id', jobId);
    const pending = this.t(tenant).deliveryPending;
    if (!pending.has(jobId)) pending.set(jobId, 0);
  }
  async getDeliveryOffset(tenant: TenantId, jobId: string) { return this.t(tenant).deliveryPending.get(jobId); }
  async advanceDeliveryOffset(tenant: TenantId, jobId: string, offset: number) {
    checkId('A job id', jobId);
    checkDeliveryOffset(offset);
    const pending = this.t(tenant).deliveryPending;
    pending.set(jobId, Math.max(offset, pending.get(jobId) ?? 0));
  }
  async clearDeliveryPending(tenant: TenantId, jobId: string) { this.t(tenant).deliveryPending.delete(jobId); }
  async listDeliveryPending() {
    return [...this.tenants].flatMap(([tenantId, d]) => [...d.deliveryPending].map(([jobId, offset]) => ({ tenantId, jobId, offset })));
  }

  // Issuer keys
  async putIssuerKeyOnce(key: IssuerKeyRecord) {
    const d = this.t(key.tenantId);
    d.issuerKey ??= copy(key);
    return copy(d.issuerKey);
  }
  async getIssuerKey(tenant: TenantId) { const k = this.t(tenant).issuerKey; return k && copy(k); }

  // Audit
  async appendAudit(entry: AuditEntry) { this.t(entry.tenantId).audit.unshift(copy(entry)); }
  async listAudit(tenant: TenantId, limit: number) { return copy(this.t(tenant).audit.slice(0, whole(limit, 0))); }

  // Blobs
  async putBlob(tenant: TenantId, key: string, content: Buffer, ttlSeconds?: number) {
    checkId('A blob key', key);
    this.t(tenant).blobs.set(key, { value: Buffer.from(content), expiresAt: this.expiry(ttlSeconds) });
  }
  async getBlob(tenant: TenantId, key: string) { const b = this.live(this.t(tenant).blobs, key); return b && Buffer.from(b); }

  // Short-lived state
  async claimOnce(tenant: TenantId, key: string, ttlSeconds: number) {
    const d = this.t(tenant);
    if (this.live(d.once, key)) return false;
    d.once.set(key, { value: true, expiresAt: this.expiry(ttlSeconds) });
    return true;
  }
  async leaseClaims(tenant: TenantId, keys: string[], owner: string, leaseMs: number) {
    checkId('A claim owner', owner);
    keys.forEach((k) => checkId('A claim key', k));
    return leaseClaims(this.t(tenant).once, keys, owner, leaseMsOf(leaseMs), this.now());
  }
  async confirmClaims(tenant: TenantId, keys: string[], owner: string, ttlSeconds: number) {
    checkId('A claim owner', owner);
    confirmClaims(this.t(tenant).once, keys, owner, this.expiry(ttlSeconds)!, this.now());
  }
  async putState(tenant: TenantId, key: string, value: unknown, ttlSeconds: number) {
    checkId('A state key', key);
    this.t(tenant).state.set(key, { value: JSON.stringify(value), expiresAt: this.expiry(ttlSeconds) });
  }
  async getState<T>(tenant: TenantId, key: string) {
    const s = this.live(this.t(tenant).state, key);
    return s === undefined ? undefined : (JSON.parse(s) as T);
  }
  async deleteState(tenant: TenantId, key: string) { this.t(tenant).state.delete(key); }

  async withLock<T>(tenant: TenantId, name: string, ttlMs: number, fn: () => Promise<T>, waitMs = 10_000): Promise<T> {
    checkLockTtl(ttlMs);
    const locks = this.t(tenant).locks;
    const token = Symbol(name);
    const deadline = this.now() + waitMs;
    // The lock expires after ttlMs like the Redis one, so a stuck holder cannot block everybody forever.
    while (this.live(locks, name) !== undefined) {
      if (this.now() >= deadline) throw new LockTimeoutError(tenant, name, waitMs);
      await this.sleep(Math.min(10, Math.max(1, deadline - this.now())));
    }
    locks.set(name, { value: token, expiresAt: this.now() + ttlMs });
    try {
      return await fn();
    } finally {
      if (locks.get(name)?.value === token) locks.delete(name);
    }
  }

  async close() {}
}
