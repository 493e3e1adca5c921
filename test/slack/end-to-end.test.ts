/**
 * @module test/slack/end-to-end.test — the whole bot over Slack's wire: signed requests to
 * /slack/events in, the fake Slack Web API out, with the real core, intake, issuance engine and
 * signer in between; from slash command or CSV share to credentials that verify.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { credentialUrls, createDesignAndGroup, CONTRACT_CSV, GROUP_NAME } from '../contract/adapter-contract.js';
import { ACTION, recipientField } from '../../src/core/ids.js';
import { eventCallback, fileShareMessage } from '../fakes/slack-requests.js';
import { startFullSlackBot, type FullSlackBot } from './full-bot.js';

describe('Slack end to end', () => {
  let f: FullSlackBot;
  beforeEach(async () => {
    f = await startFullSlackBot();
    await createDesignAndGroup(f.issuer);
  });
  afterEach(() => f.close());

  it('slash command -> modal -> Add recipient -> submission -> credentials issued and the reply posted', async () => {
    await f.issuer.sendCommand('');
    const first = await f.issuer.currentForm();
    expect(first?.formId).toBe('issue');
    const groupId = first!.fields.find((x) => x.id === 'group')!.options!.find((o) => o.label === GROUP_NAME)!.value;
    const step2 = await f.issuer.submitForm({ group: groupId });
    expect(step2.kind).toBe('updated');
    const more = await f.issuer.formAction(ACTION.addRecipient, { [recipientField.name(1)]: 'Ada Lovelace' });
    expect(more.fields.some((x) => x.id === recipientField.name(2))).toBe(true);
    // The typed name survived the redraw.
    expect(more.fields.find((x) => x.id === recipientField.name(1))?.initial).toBe('Ada Lovelace');

    const bad = await f.issuer.submitForm({ [recipientField.name(1)]: 'Ada Lovelace', [recipientField.email(1)]: 'ada-at-example' });
    expect(bad.kind).toBe('errors');
    expect(Object.keys((bad as { errors: Record<string, string> }).errors)).toContain(recipientField.email(1));

    const done = await f.issuer.submitForm({
      [recipientField.name(1)]: 'Ada Lovelace', [recipientField.email(1)]: 'ada@example.org', [recipientField.attribute(1, 'grade')]: 'A',
      [recipientField.name(2)]: 'Alan Turing', [recipientField.email(2)]: 'alan@example.org', [recipientField.attribute(2, 'grade')]: 'B',
    });
    expect(done).toEqual({ kind: 'closed' });
    await f.settle();

    const texts = (await f.issuer.messages()).map((m) => m.text);
    expect(texts.some((t) => /Issuing 2 credentials/.test(t))).toBe(true);
    expect(texts.some((t) => /2 issued/.test(t))).toBe(true);
    const results = f.bot.api.uploads.find((u) => /results/i.test(u.filename))!;
    expect(results.channel).toBe('C0COURSE');
    const urls = credentialUrls(results.content.toString('utf8'));
    expect(urls).toHaveLength(2);
    for (const url of urls) expect(await f.verify(url)).toEqual({ verified: true, revoked: false });
    // Recipients' emails and the bot token went through every layer at debug level, yet reached no log line.
    const logs = f.bot.log.lines.join('\n');
    expect(logs).not.toContain('ada@example.org');
    expect(logs).not.toContain(f.bot.api.botToken);
  });

  it('CSV share -> preview in the thread -> group -> Issue -> progress -> results uploaded in the thread', async () => {
    const { threadId } = await f.issuer.shareCsv('graduates.csv', CONTRACT_CSV);
    const preview = (await f.issuer.messages()).find((m) => m.actions.some((a) => a.actionId === ACTION.csvIssue))!;
    expect(preview.threadId).toBe(threadId);
    expect(f.bot.api.downloads).toEqual([expect.objectContaining({ authorized: true })]);
    const select = preview.actions.find((a) => a.actionId === ACTION.csvGroup)!;
    await f.issuer.click(ACTION.csvGroup, select.values[select.optionLabels!.findIndex((l) => l.includes(GROUP_NAME))]);
    await f.issuer.click(ACTION.csvIssue);

    // Every bot post about this file stays in its thread; progress edits one message in place.
    const posts = f.bot.api.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0COURSE' && c.args.thread_ts);
    expect(posts.every((c) => c.args.thread_ts === threadId)).toBe(true);
    const updates = f.bot.api.callsTo('chat.update');
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.some((u) => /█/.test(JSON.stringify(u.args.blocks)))).toBe(true);
    const uploads = f.bot.api.uploads.filter((u) => u.filename.endsWith('.csv'));
    expect(uploads.map((u) => u.threadTs)).toEqual(uploads.map(() => threadId));
    expect(uploads.map((u) => u.filename).some((n) => /results/i.test(n))).toBe(true);
    expect(uploads.map((u) => u.filename).some((n) => /failed/i.test(n))).toBe(true);
  });

  it('a re-delivered file_share event and the file_shared fallback start one preview', async () => {
    const file = f.bot.api.addFile({ id: 'F9RETRY', name: 'graduates.csv', mimetype: 'text/csv', filetype: 'csv', content: Buffer.from(CONTRACT_CSV), shares: { C0COURSE: '1700009999.000100' } });
    const event = eventCallback(fileShareMessage(file, { ts: '1700009999.000100' }));
    await Promise.all([
      f.bot.send(event),
      f.bot.send(event, { retryNum: 1 }),
      f.bot.send(eventCallback({ type: 'file_shared', file_id: 'F9RETRY', user_id: 'U0ISSUER', file: { id: 'F9RETRY' }, channel_id: 'C0COURSE', event_ts: '1700009999.000200' })),
    ]);
    await f.settle();
    const previews = (await f.issuer.messages()).filter((m) => m.actions.some((a) => a.actionId === ACTION.csvIssue));
    expect(previews).toHaveLength(1);
    expect(f.bot.api.downloads).toHaveLength(1);
  });

  it('refuses a CSV from a non-issuer before downloading it, and says who can grant the role', async () => {
    await f.stranger.shareCsv('graduates.csv', CONTRACT_CSV);
    const reply = (await f.stranger.messages()).at(-1)!;
    expect(reply.ephemeral).toBe(true);
    expect(reply.text).toMatch(/team member|issuer/i);
    expect(reply.text).toMatch(/admin/i);
    expect(f.bot.api.downloads).toHaveLength(0);
    expect((await f.issuer.messages()).some((m) => m.text === reply.text)).toBe(false);
  });

  it('shows the finished job and the group’s credential count on the App Home tab', async () => {
    await f.issuer.shareCsv('graduates.csv', CONTRACT_CSV);
    const select = (await f.issuer.messages()).flatMap((m) => m.actions).find((a) => a.actionId === ACTION.csvGroup)!;
    await f.issuer.click(ACTION.csvGroup, select.values[select.optionLabels!.findIndex((l) => l.includes(GROUP_NAME))]);
    await f.issuer.click(ACTION.csvIssue);
    await f.bot.send(eventCallback({ type: 'app_home_opened', user: 'U0ISSUER', channel: 'D0HOME', tab: 'home', event_ts: '1' }));
    await f.settle();
    const home = JSON.stringify(f.bot.api.callsTo('views.publish').at(-1)!.args.view);
    expect(home).toContain(':white_check_mark: done');
    expect(home).toContain('2 issued, 1 failed of 3');
    expect(home).toContain(`*${GROUP_NAME}*\\n2 credentials`);
  });

  it('waits out a 429 on the summary and still posts it', async () => {
    await f.issuer.shareCsv('graduates.csv', CONTRACT_CSV);
    const select = (await f.issuer.messages()).flatMap((m) => m.actions).find((a) => a.actionId === ACTION.csvGroup)!;
    await f.issuer.click(ACTION.csvGroup, select.values[select.optionLabels!.findIndex((l) => l.includes(GROUP_NAME))]);
    // The next post (progress or summary) is rate limited once.
    f.bot.api.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await f.issuer.click(ACTION.csvIssue);
    await f.settle();
    expect(f.bot.api.calls.some((c) => c.method === 'chat.postMessage' && c.result?.error === 'ratelimited')).toBe(true);
    expect((await f.issuer.messages()).some((m) => /2 issued/.test(m.text))).toBe(true);
  });
});
