/** @module test/teams/dialogs — forms as Teams dialogs: task/fetch, task/submit, and the "Issue credentials" message extension. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { invoke, textMessage, user } from '../fakes/teams-activities.js';
import { cardOf, cardText, startBot, type BotHarness } from './bot-harness.js';
import { ScriptedCore, issueForm, say } from './scripted-core.js';

const ada = user('ada', 'Ada Lovelace');

describe('Teams dialogs', () => {
  let core: ScriptedCore;
  let bot: BotHarness;
  beforeEach(async () => {
    core = new ScriptedCore();
    core.onCommand = async () => ({ kind: 'form', form: issueForm('fs_1') });
    bot = await startBot(core);
  });
  afterEach(() => bot.close());

  /** Sends the command and opens the dialog from the posted card's button, as a user would. */
  async function openDialog() {
    await bot.post(textMessage(bot.personal, ada, ''));
    const openButton = cardOf(bot.connector.activities.at(-1)!.body).actions[0];
    const res = await bot.post(invoke(bot.personal, ada, 'task/fetch', { type: 'task/fetch', data: openButton.data, context: { theme: 'default' } }));
    expect(res.status).toBe(200);
    return res.body;
  }

  const submitData = (card: any, values: Record<string, string>) => ({ ...card.actions[0].data, ...values });

  it('opens the form as a dialog with its title and inputs', async () => {
    const body = await openDialog();
    expect(body.task.type).toBe('continue');
    expect(body.task.value.title).toBe('Issue credentials');
    const card = body.task.value.card.content;
    expect(card.body.filter((e: any) => e.type.startsWith('Input.')).map((e: any) => e.id)).toEqual(['field_group', 'field_r1_name', 'field_r1_email', 'field_notify']);
  });

  it('submits the values to the core, shows errors in the dialog, and keeps what was typed', async () => {
    const card = (await openDialog()).task.value.card.content;
    core.onSubmit = async () => ({ kind: 'errors', errors: { r1_email: 'ada@ is not an email address.' } });
    const res = await bot.post(invoke(bot.personal, ada, 'task/submit', { data: submitData(card, { field_group: 'g1', field_r1_name: 'Ada', field_r1_email: 'ada@', field_notify: 'no' }) }));
    expect(core.submits[0]).toMatchObject({
      formId: 'issue',
      stateKey: 'fs_1',
      values: { group: 'g1', r1_name: 'Ada', r1_email: 'ada@', notify: '' },
      actor: { userId: 'aad-ada' },
      conversation: { channelId: bot.personal.conversationId },
    });
    expect(res.body.task.type).toBe('continue');
    const again = res.body.task.value.card.content;
    const email = again.body.findIndex((e: any) => e.id === 'field_r1_email');
    expect(again.body[email]).toMatchObject({ value: 'ada@' });
    expect(again.body[email + 1]).toMatchObject({ color: 'Attention', text: 'ada@ is not an email address.' });
    expect(again.body.find((e: any) => e.id === 'field_r1_name')).toMatchObject({ value: 'Ada' });
  });

  it('moves to the next step when the core updates the form', async () => {
    const card = (await openDialog()).task.value.card.content;
    core.onSubmit = async () => ({ kind: 'update', form: { ...issueForm('fs_1'), title: 'Confirm', fields: [] } });
    const res = await bot.post(invoke(bot.personal, ada, 'task/submit', { data: submitData(card, { field_group: 'g1' }) }));
    expect(res.body.task).toMatchObject({ type: 'continue', value: { title: 'Confirm' } });
  });

  it('closes the dialog and posts the result in the conversation', async () => {
    const card = (await openDialog()).task.value.card.content;
    core.onSubmit = async () => ({ kind: 'close', message: say('Issuing 1 credential to Data 101') });
    const before = bot.connector.activities.length;
    const res = await bot.post(invoke(bot.personal, ada, 'task/submit', { data: submitData(card, { field_group: 'g1' }) }));
    expect(res.status).toBe(200);
    expect(res.body).toBeUndefined();
    expect(cardText(cardOf(bot.connector.activities[before]!.body))).toBe('Issuing 1 credential to Data 101');
  });

  it('runs a form button (Add recipient) through the core and redraws the dialog', async () => {
    const card = (await openDialog()).task.value.card.content;
    core.onFormAction = async (e) => ({ ...issueForm('fs_1'), fields: [...issueForm().fields, { type: 'text', id: 'r2_name', label: 'Name', required: true, section: 'Recipient 2' }] });
    const add = card.actions[1];
    expect(add.title).toBe('Add recipient');
    const res = await bot.post(invoke(bot.personal, ada, 'task/submit', { data: { ...add.data, field_r1_name: 'Ada' } }));
    expect(core.formActions[0]).toMatchObject({ actionId: 'issue.add_recipient', stateKey: 'fs_1', values: { r1_name: 'Ada' } });
    expect(cardText(res.body.task.value.card.content)).toContain('Recipient 2');
  });

  it('says so when a form has expired', async () => {
    const res = await bot.post(invoke(bot.personal, ada, 'task/fetch', { data: { credbot: 'openForm', formKey: 'gone' } }));
    expect(res.body.task).toEqual({ type: 'message', value: expect.stringMatching(/expired/) });
  });

  it('opens the issue form from the message extension and submits it', async () => {
    const fetched = await bot.post(invoke(bot.personal, ada, 'composeExtension/fetchTask', { commandId: 'issueCredentials', commandContext: 'compose', context: { theme: 'default' } }));
    expect(fetched.status).toBe(200);
    expect(core.commands[0]).toMatchObject({ text: '' });
    expect(fetched.body.task).toMatchObject({ type: 'continue', value: { title: 'Issue credentials' } });
    const card = fetched.body.task.value.card.content;

    core.onSubmit = async () => ({ kind: 'close', message: say('Issuing 1 credential') });
    const submitted = await bot.post(invoke(bot.personal, ada, 'composeExtension/submitAction', { commandId: 'issueCredentials', commandContext: 'compose', data: submitData(card, { field_group: 'g1', field_r1_name: 'Ada', field_r1_email: 'ada@example.org' }) }));
    expect(submitted.status).toBe(200);
    expect(core.submits[0]!.values).toMatchObject({ group: 'g1', r1_email: 'ada@example.org' });
    expect(cardText(cardOf(bot.connector.activities.at(-1)!.body))).toBe('Issuing 1 credential');
  });

  it('shows a refusal from the message extension in the dialog', async () => {
    core.onCommand = async () => ({ kind: 'message', visibility: 'ephemeral', message: say('Only team members may issue credentials.') });
    const res = await bot.post(invoke(bot.personal, ada, 'composeExtension/fetchTask', { commandId: 'issueCredentials' }));
    expect(res.body.task).toEqual({ type: 'message', value: 'Only team members may issue credentials.' });
  });

  it('drops a re-delivered dialog submission', async () => {
    const card = (await openDialog()).task.value.card.content;
    const activity = invoke(bot.personal, ada, 'task/submit', { data: submitData(card, { field_group: 'g1' }) });
    await bot.post(activity);
    await bot.post(activity);
    expect(core.submits).toHaveLength(1);
  });

  it('answers a dialog whose core call fails with a message instead of an error', async () => {
    const card = (await openDialog()).task.value.card.content;
    core.onSubmit = async () => {
      throw new Error('boom');
    };
    const res = await bot.post(invoke(bot.personal, ada, 'task/submit', { data: submitData(card, {}) }));
    expect(res.status).toBe(200);
    expect(res.body.task).toEqual({ type: 'message', value: expect.stringMatching(/something went wrong/i) });
  });
});
