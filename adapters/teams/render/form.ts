/**
 * @module adapters/teams/render/form — `formToAdaptiveCard`: a neutral form as the Adaptive Card
 * of a Teams dialog. Required fields are validated by Teams before submit (`isRequired` +
 * `errorMessage`); the core's per-field errors appear in red under their field. The submit data
 * carries the form id and state key, so the dialog needs no other memory.
 */
import type { Field, Form } from '../../../src/core/ui.js';
import { emptyCard, submitAction, type AdaptiveCard, type CardElement } from './card.js';
import { toCardMarkdown } from './markup.js';
import { FIELD_PREFIX } from './submit-data.js';

/** Toggles submit these; the core wants 'yes' or ''. */
export const TOGGLE_ON = 'yes';
export const TOGGLE_OFF = 'no';

export const fieldInputId = (field: Field) => `${FIELD_PREFIX}${field.id}`;

function inputFor(field: Field): CardElement {
  const common: CardElement = {
    id: fieldInputId(field),
    label: field.label,
    isRequired: field.required,
    ...(field.required ? { errorMessage: `${field.label} is required.` } : {}),
    ...(field.placeholder ? { placeholder: field.placeholder } : {}),
    ...(field.initial !== undefined ? { value: field.initial } : {}),
  };
  switch (field.type) {
    case 'text':
      return { type: 'Input.Text', ...common };
    case 'email':
      return { type: 'Input.Text', style: 'Email', ...common };
    case 'multiline':
      return { type: 'Input.Text', isMultiline: true, ...common };
    case 'date':
      return { type: 'Input.Date', ...common };
    case 'select':
      return {
        type: 'Input.ChoiceSet',
        style: 'compact',
        choices: (field.options ?? []).map((o) => ({ title: o.label, value: o.value })),
        ...common,
      };
    case 'checkbox': {
      const { placeholder: _p, ...rest } = common;
      return {
        type: 'Input.Toggle',
        ...rest,
        title: field.options?.[0]?.label ?? field.label,
        valueOn: TOGGLE_ON,
        valueOff: TOGGLE_OFF,
        value: field.initial === TOGGLE_ON ? TOGGLE_ON : TOGGLE_OFF,
      };
    }
    default: {
      const never: never = field.type;
      throw new Error(`unknown field type ${String(never)}`);
    }
  }
}

function errorText(message: string): CardElement {
  return { type: 'TextBlock', text: toCardMarkdown(message), color: 'Attention', wrap: true, spacing: 'None', size: 'Small' };
}

/** Renders a form as a dialog card. */
export function formToAdaptiveCard(form: Form): AdaptiveCard {
  const card = emptyCard();
  const errors = form.errors ?? {};
  const fieldIds = new Set(form.fields.map((f) => f.id));
  // Errors that belong to no field (the whole form) go on top, where they are seen first.
  for (const [key, message] of Object.entries(errors)) {
    if (!fieldIds.has(key)) card.body.push({ ...errorText(message), size: 'Default', weight: 'Bolder' });
  }
  let section: string | undefined;
  for (const field of form.fields) {
    if (field.section && field.section !== section) {
      card.body.push({ type: 'TextBlock', text: toCardMarkdown(field.section), weight: 'Bolder', separator: true, wrap: true });
    }
    section = field.section;
    card.body.push(inputFor(field));
    if (field.hint) card.body.push({ type: 'TextBlock', text: toCardMarkdown(field.hint), isSubtle: true, size: 'Small', wrap: true, spacing: 'None' });
    const error = errors[field.id];
    if (error) card.body.push(errorText(error));
  }
  card.actions = [
    submitAction(form.submitLabel, { credbot: 'form', formId: form.formId, stateKey: form.stateKey }, 'primary'),
    ...(form.actions ?? []).map((b) =>
      submitAction(b.label, { credbot: 'formAction', formId: form.formId, stateKey: form.stateKey, actionId: b.actionId, value: b.value }, b.style),
    ),
  ];
  return card;
}

/** Form values as the core wants them: toggles become 'yes' or '', absent fields ''. */
export function normalizeFormValues(form: Pick<Form, 'fields'> | undefined, values: Record<string, string>): Record<string, string> {
  if (!form) return values;
  const out: Record<string, string> = { ...values };
  for (const field of form.fields) {
    const v = values[field.id] ?? '';
    out[field.id] = field.type === 'checkbox' ? (v === TOGGLE_ON ? TOGGLE_ON : '') : v;
  }
  return out;
}
