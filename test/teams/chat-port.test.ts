/** @module test/teams/chat-port — how the core posts in Teams: proactively, in threads, after a restart, through 429s and 5xxs, and by direct message. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { ConversationRef } from '../../src/core/chat-port.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { nextId, TEAMS_TENANT, textMessage, user } from '../fakes/teams-activities.js';
import { CHANNEL, cardOf, cardText, startBot, type BotHarness } from './bot-harness.js';
import { ScriptedCore, say } from './scripted-core.js';

const ada = user('ada', 'Ada Lovelace');
const TENANT = `teams:${TEAMS_TENANT}`;

describe('Teams chat port', () => {
  let core: ScriptedCore;
  let bot: BotHarness;
  let store: MemoryStore;
  beforeEach(async () => {
    core = new ScriptedCore();
    store = new MemoryStore();
    bot = await startBot(core, {}, store);
  });
  afterEach(() => bot.close());

  /** A conversation as the core got it from a channel message, stored as plain JSON (as jobs keep it). */
  async function channelThread(): Promise<{ ref: ConversationRef; root: string }> {
    const root = nextId();
    await bot.post(textMessage(bot.channel(root), ada, 'status', { mention: true }));
    return { ref: JSON.parse(JSON.stringify(core.commands.at(-1)!.conversation)), root };
  }

  it('posts proactively into the thread and updates the same message in place', async () => {
    const { ref, root } = await channelThread();
    const posted = await bot.teams.port.postMessage(ref, say('Issuing: 0 of 3'));
    const sent = bot.connector.sent('send').at(-1)!;
    expect(sent.conversationId).toBe(`${CHANNEL};messageid=${root}`);
    expect(posted.messageId).toBe(sent.id);

    await bot.teams.port.updateMessage(posted, say('Issuing: 3 of 3'));
    const [update] = bot.connector.sent('update');
    expect(update!.activityId).toBe(posted.messageId);
    expect(update!.conversationId).toBe(`${CHANNEL};messageid=${root}`);
    expect(cardText(cardOf(update!.body))).toBe('Issuing: 3 of 3');
  });

  it('still posts after a restart, from the stored conversation reference alone', async () => {
    const { ref, root } = await channelThread();
    await bot.close();
    bot = await startBot(new ScriptedCore(), {}, store); // a new process: nothing in memory but the store
    const conversation = { ...ref, platform: { ...ref.platform, reference: { ...(ref.platform as any).reference, serviceUrl: bot.connector.url } } };
    await bot.teams.port.postMessage(conversation, say('2 issued, 1 failed'));
    const [sent] = bot.connector.sent('send');
    expect(sent!.conversationId).toBe(`${CHANNEL};messageid=${root}`);
    expect(cardText(cardOf(sent!.body))).toBe('2 issued, 1 failed');
  });

  it('waits as the connector asks on 429 (Retry-After) and delivers the message', async () => {
    const { ref } = await channelThread();
    bot.connector.failOnce('send', 429, 1);
    await bot.teams.port.postMessage(ref, say('Summary: 2 issued'));
    const tries = bot.connector.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/activities'));
    expect(tries.map((r) => r.status)).toEqual([429, 201]);
    expect(cardText(cardOf(bot.connector.sent('send')[0]!.body))).toBe('Summary: 2 issued');
  });

  it('never loses the summary when the connector keeps failing for a while (429s and 5xxs)', async () => {
    const { ref } = await channelThread();
    for (let i = 0; i < 5; i++) bot.connector.failOnce('send', 429, 0);
    bot.connector.failOnce('send', 503);
    await bot.teams.port.postMessage(ref, say('Summary: 2 issued'));
    expect(bot.connector.sent('send')).toHaveLength(1);
    expect(bot.connector.requests.filter((r) => r.status === 429 || r.status === 503)).toHaveLength(6);
    expect(bot.log.lines.some((l) => l.includes('retrying'))).toBe(true);
  });

  it('gives up with a clear error on a 4xx that retrying cannot fix', async () => {
    const { ref } = await channelThread();
    bot.connector.failOnce('send', 403);
    await expect(bot.teams.port.postMessage(ref, say('x'))).rejects.toMatchObject({ statusCode: 403 });
  });

  it('refuses a conversation that did not come from Teams', async () => {
    await expect(bot.teams.port.postMessage({ tenantId: TENANT, channelId: 'C123' }, say('x'))).rejects.toThrow(/not started in Teams/);
  });

  it('sends a direct message into the personal chat of a user it knows', async () => {
    await bot.post(textMessage(bot.personal, ada, 'help'));
    await bot.teams.port.sendDirect!(TENANT, 'aad-ada', say('You are now a team member'));
    const last = bot.connector.activities.at(-1)!;
    expect(last).toMatchObject({ op: 'send', conversationId: bot.personal.conversationId });
    expect(cardText(cardOf(last.body))).toBe('You are now a team member');
  });

  it('opens a new personal chat to message a user it has not talked to', async () => {
    await bot.post(textMessage(bot.channel(nextId()), ada, 'help', { mention: true }));
    await bot.teams.port.sendDirect!(TENANT, 'aad-grace', say('Grace, you may now issue credentials'));
    const [created] = bot.connector.sent('create');
    expect(created!.body).toMatchObject({ isGroup: false, members: [{ id: 'aad-grace' }], tenantId: TEAMS_TENANT });
    const dm = bot.connector.activities.at(-1)!;
    expect(dm).toMatchObject({ op: 'send', conversationId: created!.id });
    // The new chat is remembered: the next direct message goes straight there.
    await bot.teams.port.sendDirect!(TENANT, 'aad-grace', say('again'));
    expect(bot.connector.sent('create')).toHaveLength(1);
    expect(bot.connector.activities.at(-1)!.conversationId).toBe(created!.id);
  });

  it('cannot message anyone in a tenant it has never heard from', async () => {
    await expect(bot.teams.port.sendDirect!('teams:other-tenant', 'aad-x', say('x'))).rejects.toThrow(/nobody in this Teams tenant/);
  });
});
