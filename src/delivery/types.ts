/**
 * @module delivery/types — what delivery is built from, what it is asked to do (one credential on one
 * channel), and what the conversation core may ask of it (`DeliveryService`: resend, outcomes for status).
 */
import type { SmtpConfig } from '../config.js';
import type { ChatPort } from '../core/chat-port.js';
import type { DeliveryChannel, DeliveryRecord, TenantId, UserId } from '../domain/types.js';
import type { IssuanceEngine } from '../issuance/engine.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/port.js';

/** One thing to send: a credential's email, or its direct message. */
export interface DeliveryTask {
  tenant: TenantId;
  credentialId: string;
  channel: DeliveryChannel;
  /**
   * Queued by the feed (not a resend): at most one such task waits per credential and channel (a fixed queue
   * id), and it is not sent when the channel already has an outcome (a process that was slow queued it late).
   */
  automatic?: true;
}

/** The parts of the bot's configuration delivery reads (`Config` from src/config.ts fits). */
export interface DeliveryConfig {
  smtp?: SmtpConfig;
  /** Emails per minute at most (token bucket, per process). */
  DELIVERY_RATE_PER_MINUTE: number;
  publicBaseUrl: string;
  ISSUER_NAME: string;
  /** Replies to an email go here when set. */
  ISSUER_EMAIL?: string;
  /** Set: deliveries wait in a BullMQ queue on this Redis and survive restarts. */
  REDIS_URL?: string;
}

/** Knobs tests and operators may turn; every one has a production default. */
export interface DeliveryOptions {
  /** Waits before each retry of a delivery that failed for a passing reason; attempts = length + 1. Default 30 s, 2 min, 10 min, 30 min, 2 h. */
  retryDelaysMs?: readonly number[];
  /** Deliveries one process sends at once. Default 4. */
  concurrency?: number;
  /** Direct messages per minute at most (Slack allows about one a second). Default 50. */
  chatRatePerMinute?: number;
  /** Burst of the email token bucket. Default: ten seconds' worth, at least 1. */
  burst?: number;
  /** BullMQ key prefix (tests use a unique one). Default `{cb-delivery}`. */
  queuePrefix?: string;
  /** Whether this process sends (false: it only enqueues). Default true. */
  runWorkers?: boolean;
  /** SMTP socket timeouts in ms (connect, greeting, idle socket). Default 20 s / 20 s / 60 s. */
  smtpTimeoutsMs?: { connection?: number; greeting?: number; socket?: number };
  /**
   * How long a credential's delivery claim is held while it is being queued: if the process dies in that
   * window, another process (or the next start) queues it once the lease has run out. Default 5 minutes.
   */
  claimLeaseMs?: number;
  /** How a token bucket waits (tests may pass a fake). */
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliveryDeps {
  store: Store;
  /** Delivery listens to its jobs' progress; it never slows or changes them. */
  engine: Pick<IssuanceEngine, 'onProgress' | 'onFinished'>;
  config: DeliveryConfig;
  /** Chat ports by platform (`slack`, `teams`, `console`), as given to the core. */
  ports: Partial<Record<string, ChatPort>>;
  log: Logger;
  clock?: () => Date;
  options?: DeliveryOptions;
}

export type ResendResult =
  | { ok: true; credentials: { id: string; recipientName: string; channels: DeliveryChannel[] }[] }
  | { ok: false; reason: string };

/** Delivery outcomes of one job, for `status` and the results file. */
export interface JobDeliverySummary {
  /** `email` -> { sent: 48, refused: 1 }, … */
  counts: Partial<Record<DeliveryChannel, Partial<Record<DeliveryRecord['outcome'], number>>>>;
  /** Rows whose delivery went wrong (refused / failed), in row order. */
  problems: { row: number; channel: DeliveryChannel; outcome: DeliveryRecord['outcome']; detail?: string }[];
}

/** What the conversation core (and the results file) may ask of delivery. */
export interface DeliveryService {
  /** Sends a credential again (by id or URL), or every credential held by an email address. */
  resend(tenant: TenantId, ref: string, by: UserId): Promise<ResendResult>;
  /** Latest outcomes per credential id. */
  outcomes(tenant: TenantId, credentialIds: string[]): Promise<Map<string, DeliveryRecord[]>>;
  jobSummary(tenant: TenantId, jobId: string): Promise<JobDeliverySummary>;
}
