/**
 * @module delivery — telling recipients: one email per credential (SMTP) and a direct message to those who
 * are workspace members, sent after signing through a queue of its own, rate-limited, retried, recorded.
 * `createDelivery(deps)` is what the composition root calls.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { IssuanceEngine } from '../issuance/engine.js';
import { createSendTask } from './deliver.js';
import { DeliveryFeed } from './feed.js';
import { BullDeliveryQueue, InProcessDeliveryQueue, type DeliveryQueue } from './queue.js';
import { DEFAULT_CLAIM_LEASE_MS } from './queue-once.js';
import { withDeliveryColumn } from './results.js';
import { DeliveryServiceImpl } from './service.js';
import { SmtpSender, type EmailSender } from './smtp-sender.js';
import { TokenBucket } from './token-bucket.js';
import type { DeliveryDeps, DeliveryService } from './types.js';

export type { DeliveryConfig, DeliveryDeps, DeliveryOptions, DeliveryService, DeliveryTask, JobDeliverySummary, ResendResult } from './types.js';
export { checkEmailTemplate, DEFAULT_BODY, DEFAULT_SUBJECT } from './email-template.js';
export { deliveryCell } from './service.js';
export { withDeliveryColumn } from './results.js';

export interface Delivery {
  /** Resend, outcomes and job summaries (give it to the core as `delivery`). */
  service: DeliveryService;
  /** The engine whose results file has a `delivery` column (give it to the core instead of the engine). */
  withResults(engine: IssuanceEngine): IssuanceEngine;
  /**
   * Starts sending, and queues what jobs issued since `createDelivery` (it listens to the engine from then
   * on) and whatever earlier runs left unqueued (jobs still pending in the store, finished ones included).
   */
  start(): void;
  /**
   * Stops sending, for good, without waiting for a big job's rows: a sweep stops after its current chunk
   * and saves how far it got, for the next start. Sends under way finish; those still waiting for their
   * rate slot, and queued ones, wait in Redis for another process (or are dropped without it).
   */
  stop(): Promise<void>;
  /**
   * Resolves when nothing is left to queue or send here (tests; the console before it exits). With
   * `timeoutMs`, gives up after that long: true when idle, false when sends were still pending.
   */
  idle(timeoutMs?: number): Promise<boolean>;
}

const DEFAULT_RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 7_200_000];

export function createDelivery(deps: DeliveryDeps & { sender?: EmailSender }): Delivery {
  const { store, config, log } = deps;
  const clock = deps.clock ?? (() => new Date());
  const opts = deps.options ?? {};
  const retryDelaysMs = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const concurrency = opts.concurrency ?? 4;
  const sender = deps.sender ?? (config.smtp ? new SmtpSender(config.smtp, opts.smtpTimeoutsMs) : undefined);
  const rate = config.DELIVERY_RATE_PER_MINUTE;
  const sleep = opts.sleep;
  const emailRate = new TokenBucket({ ratePerMinute: rate, burst: opts.burst ?? Math.max(1, Math.floor(rate / 6)), ...(sleep ? { sleep } : {}) });
  const chatRate = new TokenBucket({ ratePerMinute: opts.chatRatePerMinute ?? 50, burst: 5, ...(sleep ? { sleep } : {}) });
  // Sends waiting for a rate slot when delivery stops go back to the queue unsent, instead of holding up the stop.
  const stopping = new AbortController();
  const send = createSendTask({ store, config, ports: deps.ports, log, clock, ...(sender ? { sender } : {}), emailRate, chatRate, stopping: stopping.signal });

  let queue: DeliveryQueue | undefined;
  const queueRef: DeliveryQueue = {
    enqueue: (task) => (queue ? queue.enqueue(task) : Promise.reject(new Error('delivery is not started'))),
    idle: () => queue?.idle() ?? Promise.resolve(),
    close: () => queue?.close() ?? Promise.resolve(),
  };
  // Named on its claims: a lease of this process's own, left by a sweep that failed, is its to retry at once.
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const claimLeaseMs = opts.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  const env = { store, queue: queueRef, ports: deps.ports, log, clock, emailConfigured: Boolean(sender), owner, claimLeaseMs };
  const feed = new DeliveryFeed(env);
  feed.attach(deps.engine);
  const service = new DeliveryServiceImpl(env);

  if (!sender) log.warn('email delivery is off: SMTP_HOST is not set (recipients who are workspace members still get a direct message)');

  return {
    service,
    withResults: (engine) => withDeliveryColumn(engine, service),
    start() {
      if (queue) return;
      queue = config.REDIS_URL
        ? new BullDeliveryQueue(config.REDIS_URL, send, log, retryDelaysMs, { concurrency, ...(opts.queuePrefix ? { prefix: opts.queuePrefix } : {}), ...(opts.runWorkers === false ? { runWorkers: false } : {}) })
        : new InProcessDeliveryQueue(send, log, retryDelaysMs, concurrency);
      feed.begin();
    },
    async stop() {
      feed.end();
      stopping.abort();
      await feed.idle();
      await queue?.close();
      queue = undefined;
      sender?.close();
    },
    async idle(timeoutMs?: number) {
      const settled = (async () => {
        await feed.idle();
        await queue?.idle();
        await feed.idle();
        return true;
      })();
      if (timeoutMs === undefined) return settled;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      try {
        return await Promise.race([settled, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
