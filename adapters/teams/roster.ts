/**
 * @module adapters/teams/roster — who is in the team (or chat) a conversation belongs to, read from
 * the Bot Framework roster (`GET /v3/conversations/{id}/pagedmembers`) and kept for a few minutes,
 * so a job that delivers to hundreds of recipients reads each roster once, not once per recipient.
 */
import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import type { ConversationRef } from '../../src/core/chat-port.js';
import { platformOf } from './activity.js';

/** How long a roster is trusted: long enough for one job's deliveries, short enough to see new members. */
export const ROSTER_TTL_MS = 5 * 60 * 1000;
/** The largest page the roster API serves. */
const PAGE_SIZE = 500;
/** A stop against a connector that keeps handing out continuation tokens (500 × 200 = 100,000 members). */
const MAX_PAGES = 200;

/** Lower-cased email or UPN → the member's AAD object id (the user id the adapter uses everywhere). */
export type RosterIndex = Map<string, string>;

export interface RosterOptions {
  /** Runs `fn` in a turn continued in `ref` (the chat port's proactive path, with its retries). */
  inConversation: <T>(ref: ConversationRef, what: string, fn: (ctx: TurnContext) => Promise<T>) => Promise<T>;
  ttlMs?: number;
  now?: () => number;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Every member of the team or chat the turn is in, page by page. */
async function readRoster(ctx: TurnContext, teamId: string | undefined): Promise<TeamsChannelAccount[]> {
  const members: TeamsChannelAccount[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = teamId
      ? await TeamsInfo.getPagedTeamMembers(ctx, teamId, PAGE_SIZE, token)
      : await TeamsInfo.getPagedMembers(ctx, PAGE_SIZE, token);
    members.push(...(result.members ?? []));
    token = result.continuationToken || undefined;
    if (!token) break;
  }
  return members;
}

export function indexMembers(members: TeamsChannelAccount[]): RosterIndex {
  const index: RosterIndex = new Map();
  for (const m of members) {
    const userId = m.aadObjectId ?? m.id;
    if (!userId) continue;
    for (const address of [m.email, m.userPrincipalName]) {
      if (address) index.set(normalizeEmail(address), userId);
    }
  }
  return index;
}

export class TeamsRoster {
  private readonly cache = new Map<string, { until: number; index: Promise<RosterIndex> }>();

  constructor(private readonly options: RosterOptions) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** The AAD object id of the member of `near`'s team or chat with this email or UPN, if any. */
  async find(near: ConversationRef, email: string): Promise<string | undefined> {
    const index = await this.of(near);
    return index.get(normalizeEmail(email));
  }

  /** The roster of `near`'s team (a channel) or chat; concurrent callers share one read. */
  of(near: ConversationRef): Promise<RosterIndex> {
    const teamId = platformOf(near)?.teamId;
    // A channel's thread and the team's other channels share one roster: the team's.
    const key = `${near.tenantId}|${teamId ?? near.channelId}`;
    const now = this.now();
    for (const [k, entry] of this.cache) if (entry.until <= now) this.cache.delete(k);
    const cached = this.cache.get(key);
    if (cached) return cached.index;

    // The roster is read at the conversation itself, not in a thread of it.
    const where: ConversationRef = { tenantId: near.tenantId, channelId: near.channelId, platform: near.platform };
    const index = this.options.inConversation(where, 'a roster', (ctx) => readRoster(ctx, teamId)).then(indexMembers);
    this.cache.set(key, { until: now + (this.options.ttlMs ?? ROSTER_TTL_MS), index });
    // A failed read is not remembered: the next delivery attempt tries again.
    index.catch(() => {
      if (this.cache.get(key)?.index === index) this.cache.delete(key);
    });
    return index;
  }
}
