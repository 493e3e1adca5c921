/**
 * @module adapters/slack/chat-port — the core's outbound door, spoken as Slack Web API calls:
 * `chat.postMessage` (in the thread), `chat.postEphemeral` (falling back to the command's
 * `response_url` where the bot is not a member), `chat.update`, `files.uploadV2`,
 * `conversations.open` + `chat.postMessage` for direct messages, `views.open` for forms,
 * `users.lookupByEmail` to find a credential's recipient among the workspace's members.
 * Rate limits (429) are waited out by the WebClient's retry policy, per `Retry-After`.
 */
import type { webApi } from '@slack/bolt';
import type { ChatPort, ConversationRef, MessageRef } from '../../src/core/chat-port.js';
import type { Form, Message, OutgoingFile } from '../../src/core/ui.js';
import type { TenantId, UserId } from '../../src/domain/types.js';
import type { Logger } from '../../src/log.js';
import { formToSlackModal } from './render-form.js';
import { messageToBlocks } from './render-message.js';

type WebClient = webApi.WebClient;

/** Slack-only details a ConversationRef may carry (kept plain so jobs can store it). */
export interface SlackRefExtras {
  /** The slash command's or action's `response_url`: works even where the bot is not a member. */
  responseUrl?: string;
  /** The message is ephemeral: it can only be replaced through its `response_url`. */
  ephemeral?: boolean;
  /** Who started this conversation: where results go if the bot cannot post in the channel. */
  userId?: string;
}

/** Slack's error code (`not_in_channel`, …) from a WebClient error, if it is one. */
export function slackErrorCode(err: unknown): string | undefined {
  return (err as { data?: { error?: string } })?.data?.error;
}

export function slackExtras(ref: ConversationRef): SlackRefExtras {
  return (ref.platform ?? {}) as SlackRefExtras;
}

/** Posts JSON to a `response_url` (Slack's hooks host; test fakes serve their own). */
export type ResponseUrlPoster = (url: string, body: Record<string, unknown>) => Promise<void>;

export const postToResponseUrl: ResponseUrlPoster = async (url, body) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`response_url answered HTTP ${res.status}`);
};

export interface SlackChatPortDeps {
  client: WebClient;
  log: Logger;
  postResponse?: ResponseUrlPoster;
}

/** Slack implements every optional capability of the port. */
export type SlackChatPort = ChatPort & Required<Pick<ChatPort, 'postEphemeral' | 'sendDirect' | 'openForm' | 'findUserByEmail'>>;

export function createSlackChatPort({ client, log, postResponse = postToResponseUrl }: SlackChatPortDeps): SlackChatPort {
  const thread = (to: ConversationRef) => (to.threadId ? { thread_ts: to.threadId } : {});

  async function openDm(user: UserId): Promise<string> {
    const opened = await client.conversations.open({ users: user });
    if (!opened.channel?.id) throw new Error('Slack did not open a direct message channel');
    return opened.channel.id;
  }

  /**
   * Runs `send` in the conversation; when the bot is not in that channel (a slash command works
   * everywhere, the bot is not everywhere), joins it if it is public, else sends to the person who
   * started it in a DM. Returns where it went, so updates follow.
   */
  async function reach<T>(to: ConversationRef, send: (where: ConversationRef) => Promise<T>): Promise<{ result: T; where: ConversationRef }> {
    try {
      return { result: await send(to), where: to };
    } catch (err) {
      const code = slackErrorCode(err);
      if (code !== 'not_in_channel' && code !== 'channel_not_found') throw err;
      if (code === 'not_in_channel') {
        try {
          await client.conversations.join({ channel: to.channelId });
          return { result: await send(to), where: to };
        } catch (joinErr) {
          log.warn('slack: could not join the channel', { error: (joinErr as Error).message });
        }
      }
      const user = slackExtras(to).userId;
      if (!user) throw err;
      const dm: ConversationRef = { tenantId: to.tenantId, channelId: await openDm(user), platform: { userId: user } };
      return { result: await send(dm), where: dm };
    }
  }

  return {
    name: 'Slack',

    async postMessage(to: ConversationRef, message: Message): Promise<MessageRef> {
      const rendered = messageToBlocks(message);
      const { result, where } = await reach(to, (w) => client.chat.postMessage({ channel: w.channelId, ...thread(w), ...rendered, unfurl_links: false }));
      return { conversation: { ...where, channelId: result.channel ?? where.channelId }, messageId: String(result.ts) };
    },

    async postEphemeral(to: ConversationRef, user: UserId, message: Message): Promise<void> {
      const rendered = messageToBlocks(message);
      try {
        await client.chat.postEphemeral({ channel: to.channelId, user, ...thread(to), ...rendered });
      } catch (err) {
        // In a DM between two people, or a channel the bot is not in, only response_url reaches the user.
        const url = slackExtras(to).responseUrl;
        if (!url) throw err;
        log.debug('postEphemeral failed; using response_url', { error: (err as Error).message });
        await postResponse(url, { response_type: 'ephemeral', replace_original: false, ...rendered });
      }
    },

    async updateMessage(ref: MessageRef, message: Message): Promise<void> {
      const extras = slackExtras(ref.conversation);
      const rendered = messageToBlocks(message);
      if (extras.ephemeral && extras.responseUrl) {
        // chat.update cannot touch ephemeral messages; their response_url can replace them.
        await postResponse(extras.responseUrl, { replace_original: true, ...rendered });
        return;
      }
      await client.chat.update({ channel: ref.conversation.channelId, ts: ref.messageId, ...rendered });
    },

    async uploadFile(to: ConversationRef, file: OutgoingFile): Promise<void> {
      await reach(to, (w) =>
        client.filesUploadV2({
          channel_id: w.channelId,
          ...thread(w),
          file: file.content,
          filename: file.name,
          title: file.title ?? file.name,
          ...(file.comment ? { initial_comment: file.comment } : {}),
        } as webApi.FilesUploadV2Arguments),
      );
    },

    async sendDirect(_tenant: TenantId, user: UserId, message: Message): Promise<void> {
      await client.chat.postMessage({ channel: await openDm(user), ...messageToBlocks(message) });
    },

    async findUserByEmail(_tenant: TenantId, email: string): Promise<UserId | undefined> {
      try {
        const found = await client.users.lookupByEmail({ email });
        const user = found.user;
        // Deactivated accounts and bots are no one to tell.
        return user?.id && !user.deleted && !user.is_bot ? user.id : undefined;
      } catch (err) {
        if (slackErrorCode(err) === 'users_not_found') return undefined;
        throw err;
      }
    },

    async openForm(trigger: string, form: Form): Promise<void> {
      await client.views.open({ trigger_id: trigger, view: formToSlackModal(form) });
    },
  };
}
