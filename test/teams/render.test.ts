/** @module test/teams/render — the Adaptive Card renderers: what a Teams user sees for neutral messages and forms. */
import { describe, expect, it } from '@jest/globals';
import { cardToAdaptiveCard } from '../../adapters/teams/render/card.js';
import { formToAdaptiveCard, normalizeFormValues } from '../../adapters/teams/render/form.js';
import { progressBar, toCardMarkdown } from '../../adapters/teams/render/markup.js';
import { fieldValues, parseSubmitData } from '../../adapters/teams/render/submit-data.js';
import type { Form, Message } from '../../src/core/ui.js';

describe('toCardMarkdown', () => {
  it('turns core markup into Adaptive Card Markdown', () => {
    expect(toCardMarkdown('Issued *12* credentials: <https://x.test/r|results>')).toBe('Issued **12** credentials: [results](https://x.test/r)');
    expect(toCardMarkdown('a*b and 2 * 3 stay')).toBe('a*b and 2 * 3 stay');
  });
  it('draws progress as a bar with a percentage', () => {
    expect(progressBar(5, 10, 10)).toBe('▓▓▓▓▓░░░░░ 50% (5 of 10)');
    expect(progressBar(0, 0, 4)).toBe('▓▓▓▓ 100% (0 of 0)');
  });
});

describe('cardToAdaptiveCard', () => {
  const preview: Message = {
    text: 'CSV preview',
    blocks: [
      { type: 'text', text: '*students.csv*: 3 rows' },
      { type: 'fields', fields: [{ label: 'Name', value: 'Full name' }, { label: 'Email', value: 'E-mail' }] },
      { type: 'divider' },
      { type: 'image', url: 'https://x.test/badge.png', alt: 'Badge preview' },
      { type: 'progress', done: 1, total: 4, label: 'Issuing' },
      { type: 'context', text: 'Row 3: invalid email' },
      {
        type: 'actions',
        elements: [
          { type: 'select', actionId: 'pick_group', placeholder: 'Choose a group', options: [{ label: 'Data 101', value: 'g1' }], initial: 'g1' },
          { type: 'button', actionId: 'confirm', label: 'Issue 3 credentials', value: 'st_1', style: 'primary' },
          { type: 'button', actionId: 'cancel', label: 'Cancel', value: 'st_1', style: 'danger' },
        ],
      },
    ],
  };
  const card = cardToAdaptiveCard(preview);

  it('is an Adaptive Card 1.5 with every block rendered in order', () => {
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(card.body.map((e) => e.type)).toEqual([
      'TextBlock', 'FactSet', 'Image', 'TextBlock', 'TextBlock', 'TextBlock', 'Input.ChoiceSet', 'ActionSet', 'ActionSet',
    ]);
    expect(card.body[0]).toMatchObject({ text: '**students.csv**: 3 rows', wrap: true });
    expect(card.body[1]).toMatchObject({ facts: [{ title: 'Name', value: 'Full name' }, { title: 'Email', value: 'E-mail' }] });
    expect(card.body[2]).toMatchObject({ url: 'https://x.test/badge.png', altText: 'Badge preview', separator: true });
    expect(card.body[4]).toMatchObject({ text: expect.stringContaining('25% (1 of 4)') });
    expect(card.body[5]).toMatchObject({ isSubtle: true });
  });

  it('gives buttons Action.Submit data that routes back to the core, with Teams styles', () => {
    const buttons = (card.body[8] as { actions: unknown[] }).actions;
    expect(buttons).toEqual([
      { type: 'Action.Submit', title: 'Issue 3 credentials', style: 'positive', data: { credbot: 'action', actionId: 'confirm', value: 'st_1' } },
      { type: 'Action.Submit', title: 'Cancel', style: 'destructive', data: { credbot: 'action', actionId: 'cancel', value: 'st_1' } },
    ]);
    expect(parseSubmitData((buttons[0] as { data: unknown }).data)).toEqual({ credbot: 'action', actionId: 'confirm', value: 'st_1' });
  });

  it('renders a select as a choice set with its own Choose button', () => {
    expect(card.body[6]).toMatchObject({ id: 'select_pick_group', value: 'g1', choices: [{ title: 'Data 101', value: 'g1' }] });
    expect(card.body[7]).toMatchObject({ actions: [{ title: 'Choose', data: { credbot: 'select', actionId: 'pick_group' } }] });
  });

  it('colours the first line by the message tone', () => {
    expect(cardToAdaptiveCard({ text: 'No', tone: 'error', blocks: [{ type: 'text', text: 'Only team members may issue.' }] }).body[0]).toMatchObject({ color: 'Attention' });
    expect(cardToAdaptiveCard({ text: 'Yes', tone: 'success', blocks: [] }).body[0]).toMatchObject({ color: 'Good' });
    expect(cardToAdaptiveCard({ text: 'Hm', blocks: [] }).body[0]).not.toHaveProperty('color');
  });

  it('falls back to the plain text when a message has no blocks', () => {
    expect(cardToAdaptiveCard({ text: 'Done *now*', blocks: [] }).body).toEqual([{ type: 'TextBlock', text: 'Done **now**', wrap: true }]);
  });
});

