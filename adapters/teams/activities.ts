/**
 * @module adapters/teams/activities — the outgoing Teams activities: a neutral message as an
 * Adaptive Card, the "Open form" card that starts a dialog, dialog responses, and the file
 * consent / file info cards of personal-chat uploads.
 */
import { CardFactory, type Activity, type TaskModuleResponse } from 'botbuilder';
import type { Form, Message } from '../../src/core/ui.js';
import { cardToAdaptiveCard, emptyCard } from './render/card.js';
import { formToAdaptiveCard } from './render/form.js';
import { toCardMarkdown } from './render/markup.js';

export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

export function messageActivity(message: Message): Partial<Activity> {
  return { type: 'message', summary: message.text, attachments: [CardFactory.adaptiveCard(cardToAdaptiveCard(message))] };
}

/** A card whose button opens the form as a dialog (`task/fetch` with the form's key). */
export function openFormActivity(form: Form, formKey: string): Partial<Activity> {
  const card = emptyCard();
  card.body.push({ type: 'TextBlock', text: toCardMarkdown(`*${form.title}*`), wrap: true });
  card.actions = [
    { type: 'Action.Submit', title: `Open: ${form.title}`, style: 'positive', data: { msteams: { type: 'task/fetch' }, credbot: 'openForm', formKey } },
  ];
  return { type: 'message', summary: form.title, attachments: [CardFactory.adaptiveCard(card)] };
}

export function dialogContinue(form: Form): TaskModuleResponse {
  return {
    task: { type: 'continue', value: { title: form.title, width: 'medium', height: 'large', card: CardFactory.adaptiveCard(formToAdaptiveCard(form)) } },
  };
}

export function dialogMessage(text: string): TaskModuleResponse {
  return { task: { type: 'message', value: text } };
}

/** Asks the user for consent to put a file in their OneDrive (personal chat only). */
export function fileConsentActivity(file: { name: string; size: number; description: string }, context: Record<string, string>): Partial<Activity> {
  return {
    type: 'message',
    summary: `File: ${file.name}`,
    attachments: [
      {
        contentType: FILE_CONSENT_CARD,
        name: file.name,
        content: { description: file.description, sizeInBytes: file.size, acceptContext: context, declineContext: context },
      },
    ],
  };
}

/** Shows an uploaded file in the chat. */
export function fileInfoActivity(upload: { name: string; contentUrl: string; uniqueId: string; fileType: string }): Partial<Activity> {
  return {
    type: 'message',
    summary: upload.name,
    attachments: [{ contentType: FILE_INFO_CARD, name: upload.name, contentUrl: upload.contentUrl, content: { uniqueId: upload.uniqueId, fileType: upload.fileType } }],
  };
}
