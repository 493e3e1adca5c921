/**
 * @module delivery/feed — turns issued rows into deliveries. The engine calls its listeners while it holds
 * a job's lock, so the listener only schedules a sweep and returns: reading rows and queueing emails happen
 * beside issuing, never inside it. Each credential is queued once across processes (a claim in the store);
 * a channel that is switched off is recorded as `skipped`, so the results say why nothing came. How far
 * each job is queued is kept in the store, so stopping never waits for a big job's rows: the next start
 * (in this process or another) carries on from there, finished jobs included. A claim is a short lease until
 * its credential is queued (queue-once.ts): the offset never passes a credential another process still
 * holds, and the sweep asks again once that lease has run out, so a process dying mid-chunk loses nothing.
 */
import type { ChatPort } from '../core/chat-port.js';
import { platformOf } from '../core/deps.js';
import type { DeliveryChannel, Group, Job, TenantId } from '../domain/types.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/port.js';
import { isFinished } from '../store/rules.js';
import { LeaseWaits } from './lease-waits.js';
import type { DeliveryQueue } from './queue.js';
import { queueOnce, type ChannelPlan } from './queue-once.js';
import type { DeliveryDeps } from './types.js';

/** Credentials claimed and queued at once; a stopping sweep finishes its chunk, then saves its offset. */
const CHUNK = 50;
/** Rows read at once; the offset is saved after each page. */
const PAGE = 500;
/** A sweep waiting for a lease to run out asks a little after it has (clocks of Redis and Node differ by a tick). */
const LEASE_MARGIN_MS = 20;

export interface FeedEnv {
  store: Store;
  queue: DeliveryQueue;
  ports: Partial<Record<string, ChatPort>>;
  log: Logger;
  clock: () => Date;
  emailConfigured: boolean;
  /** This process's name on its delivery claims. */
  owner: string;
  /** How long a credential's claim is held while it is queued (a dead process's is taken over after). */
  claimLeaseMs: number;
}

