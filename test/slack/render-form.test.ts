/** @module test/slack/render-form.test — formToSlackModal, view state back to values, field errors as response_action. */
import { describe, expect, it } from '@jest/globals';
import { formErrorsToResponse, formToSlackModal, inputBlockIds, viewStateToValues } from '../../adapters/slack/render-form.js';
import type { Form } from '../../src/core/ui.js';

const form: Form = {
  formId: 'issue',
  title: 'Issue credentials to a few people',
  submitLabel: 'Issue',
  stateKey: 'form:abc123',
  fields: [
    { type: 'select', id: 'group', label: 'Group', required: true, options: [{ label: 'Data 101', value: 'g1' }], initial: 'g1' },
    { type: 'text', id: 'name_1', label: 'Name', required: true, section: 'Recipient 1', placeholder: 'Ada Lovelace' },
    { type: 'email', id: 'email_1', label: 'Email', required: true, section: 'Recipient 1' },
    { type: 'date', id: 'issued_on', label: 'Issue date', required: false, initial: '2026-11-29', hint: 'Defaults to today' },
    { type: 'multiline', id: 'note', label: 'Note', required: false },
    { type: 'checkbox', id: 'notify', label: 'Email the recipients', required: false, initial: 'yes' },
  ],
  actions: [{ type: 'button', actionId: 'add_recipient', label: 'Add recipient', value: 'form:abc123' }],
};

describe('formToSlackModal', () => {
  const view = formToSlackModal(form);

  it('is a modal keyed by form id that carries only the state key', () => {
    expect(view).toMatchObject({ type: 'modal', callback_id: 'issue', private_metadata: 'form:abc123' });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit?.text).toBe('Issue');
  });

  it('renders each field type as the matching Slack input, block id = field id', () => {
    const inputs = view.blocks.filter((b) => b.type === 'input') as any[];
    expect(inputs.map((b) => [b.block_id, b.element.type, b.optional])).toEqual([
      ['group', 'static_select', false],
      ['name_1', 'plain_text_input', false],
      ['email_1', 'email_text_input', false],
      ['issued_on', 'datepicker', true],
      ['note', 'plain_text_input', true],
      ['notify', 'checkboxes', true],
    ]);
    expect(inputs[0].element.initial_option.value).toBe('g1');
    expect(inputs[1].element.placeholder.text).toBe('Ada Lovelace');
    expect(inputs[3].element.initial_date).toBe('2026-11-29');
    expect(inputs[3].hint.text).toBe('Defaults to today');
    expect(inputs[4].element.multiline).toBe(true);
    expect(inputs[5].element.initial_options).toEqual([expect.objectContaining({ value: 'yes' })]);
    expect(inputs.every((b) => b.element.action_id === b.block_id)).toBe(true);
  });

  it('shows sections as headers once, and form buttons in an actions block', () => {
    const headers = view.blocks.filter((b) => b.type === 'header') as any[];
    expect(headers.map((h) => h.text.text)).toEqual(['Recipient 1']);
    const actions = view.blocks.at(-1) as any;
    expect(actions).toMatchObject({ type: 'actions', block_id: 'form_actions' });
    expect(actions.elements[0]).toMatchObject({ action_id: 'add_recipient', text: { text: 'Add recipient' } });
  });

  it('says there is nothing to choose instead of sending Slack an empty select', () => {
    const v = formToSlackModal({ ...form, fields: [{ type: 'select', id: 'group', label: 'Group', required: true, options: [] }] });
    expect(v.blocks[0]).toMatchObject({ type: 'section', block_id: 'group' });
    expect(JSON.stringify(v.blocks[0])).toContain('Nothing to choose yet');
  });
});

describe('viewStateToValues', () => {
  it('reads every input type back keyed by field id', () => {
    const values = viewStateToValues({
      group: { group: { type: 'static_select', selected_option: { value: 'g1' } } },
      name_1: { name_1: { type: 'plain_text_input', value: 'Ada' } },
      email_1: { email_1: { type: 'email_text_input', value: 'ada@uni.test' } },
      issued_on: { issued_on: { type: 'datepicker', selected_date: '2026-11-29' } },
      note: { note: { type: 'plain_text_input', value: null } },
      notify: { notify: { type: 'checkboxes', selected_options: [] } },
    });
    expect(values).toEqual({ group: 'g1', name_1: 'Ada', email_1: 'ada@uni.test', issued_on: '2026-11-29', note: '', notify: '' });
  });
});

describe('formErrorsToResponse', () => {
  it('maps field errors onto block ids and puts whole-form errors on the first input', () => {
    const ids = inputBlockIds(formToSlackModal(form));
    expect(formErrorsToResponse({ email_1: 'Not an email address', _form: 'Pick a group first.' }, ids)).toEqual({
      response_action: 'errors',
      errors: { email_1: 'Not an email address', group: 'Pick a group first.' },
    });
  });
});

describe('whole-form errors', () => {
  it('shows an error that names no field at the top of the modal', () => {
    const v = formToSlackModal({ ...form, fields: [], actions: [], errors: { form: 'This form has expired. Run /issue-credential again.' } });
    expect(v.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: ':warning: This form has expired. Run /issue-credential again.' } }]);
  });
});
