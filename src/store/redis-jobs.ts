/**
 * @module store/redis-jobs — issuance jobs in Redis: created once per idempotency key, rows and
 * counts recorded in one round trip, and the unfinished set that a restarted process resumes from.
 */
import type { Cluster, Redis } from 'ioredis';
import type { Job, JobCounts, RowResult, TenantId } from '../domain/types.js';
import { NotFoundError } from './errors.js';
import { TENANTS_KEY, tenantKeys } from './redis-keys.js';
import { type Cmd, RECORD_COUNTS, script, send } from './redis-scripts.js';
import { execTransactions, keyPrefixOf } from './redis-transactions.js';
import { evalCommand, rpushValues } from './redis-wire.js';
import { checkId, COUNT_FIELDS, emptyCounts, isFinished, newestFirst, whole } from './rules.js';

type Client = Redis | Cluster;

/** The job JSON is stored without counts: counts live in their own hash fields (HINCRBY). */
function jobJson(job: Job): string {
  const { counts: _counts, ...rest } = job;
  return JSON.stringify(rest);
}

function countArgs(counts: Partial<JobCounts>): number[] {
  return COUNT_FIELDS.map((f) => Math.trunc(counts[f] ?? 0));
}

function fromHash(hash: Record<string, string> | null): Job | undefined {
  if (!hash || hash.json === undefined) return undefined;
  const counts = emptyCounts();
  for (const f of COUNT_FIELDS) counts[f] = Number(hash[f] ?? 0);
  return { ...(JSON.parse(hash.json) as Omit<Job, 'counts'>), counts };
}

export async function createJobOnce(client: Client, job: Job, idempotencyKey: string): Promise<{ job: Job; created: boolean }> {
  checkId('A job id', job.id);
  checkId('An idempotency key', idempotencyKey);
  const k = tenantKeys(job.tenantId);
  const keys = [k.jobKey(idempotencyKey), k.job(job.id), k.jobs, k.unfinished];
  const args = [job.id, jobJson(job), Date.parse(job.createdAt) || 0, isFinished(job.state) ? '0' : '1', ...countArgs(job.counts)];
  // The tenant is registered before the job exists, so a resuming process can always find it.
  const replies = await send(client, [[['sadd', TENANTS_KEY, job.tenantId]], [script('cbCreateJobOnce', keys, args)]]);
  const [created, heldBy] = replies[1] as [number, string];
  if (created === 1) return { job: (await getJob(client, job.tenantId, job.id))!, created: true };
  const held = await getJob(client, job.tenantId, heldBy);
  if (!held) throw new NotFoundError('Job', heldBy);
  return { job: held, created: false };
}

export async function getJob(client: Client, tenant: TenantId, id: string): Promise<Job | undefined> {
  return fromHash(await client.hgetall(tenantKeys(tenant).job(id)));
}

async function getJobs(client: Client, tenant: TenantId, ids: string[]): Promise<Job[]> {
  if (ids.length === 0) return [];
  const k = tenantKeys(tenant);
  const hashes = await send(client, [ids.map((id): Cmd => ['hgetall', k.job(id)])]);
  return hashes.map((h) => fromHash(h as Record<string, string>)).filter((j): j is Job => j !== undefined);
}

export async function listJobs(client: Client, tenant: TenantId, limit: number): Promise<Job[]> {
  const n = whole(limit, 0);
  if (n === 0) return [];
  const ids = await client.zrevrange(tenantKeys(tenant).jobs, 0, n - 1);
  return getJobs(client, tenant, ids);
}

export async function updateJob(client: Client, job: Job): Promise<void> {
  const k = tenantKeys(job.tenantId);
  const args = [job.id, jobJson(job), isFinished(job.state) ? '0' : '1', ...countArgs(job.counts)];
  const [ok] = await send(client, [[script('cbUpdateJob', [k.job(job.id), k.unfinished], args)]]);
  if (ok !== 1) throw new NotFoundError('Job', job.id);
}

/** One MULTI/EXEC: a plain RPUSH of the rows' JSON, and the script that checks the job and adds to its counts. */
export async function recordRows(client: Client, tenant: TenantId, jobId: string, rows: RowResult[], counts: Partial<JobCounts>): Promise<void> {
  const k = tenantKeys(tenant);
  const prefix = keyPrefixOf(client);
  const [job, jobRows] = [prefix + k.job(jobId), prefix + k.jobRows(jobId)];
  const block = [evalCommand(RECORD_COUNTS, [job, jobRows], [rows.length, ...countArgs(counts)])];
  if (rows.length > 0) block.unshift(rpushValues(jobRows, rows.map((r) => JSON.stringify(r))));
  const [replies] = await execTransactions(client, [block]);
  if (replies![replies!.length - 1] !== 1) throw new NotFoundError('Job', jobId);
}

export async function getRows(client: Client, tenant: TenantId, jobId: string, opts: { offset?: number; limit?: number } = {}): Promise<RowResult[]> {
  const start = whole(opts.offset, 0);
  const limit = whole(opts.limit, Infinity);
  if (limit === 0) return [];
  const rows = await client.lrange(tenantKeys(tenant).jobRows(jobId), start, limit === Infinity ? -1 : start + limit - 1);
  return rows.map((r) => JSON.parse(r) as RowResult);
}

/** Walks every tenant that ever had a job; each tenant's unfinished set is small (jobs in flight). */
export async function listUnfinishedJobs(client: Client): Promise<Job[]> {
  const tenants = await client.smembers(TENANTS_KEY);
  if (tenants.length === 0) return [];
  const idSets = (await send(client, [tenants.map((t): Cmd => ['smembers', tenantKeys(t).unfinished])])) as string[][];
  const perTenant = await Promise.all(tenants.map((t, i) => getJobs(client, t, idSets[i])));
  return perTenant.flat().sort((a, b) => -newestFirst(a, b)); // oldest first: resume in the order they were started
}
