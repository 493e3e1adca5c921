/** @module test/teams/messages — commands and card buttons POSTed to /api/messages as Teams sends them. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { botAdded, cardSubmit, nextId, TEAMS_TENANT, textMessage, user } from '../fakes/teams-activities.js';
import { selectInputId } from '../../adapters/teams/render/submit-data.js';
import { CHANNEL, cardOf, cardText, startBot, type BotHarness } from './bot-harness.js';
import { ScriptedCore, issueForm, say } from './scripted-core.js';

const ada = user('ada', 'Ada Lovelace');

describe('Teams messages', () => {
  let core: ScriptedCore;
  let bot: BotHarness;
  beforeEach(async () => {
    core = new ScriptedCore();
    bot = await startBot(core);
  });
  afterEach(() => bot.close());

  it('treats a personal message as a command and answers in the chat with a card', async () => {
    const res = await bot.post(textMessage(bot.personal, ada, 'groups'));
    expect(res.status).toBe(200);
    expect(core.commands).toHaveLength(1);
    const [cmd] = core.commands;
    expect(cmd!.text).toBe('groups');
    expect(cmd!.actor).toEqual({ tenantId: `teams:${TEAMS_TENANT}`, userId: 'aad-ada', displayName: 'Ada Lovelace' });
    expect(cmd!.conversation).toMatchObject({ tenantId: `teams:${TEAMS_TENANT}`, channelId: bot.personal.conversationId });
    expect(cmd!.conversation.threadId).toBeUndefined();

    const [reply] = bot.connector.activities;
    expect(reply!.conversationId).toBe(bot.personal.conversationId);
    expect(cardText(cardOf(reply!.body))).toBe('You said: groups');
    expect(reply!.body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    // Unauthenticated mode: the connector is called without fetching a token from anywhere.
    expect(reply!.authorization).toBeUndefined();
  });

  it('removes the @mention in a channel and answers in the thread of the message', async () => {
    const root = nextId();
    await bot.post(textMessage(bot.channel(root), ada, 'group new', { mention: true }));
    expect(core.commands[0]!.text).toBe('group new');
    expect(core.commands[0]!.conversation).toMatchObject({ channelId: CHANNEL, threadId: root });
    expect(bot.connector.activities[0]!.conversationId).toBe(`${CHANNEL};messageid=${root}`);
  });

  it('reads a leading /issue-credential the way the slash command does', async () => {
    await bot.post(textMessage(bot.personal, ada, '/issue-credential status'));
    expect(core.commands[0]!.text).toBe('status');
  });

  it('passes other people @mentioned as their Entra ID object ids (team add @someone)', async () => {
    bot.connector.members.set('29:grace', { id: '29:grace', name: 'Grace Hopper', aadObjectId: 'aad-grace' });
    const activity: any = textMessage(bot.channel(nextId()), ada, 'team add <at>Grace Hopper</at> and <at>Alan</at>', { mention: true });
    activity.entities.push(
      { type: 'mention', text: '<at>Grace Hopper</at>', mentioned: { id: '29:grace', name: 'Grace Hopper' } },
      { type: 'mention', text: '<at>Alan</at>', mentioned: { id: '29:alan', name: 'Alan', aadObjectId: 'aad-alan' } },
    );
    await bot.post(activity);
    expect(core.commands[0]!.text).toBe('team add <@aad-grace> and <@aad-alan>');
  });

  it('says what it does when it is added to a team, in the channel (not in a made-up thread)', async () => {
    core.onCommand = async (e) => ({ kind: 'message', visibility: 'in_channel', message: say(`help for ${e.actor.displayName}`) });
    await bot.post(botAdded({ serviceUrl: bot.connector.url, conversationId: CHANNEL, conversationType: 'channel' }, ada));
    expect(core.commands.map((c) => c.text)).toEqual(['help']);
    expect(core.commands[0]!.conversation.threadId).toBeUndefined();
    expect(bot.connector.activities[0]!.conversationId).toBe(CHANNEL);
    expect(cardText(cardOf(bot.connector.activities[0]!.body))).toBe('help for Ada Lovelace');
  });

  it('ignores other people joining a team', async () => {
    const joined: any = botAdded({ serviceUrl: bot.connector.url, conversationId: CHANNEL, conversationType: 'channel' }, ada);
    joined.membersAdded = [{ id: '29:someone-else' }];
    await bot.post(joined);
    expect(core.commands).toHaveLength(0);
    expect(bot.connector.activities).toHaveLength(0);
  });

  it('handles a re-delivered activity once', async () => {
    const activity = textMessage(bot.personal, ada, 'status');
    await bot.post(activity);
    await bot.post(activity);
    expect(core.commands).toHaveLength(1);
    expect(bot.connector.activities).toHaveLength(1);
  });

  it('refuses an activity that names no Teams tenant', async () => {
    const activity: any = textMessage(bot.personal, ada, 'status');
    delete activity.channelData.tenant;
    delete activity.conversation.tenantId;
    await bot.post(activity);
    expect(core.commands).toHaveLength(0);
    expect(cardText(cardOf(bot.connector.activities[0]!.body))).toMatch(/names no Microsoft Teams tenant/);
  });

  it('answers a command that returns a form with a card whose button opens it as a dialog', async () => {
    core.onCommand = async () => ({ kind: 'form', form: issueForm('fs_9') });
    await bot.post(textMessage(bot.personal, ada, ''));
    const card = cardOf(bot.connector.activities[0]!.body);
    expect(card.actions[0]).toMatchObject({ type: 'Action.Submit', data: { msteams: { type: 'task/fetch' }, credbot: 'openForm', formKey: 'fs_9' } });
  });

  it('sends a card button to the core with the card as the message to update, and updates it in place', async () => {
    core.onAction = async (e) => ({ kind: 'update', message: say(`Chose ${e.value}`) });
    const cardId = 'act-card-1';
    await bot.post(cardSubmit(bot.personal, ada, cardId, { credbot: 'action', actionId: 'csv.issue', value: 'st_1' }));
    expect(core.actions).toHaveLength(1);
    expect(core.actions[0]).toMatchObject({ actionId: 'csv.issue', value: 'st_1', message: { messageId: cardId } });
    const [update] = bot.connector.sent('update');
    expect(update!.activityId).toBe(cardId);
    expect(cardText(cardOf(update!.body))).toBe('Chose st_1');
  });

  it('starts one action for a double click', async () => {
    await Promise.all([
      bot.post(cardSubmit(bot.personal, ada, 'act-card-2', { credbot: 'action', actionId: 'csv.issue', value: 'st_2' })),
      bot.post(cardSubmit(bot.personal, ada, 'act-card-2', { credbot: 'action', actionId: 'csv.issue', value: 'st_2' })),
    ]);
    expect(core.actions).toHaveLength(1);
  });

  it('sends the chosen option of a select, and asks for one when none was chosen', async () => {
    core.onAction = async (e) => ({ kind: 'message', visibility: 'in_channel', message: say(`Group ${e.value}`) });
    await bot.post(cardSubmit(bot.personal, ada, 'act-card-3', { credbot: 'select', actionId: 'csv.group', [selectInputId('csv.group')]: 'g7' }));
    expect(core.actions[0]).toMatchObject({ actionId: 'csv.group', value: 'g7' });
    await bot.post(cardSubmit(bot.personal, ada, 'act-card-4', { credbot: 'select', actionId: 'csv.group' }));
    expect(core.actions).toHaveLength(1);
    expect(cardText(cardOf(bot.connector.activities[1]!.body))).toMatch(/Choose an option first/);
  });

  it('tells the user when the core fails, without leaking the error', async () => {
    core.onCommand = async () => {
      throw new Error('database password=hunter2 rejected for ada@example.org');
    };
    await bot.post(textMessage(bot.personal, ada, 'groups'));
    const text = cardText(cardOf(bot.connector.activities[0]!.body));
    expect(text).toMatch(/something went wrong/i);
    expect(text).not.toMatch(/hunter2/);
    expect(bot.log.lines.join('\n')).not.toContain('ada@example.org');
  });
});
