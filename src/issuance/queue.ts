/**
 * @module issuance/queue — where started jobs wait for a runner. With Redis: BullMQ, so any process
 * takes the job and a job whose process died is picked up again (stalled-job recovery). Without
 * Redis: a small in-process queue. Both call the same `run(tenant, jobId)`.
 */
import { Queue, WaitingError, Worker, type ConnectionOptions } from 'bullmq';
import type { TenantId } from '../domain/types.js';
import type { Logger } from '../log.js';
import type { QueueOptions } from './types.js';

/** Runs a job; 'paused' means the process is stopping and the job must be run again elsewhere. */
export type RunJob = (tenant: TenantId, jobId: string) => Promise<'ended' | 'paused'>;
/** Called when a job keeps failing (after the retries): the job is marked failed with this message. */
export type GiveUp = (tenant: TenantId, jobId: string, message: string) => Promise<void>;

export interface JobQueue {
  /** Enqueues the job unless it is already waiting or running (the job id is the queue's key). */
  enqueue(tenant: TenantId, jobId: string): Promise<void>;
  close(): Promise<void>;
}

const ATTEMPTS = 3;
const giveUpMessage = (err: unknown) =>
  `Issuing stopped after ${ATTEMPTS} attempts (${(err as Error).message}). The rows already issued are kept; start the issue again to finish the rest.`;

/** Runs jobs in this process, a few at a time; a failing job is retried, then given up. */
export class InProcessQueue implements JobQueue {
  private readonly waiting: { tenant: TenantId; jobId: string }[] = [];
  private readonly known = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly run: RunJob,
    private readonly giveUp: GiveUp,
    private readonly log: Logger,
    private readonly concurrency = 2,
    private readonly retryDelayMs = 1000,
  ) {}

  async enqueue(tenant: TenantId, jobId: string): Promise<void> {
    if (this.closed || this.known.has(jobId)) return;
    this.known.add(jobId);
    this.waiting.push({ tenant, jobId });
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.concurrency && this.waiting.length > 0) {
      const next = this.waiting.shift()!;
      const p = this.attempt(next.tenant, next.jobId).finally(() => {
        this.running.delete(p);
        this.known.delete(next.jobId);
        this.pump();
      });
      this.running.add(p);
    }
  }

  private async attempt(tenant: TenantId, jobId: string): Promise<void> {
    for (let i = 1; ; i++) {
      try {
        await this.run(tenant, jobId); // paused: left unfinished in the store (resumed at the next start)
        return;
      } catch (err) {
        this.log.error('issuance job attempt failed', { jobId, attempt: i, error: (err as Error).message });
        if (i >= ATTEMPTS || this.closed) return this.giveUp(tenant, jobId, giveUpMessage(err)).catch(() => undefined);
        await new Promise((r) => setTimeout(r, this.retryDelayMs * i));
      }
    }
  }

  /** Waits for the running jobs to end; waiting ones stay unfinished in the store. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.running]);
  }
}

const QUEUE_NAME = 'credbot-issuance';

/** BullMQ needs `maxRetriesPerRequest: null` on its blocking connection; it opens its own from the URL. */
function connectionFor(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: null };
}

/** Jobs through BullMQ: the queue holds only { tenant, jobId }; the job's state lives in the store. */
export class BullJobQueue implements JobQueue {
  private readonly queue: Queue;
  private readonly worker?: Worker;

  constructor(redisUrl: string, run: RunJob, giveUp: GiveUp, log: Logger, opts: QueueOptions = {}) {
    const prefix = opts.prefix ?? '{cb-bull}';
    const connection = () => opts.connection ?? connectionFor(redisUrl);
    this.queue = new Queue(QUEUE_NAME, { connection: connection(), prefix });
    this.queue.on('error', (err) => log.error('issuance queue error', { error: err.message }));
    if (opts.runWorkers === false) return;
    this.worker = new Worker(
      QUEUE_NAME,
      async (bullJob, token) => {
        const { tenant, jobId } = bullJob.data as { tenant: TenantId; jobId: string };
        if ((await run(tenant, jobId)) === 'paused') {
          // Shutting down mid-job: hand it back to the queue (no attempt used), so another bot resumes it now.
          await bullJob.moveToWait(token);
          throw new WaitingError();
        }
      },
      {
        connection: connection(),
        prefix,
        concurrency: opts.concurrency ?? 2,
        lockDuration: opts.lockDurationMs ?? 30_000,
        stalledInterval: opts.stalledIntervalMs ?? 30_000,
        // A job whose process died is retried many times: it resumes where it stopped, so it is safe.
        maxStalledCount: 100,
      },
    );
    this.worker.on('error', (err) => log.error('issuance worker error', { error: err.message }));
    this.worker.on('failed', (bullJob, err) => {
      if (!bullJob) return;
      const { tenant, jobId } = bullJob.data as { tenant: TenantId; jobId: string };
      log.error('issuance job attempt failed', { jobId, attempt: bullJob.attemptsMade, error: err.message });
      if (bullJob.attemptsMade >= ATTEMPTS) void giveUp(tenant, jobId, giveUpMessage(err)).catch(() => undefined);
    });
  }

  async enqueue(tenant: TenantId, jobId: string): Promise<void> {
    // The job id as BullMQ's job id: adding a job that is already waiting or active is a no-op.
    await this.queue.add('issue', { tenant, jobId }, {
      jobId,
      attempts: ATTEMPTS,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: true,
      removeOnFail: true,
    });
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}
