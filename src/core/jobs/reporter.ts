/**
 * @module core/jobs/reporter — tells people how their jobs are going, through the port of the
 * tenant's platform and the conversation stored with the job (so it works after a restart):
 * one progress message, updated at most once per interval, a final update, then the summary with
 * the results file (and the failed-rows file when rows failed). Posting the summary is retried
 * with backoff; if it still fails the job remains visible in `status`.
 */
import type { Job } from '../../domain/types.js';
import type { IssuanceEngine } from '../../issuance/engine.js';
import type { CoreContext } from '../context.js';
import { fileBase, progressMessage, summaryMessage } from './messages.js';
import { shortId, targetOf, type JobReportTarget } from './target.js';

const FINAL = new Set(['done', 'failed', 'cancelled']);
const DEFAULT_RETRY_DELAYS = [1000, 5000, 15000, 60000];
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class JobReporter {
  private readonly lastUpdate = new Map<string, number>();
  private readonly chains = new Map<string, Promise<void>>();
  /** Jobs this process started and has not reported yet (for `whenIdle`). */
  private readonly pending = new Set<string>();
  private readonly reported = new Set<string>();
  private starting = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly ctx: CoreContext) {}

  attach(engine: IssuanceEngine): void {
    // Never hand the engine a promise: a summary waiting out its retries must not hold up the job runner.
    engine.onProgress((job) => this.onProgress(job));
    engine.onFinished((job) => {
      void this.onFinished(job);
    });
  }

  /** Wraps the start of a job, so `whenIdle` waits for it even before the engine knows its id. */
  async track<T>(fn: () => Promise<T>): Promise<T> {
    this.starting++;
    try {
      return await fn();
    } finally {
      this.starting--;
      this.checkIdle();
    }
  }

  /** A job this process started: `whenIdle` waits until its summary is posted (or given up). */
  expect(jobId: string): void {
    if (!this.reported.has(jobId)) this.pending.add(jobId);
  }

  /** Resolves when every job started here has been reported and no post is in flight. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  onProgress(job: Job): void {
    if (FINAL.has(job.state)) return;
    const now = this.ctx.clock().getTime();
    const last = this.lastUpdate.get(job.id);
    if (last !== undefined && now - last < (this.ctx.progressIntervalMs ?? 2000)) return;
    this.lastUpdate.set(job.id, now);
    void this.enqueue(job.id, () => this.updateProgress(job));
  }

  onFinished(job: Job): Promise<void> {
    this.lastUpdate.delete(job.id);
    return this.enqueue(job.id, async () => {
      await this.updateProgress(job);
      await this.postSummary(job);
    }).finally(() => {
      this.reported.add(job.id);
      this.pending.delete(job.id);
      this.checkIdle();
    });
  }

  /** Runs one job's posts in order, so a slow progress update never lands after the final one. */
  private enqueue(jobId: string, fn: () => Promise<void>): Promise<void> {
    const previous = this.chains.get(jobId) ?? Promise.resolve();
    const next = previous.then(fn).catch((err: Error) => {
      this.ctx.log.error('job report failed', { jobId, error: err.message });
    });
    this.chains.set(jobId, next);
    void next.finally(() => {
      if (this.chains.get(jobId) === next) this.chains.delete(jobId);
      this.checkIdle();
    });
    return next;
  }

  private async updateProgress(job: Job): Promise<void> {
    const target = targetOf(job);
    const port = this.ctx.portFor(job.tenantId);
    if (!target?.progress || !port) return;
    try {
      await port.updateMessage(target.progress, progressMessage(target.title, job));
    } catch (err) {
      // A missed progress update is harmless: the next one (or the summary) follows.
      this.ctx.log.warn('progress update failed', { jobId: job.id, error: (err as Error).message });
    }
  }

  private async postSummary(job: Job): Promise<void> {
    const target = targetOf(job);
    const port = this.ctx.portFor(job.tenantId);
    if (!target || !port) {
      this.ctx.log.error('job finished with nowhere to report', { jobId: job.id, tenantId: job.tenantId });
      return;
    }
    const { engine } = this.ctx;
    const failed = job.counts.failed > 0 ? await this.retry(job, 'failed rows', () => engine.failedRowsCsv(job.tenantId, job.id)) : undefined;
    const results = await this.retry(job, 'results', () => engine.resultsCsv(job.tenantId, job.id));
    await this.retry(job, 'summary', () => port.postMessage(target.conversation, summaryMessage(target.title, job, { failedRows: Boolean(failed) })));
    const base = baseName(target, job);
    if (results) {
      await this.retry(job, 'results file', () =>
        port.uploadFile(target.conversation, { name: `results-${base}.csv`, mimeType: 'text/csv', content: results, title: `Results: ${target.title}` }),
      );
    }
    if (failed) {
      await this.retry(job, 'failed rows file', () =>
        port.uploadFile(target.conversation, {
          name: `failed-rows-${base}.csv`,
          mimeType: 'text/csv',
          content: failed,
          title: `Failed rows: ${target.title}`,
          comment: 'Fix these rows and upload the file again.',
        }),
      );
    }
  }

  /** Tries `fn` with backoff; gives up (logged, undefined) after the last delay. */
  private async retry<T>(job: Job, what: string, fn: () => Promise<T>): Promise<T | undefined> {
    const delays = this.ctx.summaryRetryDelaysMs ?? DEFAULT_RETRY_DELAYS;
    const sleep = this.ctx.sleep ?? realSleep;
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        const error = (err as Error).message;
        if (attempt >= delays.length) {
          this.ctx.log.error(`could not post the job ${what}; it stays visible in status`, { jobId: job.id, error });
          return undefined;
        }
        this.ctx.log.warn(`posting the job ${what} failed; retrying`, { jobId: job.id, attempt: attempt + 1, error });
        await sleep(delays[attempt]!);
      }
    }
  }

  private isIdle(): boolean {
    return this.starting === 0 && this.pending.size === 0 && this.chains.size === 0;
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}

function baseName(target: JobReportTarget, job: Job): string {
  const source = job.source.kind === 'csv' ? fileBase(job.source.fileName) : 'form';
  return `${source}-${shortId(job.id)}`;
}
