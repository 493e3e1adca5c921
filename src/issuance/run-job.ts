/**
 * @module issuance/run-job — runs (or resumes) one job to its end: rows stream from the source,
 * from the first row not yet recorded; each batch is signed, then committed under the job's lock after
 * re-reading how far the job got, so two runners of one job (a worker thought dead that was not) never
 * record a row twice. Ends with `done`, or `failed` with a reason a person can act on.
 */
import type { Design, Group, Job, TenantId } from '../domain/types.js';
import { IntakeError } from '../intake/types.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/port.js';
import { isFinished } from '../store/rules.js';
import { commitBatch, signBatch, StatusListCursor, type BatchEnv, type SignedBatch } from './batch.js';
import { planKeyFor, idempotencyKeyFor } from './ids.js';
import { storeFailedRowsCsv } from './report.js';
import type { CredentialSigner } from './signer.js';
import { countRows, sourceRowBatches } from './source-rows.js';
import type { JobContext, JobPlan, SourceRow } from './types.js';

export interface RunnerEnv {
  store: Store;
  signer: CredentialSigner;
  log: Logger;
  clock: () => Date;
  random: () => number;
  publicBaseUrl: string;
  batchSize: number;
  batchLockMs: number;
  progress: (job: Job) => Promise<void>;
  finished: (job: Job) => Promise<void>;
  /** True once this process is shutting down: a running job stops after its current batch. */
  stopping: () => boolean;
}

/** `paused`: the process is stopping and the job was left, unfinished, for another run to resume. */
export type RunOutcome = 'ended' | 'paused';

/** A job that cannot succeed by trying again (bad file, group deleted): it ends as `failed` with this message. */
export class JobRefusedError extends Error {
  readonly code = 'job_refused';
}

export async function loadPlan(store: Store, job: Job): Promise<JobPlan> {
  const bytes = await store.getBlob(job.tenantId, planKeyFor(idempotencyKeyFor(job.tenantId, job.source, job.groupId)));
  if (!bytes) throw new JobRefusedError('The job lost track of its rows (its saved plan is missing). Start the issue again.');
  return JSON.parse(bytes.toString('utf8')) as JobPlan;
}

/** `custom.*` placeholders the group's designs print: an empty value would leave a blank on the credential. */
async function requiredAttributes(store: Store, group: Group): Promise<string[]> {
  const ids = [group.badgeDesignId, group.certificateDesignId].filter((x): x is string => Boolean(x));
  const designs = (await Promise.all(ids.map((id) => store.getDesign(group.tenantId, id)))).filter((d): d is Design => Boolean(d));
  const keys = new Set<string>();
  for (const d of designs) {
    const text = [d.text.title, d.text.subtitle, d.text.body, d.text.footer, d.svg].filter(Boolean).join('\n');
    for (const m of text.matchAll(/\{\{\s*custom\.([a-z0-9_]+)\s*\}\}/g)) keys.add(m[1]!);
  }
  return [...keys];
}

async function finish(env: RunnerEnv, tenant: TenantId, jobId: string, patch: Partial<Job>): Promise<Job> {
  const job = (await env.store.getJob(tenant, jobId))!;
  const now = env.clock().toISOString();
  const done: Job = { ...job, ...patch, updatedAt: now, finishedAt: now };
  await env.store.updateJob(done);
  return (await env.store.getJob(tenant, jobId)) ?? done;
}

