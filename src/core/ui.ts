/**
 * @module core/ui — the neutral UI model: messages, cards and forms as plain tagged data.
 * Adapters render it with pure functions (Block Kit, Adaptive Cards, terminal text); `core/` never
 * knows which. Text uses a tiny markup every platform can render: `*bold*` and `<url|label>` links.
 */

export interface Option {
  label: string;
  value: string;
}

export interface Button {
  type: 'button';
  /** The action id the core receives back in an `ActionEvent`. */
  actionId: string;
  label: string;
  /** Opaque value sent back with the action (usually a short state key). */
  value: string;
  style?: 'primary' | 'danger';
}

export interface Select {
  type: 'select';
  actionId: string;
  placeholder: string;
  options: Option[];
  initial?: string;
}

export type Block =
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'image'; url: string; alt: string }
  | { type: 'actions'; elements: (Button | Select)[] }
  | { type: 'progress'; done: number; total: number; label: string }
  | { type: 'context'; text: string }
  | { type: 'divider' };

export interface Message {
  /** Plain-text fallback (notifications, screen readers, the console). */
  text: string;
  blocks: Block[];
  /**
   * What kind of answer this is. `error` means the request failed (refused, not found, bad input):
   * the console exits non-zero after one; other adapters may colour it. Absent means `info`.
   */
  tone?: 'info' | 'success' | 'warning' | 'error';
}

export type FieldType = 'text' | 'email' | 'date' | 'select' | 'multiline' | 'checkbox';

export interface Field {
  type: FieldType;
  /** Unique within the form; submissions come back keyed by it. */
  id: string;
  label: string;
  required: boolean;
  placeholder?: string;
  hint?: string;
  initial?: string;
  /** For `select` (and `checkbox`: one option, value 'yes'). */
  options?: Option[];
  /** Repeated groups (recipient rows) can be shown under a heading. */
  section?: string;
}

export interface Form {
  /** Which form this is (`issue`, `group`, `design`): the core routes the submission by it. */
  formId: string;
  title: string;
  submitLabel: string;
  fields: Field[];
  /** Short key of the form's state in the store (Slack private_metadata holds only this). */
  stateKey: string;
  /** Buttons inside the form that change it without submitting (e.g. "Add recipient"). */
  actions?: Button[];
  /** Per-field errors from a previous submission. */
  errors?: Record<string, string>;
}

/** A file the core wants posted (results CSV, CSV template, preview image). */
export interface OutgoingFile {
  name: string;
  mimeType: string;
  content: Buffer;
  title?: string;
  /** A message posted with the file. */
  comment?: string;
}
