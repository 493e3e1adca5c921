/**
 * @module core/roles — who may do what. Issuers (team members) create designs and groups, issue and
 * revoke; admins (`CREDBOT_ADMINS`, and the console's local user) grant and remove the role and
 * are issuers themselves. Everyone else gets a refusal that says how to get the role.
 */
import type { Store } from '../store/port.js';
import type { Actor } from './events.js';
import { message } from './messages.js';
import type { Message } from './ui.js';

export const CONSOLE_TENANT = 'console:local';
export const CONSOLE_USER = 'local';

export function isAdmin(actor: Actor, admins: readonly string[]): boolean {
  if (actor.tenantId === CONSOLE_TENANT && actor.userId === CONSOLE_USER) return true;
  return admins.includes(actor.userId);
}

export async function isIssuer(store: Store, actor: Actor, admins: readonly string[]): Promise<boolean> {
  return isAdmin(actor, admins) || (await store.isIssuer(actor.tenantId, actor.userId));
}

/** Names the admins of this platform only when there are few, so the refusal stays readable. */
function whoGrants(actor: Actor, admins: readonly string[]): string {
  if (actor.tenantId === CONSOLE_TENANT) return 'the console admin (the local user, `local`)';
  if (admins.length === 0) return 'a Credbot admin (none is configured yet: set CREDBOT_ADMINS)';
  if (admins.length <= 3) return `a Credbot admin (${admins.join(', ')})`;
  return 'a Credbot admin (listed in CREDBOT_ADMINS)';
}

/** "Only team members can …": what was refused, and who can fix it. */
export function issuerRefusal(actor: Actor, admins: readonly string[], doing: string): Message {
  return message(
    `Only team members (issuers) can ${doing}. Ask ${whoGrants(actor, admins)} to run \`/issue-credential team add ${actor.userId}\`.`,
    undefined,
    'error',
  );
}

export function adminRefusal(actor: Actor, admins: readonly string[]): Message {
  return message(`Only admins can change the team. Ask ${whoGrants(actor, admins)}.`, undefined, 'error');
}
