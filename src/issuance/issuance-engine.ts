/**
 * @module issuance/issuance-engine — the IssuanceEngine: turns a CSV or a form into one idempotent job,
 * hands it to the queue (BullMQ with Redis, in-process without), and answers reports and revocations.
 */
import type { Job, RowResult, TenantId, UserId } from '../domain/types.js';
import { parseIssueDate } from '../intake/fields.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/port.js';
import { emptyCounts } from '../store/rules.js';
import type { CsvJobRequest, ExtraColumns, FormJobRequest, IssuanceEngine, JobListener } from './engine.js';
import { idempotencyKeyFor, newJobId, planKeyFor } from './ids.js';
import { BullJobQueue, InProcessQueue, type JobQueue } from './queue.js';
import { buildFailedRowsCsv, failedRowsKey, jobResultsCsv, orderedRows } from './report.js';
import { revokeCredential, type RevokeResult } from './revoke.js';
import { failJob, loadPlan, runJob, type RunnerEnv } from './run-job.js';
import type { CredentialSigner } from './signer.js';
import type { IssuanceDeps, JobPlan } from './types.js';

/** A request the engine cannot accept (unknown group, no recipients): the message says what to do. */
export class IssuanceInputError extends Error {
  readonly code = 'issuance_input';
}

const DEFAULT_BATCH = 250;

export class CredbotIssuanceEngine implements IssuanceEngine {
  private readonly store: Store;
  private readonly log: Logger;
  private readonly clock: () => Date;
  private readonly progressListeners: JobListener[] = [];
  private readonly finishedListeners: JobListener[] = [];
  private readonly queue: JobQueue;
  private readonly env: RunnerEnv;
  private closing = false;
  /** Resolves once jobs left unfinished by a previous run are back in the queue. */
  readonly resumed: Promise<number>;

  constructor(deps: IssuanceDeps & { signer: CredentialSigner }) {
    this.store = deps.store;
    this.log = deps.log;
    this.clock = deps.clock ?? (() => new Date());
    this.env = {
      store: deps.store,
      signer: deps.signer,
      log: deps.log,
      clock: this.clock,
      random: deps.random ?? Math.random,
      publicBaseUrl: deps.config.publicBaseUrl.replace(/\/+$/, ''),
      batchSize: deps.config.batchSize ?? DEFAULT_BATCH,
      batchLockMs: deps.batchLockMs ?? 15_000,
      progress: (job) => this.emit(this.progressListeners, job),
      finished: (job) => this.emit(this.finishedListeners, job),
      stopping: () => this.closing,
    };
    const run = (tenant: TenantId, jobId: string) => runJob(this.env, tenant, jobId);
    const giveUp = (tenant: TenantId, jobId: string, message: string) => failJob(this.env, tenant, jobId, message);
    this.queue = deps.redisUrl
      ? new BullJobQueue(deps.redisUrl, run, giveUp, deps.log, deps.queue)
      : new InProcessQueue(run, giveUp, deps.log, deps.queue?.concurrency ?? 2);
    const resume = deps.queue?.resumeOnStart ?? true;
    this.resumed = deps.queue?.runWorkers === false || resume === false ? Promise.resolve(0) : this.resumeUnfinished(resume === true ? undefined : resume);
    this.resumed.catch((err) => this.log.error('could not resume unfinished issuance jobs', { error: (err as Error).message }));
  }

  private async emit(listeners: JobListener[], job: Job): Promise<void> {
    for (const l of listeners) {
      try {
        await l(job);
      } catch (err) {
        this.log.error('issuance listener failed', { jobId: job.id, error: (err as Error).message });
      }
    }
  }

  /** Re-enqueues every job a stopped process left unfinished (BullMQ ignores ones it still holds). */
  async resumeUnfinished(which: (job: Job) => boolean = () => true): Promise<number> {
    const jobs = (await this.store.listUnfinishedJobs()).filter(which);
    for (const j of jobs) await this.queue.enqueue(j.tenantId, j.id);
    if (jobs.length > 0) this.log.info('resuming unfinished issuance jobs', { count: jobs.length });
    return jobs.length;
  }

