/**
 * @module adapters/slack/listeners/actions — clicks: buttons and selects on messages
 * (`core.handleAction`, an `update` reply edits that message) and buttons inside modals
 * ("Add recipient": `core.handleFormAction`, then `views.update`). A double click reaches the
 * core once: each button press on a message is claimed in the store for ten minutes.
 */
import type { App, BlockAction } from '@slack/bolt';
import { actor, claimFirst, conversation, tenantFromContext } from '../context.js';
import { formToSlackModal, viewStateToValues, type SlackInputState } from '../render-form.js';
import { showReply, type ReplyTarget } from '../replies.js';
import { tellFailure, type ListenerDeps } from './deps.js';

function actionValue(action: Record<string, any>): string {
  return action.selected_option?.value ?? action.value ?? action.selected_date ?? '';
}

export function registerActions(app: App, deps: ListenerDeps): void {
  app.action<BlockAction>(/.+/, async ({ ack, body, action, context }) => {
    await ack();
    const tenantId = tenantFromContext(context, body);
    const userId = body.user.id;
    const a = action as unknown as Record<string, any>;
    const value = actionValue(a);

    if (body.view && body.container?.type === 'view') {
      const view = body.view;
      // The view hash changes with every update, so only a true double click shares this key.
      if (!(await claimFirst(deps.store, tenantId, `slack:view:${view.id}:${view.hash}:${a.action_id}`))) return;
      try {
        const form = await deps.core().handleFormAction({
          actor: actor(tenantId, userId, body.user.name),
          formId: view.callback_id,
          stateKey: view.private_metadata,
          actionId: a.action_id,
          value,
          values: viewStateToValues(view.state?.values as Record<string, Record<string, SlackInputState>>),
        });
        await deps.client.views.update({ view_id: view.id, hash: view.hash, view: formToSlackModal(form) });
      } catch (err) {
        deps.log.error('slack: form action failed', { formId: view.callback_id, error: (err as Error).message });
      }
      return;
    }

    const channelId = body.channel?.id ?? body.container?.channel_id;
    const messageTs: string | undefined = body.message?.ts ?? body.container?.message_ts;
    if (!channelId) return;
    const threadId = (body.message?.thread_ts as string | undefined) ?? messageTs;
    const where = conversation(tenantId, channelId, threadId, {
      userId,
      responseUrl: body.response_url,
      ephemeral: body.container?.is_ephemeral ? true : undefined,
    });
    const clickKey = `slack:act:${channelId}:${messageTs ?? '-'}:${a.action_id}:${value}`;
    // Selects only set a choice (idempotent); buttons start things, so a second press is dropped.
    if (a.type === 'button' && !(await claimFirst(deps.store, tenantId, clickKey))) {
      deps.log.info('slack: dropped a repeated click', { actionId: a.action_id });
      return;
    }
    const target: ReplyTarget = {
      conversation: where,
      userId,
      triggerId: body.trigger_id,
      ...(messageTs ? { message: { conversation: where, messageId: messageTs } } : {}),
    };
    try {
      const reply = await deps.core().handleAction({
        actor: actor(tenantId, userId, body.user.name),
        conversation: where,
        ...(target.message ? { message: target.message } : {}),
        actionId: a.action_id,
        value,
        eventId: clickKey,
      });
      await showReply(deps, reply, target);
    } catch (err) {
      await tellFailure(deps, target, 'handling that click', err);
    }
  });
}
