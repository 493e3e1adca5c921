/**
 * @module core/events — normalized inbound events and the replies the core gives.
 * An adapter verifies the request, builds one of these, calls the core, and renders the reply
 * in the platform's way (ephemeral response, modal, `response_action: "errors"`, …).
 */
import type { TenantId, UserId } from '../domain/types.js';
import type { ConversationRef, MessageRef } from './chat-port.js';
import type { Form, Message } from './ui.js';

export interface Actor {
  tenantId: TenantId;
  userId: UserId;
  displayName?: string;
}

/** `/issue-credential <text>` in Slack, a message to the bot in Teams, a line in the console. */
export interface CommandEvent {
  actor: Actor;
  conversation: ConversationRef;
  /** What follows the command, e.g. `group new` or `to "Intro to Data Science"`. */
  text: string;
  /** Platform event id, used to drop re-deliveries. */
  eventId?: string;
}

/** A form submitted by a user. `values` are keyed by `Field.id`; checkboxes give 'yes' or ''. */
export interface FormSubmitEvent {
  actor: Actor;
  formId: string;
  stateKey: string;
  values: Record<string, string>;
  /** Where the form was opened from, to post results there. */
  conversation?: ConversationRef;
}

/** A button or select used in a form (without submitting it). */
export interface FormActionEvent {
  actor: Actor;
  formId: string;
  stateKey: string;
  actionId: string;
  value: string;
  /** Values typed so far, so nothing is lost when the form is redrawn. */
  values: Record<string, string>;
}

/** A button click or select choice on a message. */
export interface ActionEvent {
  actor: Actor;
  conversation: ConversationRef;
  /** The message the button sits on (to update it in place). */
  message?: MessageRef;
  actionId: string;
  value: string;
  /** Platform id of this click (Slack trigger/action ts), used to drop double clicks. */
  eventId?: string;
}

/** A file shared where the bot is. The adapter hides how the download is authenticated. */
export interface FileShareEvent {
  actor: Actor;
  /** The file's thread: replies go here. */
  conversation: ConversationRef;
  file: {
    id: string;
    name: string;
    size: number;
    mimeType: string;
    download(): Promise<NodeJS.ReadableStream>;
  };
  eventId?: string;
}

/** What the core answers to a command or action; the adapter shows it where it belongs. */
export type Reply =
  | { kind: 'message'; message: Message; visibility: 'ephemeral' | 'in_channel' }
  | { kind: 'form'; form: Form }
  | { kind: 'update'; message: Message } // replace the message the action came from
  | { kind: 'none' };

/** What the core answers to a form submission. */
export type FormResult =
  | { kind: 'close'; message?: Message } // done; optional message to show the user
  | { kind: 'errors'; errors: Record<string, string> } // keep the form open, show field errors
  | { kind: 'update'; form: Form }; // replace the form (next step)

/** The core as adapters see it. */
export interface ConversationCore {
  handleCommand(event: CommandEvent): Promise<Reply>;
  handleFormSubmit(event: FormSubmitEvent): Promise<FormResult>;
  handleFormAction(event: FormActionEvent): Promise<Form>;
  handleAction(event: ActionEvent): Promise<Reply>;
  handleFileShare(event: FileShareEvent): Promise<Reply>;
}

export type { MessageRef };
