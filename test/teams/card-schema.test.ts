/**
 * @module test/teams/card-schema — every card the renderers produce is a valid Adaptive Card 1.5
 * as Microsoft's own `adaptivecards` library reads it: no unknown element, and no property it
 * would drop (a misspelled property or a bad enum value would make Teams show less than we meant).
 */
import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { openFormActivity } from '../../adapters/teams/activities.js';
import { cardToAdaptiveCard } from '../../adapters/teams/render/card.js';
import { formToAdaptiveCard } from '../../adapters/teams/render/form.js';
import type { Form, Message } from '../../src/core/ui.js';

// The package's ESM build has extensionless imports Node cannot load; its UMD bundle is complete.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js');

/** Parses like a client; returns the parse warnings and the card as the library understood it. */
function parse(card: object): { events: string[]; json: any } {
  const context = new AC.SerializationContext(new AC.Version(1, 5));
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message as string);
  return { events, json: parsed.toJSON() };
}

/** Drops what the library omits because it is the default (or Teams-only), so the rest must survive exactly. */
function withoutDefaults(value: any): any {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (!value || typeof value !== 'object') return value;
  const out: any = {};
  for (const [k, v] of Object.entries(value)) {
    if ((k === 'msteams' && value.type === 'AdaptiveCard') || (k === 'isRequired' && v === false) || (k === 'style' && v === 'compact' && value.type === 'Input.ChoiceSet')) continue;
    out[k] = withoutDefaults(v);
  }
  return out;
}

function expectValid(card: object) {
  const { events, json } = parse(card);
  expect(events).toEqual([]);
  expect(json).toEqual(withoutDefaults(card));
}

const message: Message = {
  text: 'Preview',
  tone: 'warning',
  blocks: [
    { type: 'text', text: '*graduates.csv*: 3 rows, see <https://x.test/help|help>' },
    { type: 'fields', fields: [{ label: 'Name', value: 'Full name' }] },
    { type: 'divider' },
    { type: 'image', url: 'https://x.test/badge.png', alt: 'Badge' },
    { type: 'progress', done: 2, total: 3, label: 'Issuing' },
    { type: 'context', text: 'Row 4: bad email' },
    {
      type: 'actions',
      elements: [
        { type: 'select', actionId: 'csv.group', placeholder: 'Group', options: [{ label: 'Data 101', value: 'k|g1' }] },
        { type: 'button', actionId: 'csv.issue', label: 'Issue', value: 'k', style: 'primary' },
        { type: 'button', actionId: 'csv.cancel', label: 'Cancel', value: 'k', style: 'danger' },
        { type: 'button', actionId: 'more', label: 'More', value: 'k' },
      ],
    },
  ],
};

const form: Form = {
  formId: 'group',
  title: 'New group',
  submitLabel: 'Create',
  stateKey: 'fs_1',
  fields: [
    { type: 'text', id: 'name', label: 'Name', required: true, placeholder: 'Intro to Data Science', hint: 'Shown on the credential' },
    { type: 'email', id: 'contact', label: 'Contact', required: false, section: 'Details' },
    { type: 'date', id: 'expiry_date', label: 'Expires on', required: false, initial: '2027-06-30', section: 'Details' },
    { type: 'select', id: 'badge_design', label: 'Badge', required: true, options: [{ label: 'Data badge', value: 'd1' }], initial: 'd1' },
    { type: 'multiline', id: 'course_description', label: 'Description', required: true },
    { type: 'checkbox', id: 'allow_duplicates', label: 'Duplicates', required: false, options: [{ label: 'Allow duplicates', value: 'yes' }], initial: 'yes' },
  ],
  actions: [{ type: 'button', actionId: 'issue.add_recipient', label: 'Add recipient', value: 'fs_1' }],
  errors: { name: 'A group with this name exists.', form: 'Check the fields below.' },
};

describe('Adaptive Card validity', () => {
  it('message cards', () => {
    expectValid(cardToAdaptiveCard(message));
    expectValid(cardToAdaptiveCard({ text: 'plain', blocks: [] }));
  });

  it('form dialogs, with errors, sections and every field type', () => {
    expectValid(formToAdaptiveCard(form));
    expectValid(formToAdaptiveCard({ ...form, errors: undefined, actions: undefined }));
  });

  it('the card that opens a dialog', () => {
    expectValid(openFormActivity(form, 'fs_1').attachments![0]!.content as object);
  });

  it('catches what Teams would not show', () => {
    expect(parse({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Widget' }] }).events).not.toEqual([]);
    const bad = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body: [{ type: 'TextBlock', text: 'x', colour: 'Attention' }] };
    expect(parse(bad).json).not.toEqual(withoutDefaults(bad));
  });
});
