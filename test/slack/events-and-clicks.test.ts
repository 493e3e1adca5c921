/** @module test/slack/events-and-clicks.test — signatures (401), CSV shares, re-delivered events, clicks on messages and text in DMs. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { eventCallback, fileShareMessage, messageAction, sendSigned, slashCommand } from '../fakes/slack-requests.js';
import type { RunningSlackBot } from '../fakes/slack-harness.js';
import { eventually, beforeEachScriptedBot, ScriptedCore } from './scripted-core.js';

const CSV = 'Name,Email\nAda,ada@example.org\nAlan,alan@example.org\n';

describe('Slack: signatures', () => {
  let core: ScriptedCore;
  let bot: RunningSlackBot;
  beforeEachScriptedBot((c, b) => ((core = c), (bot = b)));
  afterEach(() => bot.stop()); // the current bot: a test may have replaced it

  it('answers 401 to a bad signature and runs nothing', async () => {
    const res = await bot.send(slashCommand('group new'), { signature: 'v0=' + '0'.repeat(64) });
    expect(res.status).toBe(401);
    const wrongSecret = await sendSigned(bot.eventsUrl, slashCommand('group new'), { secret: 'not-the-secret' });
    expect(wrongSecret.status).toBe(401);
    expect(core.commands).toHaveLength(0);
    expect(bot.api.calls).toHaveLength(1); // only the auth.test made at start
  });

  it('answers 401 to a correctly signed but stale request (replay)', async () => {
    const res = await bot.send(slashCommand('group new'), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    expect(core.commands).toHaveLength(0);
  });

  it('answers Slack’s URL verification challenge', async () => {
    const res = await bot.send({ body: JSON.stringify({ type: 'url_verification', token: 't', challenge: 'abc123' }), contentType: 'application/json' });
    expect(res).toMatchObject({ status: 200, json: { challenge: 'abc123' } });
  });

  it('answers Slack’s SSL check without running anything, even unsigned', async () => {
    const res = await fetch(bot.eventsUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'ssl_check=1&token=x&command=%2Fissue-credential&text=group+new' });
    expect(res.status).toBe(200);
    await bot.adapter.idle();
    expect(core.commands).toHaveLength(0);
  });

  it('never logs the bot token or the signing secret', async () => {
    await bot.send(slashCommand('help'));
    await bot.send(slashCommand('help'), { signature: 'v0=bad' });
    const logs = bot.log.lines.join('\n');
    expect(logs).not.toContain(bot.api.botToken);
    expect(logs).not.toContain('test-signing-secret');
  });
});

describe('Slack: CSV shares', () => {
  let core: ScriptedCore;
  let bot: RunningSlackBot;
  beforeEachScriptedBot((c, b) => ((core = c), (bot = b)));
  afterEach(() => bot.stop()); // the current bot: a test may have replaced it

  it('downloads the file with the bot token through SLACK_API_URL and answers in its thread', async () => {
    const file = bot.api.addFile({ id: 'F1', name: 'graduates.csv', mimetype: 'text/csv', filetype: 'csv', content: Buffer.from(CSV) });
    const res = await bot.send(eventCallback(fileShareMessage(file, { ts: '1700000100.000200' })));
    expect(res.status).toBe(200);
    await bot.api.waitFor(() => bot.api.callsTo('chat.postMessage').length === 1);
    expect(bot.api.downloads).toEqual([{ fileId: 'F1', authorized: true }]);
    expect(core.downloaded).toEqual([CSV]);
    expect(core.files[0]!.file).toMatchObject({ id: 'F1', name: 'graduates.csv', size: CSV.length, mimeType: 'text/csv' });
    expect(bot.api.callsTo('chat.postMessage')[0]!.args).toMatchObject({ channel: 'C0COURSE', thread_ts: '1700000100.000200', text: 'Read 2 rows' });
  });

  it('lets the core refuse a file before anything is downloaded (size and type supplied)', async () => {
    core.onFile = async (e) => ({ kind: 'message', visibility: 'in_channel', message: { text: `${e.file.name} is not a CSV (${e.file.mimeType}, ${e.file.size} bytes)`, blocks: [] } });
    const file = bot.api.addFile({ id: 'F2', name: 'photo.png', mimetype: 'image/png', filetype: 'png', content: Buffer.alloc(2048) });
    await bot.send(eventCallback(fileShareMessage(file, { ts: '1700000100.000300' })));
    await bot.api.waitFor(() => bot.api.callsTo('chat.postMessage').length === 1);
    expect(bot.api.callsTo('chat.postMessage')[0]!.args).toMatchObject({ thread_ts: '1700000100.000300', text: 'photo.png is not a CSV (image/png, 2048 bytes)' });
    expect(bot.api.downloads).toHaveLength(0);
  });

  it('runs a re-delivered event (X-Slack-Retry-Num) once', async () => {
    const file = bot.api.addFile({ id: 'F3', name: 'graduates.csv', mimetype: 'text/csv', filetype: 'csv', content: Buffer.from(CSV) });
    const event = eventCallback(fileShareMessage(file));
    await bot.send(event);
    const retries = await Promise.all([bot.send(event, { retryNum: 1 }), bot.send(event, { retryNum: 2 })]);
    expect(retries.map((r) => r.status)).toEqual([200, 200]);
    await bot.api.waitFor(() => bot.api.callsTo('chat.postMessage').length === 1);
    await bot.adapter.stop();
    expect(core.files).toHaveLength(1);
    expect(bot.api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('handles the file_shared fallback through files.info, and one file once even when both events come', async () => {
    const file = bot.api.addFile({ id: 'F4', name: 'graduates.csv', mimetype: 'text/plain', filetype: 'csv', content: Buffer.from(CSV), shares: { C0COURSE: '1700000200.000100' } });
    await bot.send(eventCallback({ type: 'file_shared', file_id: 'F4', user_id: 'U0ISSUER', file: { id: 'F4' }, channel_id: 'C0COURSE', event_ts: '1700000200.000150' }));
    await bot.api.waitFor(() => bot.api.callsTo('chat.postMessage').length === 1);
    expect(bot.api.callsTo('files.info')[0]!.args.file).toBe('F4');
    expect(core.files[0]!.file.mimeType).toBe('text/csv');
    expect(bot.api.callsTo('chat.postMessage')[0]!.args.thread_ts).toBe('1700000200.000100');
    // The message event for the same file arrives too: nothing more happens.
    await bot.send(eventCallback(fileShareMessage(file, { ts: '1700000200.000100' })));
    await bot.adapter.stop();
    expect(core.files).toHaveLength(1);
  });

  it('ignores files the bot itself posted (its results CSV)', async () => {
    const file = bot.api.addFile({ id: 'F5', name: 'results.csv', mimetype: 'text/csv', filetype: 'csv', content: Buffer.from(CSV) });
    await bot.send(eventCallback({ ...fileShareMessage(file), user: 'UBOT', bot_id: 'BBOT' }));
    await bot.adapter.stop();
    expect(core.files).toHaveLength(0);
  });
});

describe('Slack: clicks on messages', () => {
  let core: ScriptedCore;
  let bot: RunningSlackBot;
  beforeEachScriptedBot((c, b) => ((core = c), (bot = b)));
  afterEach(() => bot.stop()); // the current bot: a test may have replaced it

  it('passes the click to the core and updates that message in place', async () => {
    core.onAction = async () => ({ kind: 'update', message: { text: 'Issuing…', blocks: [{ type: 'progress', done: 0, total: 2, label: 'Issuing' }] } });
    const res = await bot.send(messageAction({ actionId: 'csv.issue', value: 'preview:1' }, { ts: '1700000300.000100', threadTs: '1700000299.000100' }));
    expect(res.status).toBe(200);
    await bot.api.waitFor(() => bot.api.callsTo('chat.update').length === 1);
    expect(core.actions[0]).toMatchObject({
      actionId: 'csv.issue', value: 'preview:1',
      conversation: { tenantId: 'slack:T0TEAM', channelId: 'C0COURSE', threadId: '1700000299.000100' },
      message: { messageId: '1700000300.000100' },
    });
    expect(bot.api.callsTo('chat.update')[0]!.args).toMatchObject({ channel: 'C0COURSE', ts: '1700000300.000100', text: 'Issuing…' });
  });

  it('reaches the core once for a double click', async () => {
    const click = () => bot.send(messageAction({ actionId: 'csv.issue', value: 'preview:2' }, { ts: '1700000300.000200' }));
    await Promise.all([click(), click()]);
    await click();
    await bot.adapter.stop();
    expect(core.actions).toHaveLength(1);
  });

  it('lets a select change its choice again (choices are not de-duplicated)', async () => {
    const pick = (g: string) => bot.send(messageAction({ actionId: 'csv.group', selected: g }, { ts: '1700000300.000300' }));
    await pick('g1');
    await pick('g2');
    await pick('g1');
    await eventually(() => core.actions.length === 3);
    expect(core.actions.map((a) => a.value)).toEqual(['g1', 'g2', 'g1']);
  });

  it('uses Enterprise Grid’s enterprise id as the tenant', async () => {
    await bot.send(messageAction({ actionId: 'csv.group', selected: 'g1' }, { ts: '1' }, { enterpriseId: 'E0GRID' }));
    await eventually(() => core.actions.length === 1);
    expect(core.actions[0]!.actor.tenantId).toBe('slack:E0GRID');
  });
});

describe('Slack: direct messages with the bot', () => {
  let core: ScriptedCore;
  let bot: RunningSlackBot;
  beforeEachScriptedBot((c, b) => ((core = c), (bot = b)));
  afterEach(() => bot.stop()); // the current bot: a test may have replaced it

  it('treats text typed in a DM as a command and answers there', async () => {
    core.onCommand = async (e) => ({ kind: 'message', visibility: 'in_channel', message: { text: `Groups for ${e.text}`, blocks: [] } });
    await bot.send(eventCallback({ type: 'message', channel_type: 'im', channel: 'D0ISSUER', user: 'U0ISSUER', text: 'groups', ts: '1700000400.000100', event_ts: '1700000400.000100' }));
    await bot.api.waitFor(() => bot.api.callsTo('chat.postMessage').length === 1);
    expect(core.commands[0]).toMatchObject({ text: 'groups', conversation: { channelId: 'D0ISSUER' } });
    expect(bot.api.callsTo('chat.postMessage')[0]!.args).toMatchObject({ channel: 'D0ISSUER', text: 'Groups for groups' });
  });

  it('ignores channel chatter and the bot’s own DMs', async () => {
    await bot.send(eventCallback({ type: 'message', channel_type: 'channel', channel: 'C0COURSE', user: 'U0ISSUER', text: 'hello all', ts: '1', event_ts: '1' }));
    await bot.send(eventCallback({ type: 'message', channel_type: 'im', channel: 'D0ISSUER', user: 'UBOT', bot_id: 'BBOT', text: 'Here are your results', ts: '2', event_ts: '2' }));
    await bot.adapter.idle();
    expect(core.commands).toHaveLength(0);
  });
});
