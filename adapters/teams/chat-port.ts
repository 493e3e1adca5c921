/**
 * @module adapters/teams/chat-port — the core's outbound door in Teams. Every post is proactive
 * (`continueConversationAsync` with the stored ConversationReference), so it works inside a
 * request, from a job long after it, and after a restart. Connector 429/5xx are retried.
 */
import type { CloudAdapter, ConversationParameters, TurnContext } from 'botbuilder';
import type { ChatPort, ConversationRef, MessageRef } from '../../src/core/chat-port.js';
import type { Message, OutgoingFile } from '../../src/core/ui.js';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/port.js';
import { conversationRefOf, platformOf, referenceFor } from './activity.js';
import { fileConsentActivity, messageActivity } from './activities.js';
import type { TeamsDirectory } from './directory.js';
import type { DownloadLinks } from './downloads.js';
import { withRetry, type RetryOptions } from './retry.js';
import { TeamsRoster } from './roster.js';

export interface TeamsChatPortDeps {
  adapter: CloudAdapter;
  appId: string;
  store: Store;
  links: DownloadLinks;
  directory: TeamsDirectory;
  log: Logger;
  retry?: RetryOptions;
  random?: () => string;
  /** Milliseconds since the epoch; the roster cache's clock. */
  now?: () => number;
  rosterTtlMs?: number;
}

/** Files offered through a consent card wait this long for the user's answer. */
export const CONSENT_TTL_SECONDS = 24 * 3600;

export class TeamsChatPort implements ChatPort {
  readonly name = 'Teams';

  private readonly roster: TeamsRoster;

  constructor(private readonly deps: TeamsChatPortDeps) {
    this.roster = new TeamsRoster({ inConversation: (ref, what, fn) => this.inConversation(ref, what, fn), now: deps.now, ttlMs: deps.rosterTtlMs });
  }

  private retryOptions(what: string): RetryOptions {
    return {
      ...this.deps.retry,
      onRetry: (info) => this.deps.log.warn(`teams: connector busy, retrying ${what}`, info),
    };
  }

  /** Runs `fn` in the conversation (thread included), retrying when the connector is busy. */
  async inConversation<T>(ref: ConversationRef, what: string, fn: (ctx: TurnContext) => Promise<T>): Promise<T> {
    const reference = referenceFor(ref);
    let result: T | undefined;
    await withRetry(async () => {
      // Errors are caught here, not left to the adapter's onTurnError, which would swallow them.
      let failure: unknown;
      await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (ctx) => {
        // A continuation turn has a made-up activity id; a post must not claim to answer it.
        ctx.onSendActivities(async (_c, activities, next) => {
          for (const a of activities) delete a.replyToId;
          return next();
        });
        try {
          result = await fn(ctx);
        } catch (err) {
          failure = err;
        }
      });
      if (failure) throw failure;
    }, this.retryOptions(what));
    return result as T;
  }

  async postMessage(to: ConversationRef, message: Message): Promise<MessageRef> {
    const sent = await this.inConversation(to, 'a post', (ctx) => ctx.sendActivity(messageActivity(message)));
    return { conversation: to, messageId: sent?.id ?? '' };
  }

  async updateMessage(ref: MessageRef, message: Message): Promise<void> {
    await this.inConversation(ref.conversation, 'an update', (ctx) =>
      ctx.updateActivity({ ...messageActivity(message), id: ref.messageId }),
    );
  }

  async uploadFile(to: ConversationRef, file: OutgoingFile): Promise<void> {
    if (file.comment) await this.postMessage(to, { text: file.comment, blocks: [{ type: 'text', text: file.comment }] });
    if (platformOf(to)?.conversationType === 'personal') {
      // Personal chat: Teams asks the user to accept the file into their OneDrive (fileConsent/invoke).
      const blobKey = `teams-consent:${this.deps.random?.() ?? crypto.randomUUID()}`;
      await this.deps.store.putBlob(to.tenantId, blobKey, file.content, CONSENT_TTL_SECONDS);
      const description = file.title ?? file.name;
      await this.inConversation(to, 'a file', (ctx) =>
        ctx.sendActivity(fileConsentActivity({ name: file.name, size: file.content.length, description }, { blobKey, name: file.name, mimeType: file.mimeType })),
      );
      return;
    }
    // Channels and group chats: bots cannot attach files there; post an expiring link instead.
    const link = await this.deps.links.create(to.tenantId, file);
    const hours = Math.round(this.deps.links.ttlSeconds / 3600);
    const text = `<${link.url}|Download ${file.name}> (the link works for ${hours} hours)`;
    await this.postMessage(to, { text: `Download ${file.name}: ${link.url}`, blocks: [{ type: 'text', text }] });
  }

  /**
   * The member of the team or chat `near` points at (where the job ran) whose email or UPN this is.
   * Teams has no tenant-wide lookup for bots, so without a Teams conversation there is no answer.
   */
  async findUserByEmail(tenant: string, email: string, near?: ConversationRef): Promise<string | undefined> {
    if (!near || near.tenantId !== tenant || !platformOf(near) || !email.trim()) return undefined;
    return this.roster.find(near, email);
  }

  async sendDirect(tenant: string, user: string, message: Message): Promise<void> {
    const known = await this.deps.directory.personalChat(tenant, user);
    if (known) {
      await this.postMessage(known, message);
      return;
    }
    const tenantBot = await this.deps.directory.tenantBot(tenant);
    if (!tenantBot) throw new Error(`Cannot message ${user} yet: nobody in this Teams tenant has talked to the bot.`);
    const params: ConversationParameters = {
      isGroup: false,
      bot: tenantBot.bot,
      members: [{ id: user, name: '' }],
      tenantId: tenantBot.teamsTenantId,
      channelData: { tenant: { id: tenantBot.teamsTenantId } },
    } as ConversationParameters;
    // Opens (or, for an existing 1:1 chat, finds) the personal chat, then posts through the usual path.
    let ref: ConversationRef | undefined;
    await withRetry(
      () => this.deps.adapter.createConversationAsync(this.deps.appId, 'msteams', tenantBot.serviceUrl, undefined as unknown as string, params, async (ctx) => {
        const created = conversationRefOf(ctx.activity, tenant);
        ref = { ...created, platform: { ...created.platform, conversationType: 'personal' } };
      }),
      this.retryOptions('a new chat'),
    );
    if (!ref) throw new Error(`Teams did not open a chat with ${user}.`);
    await this.deps.directory.remember(ref, user);
    await this.postMessage(ref, message);
  }
}
