/**
 * @module delivery/queue — where deliveries wait to be sent, apart from the issuing queue so a slow mail
 * server never holds up issuing. With Redis: a BullMQ queue of its own (durable, shared by every bot
 * process, retries survive a restart). Without: a small in-process queue. Both retry a delivery whose
 * send asks for it, waiting `retryDelaysMs[i]` before attempt i + 2; the last attempt is told it is last.
 */
import { Queue, WaitingError, Worker, type ConnectionOptions } from 'bullmq';
import type { Logger } from '../log.js';
import type { DeliveryTask } from './types.js';

/**
 * Sends one task; `retry` asks for another attempt later (ignored on the last one); `stopped`: delivery is
 * stopping and the task was not attempted (it goes back to the queue as it was, for another process).
 */
export type SendTask = (task: DeliveryTask, attempt: number, last: boolean) => Promise<'done' | 'retry' | 'stopped'>;

/**
 * The queue id of an automatic task: one per credential and channel, so queueing it again while it waits (a
 * slow process and the one that took its claim over) adds nothing. BullMQ ids must not contain ':'.
 */
export function automaticTaskId(task: DeliveryTask): string | undefined {
  return task.automatic && `auto-${encodeURIComponent(task.tenant)}-${encodeURIComponent(task.credentialId)}-${task.channel}`;
}

export interface DeliveryQueue {
  /** Adds a task; an automatic one already waiting, running or due for a retry is not added again. */
  enqueue(task: DeliveryTask): Promise<void>;
  /** Resolves when nothing is waiting, running or due for a retry (in-process only; BullMQ: when nothing runs here). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export class InProcessDeliveryQueue implements DeliveryQueue {
  private readonly waiting: { task: DeliveryTask; attempt: number }[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Ids of the automatic tasks here (waiting, running or due for a retry). */
  private readonly ids = new Set<string>();
  private running = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly send: SendTask,
    private readonly log: Logger,
    private readonly retryDelaysMs: readonly number[],
    private readonly concurrency: number,
  ) {}

  async enqueue(task: DeliveryTask): Promise<void> {
    if (this.closed) return;
    const id = automaticTaskId(task);
    if (id !== undefined) {
      if (this.ids.has(id)) return;
      this.ids.add(id);
    }
    this.waiting.push({ task, attempt: 1 });
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.running < this.concurrency && this.waiting.length > 0) {
      const next = this.waiting.shift()!;
      this.running++;
      void this.attempt(next.task, next.attempt).finally(() => {
        this.running--;
        this.pump();
        this.checkIdle();
      });
    }
    this.checkIdle();
  }

  private async attempt(task: DeliveryTask, attempt: number): Promise<void> {
    const last = attempt > this.retryDelaysMs.length;
    let result: Awaited<ReturnType<SendTask>>;
    try {
      result = await this.send(task, attempt, last);
    } catch (err) {
      this.log.error('delivery attempt crashed', { credentialId: task.credentialId, channel: task.channel, attempt, error: (err as Error).message });
      result = 'retry';
    }
    // `stopped`: this queue is closing and drops what waits here (its record stays `queued`).
    if (result !== 'retry' || last || this.closed) {
      const id = automaticTaskId(task);
      if (id !== undefined) this.ids.delete(id);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.waiting.push({ task, attempt: attempt + 1 });
      this.pump();
    }, this.retryDelaysMs[attempt - 1]);
    this.timers.add(timer);
  }

  private checkIdle(): void {
    if (this.running > 0 || this.waiting.length > 0 || this.timers.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((w) => w());
  }

  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.checkIdle();
    });
  }

  /** Stops taking work; retries not yet due are dropped (their records stay `queued`). */
  async close(): Promise<void> {
    this.closed = true;
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    this.ids.clear();
    while (this.running > 0) await new Promise((r) => setTimeout(r, 10));
    this.checkIdle();
  }
}

const QUEUE_NAME = 'credbot-delivery';

/** Deliveries through BullMQ: the queue holds only the task; what to send is read from the store when it runs. */
export class BullDeliveryQueue implements DeliveryQueue {
  private readonly queue: Queue;
  private readonly worker?: Worker;
  private active = 0;

  constructor(redisUrl: string, send: SendTask, log: Logger, private readonly retryDelaysMs: readonly number[], opts: { prefix?: string; concurrency: number; runWorkers?: boolean }) {
    const connection = (): ConnectionOptions => ({ url: redisUrl, maxRetriesPerRequest: null });
    const prefix = opts.prefix ?? '{cb-delivery}';
    this.queue = new Queue(QUEUE_NAME, { connection: connection(), prefix });
    this.queue.on('error', (err) => log.error('delivery queue error', { error: err.message }));
    if (opts.runWorkers === false) return;
    this.worker = new Worker(
      QUEUE_NAME,
      async (job, token) => {
        const attempt = job.attemptsMade + 1;
        this.active++;
        try {
          const result = await send(job.data as DeliveryTask, attempt, attempt > retryDelaysMs.length);
          if (result === 'stopped') {
            // Back to the front of the queue, no attempt used: another process (or the next start) sends it.
            await job.moveToWait(token);
            throw new WaitingError();
          }
          // Throwing hands the job back to BullMQ, which waits the backoff below and tries again.
          if (result === 'retry' && attempt <= retryDelaysMs.length) throw new Error('delivery will be retried');
        } finally {
          this.active--;
        }
      },
      {
        connection: connection(),
        prefix,
        concurrency: opts.concurrency,
        settings: { backoffStrategy: (attemptsMade: number) => retryDelaysMs[Math.max(0, attemptsMade - 1)] ?? retryDelaysMs.at(-1) ?? 1000 },
      },
    );
    this.worker.on('error', (err) => log.error('delivery worker error', { error: err.message }));
  }

  async enqueue(task: DeliveryTask): Promise<void> {
    const jobId = automaticTaskId(task);
    // A job with that id still in the queue (waiting, delayed, running) makes this a no-op; once it has
    // finished it is removed, and a late copy finds its outcome recorded and sends nothing (deliver.ts).
    await this.queue.add('deliver', task, {
      ...(jobId ? { jobId } : {}),
      attempts: this.retryDelaysMs.length + 1,
      backoff: { type: 'custom' },
      removeOnComplete: true,
      removeOnFail: true,
    });
  }

  async idle(): Promise<void> {
    for (;;) {
      const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((n) => n === 0) && this.active === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}
