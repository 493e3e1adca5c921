/**
 * @module adapters/teams/activity — reading a Teams activity as the core's words: tenant
 * (`teams:` + Teams tenant id), actor (the AAD object id), and the conversation to answer in
 * (a channel thread is the conversation id with `;messageid=<root id>`).
 */
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { ConversationRef } from '../../src/core/chat-port.js';
import type { Actor } from '../../src/core/events.js';

const THREAD_MARK = ';messageid=';

/** `teams:<tenant guid>`, or undefined when Teams did not say (such activities are refused). */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  const id = channelData?.tenant?.id ?? activity.conversation?.tenantId;
  return id ? `teams:${id}` : undefined;
}

export function actorOf(activity: Activity, tenantId: string): Actor {
  return { tenantId, userId: activity.from.aadObjectId ?? activity.from.id, displayName: activity.from.name };
}

export function conversationType(activity: Partial<Activity>): string {
  return activity.conversation?.conversationType ?? 'personal';
}

/** Splits `19:x@thread.tacv2;messageid=123` into the channel and its thread's root message id. */
export function splitConversationId(id: string): { channelId: string; threadId?: string } {
  const at = id.indexOf(THREAD_MARK);
  return at < 0 ? { channelId: id } : { channelId: id.slice(0, at), threadId: id.slice(at + THREAD_MARK.length) };
}

export function joinConversationId(channelId: string, threadId?: string): string {
  return threadId ? `${channelId}${THREAD_MARK}${threadId}` : channelId;
}

/** What the adapter keeps in `ConversationRef.platform`: enough to post after a restart. */
export interface TeamsPlatformRef {
  reference: Partial<ConversationReference>;
  conversationType: string;
  /** The team a channel belongs to (`channelData.team.id`): its roster is the team's members. */
  teamId?: string;
}

/**
 * Where to answer this activity. In a channel the thread is the one the activity belongs to
 * (a new post starts its own thread: its root is the post itself).
 */
export function conversationRefOf(activity: Activity, tenantId: string): ConversationRef {
  const { channelId, threadId: fromId } = splitConversationId(activity.conversation.id);
  const type = conversationType(activity);
  // Only a channel *message* starts a thread of its own; an invoke or an install event does not.
  const threadId = fromId ?? (type === 'channel' && activity.type === 'message' ? activity.replyToId ?? activity.id : undefined);
  const full = TurnContext.getConversationReference(activity);
  const reference: Partial<ConversationReference> = {
    channelId: full.channelId,
    serviceUrl: full.serviceUrl,
    bot: full.bot,
    user: full.user,
    conversation: { ...full.conversation!, id: channelId },
  };
  const teamId = (activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
  const platform: TeamsPlatformRef = { reference, conversationType: type, ...(teamId ? { teamId } : {}) };
  return { tenantId, channelId, ...(threadId ? { threadId } : {}), platform: platform as unknown as Record<string, unknown> };
}

export function platformOf(ref: ConversationRef): TeamsPlatformRef | undefined {
  const p = ref.platform as Partial<TeamsPlatformRef> | undefined;
  return p?.reference?.serviceUrl ? (p as TeamsPlatformRef) : undefined;
}

/** The ConversationReference to continue in: the stored one, pointed at the ref's thread. */
export function referenceFor(ref: ConversationRef): Partial<ConversationReference> {
  const platform = platformOf(ref);
  if (!platform) {
    throw new Error(`This conversation (${ref.channelId}) was not started in Teams: it has no Teams conversation reference.`);
  }
  const conversation = { ...platform.reference.conversation!, id: joinConversationId(ref.channelId, ref.threadId) };
  return { ...platform.reference, conversation };
}

/** People @mentioned in a message other than the bot (for `team add @someone`). */
export interface MentionedUser {
  /** The mention as it appears in the text, e.g. `<at>Grace Hopper</at>`. */
  text: string;
  id: string;
  aadObjectId?: string;
}

export function otherMentions(activity: Activity): MentionedUser[] {
  return TurnContext.getMentions(activity)
    .filter((m) => m.mentioned?.id && m.mentioned.id !== activity.recipient?.id && m.text)
    .map((m) => ({ text: m.text!, id: m.mentioned.id, aadObjectId: (m.mentioned as { aadObjectId?: string }).aadObjectId }));
}

/**
 * The user's command text: the bot's @mention removed, other mentions as `<@user id>` (the form
 * the core's grammar reads), HTML and extra whitespace dropped, a leading `/issue-credential` too.
 */
export function commandText(activity: Activity, userIds: Record<string, string> = {}): string {
  let text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  const refs: string[] = [];
  for (const [mention, id] of Object.entries(userIds)) {
    text = text.split(mention).join(`\u0000${refs.length}\u0000`);
    refs.push(`<@${id}>`);
  }
  return text
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\u0000(\d+)\u0000/g, (_m, i: string) => refs[Number(i)]!)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\/?issue-credentials?\b\s*/i, '');
}
