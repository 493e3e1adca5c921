/**
 * @module test/fakes/scripted-core — a ConversationCore whose answers each test sets, recording
 * every normalized event an adapter hands it, so an adapter's wire behaviour is tested on its own
 * (the real core runs in the end-to-end and contract tests). Slack and Teams tests both use it.
 */
import type { ActionEvent, CommandEvent, ConversationCore, FileShareEvent, FormActionEvent, FormResult, FormSubmitEvent, Reply } from '../../src/core/events.js';
import type { Form, Message } from '../../src/core/ui.js';

export const say = (text: string): Message => ({ text, blocks: [{ type: 'text', text }] });

export class ScriptedCore implements ConversationCore {
  commands: CommandEvent[] = [];
  submits: FormSubmitEvent[] = [];
  formActions: FormActionEvent[] = [];
  actions: ActionEvent[] = [];
  files: FileShareEvent[] = [];
  /** Text of each downloaded file, in order. */
  downloaded: string[] = [];

  onCommand: (e: CommandEvent) => Promise<Reply> = async (e) => ({ kind: 'message', visibility: 'in_channel', message: say(`You said: ${e.text}`) });
  onSubmit: (e: FormSubmitEvent) => Promise<FormResult> = async () => ({ kind: 'close' });
  onFormAction: (e: FormActionEvent) => Promise<Form> = async () => {
    throw new Error('no form action scripted');
  };
  onAction: (e: ActionEvent) => Promise<Reply> = async () => ({ kind: 'none' });
  /** Default: download the file (as the real core does for a CSV) and show a one-line preview. */
  onFile: (e: FileShareEvent) => Promise<Reply> = async (e) => {
    const chunks: Buffer[] = [];
    for await (const c of await e.file.download()) chunks.push(Buffer.from(c as Buffer));
    const text = Buffer.concat(chunks).toString('utf8');
    this.downloaded.push(text);
    return { kind: 'message', visibility: 'in_channel', message: say(`Read ${text.split('\n').filter(Boolean).length - 1} rows from ${e.file.name}`) };
  };

  handleCommand(e: CommandEvent) {
    this.commands.push(e);
    return this.onCommand(e);
  }
  handleFormSubmit(e: FormSubmitEvent) {
    this.submits.push(e);
    return this.onSubmit(e);
  }
  handleFormAction(e: FormActionEvent) {
    this.formActions.push(e);
    return this.onFormAction(e);
  }
  handleAction(e: ActionEvent) {
    this.actions.push(e);
    return this.onAction(e);
  }
  handleFileShare(e: FileShareEvent) {
    this.files.push(e);
    return this.onFile(e);
  }
}

/** The issue form the adapter tests render and submit; each adapter's tests pick their state key and extra fields. */
export const baseIssueForm = (stateKey: string, extra: Partial<Form> = {}, moreFields: Form['fields'] = []): Form => ({
  formId: 'issue',
  title: 'Issue credentials',
  submitLabel: 'Issue',
  stateKey,
  fields: [
    { type: 'select', id: 'group', label: 'Group', required: true, options: [{ label: 'Data 101', value: 'g1' }] },
    { type: 'text', id: 'r1_name', label: 'Name', required: true, section: 'Recipient 1' },
    { type: 'email', id: 'r1_email', label: 'Email', required: true, section: 'Recipient 1' },
    ...moreFields,
  ],
  actions: [{ type: 'button', actionId: 'issue.add_recipient', label: 'Add recipient', value: stateKey }],
  ...extra,
});
