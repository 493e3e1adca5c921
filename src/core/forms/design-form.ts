/**
 * @module core/forms/design-form — the design form (kind, name, template from the render
 * catalogue, colours, text with placeholders). A placeholder Credbot does not know (a typo such as
 * `{{recipent.name}}`) is an error on the field that holds it, never a silent blank later.
 */
import { z } from 'zod';
import type { Design, DesignKind, DesignText } from '../../domain/types.js';
import { findPlaceholders, isKnownPlaceholder, KNOWN_PLACEHOLDERS } from '../../render/placeholders.js';
import type { TemplateChoice } from '../deps.js';
import { DESIGN_FIELDS as F, FORM } from '../ids.js';
import type { Field, Form } from '../ui.js';
import { fieldErrors, HEX_COLOUR, trimmed } from './validation.js';

export const DEFAULT_COLOURS = { primary: '#1f4e79', secondary: '#c8963e', text: '#1f2937' } as const;

export interface DesignFormInput {
  stateKey: string;
  templates: readonly TemplateChoice[];
  /** Narrows the template list; absent shows every template. */
  kind?: DesignKind;
  design?: Partial<Design>;
  values?: Record<string, string>;
  errors?: Record<string, string>;
  mode: 'new' | 'edit' | 'copy';
}

export function designToValues(d: Partial<Design>): Record<string, string> {
  const entries: [string, string | undefined][] = [
    [F.kind, d.kind],
    [F.name, d.name],
    [F.template, d.template],
    [F.primary, d.colours?.primary],
    [F.secondary, d.colours?.secondary],
    [F.text, d.colours?.text],
    [F.title, d.text?.title],
    [F.subtitle, d.text?.subtitle],
    [F.body, d.text?.body],
    [F.footer, d.text?.footer],
  ];
  return Object.fromEntries(entries.filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}

const PLACEHOLDER_HINT = `Placeholders: ${KNOWN_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ')} and {{custom.<attribute>}}.`;

export function designForm(input: DesignFormInput): Form {
  const v: Record<string, string> = {
    [F.primary]: DEFAULT_COLOURS.primary,
    [F.secondary]: DEFAULT_COLOURS.secondary,
    [F.text]: DEFAULT_COLOURS.text,
    ...(input.kind ? { [F.kind]: input.kind } : {}),
    ...designToValues(input.design ?? {}),
    ...(input.values ?? {}),
  };
  const kind = (v[F.kind] as DesignKind | undefined) ?? input.kind;
  const templates = input.templates.filter((t) => !kind || t.kind === kind);
  const field = (f: Omit<Field, 'initial'>): Field => (v[f.id] ? { ...f, initial: v[f.id] } : f);
  const fields: Field[] = [
    field({ type: 'select', id: F.kind, label: 'Kind', required: true, options: [{ label: 'Badge', value: 'badge' }, { label: 'Certificate', value: 'certificate' }] }),
    field({ type: 'text', id: F.name, label: 'Design name', required: true, placeholder: 'Data Science badge' }),
    field({ type: 'select', id: F.template, label: 'Template', required: true, options: templates.map((t) => ({ label: t.label, value: t.id })) }),
    field({ type: 'text', id: F.primary, label: 'Main colour', required: true, placeholder: '#1f4e79' }),
    field({ type: 'text', id: F.secondary, label: 'Accent colour', required: true, placeholder: '#c8963e' }),
    field({ type: 'text', id: F.text, label: 'Text colour', required: true, placeholder: '#1f2937' }),
    field({ type: 'text', id: F.title, label: 'Title', required: true, placeholder: '{{group.course_name}}', hint: PLACEHOLDER_HINT }),
    field({ type: 'text', id: F.subtitle, label: 'Subtitle', required: false, placeholder: '{{recipient.name}}' }),
    field({ type: 'multiline', id: F.body, label: 'Body text', required: false }),
    field({ type: 'text', id: F.footer, label: 'Footer', required: false, placeholder: 'Issued on {{credential.issued_on}}' }),
  ];
  const title = input.mode === 'edit' ? 'Edit design' : input.mode === 'copy' ? 'Copy design' : 'New design';
  return {
    formId: FORM.design,
    title,
    submitLabel: input.mode === 'edit' ? 'Save and preview' : 'Create and preview',
    fields,
    stateKey: input.stateKey,
    ...(input.errors && Object.keys(input.errors).length ? { errors: input.errors } : {}),
  };
}

const colour = (what: string) => z.string().trim().regex(HEX_COLOUR, `Give the ${what} as a hex colour such as #1f4e79.`);
const textField = (max: number) => z.string().trim().max(max, `Keep this under ${max} characters.`);

const schema = z.object({
  [F.kind]: z.enum(['badge', 'certificate'], { message: 'Choose badge or certificate.' }),
  [F.name]: z.string().trim().min(1, 'Give the design a name.').max(80, 'Keep the name under 80 characters.'),
  [F.template]: z.string().trim().min(1, 'Choose a template.'),
  [F.primary]: colour('main colour'),
  [F.secondary]: colour('accent colour'),
  [F.text]: colour('text colour'),
  [F.title]: textField(120).min(1, 'Give the design a title (placeholders allowed).'),
  [F.subtitle]: textField(200),
  [F.body]: textField(1000),
  [F.footer]: textField(200),
});

export type DesignFields = Pick<Design, 'kind' | 'name' | 'template' | 'colours' | 'text'>;

export interface DesignFormContext {
  templates: readonly TemplateChoice[];
  /** Other designs of the tenant (names must be unique). */
  otherDesigns: Design[];
}

/** The first unknown placeholder in a text, worded as a field error. */
function placeholderProblem(text: string): string | undefined {
  const unknown = findPlaceholders(text).filter((p) => !isKnownPlaceholder(p));
  if (!unknown.length) return undefined;
  const list = unknown.map((p) => `{{${p}}}`).join(', ');
  return `Unknown placeholder ${list}. ${PLACEHOLDER_HINT}`;
}

export function parseDesignForm(raw: Record<string, string>, ctx: DesignFormContext): { ok: true; fields: DesignFields } | { ok: false; errors: Record<string, string> } {
  const values = Object.fromEntries(Object.values(F).map((id) => [id, raw[id] ?? ''])) as Record<string, string>;
  const parsed = schema.safeParse(values);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  for (const id of [F.title, F.subtitle, F.body, F.footer]) {
    const problem = placeholderProblem(values[id]!);
    if (problem && !errors[id]) errors[id] = problem;
  }
  const name = trimmed(values[F.name]);
  if (!errors[F.name] && ctx.otherDesigns.some((d) => d.name.toLowerCase() === name.toLowerCase())) {
    errors[F.name] = `A design called “${name}” already exists. Choose another name.`;
  }
  const template = ctx.templates.find((t) => t.id === trimmed(values[F.template]));
  if (!errors[F.template]) {
    if (!template) errors[F.template] = 'Choose one of the listed templates.';
    else if (!errors[F.kind] && template.kind !== values[F.kind]) errors[F.template] = `“${template.label}” is a ${template.kind} template; choose a ${values[F.kind]} template.`;
  }
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors };
  const d = parsed.data;
  const text: DesignText = { title: d[F.title] };
  if (d[F.subtitle]) text.subtitle = d[F.subtitle];
  if (d[F.body]) text.body = d[F.body];
  if (d[F.footer]) text.footer = d[F.footer];
  return {
    ok: true,
    fields: {
      kind: d[F.kind],
      name,
      template: template!.id,
      colours: { primary: d[F.primary].toLowerCase(), secondary: d[F.secondary].toLowerCase(), text: d[F.text].toLowerCase() },
      text,
    },
  };
}
