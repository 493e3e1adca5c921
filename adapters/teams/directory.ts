/**
 * @module adapters/teams/directory — what the bot learns from incoming activities so it can write
 * first later: each user's personal chat (for direct messages), and, per tenant, the service URL
 * and bot account needed to open a new chat with someone it has not talked to yet.
 */
import type { ChannelAccount } from 'botbuilder';
import type { ConversationRef } from '../../src/core/chat-port.js';
import type { Store } from '../../src/store/port.js';
import { platformOf } from './activity.js';

const YEAR = 365 * 24 * 3600;

export interface TenantBot {
  serviceUrl: string;
  bot: ChannelAccount;
  teamsTenantId: string;
}

export class TeamsDirectory {
  constructor(private readonly store: Store) {}

  /** Remembers this conversation: always the tenant's service URL, and a personal chat by user. */
  async remember(ref: ConversationRef, userId: string): Promise<void> {
    const platform = platformOf(ref);
    if (!platform) return;
    const { serviceUrl, bot, conversation } = platform.reference;
    if (serviceUrl && bot && conversation?.tenantId) {
      const current = await this.store.getState<TenantBot>(ref.tenantId, 'teams-bot');
      if (current?.serviceUrl !== serviceUrl) {
        await this.store.putState(ref.tenantId, 'teams-bot', { serviceUrl, bot, teamsTenantId: conversation.tenantId }, YEAR);
      }
    }
    if (platform.conversationType === 'personal') {
      await this.store.putState(ref.tenantId, `teams-dm:${userId}`, ref, YEAR);
    }
  }

  personalChat(tenant: string, userId: string): Promise<ConversationRef | undefined> {
    return this.store.getState<ConversationRef>(tenant, `teams-dm:${userId}`);
  }

  tenantBot(tenant: string): Promise<TenantBot | undefined> {
    return this.store.getState<TenantBot>(tenant, 'teams-bot');
  }
}