/** Regroups the source's batches of rows into the job's batches of exactly `size` rows (the last may be smaller). */
async function* batches(rows: AsyncIterable<SourceRow[]>, size: number): AsyncGenerator<SourceRow[]> {
  let batch: SourceRow[] = [];
  for await (const some of rows) {
    for (const r of some) {
      batch.push(r);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

/** Commits under the job's lock, dropping rows another runner recorded meanwhile. False: the job is over. */
async function commitOnce(env: RunnerEnv, ctx: JobContext, signed: SignedBatch, benv: BatchEnv): Promise<boolean> {
  return env.store.withLock(ctx.tenantId, `job:${ctx.jobId}`, env.batchLockMs, async () => {
    const fresh = await env.store.getJob(ctx.tenantId, ctx.jobId);
    if (!fresh || isFinished(fresh.state)) return false;
    const done = fresh.counts.processed;
    const rows = signed.rows.filter((r) => r.position >= done);
    if (rows.length === 0) return true;
    if (rows[0]!.position !== done) throw new Error(`job ${ctx.jobId}: batch starts at row position ${rows[0]!.position} but ${done} rows are recorded`);
    await commitBatch(ctx, { rows, records: signed.records }, benv);
    const after = await env.store.getJob(ctx.tenantId, ctx.jobId);
    if (after) await env.progress(after);
    return true;
  }, env.batchLockMs * 2);
}

/** Runs the job to the end. Errors other than JobRefusedError / IntakeError are thrown for the queue to retry. */
export async function runJob(env: RunnerEnv, tenant: TenantId, jobId: string): Promise<RunOutcome> {
  let job = await env.store.getJob(tenant, jobId);
  if (!job || isFinished(job.state)) return 'ended';
  try {
    const group = await env.store.getGroup(tenant, job.groupId);
    if (!group) throw new JobRefusedError('The group of this job no longer exists, so nothing more can be issued. Create the group again and re-issue.');
    const plan = await loadPlan(env.store, job);
    const required = await requiredAttributes(env.store, group);
    if (job.state !== 'running' || job.counts.total === 0) {
      const total = job.counts.total || (await countRows(env.store, tenant, plan, group, { requiredAttributes: required }));
      job = { ...job, state: 'running', counts: { ...job.counts, total }, updatedAt: env.clock().toISOString() };
      await env.store.updateJob(job);
      await env.progress((await env.store.getJob(tenant, jobId)) ?? job);
    }
    const ctx: JobContext = { tenantId: tenant, jobId, group };
    const signer = await env.signer.forGroup(tenant, group);
    const benv: BatchEnv = {
      store: env.store, signer, random: env.random, clock: env.clock, publicBaseUrl: env.publicBaseUrl,
      statusLists: new StatusListCursor(env.signer.statusListIds(tenant), signer.statusListSize),
    };
    let committing: Promise<boolean> = Promise.resolve(true);
    try {
      for await (const batch of batches(sourceRowBatches(env.store, tenant, plan, group, job.counts.processed, { requiredAttributes: required }), env.batchSize)) {
        const signing = signBatch(ctx, batch, benv);
        signing.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
        if (!(await committing)) return 'ended'; // another runner finished (or cancelled) the job
        if (env.stopping()) {
          signing.then(() => undefined, () => undefined); // its rows are not committed: the next run signs them again
          return 'paused';
        }
        committing = signing.then((signed) => commitOnce(env, ctx, signed, benv));
        committing.catch(() => undefined);
      }
    } finally {
      // Whatever stopped the loop, the batch in flight lands (or fails) before the job's state changes.
      await committing.catch(() => undefined);
    }
    if (!(await committing)) return 'ended';
    const latest = (await env.store.getJob(tenant, jobId))!;
    if (latest.counts.failed > 0) await storeFailedRowsCsv(env.store, latest, plan);
    const ended = await finish(env, tenant, jobId, { state: 'done' });
    env.log.info('issuance job done', { jobId, tenant, counts: ended.counts });
    await env.finished(ended);
    return 'ended';
  } catch (err) {
    if (!(err instanceof JobRefusedError) && !(err instanceof IntakeError)) throw err;
    const ended = await finish(env, tenant, jobId, { state: 'failed', error: err.message });
    env.log.warn('issuance job refused', { jobId, tenant, error: err.message });
    await env.finished(ended);
    return 'ended';
  }
}

/** Marks a job failed after the queue gave up retrying it. */
export async function failJob(env: RunnerEnv, tenant: TenantId, jobId: string, message: string): Promise<void> {
  const job = await env.store.getJob(tenant, jobId);
  if (!job || isFinished(job.state)) return;
  const ended = await finish(env, tenant, jobId, { state: 'failed', error: message });
  await env.finished(ended);
}
