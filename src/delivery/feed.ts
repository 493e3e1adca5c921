/**
 * @module delivery/feed — turns issued rows into deliveries. The engine calls its listeners while it holds
 * a job's lock, so the listener only schedules a sweep and returns: reading rows and queueing emails happen
 * beside issuing, never inside it. Each credential is queued once across processes (a claim in the store);
 * a channel that is switched off is recorded as `skipped`, so the results say why nothing came. How far
 * each job is queued is kept in the store, so stopping never waits for a big job's rows: the next start
 * (in this process or another) carries on from there, finished jobs included.
 */
import type { ChatPort } from '../core/chat-port.js';
import { platformOf } from '../core/deps.js';
import type { DeliveryChannel, Group, Job, RowResult, TenantId } from '../domain/types.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/port.js';
import { isFinished } from '../store/rules.js';
import type { DeliveryQueue } from './queue.js';
import type { DeliveryDeps } from './types.js';

/** How long "this credential was queued" is remembered: longer than any job and its retries take. */
const CLAIM_TTL_SECONDS = 90 * 24 * 3600;
/** Credentials claimed and queued at once; a stopping sweep finishes its chunk, then saves its offset. */
const CHUNK = 50;
/** Rows read at once; the offset is saved after each page. */
const PAGE = 500;

export interface FeedEnv {
  store: Store;
  queue: DeliveryQueue;
  ports: Partial<Record<string, ChatPort>>;
  log: Logger;
  clock: () => Date;
  emailConfigured: boolean;
}

/** Which channels a credential of this group goes out on, and why the others do not (for `skipped`). */
export function channelsFor(env: Pick<FeedEnv, 'ports' | 'emailConfigured'>, tenant: TenantId, group: Group, explicit = false) {
  const send: DeliveryChannel[] = [];
  const skip: { channel: DeliveryChannel; detail: string }[] = [];
  if (!env.emailConfigured) skip.push({ channel: 'email', detail: 'no mail server is configured (SMTP_HOST)' });
  else if (group.deliverEmail === false && !explicit) skip.push({ channel: 'email', detail: 'email delivery is off for this group' });
  else send.push('email');
  const port = env.ports[platformOf(tenant)];
  // A platform that cannot find members by email has no chat channel at all: nothing to record.
  if (port?.findUserByEmail && port.sendDirect && (group.deliverChat !== false || explicit)) send.push('chat');
  return { send, skip };
}

