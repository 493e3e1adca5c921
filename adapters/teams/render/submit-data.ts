/**
 * @module adapters/teams/render/submit-data — what our Action.Submit buttons carry, and how an
 * incoming `value` is read back. One tagged shape per kind, so the bot can route a submission
 * without guessing, and the user's input values never collide with our keys.
 */

/** Input ids of form fields are prefixed so that a field called `formId` cannot clash with ours. */
export const FIELD_PREFIX = 'field_';
/** Input id of the choice set that belongs to a message select. */
export const selectInputId = (actionId: string) => `select_${actionId}`;

export type SubmitData =
  /** A button on a message: the core's `handleAction`. */
  | { credbot: 'action'; actionId: string; value: string }
  /** A select on a message plus its "Choose" button; the choice is in the input `select_<actionId>`. */
  | { credbot: 'select'; actionId: string }
  /** Opens a stored form as a dialog (`task/fetch`). */
  | { credbot: 'openForm'; formKey: string }
  /** The submit button of a form dialog. */
  | { credbot: 'form'; formId: string; stateKey: string }
  /** A button inside a form that changes it without submitting ("Add recipient"). */
  | { credbot: 'formAction'; formId: string; stateKey: string; actionId: string; value: string };

const str = (v: unknown): v is string => typeof v === 'string';

/** Reads our tagged data from an activity value (or a dialog's `data`); undefined when it is not ours. */
export function parseSubmitData(raw: unknown): SubmitData | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const v = raw as Record<string, unknown>;
  switch (v.credbot) {
    case 'action':
      return str(v.actionId) && str(v.value) ? { credbot: 'action', actionId: v.actionId, value: v.value } : undefined;
    case 'select':
      return str(v.actionId) ? { credbot: 'select', actionId: v.actionId } : undefined;
    case 'openForm':
      return str(v.formKey) ? { credbot: 'openForm', formKey: v.formKey } : undefined;
    case 'form':
      return str(v.formId) && str(v.stateKey) ? { credbot: 'form', formId: v.formId, stateKey: v.stateKey } : undefined;
    case 'formAction':
      return str(v.formId) && str(v.stateKey) && str(v.actionId) && str(v.value)
        ? { credbot: 'formAction', formId: v.formId, stateKey: v.stateKey, actionId: v.actionId, value: v.value }
        : undefined;
    default:
      return undefined;
  }
}

/** The field values of a form submission, keyed by `Field.id` (our prefix removed, non-strings dropped). */
export function fieldValues(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (k.startsWith(FIELD_PREFIX) && typeof v === 'string') out[k.slice(FIELD_PREFIX.length)] = v;
  }
  return out;
}
