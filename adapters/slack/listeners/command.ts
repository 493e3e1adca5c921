/**
 * @module adapters/slack/listeners/command — `/issue-credential [...]`. Acknowledges first (Slack
 * allows 3 s, and the store may be slow), then asks the core; a form opens as a modal at once.
 */
import type { App } from '@slack/bolt';
import { actor, conversation, tenantFromContext } from '../context.js';
import { showReply, type ReplyTarget } from '../replies.js';
import { tellFailure, type ListenerDeps } from './deps.js';

export const COMMAND = '/issue-credential';

export function registerCommand(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, async ({ command, ack, context, body }) => {
    await ack();
    const tenantId = tenantFromContext(context, body);
    const target: ReplyTarget = {
      conversation: conversation(tenantId, command.channel_id, undefined, { responseUrl: command.response_url, userId: command.user_id }),
      userId: command.user_id,
      triggerId: command.trigger_id,
    };
    try {
      const reply = await deps.core().handleCommand({
        actor: actor(tenantId, command.user_id, command.user_name),
        conversation: target.conversation,
        text: (command.text ?? '').trim(),
        eventId: command.trigger_id,
      });
      await showReply(deps, reply, target);
    } catch (err) {
      await tellFailure(deps, target, 'running the command', err);
    }
  });
}
