/**
 * @module store/rules — the behaviour both stores share (argument checks, ordering, how counts
 * merge, how a status index is picked), so the Redis and in-memory stores cannot drift apart.
 */
import type { NewCredentialRecord, DeliveryChannel, Design, Group, Job, JobCounts, JobState, TenantId } from '../domain/types.js';
import { StoreInputError } from './errors.js';

export const COUNT_FIELDS = ['total', 'processed', 'issued', 'skipped', 'failed'] as const satisfies readonly (keyof JobCounts)[];

/** Every delivery channel, in the order outcomes are listed. */
export const DELIVERY_CHANNELS = ['email', 'chat'] as const satisfies readonly DeliveryChannel[];

export const FINAL_JOB_STATES: readonly JobState[] = ['done', 'failed', 'cancelled'];

export function isFinished(state: JobState): boolean {
  return FINAL_JOB_STATES.includes(state);
}

/** Tenant ids become Redis hash tags (`{tenant}`), so braces would break slot routing. */
export function checkTenant(tenant: TenantId): void {
  if (typeof tenant !== 'string' || tenant.length === 0) throw new StoreInputError('A tenant id is required.');
  if (/[{}]/.test(tenant)) throw new StoreInputError(`Tenant id "${tenant}" must not contain "{" or "}".`);
}

export function checkId(what: string, id: string): void {
  if (typeof id !== 'string' || id.length === 0) throw new StoreInputError(`${what} must be a non-empty string.`);
}

/** Redis expiries are whole seconds; a fractional ttl is rounded up so nothing expires early. */
export function ttlSecondsOf(ttlSeconds: number): number {
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new StoreInputError(`A time-to-live must be a positive number of seconds (got ${ttlSeconds}).`);
  }
  return Math.ceil(ttlSeconds);
}

export function checkLockTtl(ttlMs: number): void {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new StoreInputError(`A lock time-to-live must be a positive number of milliseconds (got ${ttlMs}).`);
  }
}

/** A claim's lease in whole milliseconds (rounded up, so it never lapses early). */
export function leaseMsOf(leaseMs: number): number {
  if (!Number.isFinite(leaseMs) || leaseMs <= 0) {
    throw new StoreInputError(`A claim lease must be a positive number of milliseconds (got ${leaseMs}).`);
  }
  return Math.ceil(leaseMs);
}

/** Limits and offsets as whole numbers of at least 0 (Redis refuses fractions). */
export function whole(n: number | undefined, fallback: number): number {
  return n === undefined || !Number.isFinite(n) ? fallback : Math.max(0, Math.floor(n));
}

/** A delivery offset counts rows: a whole number of at least 0. */
export function checkDeliveryOffset(offset: number): void {
  if (!Number.isInteger(offset) || offset < 0) {
    throw new StoreInputError(`A delivery offset must be a whole number of at least 0 (got ${offset}).`);
  }
}

export function checkListSize(listSize: number): void {
  if (!Number.isInteger(listSize) || listSize <= 0 || listSize % 8 !== 0) {
    throw new StoreInputError(`A status list size must be a positive multiple of 8 (got ${listSize}).`);
  }
}

export function checkStatusIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0) {
    throw new StoreInputError(`A status list index must be a whole number of at least 0 (got ${index}).`);
  }
}

export function checkCredentials(tenant: TenantId, creds: NewCredentialRecord[]): void {
  for (const c of creds) {
    checkId('A credential id', c.id);
    checkId(`The group id of credential ${c.id}`, c.groupId);
    if (c.tenantId !== tenant) {
      throw new StoreInputError(`Credential ${c.id} belongs to tenant "${c.tenantId}", not "${tenant}".`);
    }
    if (typeof c.emailKey !== 'string' || c.emailKey.length === 0) {
      throw new StoreInputError(`Credential ${c.id} has no emailKey (the normalized recipient email).`);
    }
  }
}

/**
 * Random candidates drawn per index asked for. An allocation walks the candidates in order, keeping
 * free ones, and falls back to the lowest free index only when they run out (a nearly full list):
 * indexes stay random, which is what hides who holds which bit.
 */
export const STATUS_CANDIDATES = 8;

/** Most indexes one allocation may ask for (bounds the script's arguments). */
export const MAX_STATUS_ALLOCATION = 10_000;

export function checkAllocationCount(count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_STATUS_ALLOCATION) {
    throw new StoreInputError(`A status index allocation asks for 1 to ${MAX_STATUS_ALLOCATION} indexes (got ${count}).`);
  }
}

/** Random candidate indexes from the injected random source (clamped: a bad source must not overflow). */
export function statusCandidates(listSize: number, random: () => number, count = 1): number[] {
  const out: number[] = [];
  for (let i = 0; i < STATUS_CANDIDATES * count; i++) {
    const r = random();
    const n = Number.isFinite(r) ? Math.floor(r * listSize) : 0;
    out.push(Math.min(listSize - 1, Math.max(0, n)));
  }
  return out;
}

/** Names as people read them (case-insensitive), then id so the order is stable. */
export function byName<T extends Design | Group>(a: T, b: T): number {
  return a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Newest first; equal times fall back to the id, descending (the same order Redis ZREVRANGE gives). */
export function newestFirst(a: Job, b: Job): number {
  const d = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  return d || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * Counts only grow while a job runs, and `recordRows` adds to them from other tasks: so `updateJob`
 * keeps the larger of the stored and the given value, and a stale job object never erases progress.
 */
export function mergeCounts(stored: JobCounts, given: JobCounts): JobCounts {
  const out = { ...stored };
  for (const f of COUNT_FIELDS) out[f] = Math.max(stored[f] ?? 0, given[f] ?? 0);
  return out;
}

export function emptyCounts(): JobCounts {
  return { total: 0, processed: 0, issued: 0, skipped: 0, failed: 0 };
}

/** Stored values are copies: a caller mutating an object it passed in or got back changes nothing. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
