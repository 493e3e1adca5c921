/** @module test/slack/commands-and-forms.test — /issue-credential and modals over signed requests: ack first, views.open, ephemeral replies, response_action errors/update/clear. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { slashCommand, typedValues, viewAction, viewSubmission } from '../fakes/slack-requests.js';
import { startSlackBot, type RunningSlackBot } from '../fakes/slack-harness.js';
import { issueForm, beforeEachScriptedBot, ScriptedCore } from './scripted-core.js';

describe('Slack: /issue-credential and modals', () => {
  let core: ScriptedCore;
  let bot: RunningSlackBot;
  beforeEachScriptedBot((c, b) => ((core = c), (bot = b)));
  afterEach(() => bot.stop()); // the current bot: a test may have replaced it

  it('acknowledges at once, then opens the form as a modal with the trigger id', async () => {
    core.onCommand = async () => ({ kind: 'form', form: issueForm() });
    const res = await bot.send(slashCommand('', { triggerId: 'trig-1', responseUrl: bot.responseUrl('c1') }));
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await bot.api.waitFor(() => bot.api.callsTo('views.open').length === 1);
    const open = bot.api.callsTo('views.open')[0]!;
    expect(open.args.trigger_id).toBe('trig-1');
    expect(open.args.view).toMatchObject({ type: 'modal', callback_id: 'issue', private_metadata: 'form:k1' });
    expect(core.commands[0]).toMatchObject({ actor: { tenantId: 'slack:T0TEAM', userId: 'U0ISSUER' }, conversation: { channelId: 'C0COURSE' }, text: '' });
  });

  it('answers within Slack’s window even while the core (its store) is still busy', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    core.onCommand = async () => {
      await gate;
      return { kind: 'form', form: issueForm() };
    };
    const res = await bot.send(slashCommand('', { triggerId: 'trig-slow' }));
    expect(res.status).toBe(200);
    expect(bot.api.callsTo('views.open')).toHaveLength(0);
    release();
    await bot.api.waitFor(() => bot.api.callsTo('views.open').length === 1);
  });

  it('passes the command text and shows ephemeral replies only to the caller', async () => {
    core.onCommand = async (e) => ({ kind: 'message', visibility: 'ephemeral', message: { text: `You asked: ${e.text}`, blocks: [{ type: 'text', text: `You asked: ${e.text}` }] } });
    await bot.send(slashCommand('  groups  '));
    await bot.api.waitFor(() => bot.api.callsTo('chat.postEphemeral').length === 1);
    const call = bot.api.callsTo('chat.postEphemeral')[0]!;
    expect(call.args).toMatchObject({ channel: 'C0COURSE', user: 'U0ISSUER', text: 'You asked: groups' });
    expect(call.token).toBe(bot.api.botToken);
  });

  it('falls back to the response_url where the bot cannot post ephemerally (a DM it is not in)', async () => {
    bot.api.failNext('chat.postEphemeral', { error: 'channel_not_found' });
    core.onCommand = async () => ({ kind: 'message', visibility: 'ephemeral', message: { text: 'Help', blocks: [{ type: 'text', text: 'Help' }] } });
    await bot.send(slashCommand('help', { channelId: 'D0OTHER', responseUrl: bot.responseUrl('c2') }));
    await bot.api.waitFor(() => bot.api.responseUrlPosts.length === 1);
    expect(bot.api.responseUrlPosts[0]).toMatchObject({ id: 'c2', body: { response_type: 'ephemeral', text: 'Help' } });
  });

  it('shows field errors in the modal with response_action "errors"', async () => {
    core.onSubmit = async () => ({ kind: 'errors', errors: { r1_email: 'That is not an email address.' } });
    const view = { id: 'V1', callback_id: 'issue', private_metadata: 'form:k1', blocks: [{ type: 'input', block_id: 'group' }, { type: 'input', block_id: 'r1_name' }, { type: 'input', block_id: 'r1_email' }], values: typedValues({ r1_name: 'Ada', r1_email: 'ada-at-uni' }) };
    const res = await bot.send(viewSubmission(view));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ response_action: 'errors', errors: { r1_email: 'That is not an email address.' } });
    expect(core.submits[0]).toMatchObject({ formId: 'issue', stateKey: 'form:k1', values: { r1_name: 'Ada', r1_email: 'ada-at-uni' } });
  });

  it('closes the modal and posts the result where the form was opened', async () => {
    core.onCommand = async () => ({ kind: 'form', form: issueForm('form:k9') });
    await bot.send(slashCommand('', { channelId: 'C0WHERE' }));
    await bot.api.waitFor(() => bot.api.callsTo('views.open').length === 1);
    core.onSubmit = async () => ({ kind: 'close', message: { text: 'Issued 1 credential', blocks: [{ type: 'text', text: '*Issued 1 credential*' }] } });
    const res = await bot.send(viewSubmission({ id: 'V2', callback_id: 'issue', private_metadata: 'form:k9', blocks: [], values: {} }));
    expect(res.json).toEqual({ response_action: 'clear' });
    expect(core.submits[0]!.conversation).toMatchObject({ channelId: 'C0WHERE' });
    await bot.api.waitFor(() => bot.api.callsTo('chat.postEphemeral').length === 1);
    expect(bot.api.callsTo('chat.postEphemeral')[0]!.args).toMatchObject({ channel: 'C0WHERE', user: 'U0ISSUER', text: 'Issued 1 credential' });
  });

  it('shows the next step with response_action "update"', async () => {
    core.onSubmit = async () => ({ kind: 'update', form: issueForm('form:k2', { title: 'Confirm' }) });
    const res = await bot.send(viewSubmission({ id: 'V3', callback_id: 'issue', private_metadata: 'form:k1', blocks: [] }));
    expect(res.json.response_action).toBe('update');
    expect(res.json.view).toMatchObject({ type: 'modal', private_metadata: 'form:k2', title: { text: 'Confirm' } });
  });

  it('says "working on it" when the core is slower than Slack allows, then updates the modal', async () => {
    await bot.stop();
    bot = await startSlackBot({ core, viewTimeoutMs: 50 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    core.onSubmit = async () => {
      await gate;
      return { kind: 'close', message: { text: 'All done', blocks: [{ type: 'text', text: 'All done' }] } };
    };
    const res = await bot.send(viewSubmission({ id: 'V4', callback_id: 'issue', private_metadata: 'form:k1', blocks: [] }));
    expect(res.json.response_action).toBe('update');
    expect(JSON.stringify(res.json.view)).toContain('Working on it');
    release();
    await bot.api.waitFor(() => bot.api.callsTo('views.update').length === 1);
    const update = bot.api.callsTo('views.update')[0]!;
    expect(update.args.view_id).toBe('V4');
    expect(JSON.stringify(update.args.view)).toContain('All done');
  });

  it('redraws the modal with views.update when "Add recipient" is clicked, keeping typed values', async () => {
    core.onFormAction = async (e) => issueForm(e.stateKey, { fields: [...issueForm().fields, { type: 'text', id: 'r2_name', label: 'Name', required: true, section: 'Recipient 2' }] });
    const view = { id: 'V5', hash: 'hash-1', callback_id: 'issue', private_metadata: 'form:k1', blocks: [], values: typedValues({ r1_name: 'Ada' }) };
    const res = await bot.send(viewAction(view, 'issue.add_recipient', 'form:k1'));
    expect(res.status).toBe(200);
    await bot.api.waitFor(() => bot.api.callsTo('views.update').length === 1);
    expect(core.formActions[0]).toMatchObject({ formId: 'issue', stateKey: 'form:k1', actionId: 'issue.add_recipient', values: { r1_name: 'Ada' } });
    const update = bot.api.callsTo('views.update')[0]!;
    expect(update.args).toMatchObject({ view_id: 'V5', hash: 'hash-1' });
    expect(update.args.view.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.block_id)).toContain('r2_name');
  });
});

describe('Slack: a double click on "Add recipient"', () => {
  it('adds one row: the same view hash reaches the core once, the redrawn view’s next click does', async () => {
    const core = new ScriptedCore();
    const bot = await startSlackBot({ core });
    try {
      core.onFormAction = async (e) => issueForm(e.stateKey);
      const view = { id: 'V6', hash: 'hash-a', callback_id: 'issue', private_metadata: 'form:k1', blocks: [] };
      await Promise.all([bot.send(viewAction(view, 'issue.add_recipient', '2')), bot.send(viewAction(view, 'issue.add_recipient', '2'))]);
      await bot.adapter.idle();
      expect(core.formActions).toHaveLength(1);
      await bot.send(viewAction({ ...view, hash: 'hash-b' }, 'issue.add_recipient', '3'));
      await bot.adapter.idle();
      expect(core.formActions).toHaveLength(2);
    } finally {
      await bot.stop();
    }
  });
});

describe('Slack: an expired trigger id', () => {
  it('asks the user to run the command again instead of failing silently', async () => {
    const core = new ScriptedCore();
    const bot = await startSlackBot({ core });
    try {
      bot.api.failNext('views.open', { error: 'expired_trigger_id' });
      core.onCommand = async () => ({ kind: 'form', form: issueForm() });
      await bot.send(slashCommand(''));
      await bot.adapter.idle();
      expect(bot.api.callsTo('chat.postEphemeral')[0]!.args.text).toMatch(/run the command again/);
    } finally {
      await bot.stop();
    }
  });
});