/** Which channels a credential of this group goes out on, and why the others do not (for `skipped`). */
export function channelsFor(env: Pick<FeedEnv, 'ports' | 'emailConfigured'>, tenant: TenantId, group: Group, explicit = false): ChannelPlan {
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

/** One job's sweep in this process: how far it has read, and the credentials other processes held. */
interface JobSweep {
  /** Rows read and queued here; the stored offset may lag behind it (it never passes a held credential). */
  readTo: number;
  /** Credential id -> its row and the ms that were left on the other process's lease when last asked. */
  held: Map<string, { row: number; msLeft: number }>;
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
  /** Jobs whose sweep met credentials another process held (empty unless a process died or two sweep at once). */
  private readonly sweeps = new Map<string, JobSweep>();
  /** Jobs to sweep again when the leases they met run out. */
  private readonly rechecks = new LeaseWaits();
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
    this.rechecks.cancelAll();
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

  /** Resolves when every scheduled sweep has run (or stopped, after `end()`), those waiting for a lease to run out included. */
  async idle(): Promise<void> {
    await this.leftovers;
    for (;;) {
      if (this.chains.size > 0) await Promise.all([...this.chains.values()]);
      else if (this.rechecks.size > 0) await this.rechecks.settled();
      else return;
    }
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
   * Queues the job's rows from the stored offset on (or from where this process read to, when further), a
   * page at a time, saving the offset after each page (claims make rows redone after a crash harmless).
   * Only new rows are read: reading every row on every batch made a 100,000-row job's delivery quadratic.
   * Credentials another process held are asked for again after each page and when their leases run out.
   */
  private async sweep(tenant: TenantId, jobId: string): Promise<void> {
    if (this.stopped) return;
    const key = keyOf(tenant, jobId);
    // Read first: a job not pending (and marked) is fully queued, by this process or another.
    const stored = await this.env.store.getDeliveryOffset(tenant, jobId);
    if (stored === undefined && !this.unmarked.has(key)) return void this.sweeps.delete(key);
    const state = this.sweeps.get(key) ?? { readTo: 0, held: new Map() };
    this.sweeps.set(key, state);
    let offset = Math.max(stored ?? 0, state.readTo);
    // The state is read before the rows: a job finished by then has every row recorded.
    const job = await this.env.store.getJob(tenant, jobId);
    if (!job) return this.forget(tenant, jobId);
    let group: Promise<Group | undefined> | undefined;
    const groupOf = () => (group ??= this.env.store.getGroup(tenant, job.groupId));
    await this.askHeldAgain(tenant, state, groupOf);
    for (;;) {
      if (this.stopped) return;
      const rows = await this.env.store.getRows(tenant, jobId, { offset, limit: PAGE });
      for (let i = 0; i < rows.length; i += CHUNK) {
        if (this.stopped) return this.saveOffset(tenant, jobId, offset + i, state);
        const issued = rows.slice(i, i + CHUNK).flatMap((r, k) => (r.outcome === 'issued' && r.credentialId ? [{ id: r.credentialId, row: offset + i + k }] : []));
        if (issued.length === 0) continue;
        const g = await groupOf();
        if (g) await this.queue(tenant, issued, g, state);
      }
      if (rows.length === 0) break;
      offset += rows.length;
      state.readTo = offset;
      await this.askHeldAgain(tenant, state, groupOf); // most were another live process's, queued by now
      await this.saveOffset(tenant, jobId, offset, state);
      this.unmarked.delete(key); // the offset is stored now
      if (rows.length < PAGE) break;
    }
    // A held credential keeps the job pending (its offset before that row), for this process or the next.
    if (state.held.size > 0) return this.recheckLater(tenant, jobId, state);
    this.sweeps.delete(key);
    if (isFinished(job.state)) await this.forget(tenant, jobId);
  }

  /** Queues what it can of these credentials; those another process holds are kept in `state.held`. */
  private async queue(tenant: TenantId, credentials: { id: string; row: number }[], group: Group, state: JobSweep): Promise<void> {
    const held = await queueOnce(this.env, tenant, credentials.map((c) => c.id), channelsFor(this.env, tenant, group));
    for (const c of credentials) {
      const msLeft = held.get(c.id);
      if (msLeft === undefined) state.held.delete(c.id);
      else state.held.set(c.id, { row: c.row, msLeft });
    }
  }

  private async askHeldAgain(tenant: TenantId, state: JobSweep, groupOf: () => Promise<Group | undefined>): Promise<void> {
    if (state.held.size === 0) return;
    const group = await groupOf();
    if (!group) return state.held.clear(); // nothing of the job is queued any more
    const list = [...state.held].map(([id, h]) => ({ id, row: h.row }));
    for (let i = 0; i < list.length; i += PAGE) await this.queue(tenant, list.slice(i, i + PAGE), group, state);
  }

  /** Saves the offset, but never past a credential still held: the next process must read that row again. */
  private saveOffset(tenant: TenantId, jobId: string, offset: number, state: JobSweep): Promise<void> {
    let upTo = offset;
    for (const h of state.held.values()) upTo = Math.min(upTo, h.row);
    return this.env.store.advanceDeliveryOffset(tenant, jobId, upTo);
  }

  /** Sweeps the job again when the first lease it met runs out (its holder may have died). */
  private recheckLater(tenant: TenantId, jobId: string, state: JobSweep): void {
    if (this.stopped) return;
    const wait = Math.min(...[...state.held.values()].map((h) => h.msLeft)) + LEASE_MARGIN_MS;
    this.env.log.info('deliveries claimed by another process: asking again when its claims run out', { jobId, credentials: state.held.size, inMs: wait });
    this.rechecks.set(keyOf(tenant, jobId), wait, () => this.schedule(tenant, jobId));
  }

  /** Every row of the job is queued and none will come: it leaves the pending set. */
  private async forget(tenant: TenantId, jobId: string): Promise<void> {
    await this.env.store.clearDeliveryPending(tenant, jobId);
    const key = keyOf(tenant, jobId);
    this.unmarked.delete(key);
    this.sweeps.delete(key);
  }
}

const keyOf = (tenant: TenantId, jobId: string) => `${tenant}\n${jobId}`;
