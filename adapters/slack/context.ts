/**
 * @module adapters/slack/context — who and where, from Slack payloads: the tenant (`slack:` + team
 * id, or enterprise id on Enterprise Grid), the actor, conversation references, and the
 * de-duplication claims that keep a re-delivered event or a double click from running twice.
 */
import type { ConversationRef } from '../../src/core/chat-port.js';
import type { Actor } from '../../src/core/events.js';
import type { TenantId } from '../../src/domain/types.js';
import type { Store } from '../../src/store/port.js';
import type { SlackRefExtras } from './chat-port.js';

/** Slack retries for about five minutes; keep claims for ten. */
export const DEDUPE_TTL_SECONDS = 600;

export function tenantOf(ids: { teamId?: string | null; enterpriseId?: string | null }): TenantId {
  const id = ids.enterpriseId || ids.teamId;
  if (!id) throw new Error('Slack payload names neither a team nor an enterprise');
  return `slack:${id}`;
}

/** Team and enterprise ids as Bolt resolved them (context), with the body as fallback. */
export function tenantFromContext(context: { teamId?: string; enterpriseId?: string }, body: Record<string, any>): TenantId {
  return tenantOf({
    teamId: context.teamId ?? body.team_id ?? body.team?.id ?? body.user?.team_id,
    enterpriseId: context.enterpriseId ?? body.enterprise_id ?? body.enterprise?.id ?? body.team?.enterprise_id,
  });
}

export function actor(tenantId: TenantId, userId: string, displayName?: string): Actor {
  return { tenantId, userId, ...(displayName ? { displayName } : {}) };
}

export function conversation(tenantId: TenantId, channelId: string, threadId?: string, extras: SlackRefExtras = {}): ConversationRef {
  const platform = Object.fromEntries(Object.entries(extras).filter(([, v]) => v !== undefined));
  return { tenantId, channelId, ...(threadId ? { threadId } : {}), ...(Object.keys(platform).length ? { platform } : {}) };
}

/** True the first time `key` is seen in this tenant within ten minutes. */
export function claimFirst(store: Store, tenant: TenantId, key: string): Promise<boolean> {
  return store.claimOnce(tenant, key, DEDUPE_TTL_SECONDS);
}

/** Where a modal was opened from, kept under its state key so results can be posted there. */
export const modalOriginKey = (stateKey: string) => `slack:modal:${stateKey}`;
export interface ModalOrigin {
  conversation: ConversationRef;
  userId: string;
}
