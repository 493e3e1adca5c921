/**
 * @module core/forms/group-form — the group form (name, course, designs, expiry, duplicates, custom
 * attributes, delivery): building it, and turning a submission into a Group or per-field errors.
 */
import { z } from 'zod';
import type { Design, ExpiryRule, Group } from '../../domain/types.js';
import { toAttributeKey } from '../../intake/headers.js';
import { findPlaceholders } from '../../render/placeholders.js';
import { FORM, GROUP_FIELDS as F } from '../ids.js';
import { deliveryFields, deliveryValues, parseDelivery, type DeliverySettings } from './group-delivery.js';
import type { Field, Form, Option } from '../ui.js';
import { fieldErrors, isHttpUrl, isIsoDate, trimmed } from './validation.js';

const NONE = 'none';
const RESERVED_ATTRIBUTES = new Set(['name', 'email', 'issue_date', 'issued_on']);

export interface GroupFormInput {
  stateKey: string;
  designs: Design[];
  /** The group being edited, or a prefill for a new one. */
  group?: Partial<Group>;
  /** Typed values to show again (they win over `group`). */
  values?: Record<string, string>;
  errors?: Record<string, string>;
  editing: boolean;
}

function expiryValues(expiry: ExpiryRule | undefined): Record<string, string> {
  if (!expiry || expiry.kind === 'none') return { [F.expiry]: 'none' };
  if (expiry.kind === 'fixed') return { [F.expiry]: 'fixed', [F.expiryDate]: expiry.date };
  return { [F.expiry]: expiry.unit, [F.expiryAmount]: String(expiry.amount) };
}

/** The values a group shows in its form. */
export function groupToValues(group: Partial<Group>): Record<string, string> {
  const out: Record<string, string> = {
    [F.name]: group.name ?? '',
    [F.courseName]: group.courseName ?? '',
    [F.courseDescription]: group.courseDescription ?? '',
    [F.courseLink]: group.courseLink ?? '',
    [F.badgeDesign]: group.badgeDesignId ?? NONE,
    [F.certificateDesign]: group.certificateDesignId ?? NONE,
    [F.allowDuplicates]: group.allowDuplicates ? 'yes' : '',
    [F.attributes]: (group.customAttributes ?? []).join(', '),
    ...expiryValues(group.expiry),
    ...deliveryValues(group),
  };
  return out;
}

function designOptions(designs: Design[], kind: Design['kind']): Option[] {
  const label = kind === 'badge' ? 'No badge' : 'No certificate';
  return [{ label, value: NONE }, ...designs.filter((d) => d.kind === kind).map((d) => ({ label: d.name, value: d.id }))];
}

export function groupForm(input: GroupFormInput): Form {
  const v = { ...groupToValues(input.group ?? {}), ...(input.values ?? {}) };
  const field = (f: Omit<Field, 'initial'>): Field => (v[f.id] ? { ...f, initial: v[f.id] } : f);
  const fields: Field[] = [
    field({ type: 'text', id: F.name, label: 'Group name', required: true, placeholder: 'Spring 2026: Intro to Data Science' }),
    field({ type: 'text', id: F.courseName, label: 'Course name', required: true }),
    field({ type: 'multiline', id: F.courseDescription, label: 'Course description', required: true, hint: 'What recipients achieved; shown on every credential.' }),
    field({ type: 'text', id: F.courseLink, label: 'Course link', required: false, placeholder: 'https://…' }),
    field({ type: 'select', id: F.badgeDesign, label: 'Badge design', required: false, options: designOptions(input.designs, 'badge'), hint: 'Without one, the default badge is used.' }),
    field({ type: 'select', id: F.certificateDesign, label: 'Certificate design', required: false, options: designOptions(input.designs, 'certificate') }),
    field({
      type: 'select', id: F.expiry, label: 'Credentials expire', required: true,
      options: [
        { label: 'Never', value: 'none' },
        { label: 'N months after issue', value: 'months' },
        { label: 'N years after issue', value: 'years' },
        { label: 'On a fixed date', value: 'fixed' },
      ],
    }),
    field({ type: 'text', id: F.expiryAmount, label: 'Expire after (number of months or years)', required: false, placeholder: '2' }),
    field({ type: 'date', id: F.expiryDate, label: 'Expiry date (for a fixed date)', required: false, placeholder: 'YYYY-MM-DD' }),
    field({ type: 'checkbox', id: F.allowDuplicates, label: 'Allow more than one credential per email', required: false, options: [{ label: 'Allow duplicates', value: 'yes' }] }),
    field({ type: 'text', id: F.attributes, label: 'Custom attributes', required: false, placeholder: 'grade, hours', hint: 'Comma-separated; designs use them as {{custom.grade}} and CSVs as columns.' }),
    ...deliveryFields().map(field),
  ];
  // Defaults a new form shows: never expires.
  if (!v[F.expiry]) fields.find((f) => f.id === F.expiry)!.initial = 'none';
  return {
    formId: FORM.group,
    title: input.editing ? 'Edit group' : 'New group',
    submitLabel: input.editing ? 'Save' : 'Create group',
    fields,
    stateKey: input.stateKey,
    ...(input.errors && Object.keys(input.errors).length ? { errors: input.errors } : {}),
  };
}

