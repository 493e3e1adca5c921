/**
 * @module delivery/feed — turns issued rows into deliveries. The engine calls its listeners while it holds
 * a job's lock, so the listener only schedules a sweep and returns: reading rows and queueing emails happen
 * beside issuing, never inside it. Each credential is queued once across processes (a claim in the store);
 * a channel that is switched off is recorded as `skipped`, so the results say why nothing came.
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
const CHUNK = 50;

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
  /** Per job: rows already looked at by this process, and the sweep in progress. */
  private readonly seen = new Map<string, number>();
  private readonly chains = new Map<string, Promise<void>>();
  /** Jobs that moved before `begin()`: swept once delivery starts. Undefined once started. */
  private early: Map<string, Job> | undefined = new Map();
  private stopped = false;

  constructor(private readonly env: FeedEnv) {}

  /**
   * Listens from now on. Jobs that move before `begin()` (a resumed job can finish while the bot is
   * still starting its adapters) are remembered and swept then; after `end()` rows are left alone, so
   * nothing is claimed that cannot be queued.
   */
  attach(engine: DeliveryDeps['engine']): void {
    const onJob = (job: Job) => {
      if (this.stopped) return;
      if (this.early) this.early.set(job.id, job);
      else this.schedule(job);
    };
    engine.onProgress(onJob);
    engine.onFinished(onJob);
  }

  begin(): void {
    const early = this.early;
    this.early = undefined;
    for (const job of early?.values() ?? []) this.schedule(job);
  }

  end(): void {
    this.stopped = true;
  }

  /** Returns at once; sweeps of one job run one after another. */
  schedule(job: Job): void {
    const prev = this.chains.get(job.id) ?? Promise.resolve();
    const next = prev
      .then(() => this.sweep(job))
      .catch((err) => this.env.log.error('queueing deliveries failed', { jobId: job.id, error: (err as Error).message }))
      .finally(() => {
        if (this.chains.get(job.id) === next) this.chains.delete(job.id);
      });
    this.chains.set(job.id, next);
  }

  /** Resolves when every scheduled sweep has run. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  private async sweep(job: Job): Promise<void> {
    // Only the rows recorded since the last sweep: reading every row on every batch made a
    // 100,000-row job's delivery quadratic (400 sweeps of up to 100,000 rows each).
    const from = this.seen.get(job.id) ?? 0;
    const rows = await this.env.store.getRows(job.tenantId, job.id, { offset: from });
    const fresh = rows.filter((r): r is RowResult & { credentialId: string } => r.outcome === 'issued' && Boolean(r.credentialId));
    if (fresh.length > 0) {
      const group = await this.env.store.getGroup(job.tenantId, job.groupId);
      if (group) {
        for (let i = 0; i < fresh.length; i += CHUNK) {
          await Promise.all(fresh.slice(i, i + CHUNK).map((r) => this.queueCredential(job.tenantId, r.credentialId, group)));
        }
      }
    }
    if (isFinished(job.state)) this.seen.delete(job.id);
    else this.seen.set(job.id, from + rows.length);
  }

  private async queueCredential(tenant: TenantId, credentialId: string, group: Group): Promise<void> {
    if (!(await this.env.store.claimOnce(tenant, `delivery:${credentialId}`, CLAIM_TTL_SECONDS))) return;
    await queueChannels(this.env, tenant, credentialId, channelsFor(this.env, tenant, group));
  }
}

/** Records `queued` (or `skipped`) first, then queues: a fast worker's outcome is never overwritten by `queued`. */
export async function queueChannels(env: Pick<FeedEnv, 'store' | 'queue' | 'clock'>, tenant: TenantId, credentialId: string, plan: ReturnType<typeof channelsFor>): Promise<void> {
  const at = env.clock().toISOString();
  for (const s of plan.skip) await env.store.putDelivery(tenant, { credentialId, channel: s.channel, outcome: 'skipped', detail: s.detail, attempts: 0, at });
  for (const channel of plan.send) {
    await env.store.putDelivery(tenant, { credentialId, channel, outcome: 'queued', attempts: 0, at });
    await env.queue.enqueue({ tenant, credentialId, channel });
  }
}
