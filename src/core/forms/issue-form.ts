/**
 * @module core/forms/issue-form — the form to issue to a few people: first the group, then up to
 * 20 recipient rows (name, email, the group's custom attributes) and the issue date. "Add
 * recipient" redraws the form with one more row, keeping what was typed.
 */
import type { Group, Recipient } from '../../domain/types.js';
import { normalizeEmail } from '../../domain/email.js';
import { cleanName, emailProblem, parseIssueDate } from '../../intake/fields.js';
import { ACTION, FORM, ISSUE_FIELDS, recipientField } from '../ids.js';
import type { Field, Form } from '../ui.js';
import { trimmed } from './validation.js';

export const DEFAULT_ROWS = 1;

export interface IssueFormInput {
  stateKey: string;
  groups: Group[];
  /** Absent: the first step, which only asks for the group. */
  group?: Group;
  rows: number;
  maxRows: number;
  today: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}

const humanize = (key: string) => key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

export function issueForm(input: IssueFormInput): Form {
  const v = input.values ?? {};
  const withInitial = (f: Field, fallback?: string): Field => {
    const initial = v[f.id] ?? fallback;
    return initial ? { ...f, initial } : f;
  };
  const groupField = withInitial(
    { type: 'select', id: ISSUE_FIELDS.group, label: 'Group', required: true, options: input.groups.map((g) => ({ label: g.name, value: g.id })) },
    input.group?.id,
  );
  const base = { formId: FORM.issue, stateKey: input.stateKey, ...(input.errors && Object.keys(input.errors).length ? { errors: input.errors } : {}) };
  if (!input.group) return { ...base, title: 'Issue credentials', submitLabel: 'Next', fields: [groupField] };

  const fields: Field[] = [groupField];
  for (let n = 1; n <= input.rows; n++) {
    const section = `Recipient ${n}`;
    fields.push(withInitial({ type: 'text', id: recipientField.name(n), label: 'Name', required: n === 1, section }));
    fields.push(withInitial({ type: 'email', id: recipientField.email(n), label: 'Email', required: n === 1, section }));
    for (const key of input.group.customAttributes) {
      fields.push(withInitial({ type: 'text', id: recipientField.attribute(n, key), label: humanize(key), required: false, section }));
    }
  }
  fields.push(withInitial({ type: 'date', id: ISSUE_FIELDS.issuedOn, label: 'Issue date', required: true, placeholder: 'YYYY-MM-DD' }, input.today));
  const canAdd = input.rows < input.maxRows;
  return {
    ...base,
    title: 'Issue credentials',
    submitLabel: 'Issue',
    fields,
    ...(canAdd ? { actions: [{ type: 'button' as const, actionId: ACTION.addRecipient, label: 'Add recipient', value: String(input.rows + 1) }] } : {}),
  };
}

export interface IssueRecipient {
  recipient: Recipient;
  attributes: Record<string, string>;
}

export interface IssueCheckContext {
  group: Group;
  rows: number;
  today: string;
  /** Attributes the group's designs print: empty ones are errors. */
  requiredAttributes: string[];
  /** The credential id an email already holds in the group (only asked when duplicates are not allowed). */
  heldBy(emailKey: string): Promise<string | undefined>;
}

/** Checks every filled row; a row left entirely empty is ignored. */
export async function parseIssueForm(
  values: Record<string, string>,
  ctx: IssueCheckContext,
): Promise<{ ok: true; recipients: IssueRecipient[]; issuedOn: string } | { ok: false; errors: Record<string, string> }> {
  const errors: Record<string, string> = {};
  const recipients: IssueRecipient[] = [];
  const seen = new Map<string, number>();
  for (let n = 1; n <= ctx.rows; n++) {
    const name = cleanName(trimmed(values[recipientField.name(n)]));
    const email = trimmed(values[recipientField.email(n)]);
    const attributes: Record<string, string> = {};
    for (const key of ctx.group.customAttributes) {
      const value = trimmed(values[recipientField.attribute(n, key)]);
      if (value) attributes[key] = value;
    }
    if (!name && !email && Object.keys(attributes).length === 0) continue;
    if (!name) errors[recipientField.name(n)] = 'Give the recipient’s name as it should appear on the credential.';
    const problem = emailProblem(email);
    if (problem) errors[recipientField.email(n)] = problem.replace(/^./, (c) => c.toUpperCase()) + '.';
    for (const key of ctx.requiredAttributes) {
      if (!attributes[key]) errors[recipientField.attribute(n, key)] = `The design shows ${humanize(key).toLowerCase()}: fill it in.`;
    }
    if (!problem) {
      const key = normalizeEmail(email);
      const earlier = seen.get(key);
      if (earlier !== undefined && !ctx.group.allowDuplicates) errors[recipientField.email(n)] = `Same email as recipient ${earlier}.`;
      else if (!ctx.group.allowDuplicates) {
        const held = await ctx.heldBy(key);
        if (held) errors[recipientField.email(n)] = `This person already holds this group’s credential (${held}).`;
      }
      seen.set(key, n);
    }
    if (name && !problem) recipients.push({ recipient: { name, email }, attributes });
  }
  if (recipients.length === 0 && Object.keys(errors).length === 0) {
    errors[recipientField.name(1)] = 'Add at least one recipient.';
  }
  let issuedOn = ctx.today;
  const dateValue = trimmed(values[ISSUE_FIELDS.issuedOn]);
  if (dateValue) {
    const date = parseIssueDate(dateValue);
    if ('problem' in date) errors[ISSUE_FIELDS.issuedOn] = `${date.problem.replace(/^./, (c) => c.toUpperCase())}.`;
    else if (date.date > ctx.today) errors[ISSUE_FIELDS.issuedOn] = 'The issue date cannot be in the future.';
    else issuedOn = date.date;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, recipients, issuedOn };
}
