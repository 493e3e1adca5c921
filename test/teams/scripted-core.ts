/**
 * @module test/teams/scripted-core — a ConversationCore whose answers each test sets, recording
 * the normalized events the Teams adapter hands it, so the adapter's wire behaviour is tested on
 * its own (the real core runs in the end-to-end and contract tests).
 */
import type { Form } from '../../src/core/ui.js';
import { baseIssueForm } from '../fakes/scripted-core.js';

export { ScriptedCore, say } from '../fakes/scripted-core.js';

export const issueForm = (stateKey = 'fs_1', extra: Partial<Form> = {}): Form => baseIssueForm(stateKey, extra, [{ type: 'checkbox', id: 'notify', label: 'Notify', required: false }]);
