/** @module core/commands/revoke — `revoke <credential id or URL> [reason]`. */
import type { CoreContext } from '../context.js';
import type { CommandEvent, Reply } from '../events.js';
import { failure, privately, success } from '../messages.js';

/** The credential id from an id or any URL ending in `/credentials/<id>` (verification page or JSON). */
export function credentialIdFrom(ref: string): string {
  const trimmed = ref.trim().replace(/^<|>$/g, '').split('|')[0]!;
  const match = /\/credentials\/([A-Za-z0-9-]+)/.exec(trimmed);
  return match ? match[1]! : trimmed;
}

export async function revokeCredential(ctx: CoreContext, event: CommandEvent, ref: string, reason?: string): Promise<Reply> {
  const tenant = event.actor.tenantId;
  const id = credentialIdFrom(ref);
  const cred = await ctx.store.getCredential(tenant, id);
  if (!cred) return privately(failure(`There is no credential “${id}” in this workspace. Give the id or the link from the results file.`));
  if (cred.status === 'revoked') return privately(failure(`That credential (${cred.recipient.name}) was already revoked on ${cred.revokedAt?.slice(0, 10) ?? 'an earlier date'}.`));
  const why = reason?.trim() || 'Revoked by the issuer';
  const result = await ctx.engine.revoke(tenant, id, why, event.actor.userId);
  if (!result.ok) return privately(failure(`Could not revoke ${id}: ${result.reason}`));
  await ctx.audit(event.actor, 'credential.revoke', id, { reason: why });
  return privately(success(`Revoked the credential of *${cred.recipient.name}* (${id}). Verifiers now see it as revoked. Reason: ${why}`));
}
