/**
 * @module store/port — the one storage interface. Two implementations: Redis (production,
 * `redis-store.ts`) and in memory (`memory-store.ts`, used when REDIS_URL is unset).
 * Every method takes the tenant first: no call can reach another tenant's data.
 */
import type {
  AuditEntry,
  CredentialRecord,
  NewCredentialRecord,
  DeliveryRecord,
  Design,
  Group,
  IssuerKeyRecord,
  Job,
  JobCounts,
  RowResult,
  TenantId,
  UserId,
} from '../domain/types.js';

export interface Store {
  // Designs and groups
  putDesign(design: Design): Promise<void>;
  getDesign(tenant: TenantId, id: string): Promise<Design | undefined>;
  listDesigns(tenant: TenantId): Promise<Design[]>;
  putGroup(group: Group): Promise<void>;
  getGroup(tenant: TenantId, id: string): Promise<Group | undefined>;
  listGroups(tenant: TenantId): Promise<Group[]>;

  // Credentials
  /**
   * Stores credentials in one round trip. For a group that does not allow duplicates the
   * (group, emailKey) pair is claimed atomically: a credential whose pair is already taken is not
   * stored and is returned in `duplicates` with the id that holds it.
   * Re-storing the same credential id is a no-op (returned in `existing`).
   */
  putCredentials(
    tenant: TenantId,
    creds: NewCredentialRecord[],
    opts: { allowDuplicates: boolean },
  ): Promise<{ stored: string[]; existing: string[]; duplicates: { id: string; heldBy: string }[] }>;
  getCredential(tenant: TenantId, id: string): Promise<CredentialRecord | undefined>;
  /** Public lookup by credential id alone (verification pages do not know the tenant). */
  findCredential(id: string): Promise<CredentialRecord | undefined>;
  /** The credential id a recipient already holds in a group, if any. */
  findCredentialByEmail(tenant: TenantId, groupId: string, emailKey: string): Promise<string | undefined>;
  countCredentials(tenant: TenantId, groupId: string): Promise<number>;
  listCredentials(tenant: TenantId, groupId: string, opts?: { offset?: number; limit?: number }): Promise<CredentialRecord[]>;
  /** Replaces a stored credential (e.g. on revocation); throws NotFoundError for an unknown id. */
  updateCredential(cred: CredentialRecord): Promise<void>;

  // Delivery (email / chat) outcomes, one per credential and channel
  /** Saves the latest outcome of a credential on a channel, replacing the previous one. */
  putDelivery(tenant: TenantId, record: DeliveryRecord): Promise<void>;
  /** The recorded outcomes of these credentials (any channel); credentials never delivered are absent. */
  getDeliveries(tenant: TenantId, credentialIds: string[]): Promise<DeliveryRecord[]>;

  /**
   * Saves each record whose credential has no outcome on that channel yet, in one step; an existing outcome
   * is kept (a late writer never turns a `sent` back into `queued`).
   */
  putDeliveriesIfAbsent(tenant: TenantId, records: DeliveryRecord[]): Promise<void>;

  // Delivery queueing progress, per job: how many of a job's rows delivery has queued (its offset),
  // and which jobs still have rows to queue, so a restarted process finishes what a stopped one left.
  /** Marks a job as having rows delivery may not have queued yet; a no-op when it is marked already (the offset stays). */
  markDeliveryPending(tenant: TenantId, jobId: string): Promise<void>;
  /** How many of the job's rows (in recorded order) delivery has queued; undefined when the job is not pending. */
  getDeliveryOffset(tenant: TenantId, jobId: string): Promise<number | undefined>;
  /** Raises the job's offset to `offset` (never lowers it: another process may be further on), marking it pending. */
  advanceDeliveryOffset(tenant: TenantId, jobId: string, offset: number): Promise<void>;
  /** The job is finished and every row of it queued: it is no longer pending (its offset is forgotten). */
  clearDeliveryPending(tenant: TenantId, jobId: string): Promise<void>;
  /** Every job marked pending, across all tenants, with its offset (the set is small: jobs not yet fully queued). */
  listDeliveryPending(): Promise<{ tenantId: TenantId; jobId: string; offset: number }[]>;

