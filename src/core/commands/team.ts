/** @module core/commands/team — `team add|remove|list`: admins grant and remove the issuer role. */
import type { CoreContext } from '../context.js';
import type { CommandEvent, Reply } from '../events.js';
import { parseUserRef } from '../grammar.js';
import { bullets, failure, info, privately, success } from '../messages.js';
import { adminRefusal, CONSOLE_TENANT, CONSOLE_USER, isAdmin } from '../roles.js';

export async function changeTeam(ctx: CoreContext, event: CommandEvent, op: 'add' | 'remove', userText: string): Promise<Reply> {
  const { actor } = event;
  if (!isAdmin(actor, ctx.admins)) {
    await ctx.audit(actor, 'access.denied', `team.${op}`);
    return privately(adminRefusal(actor, ctx.admins));
  }
  const user = parseUserRef(userText);
  if (!user || /\s/.test(user)) return privately(failure(`“${userText}” is not a user id. Mention the person or give their user id.`));
  if (op === 'add') {
    await ctx.store.addIssuer(actor.tenantId, user);
    await ctx.audit(actor, 'team.add', user);
    return privately(success(`${user} is now a team member and can create designs and groups, issue and revoke.`));
  }
  if (isAdmin({ tenantId: actor.tenantId, userId: user }, ctx.admins)) {
    return privately(failure(`${user} is an admin (from configuration); admins always keep the issuer role.`));
  }
  if (!(await ctx.store.isIssuer(actor.tenantId, user))) return privately(failure(`${user} is not a team member.`));
  await ctx.store.removeIssuer(actor.tenantId, user);
  await ctx.audit(actor, 'team.remove', user);
  return privately(success(`${user} is no longer a team member.`));
}

export async function listTeam(ctx: CoreContext, event: CommandEvent): Promise<Reply> {
  const issuers = await ctx.store.listIssuers(event.actor.tenantId);
  const admins = event.actor.tenantId === CONSOLE_TENANT ? [CONSOLE_USER] : [...ctx.admins];
  const text = [
    `*Admins* (grant the role; from configuration): ${admins.length ? admins.join(', ') : 'none configured (set CREDBOT_ADMINS)'}`,
    '*Team members* (may issue):',
    bullets(issuers, 'Nobody yet besides the admins. An admin adds people with `/issue-credential team add <user>`.'),
  ].join('\n');
  return privately(info(text));
}
