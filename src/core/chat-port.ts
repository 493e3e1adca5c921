/**
 * @module core/chat-port — the two doors between the core and an adapter.
 * Outbound: `ChatPort`, which each adapter implements. Inbound: the normalized events in
 * `events.ts` that an adapter passes to the core after it has verified the request.
 * Optional capabilities are optional in the type so the core can fall back instead of pretending.
 */
import type { TenantId, UserId } from '../domain/types.js';
import type { Form, Message, OutgoingFile } from './ui.js';

/**
 * Where to post. Plain, serializable data: it is stored with jobs so a restarted process can
 * still report back. `platform` holds what only the adapter understands (Teams service URL, …).
 */
export interface ConversationRef {
  tenantId: TenantId;
  channelId: string;
  /** Post in this thread (Slack thread_ts, Teams root message id). */
  threadId?: string;
  platform?: Record<string, unknown>;
}

/** A posted message, so it can be updated later (progress). */
export interface MessageRef {
  conversation: ConversationRef;
  messageId: string;
}

export interface ChatPort {
  /** Which platform this is, for wording ("Slack", "Teams", "console"). */
  readonly name: string;
  postMessage(to: ConversationRef, message: Message): Promise<MessageRef>;
  /** Only `user` sees it (Slack ephemeral; platforms without it post normally or privately). */
  postEphemeral?(to: ConversationRef, user: UserId, message: Message): Promise<void>;
  updateMessage(ref: MessageRef, message: Message): Promise<void>;
  uploadFile(to: ConversationRef, file: OutgoingFile): Promise<void>;
  /** A direct message to a user of the tenant. */
  sendDirect?(tenant: TenantId, user: UserId, message: Message): Promise<void>;
  /**
   * The workspace member with this email, if any (Slack `users.lookupByEmail`; Teams: the roster of
   * the team or chat `near` points at, usually where the job ran). Used to tell recipients in chat.
   */
  findUserByEmail?(tenant: TenantId, email: string, near?: ConversationRef): Promise<UserId | undefined>;
  /** Opens a form outside a request/response cycle (most forms are returned as replies instead). */
  openForm?(trigger: string, form: Form): Promise<void>;
}
