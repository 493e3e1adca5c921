/**
 * @module test/teams/scripted-core — a ConversationCore whose answers each test sets, recording
 * the normalized events the Teams adapter hands it, so the adapter's wire behaviour is tested on
 * its own (the real core runs in the end-to-end and contract tests).
 */
import type { Form } from '../../src/core/ui.js';

export { ScriptedCore, say } from '../fakes/scripted-core.js';

export const issueForm = (stateKey = 'fs_1', extra: Partial<Form> = {}): Form => ({
  formId: 'issue',
  title: 'Issue credentials',
  submitLabel: 'Issue',
  stateKey,
  fields: [
    { type: 'select', id: 'group', label: 'Group', required: true, options: [{ label: 'Data 101', value: 'g1' }] },
    { type: 'text', id: 'r1_name', label: 'Name', required: true, section: 'Recipient 1' },
    { type: 'email', id: 'r1_email', label: 'Email', required: true, section: 'Recipient 1' },
    { type: 'checkbox', id: 'notify', label: 'Notify', required: false },
  ],
  actions: [{ type: 'button', actionId: 'issue.add_recipient', label: 'Add recipient', value: stateKey }],
  ...extra,
});
