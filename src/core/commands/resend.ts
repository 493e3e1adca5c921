/** @module core/commands/resend — `resend <credential id, URL or email>`: queue the credential's email (and direct message) again. */
import type { CoreContext } from '../context.js';
import type { CommandEvent, Reply } from '../events.js';
import { failure, privately, success } from '../messages.js';

export async function resendCredential(ctx: CoreContext, event: CommandEvent, ref: string): Promise<Reply> {
  if (!ctx.delivery) return privately(failure('Sending credentials to recipients is not set up on this bot, so there is nothing to resend.'));
  const tenant = event.actor.tenantId;
  const result = await ctx.delivery.resend(tenant, ref, event.actor.userId);
  if (!result.ok) return privately(failure(`Nothing was sent again: ${result.reason}`));
  for (const c of result.credentials) await ctx.audit(event.actor, 'credential.resend', c.id, { channels: c.channels });
  const lines = result.credentials.map((c) => `*${c.recipientName}* (${c.id}) by ${c.channels.join(' and ')}`);
  const what = lines.length === 1 ? `Sending the credential of ${lines[0]} again.` : `Sending ${lines.length} credentials again:\n${lines.map((l) => `• ${l}`).join('\n')}`;
  return privately(success(`${what} Run \`/issue-credential status\` on its job to see whether it arrived.`));
}
