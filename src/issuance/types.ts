/**
 * @module issuance/types — what the engine is built from (store, config, clock, randomness, logger)
 * and the plan a job keeps in the store so any process can run or resume it.
 */
import type { Group, Recipient, TenantId } from '../domain/types.js';
import type { ColumnMapping } from '../intake/types.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/port.js';

/** The issuing organisation as it appears in every credential. */
export interface IssuerProfileConfig {
  name: string;
  url?: string;
  email?: string;
  logoUrl?: string;
}

export interface IssuanceConfig {
  /** `https://credbot.example.edu`, no trailing slash: credential URLs start with it. */
  publicBaseUrl: string;
  issuer: IssuerProfileConfig;
  /** 32 bytes (base64 or hex) that encrypt issuer private keys at rest. */
  keyEncryptionKey?: string;
  /** Optional fixed issuer secret key (multibase) instead of one generated per tenant. */
  issuerSecretKey?: string;
  /** Rows per batch (one sign call, one store round trip). Default 250. */
  batchSize?: number;
}

export interface QueueOptions {
  /** BullMQ key prefix (tests use a unique one per run). Default `{cb-bull}`: hash-tagged, so it also works on Redis Cluster. */
  prefix?: string;
  /** A BullMQ connection instead of one opened from `redisUrl` (e.g. an ioredis Cluster with `maxRetriesPerRequest: null`). */
  connection?: import('bullmq').ConnectionOptions;
  /** Jobs one process runs at once. Default 2. */
  concurrency?: number;
  /** How long a worker's claim on a job lasts without renewal (BullMQ lockDuration). Default 30 s. */
  lockDurationMs?: number;
  /** How often workers look for jobs whose worker died (BullMQ stalledInterval). Default 30 s. */
  stalledIntervalMs?: number;
  /** Whether this process takes jobs (false: it only enqueues). Default true. */
  runWorkers?: boolean;
  /**
   * Which unfinished jobs to re-enqueue at start (default all: a restarted bot finishes what it left).
   * Tests and benchmarks that share a Redis with others pass a filter (or false) so they never take
   * someone else's jobs.
   */
  resumeOnStart?: boolean | ((job: import('../domain/types.js').Job) => boolean);
}

export interface IssuanceDeps {
  store: Store;
  /** When set, jobs go through BullMQ on this Redis and survive restarts; otherwise they run in-process. */
  redisUrl?: string;
  config: IssuanceConfig;
  log: Logger;
  clock?: () => Date;
  /** Picks status-list indexes; [0, 1). */
  random?: () => number;
  queue?: QueueOptions;
  /** How long one batch may hold the job's lock (a dead process frees it after this). Default 60 s. */
  batchLockMs?: number;
}

/** What a job needs besides the Job record; written before the job is created (keyed by its idempotency key). */
export type JobPlan =
  | { kind: 'csv'; blobKey: string; mapping?: Partial<ColumnMapping> }
  | { kind: 'form'; issuedOn?: string; recipients: { recipient: Recipient; attributes: Record<string, string> }[] };

/** One row on its way through a batch: what intake (or the form) gave, and its position in the source. */
export interface SourceRow {
  /** 0-based position among the source's rows: rows before `counts.processed` are already done. */
  position: number;
  row: number;
  /** Name and email as the source gave them (shown in the results even when the row failed). */
  name: string;
  email: string;
  recipient?: Recipient;
  attributes: Record<string, string>;
  issuedOn?: string;
  /** The reasons the row cannot be issued (row number + column + what to do). */
  errors: string[];
}

export interface JobContext {
  tenantId: TenantId;
  jobId: string;
  group: Group;
}
