/**
 * @module adapters/teams/dialogs — Teams dialogs (task modules) for the core's forms. One
 * function serves both doors that submit a dialog: `task/submit` (a dialog opened from a card)
 * and `composeExtension/submitAction` (the "Issue credentials" message extension).
 */
import type { TaskModuleResponse } from 'botbuilder';
import type { ConversationRef } from '../../src/core/chat-port.js';
import type { Actor, ConversationCore, FormResult } from '../../src/core/events.js';
import type { Form, Message } from '../../src/core/ui.js';
import { dialogContinue, dialogMessage } from './activities.js';
import type { FormStore } from './form-store.js';
import { normalizeFormValues } from './render/form.js';
import { fieldValues, parseSubmitData } from './render/submit-data.js';

export interface DialogContext {
  core: ConversationCore;
  forms: FormStore;
  actor: Actor;
  conversation: ConversationRef;
  /** Posts a closing message where the dialog was opened; false when the bot cannot post there. */
  post(message: Message): Promise<boolean>;
}

const EXPIRED = 'This form has expired. Send the command again to get a new one.';

/** Keeps what the user typed when the form is shown again with errors. */
function withTypedValues(form: Form, values: Record<string, string>, errors: Record<string, string>): Form {
  return { ...form, errors, fields: form.fields.map((f) => (f.id in values ? { ...f, initial: values[f.id] } : f)) };
}

/** A form opened by its key (`task/fetch` from an "Open" button). */
export async function fetchDialog(ctx: DialogContext, data: unknown): Promise<TaskModuleResponse> {
  const parsed = parseSubmitData(data);
  if (parsed?.credbot !== 'openForm') return dialogMessage('This button is not one of mine any more. Send the command again.');
  const form = await ctx.forms.get(ctx.actor.tenantId, parsed.formKey);
  return form ? dialogContinue(form) : dialogMessage(EXPIRED);
}

/** Shows a form as a dialog (and keeps it for the submit). */
export async function showForm(ctx: DialogContext, form: Form): Promise<TaskModuleResponse> {
  await ctx.forms.put(ctx.actor.tenantId, form);
  return dialogContinue(form);
}

async function closeWith(ctx: DialogContext, result: Extract<FormResult, { kind: 'close' }>): Promise<TaskModuleResponse | undefined> {
  if (!result.message) return undefined;
  // Post the result where everyone in the conversation sees it; fall back to a dialog message.
  if (await ctx.post(result.message)) return undefined;
  return dialogMessage(result.message.text);
}

/** A dialog submitted: the core decides whether it closes, shows errors, or moves on. */
export async function submitDialog(ctx: DialogContext, data: unknown): Promise<TaskModuleResponse | undefined> {
  const parsed = parseSubmitData(data);
  if (!parsed || (parsed.credbot !== 'form' && parsed.credbot !== 'formAction')) {
    return dialogMessage('I did not understand that submission. Send the command again.');
  }
  const form = await ctx.forms.get(ctx.actor.tenantId, parsed.stateKey);
  const values = normalizeFormValues(form, fieldValues(data));
  if (parsed.credbot === 'formAction') {
    const next = await ctx.core.handleFormAction({ actor: ctx.actor, formId: parsed.formId, stateKey: parsed.stateKey, actionId: parsed.actionId, value: parsed.value, values });
    return showForm(ctx, next);
  }
  const result = await ctx.core.handleFormSubmit({ actor: ctx.actor, formId: parsed.formId, stateKey: parsed.stateKey, values, conversation: ctx.conversation });
  switch (result.kind) {
    case 'errors':
      return form ? showForm(ctx, withTypedValues(form, values, result.errors)) : dialogMessage(Object.values(result.errors).join('\n') || EXPIRED);
    case 'update':
      return showForm(ctx, result.form);
    case 'close':
      return closeWith(ctx, result);
    default: {
      const never: never = result;
      throw new Error(`unknown form result ${JSON.stringify(never)}`);
    }
  }
}
