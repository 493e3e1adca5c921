/** @module test/teams/roster — finding a recipient by email among the members of the team where the job ran, and messaging them. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { ConversationRef } from '../../src/core/chat-port.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { RosterMember } from '../fakes/teams-connector.js';
import { nextId, TEAMS_TENANT, textMessage, user } from '../fakes/teams-activities.js';
import { cardOf, cardText, startBot, type BotHarness } from './bot-harness.js';
import { ScriptedCore, say } from './scripted-core.js';

const ada = user('ada', 'Ada Lovelace');
const TENANT = `teams:${TEAMS_TENANT}`;
/** The team the harness's channel messages belong to (`channelData.team.id`). */
const TEAM = '19:team@thread.tacv2';

const member = (n: string, email: string | undefined, upn = email): RosterMember => ({
  id: `29:user-${n}`,
  name: `User ${n}`,
  aadObjectId: `aad-${n}`,
  ...(email ? { email } : {}),
  ...(upn ? { userPrincipalName: upn } : {}),
  tenantId: TEAMS_TENANT,
  userRole: 'user',
});

describe('Teams roster lookup by email', () => {
  let core: ScriptedCore;
  let bot: BotHarness;
  let clock: number;
  beforeEach(async () => {
    core = new ScriptedCore();
    clock = Date.parse('2026-11-29T09:00:00Z');
    bot = await startBot(core, { now: () => clock }, new MemoryStore());
    bot.connector.rosters.set(TEAM, [
      member('ada', 'ada@contoso.com'),
      member('bob', 'bob@contoso.com'),
      member('carol', 'carol@contoso.com'),
      // Guests and some accounts have no email on the roster, only their UPN.
      member('dan', undefined, 'dan.w@contoso.onmicrosoft.com'),
      member('grace', 'Grace.Hopper@Contoso.com'),
    ]);
    bot.connector.maxPageSize = 2; // three pages: every page must be read
  });
  afterEach(() => bot.close());

  /** Where a job ran: a channel thread, stored as plain JSON as jobs keep it. */
  async function jobConversation(): Promise<ConversationRef> {
    await bot.post(textMessage(bot.channel(nextId()), ada, 'issue', { mention: true }));
    return JSON.parse(JSON.stringify(core.commands.at(-1)!.conversation));
  }

  const rosterReads = () => bot.connector.requests.filter((r) => r.path.endsWith('/pagedmembers'));

  it('finds a team member by email, whatever its case, and sends them a direct message', async () => {
    const near = await jobConversation();
    const grace = await bot.teams.port.findUserByEmail(TENANT, '  grace.hopper@CONTOSO.com ', near);
    expect(grace).toBe('aad-grace');
    expect(rosterReads().map((r) => r.path)).toEqual(Array(3).fill(`/v3/conversations/${encodeURIComponent(TEAM)}/pagedmembers`));

    await bot.teams.port.sendDirect(TENANT, grace!, say('Contoso has issued you a credential: Rust 101'));
    const [created] = bot.connector.sent('create');
    expect(created!.body).toMatchObject({ isGroup: false, members: [{ id: 'aad-grace' }], tenantId: TEAMS_TENANT });
    const dm = bot.connector.activities.at(-1)!;
    expect(dm).toMatchObject({ op: 'send', conversationId: created!.id });
    expect(cardText(cardOf(dm.body))).toBe('Contoso has issued you a credential: Rust 101');
  });

  it('finds a member whose roster entry has only a user principal name', async () => {
    const near = await jobConversation();
    expect(await bot.teams.port.findUserByEmail(TENANT, 'Dan.W@contoso.onmicrosoft.com', near)).toBe('aad-dan');
  });

  it('answers undefined for an email no member has, and messages nobody', async () => {
    const near = await jobConversation();
    const before = bot.connector.activities.length;
    expect(await bot.teams.port.findUserByEmail(TENANT, 'mallory@fabrikam.com', near)).toBeUndefined();
    expect(bot.connector.activities).toHaveLength(before);
  });

  it('answers undefined without a Teams conversation to read the roster of', async () => {
    expect(await bot.teams.port.findUserByEmail(TENANT, 'ada@contoso.com')).toBeUndefined();
    expect(await bot.teams.port.findUserByEmail(TENANT, 'ada@contoso.com', { tenantId: TENANT, channelId: 'C1' })).toBeUndefined();
    const near = await jobConversation();
    expect(await bot.teams.port.findUserByEmail('teams:other-tenant', 'ada@contoso.com', near)).toBeUndefined();
    expect(rosterReads()).toHaveLength(0);
  });

  it('reads the roster once for a job’s many recipients, and again after a few minutes', async () => {
    const near = await jobConversation();
    const found = await Promise.all(['ada@contoso.com', 'bob@contoso.com', 'carol@contoso.com'].map((e) => bot.teams.port.findUserByEmail(TENANT, e, near)));
    expect(found).toEqual(['aad-ada', 'aad-bob', 'aad-carol']);
    expect(rosterReads()).toHaveLength(3); // one read of three pages, shared

    bot.connector.rosters.get(TEAM)!.push(member('eve', 'eve@contoso.com'));
    clock += 6 * 60 * 1000;
    expect(await bot.teams.port.findUserByEmail(TENANT, 'eve@contoso.com', near)).toBe('aad-eve');
    expect(rosterReads()).toHaveLength(6);
  });

  it('reads a group chat’s own roster when the job ran in a group chat', async () => {
    const chat = '19:meeting-chat@thread.v2';
    bot.connector.rosters.set(chat, [member('ada', 'ada@contoso.com'), member('zoe', 'zoe@contoso.com')]);
    await bot.post(textMessage({ serviceUrl: bot.connector.url, conversationId: chat, conversationType: 'groupChat' }, ada, 'issue', { mention: true }));
    const near = core.commands.at(-1)!.conversation;
    expect(await bot.teams.port.findUserByEmail(TENANT, 'Zoe@Contoso.com', near)).toBe('aad-zoe');
    expect(await bot.teams.port.findUserByEmail(TENANT, 'bob@contoso.com', near)).toBeUndefined();
  });

  it('retries a throttled roster read, and logs no email address on the way', async () => {
    const near = await jobConversation();
    bot.connector.failOnce('roster', 429);
    const grace = await bot.teams.port.findUserByEmail(TENANT, 'grace.hopper@contoso.com', near);
    await bot.teams.port.sendDirect(TENANT, grace!, say('Your credential is ready'));
    expect(bot.connector.requests.filter((r) => r.path.endsWith('/pagedmembers')).map((r) => r.status)).toEqual([429, 200, 200, 200]);
    expect(bot.log.lines.some((l) => l.includes('retrying a roster'))).toBe(true);
    const logs = bot.log.lines.join('\n').toLowerCase();
    for (const address of ['grace.hopper', 'ada@contoso.com', 'contoso.com']) expect(logs).not.toContain(address);
  });
});