const schema = z.object({
  [F.name]: z.string().trim().min(1, 'Give the group a name.').max(80, 'Keep the name under 80 characters.'),
  [F.courseName]: z.string().trim().min(1, 'Which course is this? Give its name.').max(200, 'Keep the course name under 200 characters.'),
  [F.courseDescription]: z.string().trim().min(1, 'Describe what recipients achieved.').max(2000, 'Keep the description under 2,000 characters.'),
  [F.courseLink]: z.string().trim().refine((s) => s === '' || isHttpUrl(s), 'Give a full link starting with https://'),
  [F.expiry]: z.enum(['none', 'months', 'years', 'fixed'], { message: 'Choose when credentials expire.' }),
});

export interface GroupFormContext {
  designs: Design[];
  /** Other groups of the tenant (names must be unique). */
  otherGroups: Group[];
  today: string;
}

export type GroupFields = Pick<
  Group,
  'name' | 'courseName' | 'courseDescription' | 'courseLink' | 'badgeDesignId' | 'certificateDesignId' | 'expiry' | 'allowDuplicates' | 'customAttributes'
> &
  DeliverySettings;

/** Parses a submission: the group's fields, or an error for every field that is wrong. */
export function parseGroupForm(raw: Record<string, string>, ctx: GroupFormContext): { ok: true; fields: GroupFields } | { ok: false; errors: Record<string, string> } {
  const values = Object.fromEntries(Object.values(F).map((id) => [id, raw[id] ?? ''])) as Record<string, string>;
  const parsed = schema.safeParse(values);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  const name = trimmed(values[F.name]);
  if (!errors[F.name] && ctx.otherGroups.some((g) => g.name.toLowerCase() === name.toLowerCase())) {
    errors[F.name] = `A group called “${name}” already exists. Choose another name.`;
  }

  const design = (id: string, kind: Design['kind'], fieldId: string): string | undefined => {
    const value = trimmed(id);
    if (value === '' || value === NONE) return undefined;
    const found = ctx.designs.find((d) => d.id === value);
    if (!found) errors[fieldId] = 'That design no longer exists. Choose another.';
    else if (found.kind !== kind) errors[fieldId] = `“${found.name}” is a ${found.kind}, not a ${kind}.`;
    return found?.id;
  };
  const badgeDesignId = design(values[F.badgeDesign]!, 'badge', F.badgeDesign);
  const certificateDesignId = design(values[F.certificateDesign]!, 'certificate', F.certificateDesign);

  let expiry: ExpiryRule = { kind: 'none' };
  const rule = values[F.expiry];
  if (rule === 'months' || rule === 'years') {
    const amount = Number(trimmed(values[F.expiryAmount]));
    if (!Number.isInteger(amount) || amount < 1 || amount > 100) errors[F.expiryAmount] = `Give a whole number of ${rule} between 1 and 100.`;
    else expiry = { kind: 'after', amount, unit: rule };
  } else if (rule === 'fixed') {
    const date = trimmed(values[F.expiryDate]);
    if (!isIsoDate(date)) errors[F.expiryDate] = 'Give the expiry date as YYYY-MM-DD, e.g. 2028-06-30.';
    else if (date <= ctx.today) errors[F.expiryDate] = 'The expiry date must be in the future.';
    else expiry = { kind: 'fixed', date };
  }

  const customAttributes: string[] = [];
  for (const part of values[F.attributes]!.split(',').map((s) => s.trim()).filter(Boolean)) {
    const key = toAttributeKey(part);
    if (!/^[a-z][a-z0-9_]*$/.test(key)) {
      errors[F.attributes] = `“${part}” is not a usable attribute name: use letters, digits and spaces, starting with a letter.`;
      break;
    }
    if (RESERVED_ATTRIBUTES.has(key)) {
      errors[F.attributes] = `“${part}” is built in (every CSV has name and email columns); remove it from the custom attributes.`;
      break;
    }
    if (!customAttributes.includes(key)) customAttributes.push(key);
  }
  if (customAttributes.length > 30) errors[F.attributes] = 'At most 30 custom attributes per group.';
  // A design that prints {{custom.x}} needs x from every recipient: the group must declare it.
  const printed = ctx.designs
    .filter((d) => d.id === badgeDesignId || d.id === certificateDesignId)
    .flatMap((d) => findPlaceholders([...Object.values(d.text), d.svg ?? ''].join(' ')).filter((p) => p.startsWith('custom.')).map((p) => ({ design: d.name, key: p.slice(7) })));
  const undeclared = printed.find((p) => !customAttributes.includes(p.key));
  if (undeclared && !errors[F.attributes]) {
    errors[F.attributes] = `The design “${undeclared.design}” shows {{custom.${undeclared.key}}}: add ${undeclared.key} to the custom attributes.`;
  }

  const delivery = parseDelivery(raw, customAttributes, errors);

  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
  const courseLink = trimmed(values[F.courseLink]);
  return {
    ok: true,
    fields: {
      name,
      courseName: parsed.data[F.courseName]!,
      courseDescription: parsed.data[F.courseDescription]!,
      ...(courseLink ? { courseLink } : {}),
      ...(badgeDesignId ? { badgeDesignId } : {}),
      ...(certificateDesignId ? { certificateDesignId } : {}),
      expiry,
      allowDuplicates: values[F.allowDuplicates] === 'yes',
      customAttributes,
      ...delivery,
    },
  };
}
