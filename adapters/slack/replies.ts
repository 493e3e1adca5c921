/**
 * @module adapters/slack/replies — shows the core's `Reply` where it belongs in Slack: an
 * ephemeral or channel message, a modal (`views.open` with the trigger id, straight away), or
 * an in-place update of the message a button sits on.
 */
import type { webApi } from '@slack/bolt';
import type { ChatPort, ConversationRef, MessageRef } from '../../src/core/chat-port.js';
import type { Reply } from '../../src/core/events.js';
import type { Form } from '../../src/core/ui.js';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/port.js';
import { modalOriginKey, type ModalOrigin } from './context.js';
import { formToSlackModal } from './render-form.js';

export interface ReplyTarget {
  conversation: ConversationRef;
  userId: string;
  /** Present for slash commands and clicks: lets a form open as a modal (valid about 3 s). */
  triggerId?: string;
  /** The message a clicked button sits on (for `kind: 'update'`). */
  message?: MessageRef;
}

export interface ReplyDeps {
  port: Required<Pick<ChatPort, 'postMessage' | 'updateMessage' | 'postEphemeral' | 'sendDirect'>>;
  client: webApi.WebClient;
  store: Store;
  log: Logger;
}

/** Opens a modal and remembers where it came from, so the submission's result is posted there. */
export async function openModal(deps: ReplyDeps, form: Form, target: ReplyTarget & { triggerId: string }): Promise<void> {
  const origin: ModalOrigin = { conversation: target.conversation, userId: target.userId };
  // Side by side: the store write must not hold up views.open.
  await Promise.all([
    deps.client.views.open({ trigger_id: target.triggerId, view: formToSlackModal(form) }),
    deps.store.putState(target.conversation.tenantId, modalOriginKey(form.stateKey), origin, 24 * 3600),
  ]);
}

export async function showReply(deps: ReplyDeps, reply: Reply, target: ReplyTarget): Promise<void> {
  switch (reply.kind) {
    case 'none':
      return;
    case 'message':
      if (reply.visibility === 'ephemeral') await deps.port.postEphemeral(target.conversation, target.userId, reply.message);
      else await deps.port.postMessage(target.conversation, reply.message);
      return;
    case 'form':
      if (target.triggerId) {
        try {
          return await openModal(deps, reply.form, { ...target, triggerId: target.triggerId });
        } catch (err) {
          // A trigger id lives about 3 s; if the work before it took longer, say so plainly.
          if ((err as { data?: { error?: string } }).data?.error !== 'expired_trigger_id') throw err;
          await deps.port.postEphemeral(target.conversation, target.userId, {
            text: 'That took too long and Slack closed the window for the form. Please run the command again.',
            blocks: [{ type: 'text', text: ':hourglass: That took too long and Slack closed the window for the form. Please run the command again.' }],
          });
          return;
        }
      }
      // A file share has no trigger id: ask for a click that has one.
      deps.log.warn('form reply without a trigger id', { formId: reply.form.formId });
      await deps.port.postEphemeral(target.conversation, target.userId, {
        text: 'Run /issue-credential to open this form.',
        blocks: [{ type: 'text', text: 'Run `/issue-credential` to open this form.' }],
      });
      return;
    case 'update':
      if (target.message) await deps.port.updateMessage(target.message, reply.message);
      else await deps.port.postEphemeral(target.conversation, target.userId, reply.message);
      return;
    default: {
      const never: never = reply;
      throw new Error(`Unknown reply: ${JSON.stringify(never)}`);
    }
  }
}
