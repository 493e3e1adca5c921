/**
 * @module test/teams/e2e — Credbot end to end in Teams, over the real wire with the whole bot:
 * the issue dialog issues credentials; a CSV in personal chat goes preview → confirm → progress
 * updated in place → summary → results file through a consent card.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ACTION, ISSUE_FIELDS, recipientField } from '../../src/core/ids.js';
import { CONTRACT_CSV, createDesignAndGroup, credentialUrls, GROUP_NAME } from '../contract/adapter-contract.js';
import { createGraphFiles } from '../../adapters/teams/graph.js';
import { channelFileMessage, invoke, postActivity, TEAM_AAD_GROUP, TEAMS_TENANT, user } from '../fakes/teams-activities.js';
import { FakeGraph } from '../fakes/teams-graph.js';
import { CHANNEL } from './bot-harness.js';
import { ISSUER_AAD, startFullBot, type FullBot } from './full-bot.js';
import { TeamsContractUser } from './teams-user.js';

const TENANT = `teams:${TEAMS_TENANT}`;

describe('Teams end to end', () => {
  let bot: FullBot;
  let issuer: TeamsContractUser;
  let graph: FakeGraph;
  beforeEach(async () => {
    graph = await new FakeGraph().start();
    bot = await startFullBot({ graph: createGraphFiles({ clientId: 'app', clientSecret: 'graph-secret', apiUrl: graph.url, loginUrl: graph.url }) });
    issuer = new TeamsContractUser(bot.url, bot.connector, { ...user('issuer', 'Ivy Issuer'), aadObjectId: ISSUER_AAD }, {
      serviceUrl: bot.connector.url,
      conversationId: 'a:chat-issuer',
      conversationType: 'personal',
    });
    await createDesignAndGroup(issuer);
  });
  afterEach(async () => {
    await bot.close();
    await graph.stop();
  });

  const groupId = async () => (await bot.store.listGroups(TENANT)).find((g) => g.name === GROUP_NAME)!.id;

  it('issues from the dialog: command → dialog → submission → credentials', async () => {
    await issuer.sendCommand('');
    let form = await issuer.currentForm();
    expect(form?.formId).toBe('issue');
    if (!form!.fields.some((f) => f.id === recipientField.email(1))) {
      const next = await issuer.submitForm({ [ISSUE_FIELDS.group]: await groupId() });
      expect(next.kind).toBe('updated');
      form = await issuer.currentForm();
    }
    // A mistake first: shown in the dialog, under the field.
    const wrong = await issuer.submitForm({ [recipientField.name(1)]: 'Grace Hopper', [recipientField.email(1)]: 'grace@', [recipientField.attribute(1, 'grade')]: 'A' });
    expect(wrong.kind).toBe('errors');
    expect(Object.keys((wrong as { errors: Record<string, string> }).errors)).toContain(recipientField.email(1));
    const done = await issuer.submitForm({ [recipientField.name(1)]: 'Grace Hopper', [recipientField.email(1)]: 'grace@example.org', [recipientField.attribute(1, 'grade')]: 'A' });
    expect(done).toEqual({ kind: 'closed' });
    await bot.core.whenIdle();

    expect(await bot.store.countCredentials(TENANT, await groupId())).toBe(1);
    const [credential] = await bot.store.listCredentials(TENANT, await groupId());
    expect(credential!.recipient).toEqual({ name: 'Grace Hopper', email: 'grace@example.org' });
    expect((await issuer.messages()).some((m) => /1 issued/.test(m.text))).toBe(true);
  });

  it('opens the same issue dialog from the message extension', async () => {
    const res = await postActivity(bot.url, invoke(issuer.where, issuer.who, 'composeExtension/fetchTask', { commandId: 'issueCredentials', commandContext: 'compose' }));
    expect(res.status).toBe(200);
    expect(res.body.task.type).toBe('continue');
    expect(res.body.task.value.card.content.actions[0].data).toMatchObject({ credbot: 'form', formId: 'issue' });
  });

  it('issues from a CSV in personal chat: preview, confirm, progress in place, summary, results file', async () => {
    await issuer.shareCsv('graduates.csv', CONTRACT_CSV);
    const preview = (await issuer.messages()).at(-1)!;
    expect(preview.text).toMatch(/3 rows/);
    const select = preview.actions.find((a) => a.actionId === ACTION.csvGroup)!;
    await issuer.click(ACTION.csvGroup, select.values[select.optionLabels!.findIndex((l) => l.includes(GROUP_NAME))]);
    await issuer.click(ACTION.csvIssue);
    await bot.core.whenIdle();

    // Progress: one card, updated in place (never a new post per step).
    const updates = bot.connector.sent('update');
    expect(updates.length).toBeGreaterThan(0);
    const progressId = updates.at(-1)!.activityId!;
    expect(bot.connector.activities.filter((a) => a.id === progressId && a.op !== 'update')).toHaveLength(1);

    const messages = await issuer.messages();
    const summary = messages.find((m) => /2 issued/.test(m.text));
    expect(summary?.text).toMatch(/1 failed/);

    // Results: offered with a consent card; accepting uploads the CSV into the user's OneDrive.
    const consent = bot.connector.activities.find((a) => a.body.attachments?.[0]?.contentType === 'application/vnd.microsoft.teams.card.file.consent' && /results/i.test(a.body.attachments[0].name))!;
    expect(consent).toBeDefined();
    const att = consent.body.attachments[0];
    const accepted = await postActivity(bot.url, invoke(issuer.where, issuer.who, 'fileConsent/invoke', {
      type: 'fileUpload', action: 'accept', context: att.content.acceptContext,
      uploadInfo: { name: att.name, uploadUrl: bot.connector.uploadUrl(att.name), contentUrl: 'https://contoso-my.sharepoint.com/r.csv', uniqueId: 'u1', fileType: 'csv' },
    }, consent.id));
    expect(accepted.status).toBe(200);
    const upload = bot.connector.uploads.find((u) => /results/i.test(u.name))!;
    expect(credentialUrls(upload.content.toString('utf8'))).toHaveLength(2);
    expect(bot.connector.activities.at(-1)!.body.attachments[0].contentType).toBe('application/vnd.microsoft.teams.card.file.info');
  });

  it('issues from a CSV posted in a channel (read through Graph): everything happens in the file\'s thread', async () => {
    const root = '1795000000000001';
    const thread = `${CHANNEL};messageid=${root}`;
    const inChannel = new TeamsContractUser(bot.url, bot.connector, issuer.who, { serviceUrl: bot.connector.url, conversationId: thread, conversationType: 'channel' });
    const fileUrl = 'https://contoso.sharepoint.com/sites/Staff/Shared%20Documents/General/graduates.csv';
    graph.addFile(fileUrl, Buffer.from(CONTRACT_CSV));
    graph.addChannelMessage({ teamId: TEAM_AAD_GROUP, channelId: CHANNEL, messageId: root }, [{ name: 'graduates.csv', contentUrl: fileUrl }]);
    expect((await postActivity(bot.url, channelFileMessage(inChannel.where, issuer.who, root))).status).toBe(200);

    const preview = (await inChannel.messages()).at(-1)!;
    expect(preview).toMatchObject({ threadId: root });
    expect(preview.text).toMatch(/3 rows/);
    const select = preview.actions.find((a) => a.actionId === ACTION.csvGroup)!;
    await inChannel.click(ACTION.csvGroup, select.values[select.optionLabels!.findIndex((l) => l.includes(GROUP_NAME))]);
    await inChannel.click(ACTION.csvIssue);
    await bot.core.whenIdle();

    const inThread = bot.connector.activities.filter((a) => a.conversationId.startsWith(CHANNEL));
    expect(inThread.length).toBeGreaterThan(2);
    expect(inThread.every((a) => a.conversationId === thread)).toBe(true);
    const messages = await inChannel.messages();
    expect(messages.find((m) => /2 issued/.test(m.text))?.threadId).toBe(root);

    // Results in a channel: a signed link served by the bot, not a file consent.
    const links = messages.flatMap((m) => [...m.text.matchAll(/\((https:\/\/credbot\.test\/files\/[^)]+)\)/g)].map((x) => x[1]!));
    expect(links.length).toBeGreaterThan(0);
    const files = await Promise.all(links.map(async (l) => {
      const res = await fetch(`${bot.url}${new URL(l).pathname}`);
      return { name: res.headers.get('content-disposition') ?? '', body: await res.text() };
    }));
    const results = files.find((f) => /results/i.test(f.name))!;
    expect(credentialUrls(results.body)).toHaveLength(2);
  });
});
