/**
 * @module adapters/slack/render-form — neutral `Form` -> Slack modal view, and back: the view's
 * state -> `values` keyed by field id, field errors -> `response_action: "errors"`.
 * Block id and action id of each input are the field id, so errors and values map one to one.
 * `private_metadata` carries only the form's state key (Slack caps it at 3,000 characters).
 */
import type { types as slack } from '@slack/bolt';
import type { Field, Form } from '../../src/core/ui.js';
import { buttonElement, optionObject } from './render-message.js';
import { clip, toMrkdwn, toPlain } from './mrkdwn.js';

type KnownBlock = slack.KnownBlock;
type ModalView = slack.ModalView;

/** The block id of the row of form buttons ("Add recipient"). */
export const FORM_ACTIONS_BLOCK = 'form_actions';

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: clip(toPlain(text), max), emoji: true });

function fieldElement(field: Field) {
  const placeholder = field.placeholder ? { placeholder: plain(field.placeholder, 150) } : {};
  const options = (field.options ?? []).slice(0, 100).map(optionObject);
  switch (field.type) {
    case 'text':
    case 'multiline':
      return {
        type: 'plain_text_input' as const,
        action_id: field.id,
        multiline: field.type === 'multiline',
        ...(field.initial ? { initial_value: field.initial } : {}),
        ...placeholder,
      };
    case 'email':
      return { type: 'email_text_input' as const, action_id: field.id, ...(field.initial ? { initial_value: field.initial } : {}), ...placeholder };
    case 'date':
      return {
        type: 'datepicker' as const,
        action_id: field.id,
        ...(field.initial && /^\d{4}-\d{2}-\d{2}$/.test(field.initial) ? { initial_date: field.initial } : {}),
        ...placeholder,
      };
    case 'select': {
      const initial = options.find((o) => o.value === field.initial);
      return {
        type: 'static_select' as const,
        action_id: field.id,
        options,
        placeholder: plain(field.placeholder ?? 'Choose…', 150),
        ...(initial ? { initial_option: initial } : {}),
      };
    }
    case 'checkbox': {
      const box = options.length ? options.slice(0, 1) : [optionObject({ label: field.label, value: 'yes' })];
      return {
        type: 'checkboxes' as const,
        action_id: field.id,
        options: box,
        ...(field.initial === box[0]!.value ? { initial_options: box } : {}),
      };
    }
    default: {
      const never: never = field.type;
      throw new Error(`Unknown field type: ${String(never)}`);
    }
  }
}

function fieldBlocks(field: Field, error?: string): KnownBlock[] {
  if (field.type === 'select' && !(field.options ?? []).length) {
    // Slack rejects a select without options; say why instead of failing the whole modal.
    return [{ type: 'section', block_id: field.id, text: { type: 'mrkdwn', text: `*${toMrkdwn(field.label)}*\n_Nothing to choose yet._` } }];
  }
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: field.id,
      label: plain(field.label, 2000),
      optional: !field.required,
      element: fieldElement(field),
      ...(field.hint ? { hint: plain(field.hint, 2000) } : {}),
    } as KnownBlock,
  ];
  if (error) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `:warning: ${toMrkdwn(error)}` }] });
  return blocks;
}

export function formToSlackModal(form: Form): ModalView {
  const blocks: KnownBlock[] = [];
  // Errors about the whole form (not one field) go on top, where they are read first.
  const fieldIds = new Set(form.fields.map((f) => f.id));
  for (const [id, error] of Object.entries(form.errors ?? {})) {
    if (!fieldIds.has(id)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(`:warning: ${toMrkdwn(error)}`, 3000) } });
  }
  let section: string | undefined;
  for (const field of form.fields) {
    if (field.section && field.section !== section) {
      blocks.push({ type: 'header', text: plain(field.section, 150) });
    }
    section = field.section;
    blocks.push(...fieldBlocks(field, form.errors?.[field.id]));
  }
  if (form.actions?.length) {
    blocks.push({ type: 'actions', block_id: FORM_ACTIONS_BLOCK, elements: form.actions.slice(0, 25).map(buttonElement) });
  }
  if (form.stateKey.length > 3000) throw new Error('Form state key is longer than Slack private_metadata allows (3,000 characters).');
  return {
    type: 'modal',
    callback_id: form.formId,
    private_metadata: form.stateKey,
    title: plain(form.title, 24),
    submit: plain(form.submitLabel, 24),
    close: plain('Cancel', 24),
    blocks: blocks.slice(0, 100),
  };
}

/** One input's state as Slack sends it in `view.state.values[block][action]`. */
export interface SlackInputState {
  type: string;
  value?: string | null;
  selected_date?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
}

/** `view.state.values` -> `{ fieldId: value }` (checkboxes: the chosen value, e.g. 'yes', or ''). */
export function viewStateToValues(state: Record<string, Record<string, SlackInputState>> | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state ?? {})) {
    for (const input of Object.values(actions)) {
      if (input.type === 'checkboxes') values[blockId] = input.selected_options?.[0]?.value ?? '';
      else if (input.type === 'datepicker') values[blockId] = input.selected_date ?? '';
      else if (input.type === 'static_select') values[blockId] = input.selected_option?.value ?? '';
      else values[blockId] = input.value ?? '';
    }
  }
  return values;
}

/**
 * Field errors as the `view_submission` response. Slack accepts only ids of input blocks in the
 * view: an error for anything else (a whole-form error) is shown on the first input.
 */
export function formErrorsToResponse(errors: Record<string, string>, inputBlockIds: string[]) {
  const out: Record<string, string> = {};
  const known = new Set(inputBlockIds);
  const stray: string[] = [];
  for (const [id, message] of Object.entries(errors)) {
    if (known.has(id)) out[id] = clip(toPlain(message), 2000);
    else stray.push(toPlain(message));
  }
  if (stray.length && inputBlockIds.length) {
    const first = inputBlockIds[0]!;
    out[first] = clip([out[first], ...stray].filter(Boolean).join(' '), 2000);
  }
  return { response_action: 'errors' as const, errors: out };
}

/** Ids of the input blocks of a view, as Slack echoes it back in a submission. */
export function inputBlockIds(view: { blocks?: { type: string; block_id?: string }[] }): string[] {
  return (view.blocks ?? []).filter((b) => b.type === 'input' && b.block_id).map((b) => b.block_id!);
}
