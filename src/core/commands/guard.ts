/** @module core/commands/guard — the issuer check every protected command, form and button goes through. */
import type { CoreContext } from '../context.js';
import type { Actor } from '../events.js';
import { issuerRefusal, isIssuer } from '../roles.js';
import type { Message } from '../ui.js';

/** Undefined when the actor may go on; otherwise the refusal to show (the attempt is audited). */
export async function refuseUnlessIssuer(ctx: CoreContext, actor: Actor, doing: string): Promise<Message | undefined> {
  if (await isIssuer(ctx.store, actor, ctx.admins)) return undefined;
  await ctx.audit(actor, 'access.denied', doing);
  return issuerRefusal(actor, ctx.admins, doing);
}
