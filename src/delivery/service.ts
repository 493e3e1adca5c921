/**
 * @module delivery/service — what people ask of delivery through the core: send a credential again
 * (by id, link or email address), and how a job's deliveries went (for `status` and the results file).
 */
import { normalizeEmail } from '../domain/email.js';
import type { CredentialRecord, DeliveryChannel, DeliveryRecord, TenantId, UserId } from '../domain/types.js';
import type { Logger } from '../log.js';
import { channelsFor, type FeedEnv } from './feed.js';
import type { ChannelPlan } from './queue-once.js';
import type { DeliveryService, JobDeliverySummary, ResendResult } from './types.js';

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * Resend: records `queued` (or `skipped`) first, then queues, so a fast worker's outcome is never overwritten
 * by `queued`. No claim: an explicit resend goes out again however often it is asked for.
 */
async function queueChannels(env: Pick<FeedEnv, 'store' | 'queue' | 'clock'>, tenant: TenantId, credentialId: string, plan: ChannelPlan): Promise<void> {
  const at = env.clock().toISOString();
  for (const s of plan.skip) await env.store.putDelivery(tenant, { credentialId, channel: s.channel, outcome: 'skipped', detail: s.detail, attempts: 0, at });
  for (const channel of plan.send) {
    await env.store.putDelivery(tenant, { credentialId, channel, outcome: 'queued', attempts: 0, at });
    await env.queue.enqueue({ tenant, credentialId, channel });
  }
}

/** A credential id from an id, a verification link (`…/credentials/<id>`) or a Slack-wrapped link. */
export function credentialIdOf(ref: string): string {
  const trimmed = ref.trim().replace(/^<|>$/g, '').split('|')[0]!;
  return /\/credentials\/([A-Za-z0-9-]+)/.exec(trimmed)?.[1] ?? trimmed;
}

/** `mailto:` and Slack's `<mailto:a@b|a@b>` wrapping removed. */
function emailOf(ref: string): string | undefined {
  const bare = ref.trim().replace(/^<|>$/g, '').split('|')[0]!.replace(/^mailto:/i, '');
  return EMAIL.test(bare) ? bare : undefined;
}

export class DeliveryServiceImpl implements DeliveryService {
  constructor(private readonly env: FeedEnv & { log: Logger }) {}

  private async credentialsFor(tenant: TenantId, ref: string): Promise<CredentialRecord[] | string> {
    const email = emailOf(ref);
    if (email) {
      const key = normalizeEmail(email);
      const groups = await this.env.store.listGroups(tenant);
      const ids = (await Promise.all(groups.map((g) => this.env.store.findCredentialByEmail(tenant, g.id, key)))).filter((id): id is string => Boolean(id));
      const creds = (await Promise.all(ids.map((id) => this.env.store.getCredential(tenant, id)))).filter((c): c is CredentialRecord => Boolean(c));
      return creds.length ? creds : 'Nobody with that email address holds a credential in this workspace.';
    }
    const id = credentialIdOf(ref);
    const cred = await this.env.store.getCredential(tenant, id);
    return cred ? [cred] : `There is no credential “${id.slice(0, 80)}” in this workspace. Give its id, its link, or the recipient's email address.`;
  }

  /** An explicit resend goes out even where the group switched automatic delivery off. */
  async resend(tenant: TenantId, ref: string, by: UserId): Promise<ResendResult> {
    if (!ref.trim()) return { ok: false, reason: 'Which credential? Give its id, its link, or the recipient’s email address.' };
    const found = await this.credentialsFor(tenant, ref);
    if (typeof found === 'string') return { ok: false, reason: found };
    const live = found.filter((c) => c.status !== 'revoked');
    if (live.length === 0) return { ok: false, reason: found.length === 1 ? 'That credential is revoked: it is not sent again.' : 'Those credentials are all revoked: none is sent again.' };
    const out: { id: string; recipientName: string; channels: DeliveryChannel[] }[] = [];
    for (const cred of live) {
      const group = await this.env.store.getGroup(tenant, cred.groupId);
      if (!group) continue;
      const plan = channelsFor(this.env, tenant, group, true);
      if (plan.send.length === 0) return { ok: false, reason: plan.skip.map((s) => s.detail).join('; ') || 'There is no way to reach recipients here.' };
      await queueChannels(this.env, tenant, cred.id, { send: plan.send, skip: [] });
      out.push({ id: cred.id, recipientName: cred.recipient.name, channels: plan.send });
    }
    this.env.log.info('credential resend queued', { tenant, by, credentials: out.map((c) => c.id) });
    return out.length ? { ok: true, credentials: out } : { ok: false, reason: 'The group of that credential no longer exists.' };
  }

  async outcomes(tenant: TenantId, credentialIds: string[]): Promise<Map<string, DeliveryRecord[]>> {
    const map = new Map<string, DeliveryRecord[]>();
    for (let i = 0; i < credentialIds.length; i += 500) {
      for (const r of await this.env.store.getDeliveries(tenant, credentialIds.slice(i, i + 500))) {
        map.set(r.credentialId, [...(map.get(r.credentialId) ?? []), r]);
      }
    }
    return map;
  }

  async jobSummary(tenant: TenantId, jobId: string): Promise<JobDeliverySummary> {
    const rows = (await this.env.store.getRows(tenant, jobId)).filter((r) => r.credentialId && r.outcome === 'issued');
    const byId = await this.outcomes(tenant, rows.map((r) => r.credentialId!));
    const summary: JobDeliverySummary = { counts: {}, problems: [] };
    for (const row of rows.sort((a, b) => a.row - b.row)) {
      for (const rec of byId.get(row.credentialId!) ?? []) {
        const c = (summary.counts[rec.channel] ??= {});
        c[rec.outcome] = (c[rec.outcome] ?? 0) + 1;
        if (rec.outcome === 'refused' || rec.outcome === 'failed') summary.problems.push({ row: row.row, channel: rec.channel, outcome: rec.outcome, ...(rec.detail ? { detail: rec.detail } : {}) });
      }
    }
    return summary;
  }
}

/** One results-file cell: `email sent; chat sent`, `email refused: 550 …`, `email skipped: …`. */
export function deliveryCell(records: DeliveryRecord[] | undefined): string {
  if (!records?.length) return '';
  const order: DeliveryChannel[] = ['email', 'chat'];
  return [...records]
    .sort((a, b) => order.indexOf(a.channel) - order.indexOf(b.channel))
    // A member lookup that found nobody is normal for outside recipients: not worth a word in every row.
    .filter((r) => !(r.channel === 'chat' && r.outcome === 'skipped'))
    .map((r) => `${r.channel} ${r.outcome}${r.detail && r.outcome !== 'sent' ? `: ${r.detail}` : ''}`)
    .join('; ');
}
