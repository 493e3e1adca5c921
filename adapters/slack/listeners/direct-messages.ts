/**
 * @module adapters/slack/listeners/direct-messages — text typed in a direct message with the bot
 * works like the slash command (`help`, `groups`, `status`, …), as it does in Teams. Forms still
 * need the slash command: a DM carries no trigger id to open a modal with.
 */
import type { App } from '@slack/bolt';
import { actor, conversation, tenantFromContext } from '../context.js';
import { showReply, type ReplyTarget } from '../replies.js';
import { tellFailure, type ListenerDeps } from './deps.js';

export function registerDirectMessages(app: App, deps: ListenerDeps): void {
  app.event('message', async ({ event, context, body }) => {
    const e = event as unknown as Record<string, any>;
    // Plain user text in a DM only: no subtype (edits, joins, file shares), no bots.
    if (e.channel_type !== 'im' || e.subtype || e.bot_id || !e.user || e.user === context.botUserId || typeof e.text !== 'string') return;
    const tenantId = tenantFromContext(context, body);
    const target: ReplyTarget = { conversation: conversation(tenantId, e.channel), userId: e.user };
    try {
      const reply = await deps.core().handleCommand({
        actor: actor(tenantId, e.user),
        conversation: target.conversation,
        text: e.text.replace(/^\/?issue-credential\b/, '').trim(),
        eventId: body.event_id,
      });
      await showReply(deps, reply, target);
    } catch (err) {
      await tellFailure(deps, target, 'answering your message', err);
    }
  });
}
