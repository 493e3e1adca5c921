/** @module test/slack/chat-port.test — the Slack chat port against the fake Web API (threads, updates, 429, uploadV2, DMs, unreachable channels) and the App Home tab. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startSlackBot, type RunningSlackBot } from '../fakes/slack-harness.js';
import { ScriptedCore } from './scripted-core.js';
import { eventCallback } from '../fakes/slack-requests.js';
import type { Job } from '../../src/domain/types.js';

const msg = (text: string) => ({ text, blocks: [{ type: 'text' as const, text }] });
const where = { tenantId: 'slack:T0TEAM', channelId: 'C0COURSE', threadId: '1700000000.000001' };

describe('Slack chat port', () => {
  let bot: RunningSlackBot;
  beforeEach(async () => {
    bot = await startSlackBot({ core: new ScriptedCore() });
  });
  afterEach(() => bot.stop());

  it('posts in the thread and returns a reference that chat.update can edit', async () => {
    const ref = await bot.adapter.port.postMessage(where, msg('Issuing 0 of 2'));
    await bot.adapter.port.updateMessage(ref, msg('Issuing 2 of 2'));
    expect(bot.api.callsTo('chat.postMessage')[0]!.args).toMatchObject({ channel: 'C0COURSE', thread_ts: '1700000000.000001', text: 'Issuing 0 of 2' });
    expect(bot.api.callsTo('chat.update')[0]!.args).toMatchObject({ channel: 'C0COURSE', ts: ref.messageId, text: 'Issuing 2 of 2' });
  });

  it('waits out a 429 for Retry-After seconds and then posts, so the summary is not lost', async () => {
    bot.api.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const ref = await bot.adapter.port.postMessage(where, msg('Done: 2 issued'));
    const calls = bot.api.callsTo('chat.postMessage');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(ref.messageId).toMatch(/^\d+\.\d+$/);
  });

  it('uploads a results file into the thread with files.uploadV2 (get URL, upload, complete)', async () => {
    const content = Buffer.from('row,name,email,outcome\n2,Ada,ada@example.org,issued\n');
    await bot.adapter.port.uploadFile(where, { name: 'results.csv', mimeType: 'text/csv', content, title: 'Results', comment: 'Here are the results' });
    expect(bot.api.calls.map((c) => c.method).slice(1)).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
    expect(bot.api.uploads).toEqual([
      expect.objectContaining({ filename: 'results.csv', title: 'Results', channel: 'C0COURSE', threadTs: '1700000000.000001', initialComment: 'Here are the results', content }),
    ]);
  });

  it('sends a direct message by opening the DM first', async () => {
    await bot.adapter.port.sendDirect!('slack:T0TEAM', 'U0ADA', msg('Your badge is ready'));
    expect(bot.api.callsTo('conversations.open')[0]!.args.users).toBe('U0ADA');
    expect(bot.api.callsTo('chat.postMessage')[0]!.args).toMatchObject({ channel: 'D0ADA', text: 'Your badge is ready' });
  });

  it('replaces an ephemeral message through its response_url (chat.update cannot)', async () => {
    const ephemeral = { ...where, platform: { responseUrl: bot.responseUrl('eph1'), ephemeral: true } };
    await bot.adapter.port.updateMessage({ conversation: ephemeral, messageId: '1' }, msg('Cancelled'));
    expect(bot.api.callsTo('chat.update')).toHaveLength(0);
    expect(bot.api.responseUrlPosts[0]).toMatchObject({ id: 'eph1', body: { replace_original: true, text: 'Cancelled' } });
  });
});

describe('Slack App Home', () => {
  let bot: RunningSlackBot;
  afterEach(() => bot.stop());

  const job = (over: Partial<Job>): Job => ({
    id: 'j1', tenantId: 'slack:T0TEAM', groupId: 'g1', source: { kind: 'csv', fileId: 'F1', fileName: 'graduates.csv', contentHash: 'h' },
    startedBy: 'U0ISSUER', state: 'done', counts: { total: 3, processed: 3, issued: 2, skipped: 0, failed: 1 },
    createdAt: '2026-11-29T07:00:00.000Z', updatedAt: '2026-11-29T07:01:00.000Z', ...over,
  });

  it('shows issuers their recent jobs with outcomes and groups with credential counts', async () => {
    bot = await startSlackBot({ core: new ScriptedCore(), admins: ['U0ADMIN'] });
    await bot.store.addIssuer('slack:T0TEAM', 'U0ISSUER');
    await bot.store.putGroup({
      id: 'g1', tenantId: 'slack:T0TEAM', name: 'Intro to Data Science', courseName: 'Data', courseDescription: 'd', expiry: { kind: 'none' },
      allowDuplicates: false, customAttributes: [], language: 'en', createdBy: 'U0ISSUER', createdAt: '2026-11-29T06:00:00.000Z', updatedAt: '2026-11-29T06:00:00.000Z',
    });
    await bot.store.createJobOnce(job({}), 'k1');
    await bot.send(eventCallback({ type: 'app_home_opened', user: 'U0ISSUER', channel: 'D0HOME', tab: 'home', event_ts: '1' }));
    await bot.api.waitFor(() => bot.api.callsTo('views.publish').length === 1);
    const call = bot.api.callsTo('views.publish')[0]!;
    expect(call.args.user_id).toBe('U0ISSUER');
    const text = JSON.stringify(call.args.view);
    expect(call.args.view.type).toBe('home');
    expect(text).toContain('*Intro to Data Science* from graduates.csv');
    expect(text).toContain('2 issued, 1 failed of 3');
    expect(text).toContain('0 credentials');
  });

  it('tells everybody else how to get the issuer role, naming the admins', async () => {
    bot = await startSlackBot({ core: new ScriptedCore(), admins: ['U0ADMIN'] });
    await bot.send(eventCallback({ type: 'app_home_opened', user: 'U0STRANGER', channel: 'D0HOME', tab: 'home', event_ts: '1' }));
    await bot.api.waitFor(() => bot.api.callsTo('views.publish').length === 1);
    const text = JSON.stringify(bot.api.callsTo('views.publish')[0]!.args.view);
    expect(text).toContain('Only team members');
    expect(text).toContain('<@U0ADMIN>');
    expect(text).not.toContain('Recent jobs');
  });
});

describe('Slack chat port where the bot is not a member', () => {
  let bot: RunningSlackBot;
  beforeEach(async () => {
    bot = await startSlackBot({ core: new ScriptedCore() });
  });
  afterEach(() => bot.stop());

  it('joins a public channel it was used in, then posts there', async () => {
    bot.api.failNext('chat.postMessage', { error: 'not_in_channel' });
    const ref = await bot.adapter.port.postMessage({ ...where, platform: { userId: 'U0ISSUER' } }, msg('Issuing 2 credentials'));
    expect(bot.api.callsTo('conversations.join')[0]!.args.channel).toBe('C0COURSE');
    expect(bot.api.callsTo('chat.postMessage')[1]!.args).toMatchObject({ channel: 'C0COURSE', thread_ts: where.threadId });
    expect(ref.conversation.channelId).toBe('C0COURSE');
  });

  it('sends results to the person who started it when it cannot reach the channel, and updates go there too', async () => {
    bot.api.failNext('chat.postMessage', { error: 'channel_not_found' });
    const privateChannel = { tenantId: 'slack:T0TEAM', channelId: 'G0PRIVATE', platform: { userId: 'U0ISSUER' } };
    const ref = await bot.adapter.port.postMessage(privateChannel, msg('Issuing 0 of 2'));
    expect(ref.conversation.channelId).toBe('D0ISSUER');
    await bot.adapter.port.updateMessage(ref, msg('Issuing 2 of 2'));
    expect(bot.api.callsTo('chat.update')[0]!.args).toMatchObject({ channel: 'D0ISSUER', ts: ref.messageId });
    bot.api.failNext('files.completeUploadExternal', { error: 'channel_not_found' });
    await bot.adapter.port.uploadFile(privateChannel, { name: 'results.csv', mimeType: 'text/csv', content: Buffer.from('a,b\n') });
    expect(bot.api.uploads[0]).toMatchObject({ filename: 'results.csv', channel: 'D0ISSUER' });
  });
});