  // Status lists (revocation)
  /**
   * Claims up to `count` random unused indexes in the tenant's status list, in one step; never hands
   * out an index twice. Fewer (or none) when the list fills up: the caller moves on to a new list.
   * listSize must be a multiple of 8.
   */
  allocateStatusIndexes(tenant: TenantId, listId: string, listSize: number, count: number, random: () => number): Promise<number[]>;
  setStatusBit(tenant: TenantId, listId: string, index: number, value: boolean): Promise<void>;
  /** The raw bitstring (listSize / 8 bytes), bit 0 = most significant bit of byte 0. */
  getStatusBits(tenant: TenantId, listId: string, listSize: number): Promise<Buffer>;
  /**
   * The signed status-list credential, cached until the next revocation. Storing it also raises the
   * list's version (getStatusListVersion), in the same atomic step.
   */
  putStatusListCredential(tenant: TenantId, listId: string, vc: Record<string, unknown>): Promise<void>;
  getStatusListCredential(tenant: TenantId, listId: string): Promise<Record<string, unknown> | undefined>;
  /**
   * How many times the list's signed credential was stored (0 before the first). Processes that keep
   * a verified list in memory compare it per request: a change (another process revoked) means re-read.
   */
  getStatusListVersion(tenant: TenantId, listId: string): Promise<number>;
  /**
   * findCredential plus the version of the status list the credential is on (`statusListId`), read
   * together: one round trip after the index lookup. For verification pages.
   */
  findCredentialWithStatusVersion(id: string): Promise<{ record: CredentialRecord; statusListVersion: number } | undefined>;

  // Jobs
  /** Creates the job unless one with the same idempotency key exists; returns the job that holds the key. */
  createJobOnce(job: Job, idempotencyKey: string): Promise<{ job: Job; created: boolean }>;
  getJob(tenant: TenantId, id: string): Promise<Job | undefined>;
  listJobs(tenant: TenantId, limit: number): Promise<Job[]>;
  /**
   * Saves a job's state and fields; throws NotFoundError for an unknown job. Each count keeps the
   * larger of the stored and the given value, so a stale Job object never erases recordRows progress.
   */
  updateJob(job: Job): Promise<void>;
  /** Appends row results and adds to the counts in one round trip; throws NotFoundError for an unknown job. */
  recordRows(tenant: TenantId, jobId: string, rows: RowResult[], counts: Partial<JobCounts>): Promise<void>;
  /** Row results in the order they were recorded; `offset`/`limit` give a page (rows are only ever appended). */
  getRows(tenant: TenantId, jobId: string, opts?: { offset?: number; limit?: number }): Promise<RowResult[]>;
  /** Jobs not in a final state (for resuming after a restart), across all tenants, oldest first. */
  listUnfinishedJobs(): Promise<Job[]>;

  // Roles
  addIssuer(tenant: TenantId, user: UserId): Promise<void>;
  removeIssuer(tenant: TenantId, user: UserId): Promise<void>;
  isIssuer(tenant: TenantId, user: UserId): Promise<boolean>;
  listIssuers(tenant: TenantId): Promise<UserId[]>;

  // Issuer keys
  /** Saves the key unless one exists; returns whichever is stored (first writer wins across processes). */
  putIssuerKeyOnce(key: IssuerKeyRecord): Promise<IssuerKeyRecord>;
  getIssuerKey(tenant: TenantId): Promise<IssuerKeyRecord | undefined>;

  // Audit
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(tenant: TenantId, limit: number): Promise<AuditEntry[]>;

  // Uploaded files (CSV sources kept until their job is done; also logos / SVGs)
  putBlob(tenant: TenantId, key: string, content: Buffer, ttlSeconds?: number): Promise<void>;
  getBlob(tenant: TenantId, key: string): Promise<Buffer | undefined>;

  // Short-lived state: de-duplication, conversation state, locks
  /** True the first time a key is claimed within ttl (Slack retries for ~5 minutes; use 10). */
  claimOnce(tenant: TenantId, key: string, ttlSeconds: number): Promise<boolean>;
  /**
   * claimOnce in two steps, for work that must happen once even if the process doing it dies midway. Step one
   * takes each key for `owner` for `leaseMs` only, atomically; per key, in order: `granted` (it was free, its
   * lease ran out, or `owner` holds it already), `done` (confirmed, or taken by claimOnce), or `held` with the
   * milliseconds left on another owner's lease (that owner may be slow or dead: try again after).
   */
  leaseClaims(tenant: TenantId, keys: string[], owner: string, leaseMs: number): Promise<ClaimLease[]>;
  /**
   * Step two, once the work is done: each key stays taken for ttlSeconds, as after claimOnce. A key whose
   * lease ran out untaken is confirmed too; one another owner leased meanwhile is left to that owner.
   */
  confirmClaims(tenant: TenantId, keys: string[], owner: string, ttlSeconds: number): Promise<void>;
  putState(tenant: TenantId, key: string, value: unknown, ttlSeconds: number): Promise<void>;
  getState<T>(tenant: TenantId, key: string): Promise<T | undefined>;
  deleteState(tenant: TenantId, key: string): Promise<void>;
  /**
   * Runs fn while holding a lock (across processes with Redis); waits up to waitMs (default 10 s) for
   * it, then throws LockTimeoutError. The lock lapses after ttlMs even if fn is still running.
   */
  withLock<T>(tenant: TenantId, name: string, ttlMs: number, fn: () => Promise<T>, waitMs?: number): Promise<T>;

  close(): Promise<void>;
}

/** What leaseClaims found for one key. */
export type ClaimLease = { state: 'granted' } | { state: 'done' } | { state: 'held'; msLeft: number };