  private async start(base: Omit<Job, 'id' | 'state' | 'counts' | 'createdAt' | 'updatedAt'>, plan: JobPlan, total: number) {
    const group = await this.store.getGroup(base.tenantId, base.groupId);
    if (!group) throw new IssuanceInputError(`There is no group "${base.groupId}" in this workspace. Pick an existing group or create one first.`);
    const key = idempotencyKeyFor(base.tenantId, base.source, base.groupId);
    // The plan is keyed by the idempotency key and written before the job, so a job never exists without it.
    if (!(await this.store.getBlob(base.tenantId, planKeyFor(key)))) {
      await this.store.putBlob(base.tenantId, planKeyFor(key), Buffer.from(JSON.stringify(plan)));
    }
    const now = this.clock().toISOString();
    const job: Job = { ...base, id: newJobId(), state: 'queued', counts: { ...emptyCounts(), total }, createdAt: now, updatedAt: now };
    const result = await this.store.createJobOnce(job, key);
    if (result.created) this.log.info('issuance job created', { jobId: result.job.id, tenant: base.tenantId, source: base.source.kind });
    // Enqueueing an existing unfinished job is harmless (one queue entry per job id) and heals a lost enqueue.
    if (result.job.state === 'queued' || result.job.state === 'running') await this.queue.enqueue(result.job.tenantId, result.job.id);
    return result;
  }

  startCsvJob(req: CsvJobRequest) {
    return this.start(
      {
        tenantId: req.tenantId,
        groupId: req.groupId,
        startedBy: req.startedBy,
        source: { kind: 'csv', fileId: req.fileId, fileName: req.fileName, contentHash: req.contentHash },
        ...(req.conversation ? { conversation: req.conversation } : {}),
      },
      { kind: 'csv', blobKey: req.blobKey, ...(req.mapping ? { mapping: req.mapping } : {}) },
      // 0: the runner counts the rows itself before the first batch.
      Number.isSafeInteger(req.totalRows) && req.totalRows! > 0 ? req.totalRows! : 0,
    );
  }

  async startFormJob(req: FormJobRequest) {
    if (req.recipients.length === 0) throw new IssuanceInputError('Add at least one recipient (name and email) to issue.');
    if (req.issuedOn !== undefined) {
      const parsed = parseIssueDate(req.issuedOn);
      if ('problem' in parsed) throw new IssuanceInputError(`The issue date is not usable: ${parsed.problem}.`);
      req = { ...req, issuedOn: parsed.date };
    }
    return this.start(
      {
        tenantId: req.tenantId,
        groupId: req.groupId,
        startedBy: req.startedBy,
        source: { kind: 'form', submissionId: req.submissionId },
        ...(req.conversation ? { conversation: req.conversation } : {}),
      },
      { kind: 'form', recipients: req.recipients, ...(req.issuedOn ? { issuedOn: req.issuedOn } : {}) },
      req.recipients.length,
    );
  }

  getJob(tenant: TenantId, jobId: string) {
    return this.store.getJob(tenant, jobId);
  }

  listJobs(tenant: TenantId, limit: number) {
    return this.store.listJobs(tenant, limit);
  }

  rows(tenant: TenantId, jobId: string): Promise<RowResult[]> {
    return orderedRows(this.store, tenant, jobId);
  }

  async resultsCsv(tenant: TenantId, jobId: string, extra?: ExtraColumns): Promise<Buffer> {
    return jobResultsCsv(this.store, tenant, jobId, extra);
  }

  async failedRowsCsv(tenant: TenantId, jobId: string): Promise<Buffer | undefined> {
    const job = await this.store.getJob(tenant, jobId);
    if (!job || job.counts.failed === 0) return undefined;
    const saved = await this.store.getBlob(tenant, failedRowsKey(jobId));
    if (saved) return saved;
    const plan = await loadPlan(this.store, job).catch(() => undefined);
    return buildFailedRowsCsv(this.store, job, plan);
  }

  onProgress(listener: JobListener): void {
    this.progressListeners.push(listener);
  }

  onFinished(listener: JobListener): void {
    this.finishedListeners.push(listener);
  }

  revoke(tenant: TenantId, credentialId: string, reason: string, by: UserId): Promise<RevokeResult> {
    return revokeCredential(this.env, tenant, credentialId, reason, by);
  }

  /** Running jobs stop after their current batch and stay unfinished, for another process (or the next start) to resume. */
  async close(): Promise<void> {
    this.closing = true;
    await this.resumed.catch(() => undefined);
    await this.queue.close();
    await this.env.signer.close();
  }
}