export class DeliveryFeed {
  /** Per job (`tenant\njob`): the sweep in progress and those waiting behind it. */
  private readonly chains = new Map<string, Promise<void>>();
  /**
   * Jobs this process has marked pending in the store: once each, as the mark is awaited inside the engine's
   * lock, and never again after the job is fully queued (a late event must not mark it afresh). A few bytes a job.
   */
  private readonly marked = new Set<string>();
  /** Jobs whose mark could not be written: swept from the start all the same (the store's offset is absent). */
  private readonly unmarked = new Set<string>();
  /** Jobs that moved before `begin()`: swept once delivery starts. Undefined once started. */
  private early: Map<string, Job> | undefined = new Map();
  /** The search for jobs an earlier process left half-queued (started by `begin()`). */
  private leftovers: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly env: FeedEnv) {}

  /**
   * Listens from now on. Each job is marked pending in the store at the first event this process sees
   * (for a new job that is its start, before any row exists), so a process that starts later finds it
   * even if this one dies. Jobs that move before `begin()` are remembered and swept then; after `end()`
   * rows are left alone (the next start picks them up), so nothing is claimed that cannot be queued.
   */
  attach(engine: DeliveryDeps['engine']): void {
    const onJob = async (job: Job) => {
      await this.markPending(job.tenantId, job.id);
      if (this.stopped) return;
      if (this.early) this.early.set(keyOf(job.tenantId, job.id), job);
      else this.schedule(job.tenantId, job.id);
    };
    engine.onProgress(onJob);
    engine.onFinished(onJob);
  }

  /** Sweeps the jobs that moved meanwhile, and every job whose rows are not all queued yet (left by a stopped process). */
  begin(): void {
    const early = this.early;
    this.early = undefined;
    for (const job of early?.values() ?? []) this.schedule(job.tenantId, job.id);
    this.leftovers = this.sweepLeftovers().catch((err) =>
      this.env.log.error('could not look for jobs with deliveries left to queue', { error: (err as Error).message }),
    );
  }

  /** No sweep starts after this, and running ones stop after their current chunk, saving how far they got. */
  end(): void {
    this.stopped = true;
  }

  /** Returns at once; sweeps of one job run one after another. */
  schedule(tenant: TenantId, jobId: string): void {
    const key = keyOf(tenant, jobId);
    const prev = this.chains.get(key) ?? Promise.resolve();
    const next = prev
      .then(() => this.sweep(tenant, jobId))
      // The job stays pending with the offset reached: the next event, or the next start, carries on.
      .catch((err) => this.env.log.error('queueing deliveries failed', { jobId, error: (err as Error).message }))
      .finally(() => {
        if (this.chains.get(key) === next) this.chains.delete(key);
      });
    this.chains.set(key, next);
  }

  /** Resolves when every scheduled sweep has run (or stopped, after `end()`). */
  async idle(): Promise<void> {
    await this.leftovers;
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  private async markPending(tenant: TenantId, jobId: string): Promise<void> {
    const key = keyOf(tenant, jobId);
    if (this.marked.has(key)) return;
    try {
      await this.env.store.markDeliveryPending(tenant, jobId);
      this.marked.add(key);
      this.unmarked.delete(key);
    } catch (err) {
      // Tried again at the next event; meanwhile this process sweeps the job anyway.
      this.unmarked.add(key);
      this.env.log.error('could not mark a job for delivery', { jobId, error: (err as Error).message });
    }
  }

  private async sweepLeftovers(): Promise<void> {
    const pending = await this.env.store.listDeliveryPending();
    if (pending.length > 0) this.env.log.info('queueing deliveries an earlier run left', { jobs: pending.length });
    for (const p of pending) this.schedule(p.tenantId, p.jobId);
  }

  /**
   * Queues the job's rows from the stored offset on, a page at a time, saving the offset after each page
   * (claims are idempotent, so rows redone after a crash are never sent twice). Only new rows are read:
   * reading every row on every batch made a 100,000-row job's delivery quadratic.
   */
  private async sweep(tenant: TenantId, jobId: string): Promise<void> {
    if (this.stopped) return;
    const key = keyOf(tenant, jobId);
    // Read first: a job not pending (and marked) is fully queued, by this process or another.
    const stored = await this.env.store.getDeliveryOffset(tenant, jobId);
    if (stored === undefined && !this.unmarked.has(key)) return;
    let offset = stored ?? 0;
    // The state is read before the rows: a job finished by then has every row recorded.
    const job = await this.env.store.getJob(tenant, jobId);
    if (!job) return this.forget(tenant, jobId);
    let group: Promise<Group | undefined> | undefined;
    for (;;) {
      if (this.stopped) return;
      const rows = await this.env.store.getRows(tenant, jobId, { offset, limit: PAGE });
      for (let i = 0; i < rows.length; i += CHUNK) {
        if (this.stopped) return this.env.store.advanceDeliveryOffset(tenant, jobId, offset + i);
        const issued = rows.slice(i, i + CHUNK).filter((r): r is RowResult & { credentialId: string } => r.outcome === 'issued' && Boolean(r.credentialId));
        if (issued.length === 0) continue;
        const g = await (group ??= this.env.store.getGroup(tenant, job.groupId));
        if (g) await Promise.all(issued.map((r) => this.queueCredential(tenant, r.credentialId, g)));
      }
      if (rows.length === 0) break;
      offset += rows.length;
      await this.env.store.advanceDeliveryOffset(tenant, jobId, offset);
      this.unmarked.delete(key); // the offset is stored now
      if (rows.length < PAGE) break;
    }
    if (isFinished(job.state)) await this.forget(tenant, jobId);
  }

  /** Every row of the job is queued and none will come: it leaves the pending set. */
  private async forget(tenant: TenantId, jobId: string): Promise<void> {
    await this.env.store.clearDeliveryPending(tenant, jobId);
    this.unmarked.delete(keyOf(tenant, jobId));
  }

  private async queueCredential(tenant: TenantId, credentialId: string, group: Group): Promise<void> {
    if (!(await this.env.store.claimOnce(tenant, `delivery:${credentialId}`, CLAIM_TTL_SECONDS))) return;
    await queueChannels(this.env, tenant, credentialId, channelsFor(this.env, tenant, group));
  }
}

const keyOf = (tenant: TenantId, jobId: string) => `${tenant}\n${jobId}`;

/** Records `queued` (or `skipped`) first, then queues: a fast worker's outcome is never overwritten by `queued`. */
export async function queueChannels(env: Pick<FeedEnv, 'store' | 'queue' | 'clock'>, tenant: TenantId, credentialId: string, plan: ReturnType<typeof channelsFor>): Promise<void> {
  const at = env.clock().toISOString();
  for (const s of plan.skip) await env.store.putDelivery(tenant, { credentialId, channel: s.channel, outcome: 'skipped', detail: s.detail, attempts: 0, at });
  for (const channel of plan.send) {
    await env.store.putDelivery(tenant, { credentialId, channel, outcome: 'queued', attempts: 0, at });
    await env.queue.enqueue({ tenant, credentialId, channel });
  }
}