describe('formToAdaptiveCard', () => {
  const form: Form = {
    formId: 'issue',
    title: 'Issue credentials',
    submitLabel: 'Issue',
    stateKey: 'fs_42',
    fields: [
      { type: 'select', id: 'group', label: 'Group', required: true, options: [{ label: 'Data 101', value: 'g1' }] },
      { type: 'text', id: 'name_1', label: 'Name', required: true, section: 'Recipient 1', initial: 'Ada' },
      { type: 'email', id: 'email_1', label: 'Email', required: true, section: 'Recipient 1', placeholder: 'ada@school.edu' },
      { type: 'date', id: 'issued_on', label: 'Issued on', required: false, hint: 'Default: today' },
      { type: 'multiline', id: 'note', label: 'Note', required: false },
      { type: 'checkbox', id: 'notify', label: 'Notify', required: false, options: [{ label: 'Email the recipients', value: 'yes' }] },
    ],
    actions: [{ type: 'button', actionId: 'add_recipient', label: 'Add recipient', value: 'fs_42' }],
    errors: { email_1: 'That is not an email address.', _form: 'The group was deleted.' },
  };
  const card = formToAdaptiveCard(form);
  const byId = (id: string) => card.body.find((e) => e.id === id)!;

  it('maps each field type to its Adaptive Card input, with required + errorMessage', () => {
    expect(byId('field_group')).toMatchObject({ type: 'Input.ChoiceSet', isRequired: true, errorMessage: 'Group is required.' });
    expect(byId('field_name_1')).toMatchObject({ type: 'Input.Text', value: 'Ada', label: 'Name' });
    expect(byId('field_email_1')).toMatchObject({ type: 'Input.Text', style: 'Email', placeholder: 'ada@school.edu' });
    expect(byId('field_issued_on')).toMatchObject({ type: 'Input.Date', isRequired: false });
    expect(byId('field_note')).toMatchObject({ type: 'Input.Text', isMultiline: true });
    expect(byId('field_notify')).toMatchObject({ type: 'Input.Toggle', title: 'Email the recipients', valueOn: 'yes', valueOff: 'no' });
  });

  it('shows each error in red right under its field, and form-wide errors on top', () => {
    const i = card.body.indexOf(byId('field_email_1'));
    expect(card.body[i + 1]).toMatchObject({ type: 'TextBlock', color: 'Attention', text: 'That is not an email address.' });
    expect(card.body[0]).toMatchObject({ color: 'Attention', text: 'The group was deleted.' });
  });

  it('heads each section once', () => {
    expect(card.body.filter((e) => e.text === 'Recipient 1')).toHaveLength(1);
  });

  it('puts the form id and state key in the submit data, and form buttons next to it', () => {
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: 'Issue', style: 'positive', data: { credbot: 'form', formId: 'issue', stateKey: 'fs_42' } },
      { type: 'Action.Submit', title: 'Add recipient', data: { credbot: 'formAction', formId: 'issue', stateKey: 'fs_42', actionId: 'add_recipient', value: 'fs_42' } },
    ]);
  });

  it('reads a submission back as the core expects it', () => {
    const data = { credbot: 'form', formId: 'issue', stateKey: 'fs_42', field_group: 'g1', field_name_1: 'Ada', field_notify: 'no', other: 1 };
    expect(parseSubmitData(data)).toEqual({ credbot: 'form', formId: 'issue', stateKey: 'fs_42' });
    expect(normalizeFormValues(form, fieldValues(data))).toEqual({
      group: 'g1', name_1: 'Ada', email_1: '', issued_on: '', note: '', notify: '',
    });
    expect(parseSubmitData({ credbot: 'form', formId: 3 })).toBeUndefined();
  });
});
