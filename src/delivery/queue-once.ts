/**
 * @module delivery/queue-once — queues a chunk of credentials' deliveries once across processes, even when a
 * process dies (crash, kill -9, out of memory) or stalls half-way. Four steps, each one round trip for the chunk:
 * lease the credentials' claims (a few minutes), record `queued` / `skipped` where nothing is recorded yet,
 * enqueue one automatic task per credential and channel, confirm the claims (90 days). A credential whose
 * lease another process holds is handed back with the time left: that process may be dead, and the sweep asks
 * again once the lease has run out. Were it only slow, both enqueue: the task's fixed queue id, and a late
 * copy finding the outcome recorded (deliver.ts), keep it to one message.
 */
import type { DeliveryChannel, DeliveryRecord, TenantId } from '../domain/types.js';
import type { Store } from '../store/port.js';
import type { DeliveryQueue } from './queue.js';

/** How long "this credential was queued" is remembered: longer than any job and its retries take. */
export const CLAIM_TTL_SECONDS = 90 * 24 * 3600;
/** How long a claim is held while its credential is being queued (milliseconds: a chunk takes a few). */
export const DEFAULT_CLAIM_LEASE_MS = 5 * 60_000;

export interface QueueOnceEnv {
  store: Store;
  queue: DeliveryQueue;
  clock: () => Date;
  /** This process's name on its leases (a lease of its own, left by a sweep that failed, is its to retry). */
  owner: string;
  claimLeaseMs: number;
}

/** Which channels to send on, and which to record as skipped with why (feed.channelsFor). */
export interface ChannelPlan {
  send: DeliveryChannel[];
  skip: { channel: DeliveryChannel; detail: string }[];
}

/** The claim key of a credential's automatic delivery (the key claimOnce used before leases: old claims count). */
export const deliveryClaimKey = (credentialId: string) => `delivery:${credentialId}`;

/**
 * Queues each credential not queued yet; returns those another process holds, with the milliseconds left
 * on its lease. Throws if the store or queue fails: the leases taken stay this process's, to retry at once.
 */
export async function queueOnce(env: QueueOnceEnv, tenant: TenantId, credentialIds: string[], plan: ChannelPlan): Promise<Map<string, number>> {
  const held = new Map<string, number>();
  if (credentialIds.length === 0) return held;
  const keys = credentialIds.map(deliveryClaimKey);
  const claims = await env.store.leaseClaims(tenant, keys, env.owner, env.claimLeaseMs);
  const granted: string[] = [];
  claims.forEach((c, i) => {
    if (c.state === 'granted') granted.push(credentialIds[i]!);
    else if (c.state === 'held') held.set(credentialIds[i]!, c.msLeft);
  });
  if (granted.length === 0) return held;
  const at = env.clock().toISOString();
  // Recorded first, so a fast worker's outcome is never overwritten; and only where there is none, so a
  // process that took this claim over late never turns an earlier `sent` back into `queued`.
  const records = granted.flatMap((credentialId): DeliveryRecord[] => [
    ...plan.skip.map((s): DeliveryRecord => ({ credentialId, channel: s.channel, outcome: 'skipped', detail: s.detail, attempts: 0, at })),
    ...plan.send.map((channel): DeliveryRecord => ({ credentialId, channel, outcome: 'queued', attempts: 0, at })),
  ]);
  await env.store.putDeliveriesIfAbsent(tenant, records);
  await Promise.all(granted.flatMap((credentialId) => plan.send.map((channel) => env.queue.enqueue({ tenant, credentialId, channel, automatic: true }))));
  await env.store.confirmClaims(tenant, granted.map(deliveryClaimKey), env.owner, CLAIM_TTL_SECONDS);
  return held;
}
