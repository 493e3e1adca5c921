/** @module test/teams/files — CSVs sent to the bot (personal chat download, channel via Graph) and results files back (consent card, signed link). */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createGraphFiles } from '../../adapters/teams/graph.js';
import { DownloadLinks } from '../../adapters/teams/downloads.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { channelFileMessage, fileMessage, invoke, nextId, TEAM_AAD_GROUP, TEAMS_TENANT, textMessage, user } from '../fakes/teams-activities.js';
import { FakeGraph } from '../fakes/teams-graph.js';
import { CHANNEL, cardOf, cardText, startBot, type BotHarness } from './bot-harness.js';
import { ScriptedCore } from './scripted-core.js';

const ada = user('ada', 'Ada Lovelace');
const CSV = 'Name,Email\nAda Lovelace,ada@example.org\nAlan Turing,alan@example.org\n';
const TENANT = `teams:${TEAMS_TENANT}`;

describe('Teams files', () => {
  let bot: BotHarness;
  let graph: FakeGraph | undefined;
  afterEach(async () => {
    await bot.close();
    await graph?.stop();
    graph = undefined;
  });

  it('downloads a CSV sent in personal chat from its pre-authorized URL and hands it to the core', async () => {
    const core = new ScriptedCore();
    bot = await startBot(core);
    const url = bot.connector.addDownload('graduates.csv', Buffer.from(CSV));
    const activity = fileMessage(bot.personal, ada, 'graduates.csv', url);
    await bot.post(activity);
    expect(core.files).toHaveLength(1);
    expect(core.files[0]!.file).toMatchObject({ name: 'graduates.csv', size: Buffer.byteLength(CSV), mimeType: 'text/csv', id: `uid-graduates.csv@${activity.id}` });
    expect(core.downloaded).toEqual([CSV]);
    expect(bot.connector.downloads).toEqual([{ name: 'graduates.csv', authorization: undefined }]);
    expect(cardText(cardOf(bot.connector.activities[0]!.body))).toBe('Read 2 rows from graduates.csv');
  });

  it('previews each of several files sent in one message', async () => {
    const core = new ScriptedCore();
    bot = await startBot(core);
    const activity: any = fileMessage(bot.personal, ada, 'a.csv', bot.connector.addDownload('a.csv', Buffer.from(CSV)));
    activity.attachments.push((fileMessage(bot.personal, ada, 'b.csv', bot.connector.addDownload('b.csv', Buffer.from('Name,Email\nX,x@example.org\n'))) as any).attachments[0]);
    await bot.post(activity);
    expect(core.files.map((f) => f.file.name)).toEqual(['a.csv', 'b.csv']);
    expect(bot.connector.activities.map((a) => cardText(cardOf(a.body)))).toEqual(['Read 2 rows from a.csv', 'Read 1 rows from b.csv']);
  });

  it('refuses a download link that is not http(s)', async () => {
    const core = new ScriptedCore();
    bot = await startBot(core);
    await bot.post(fileMessage(bot.personal, ada, 'x.csv', 'file:///etc/passwd'));
    expect(core.files).toHaveLength(0);
    expect(cardText(cardOf(bot.connector.activities[0]!.body))).toMatch(/no usable link/);
  });

  it('reports a file over the size limit as too large without keeping it', async () => {
    const core = new ScriptedCore();
    core.onFile = async (e) => ({ kind: 'message', visibility: 'in_channel', message: { text: `size ${e.file.size}`, blocks: [] } });
    bot = await startBot(core);
    const url = bot.connector.addDownload('huge.csv', Buffer.alloc(64 * 1024 + 10, 'a'));
    await bot.post(fileMessage(bot.personal, ada, 'huge.csv', url));
    expect(core.files[0]!.file.size).toBeGreaterThan(64 * 1024);
    await expect(core.files[0]!.file.download()).rejects.toThrow(/larger than/);
  });

  it('says the link expired when Teams no longer serves the file', async () => {
    const core = new ScriptedCore();
    bot = await startBot(core);
    await bot.post(fileMessage(bot.personal, ada, 'old.csv', `${bot.connector.url}/download/old.csv?sig=expired`));
    expect(core.files).toHaveLength(0);
    expect(cardText(cardOf(bot.connector.activities[0]!.body))).toMatch(/could not read \*\*old.csv\*\*.*expired/s);
  });

  it('in a channel without Graph access, explains in the thread how to send the file', async () => {
    const core = new ScriptedCore();
    bot = await startBot(core);
    const root = nextId();
    await bot.post(channelFileMessage(bot.channel(root), ada, root));
    expect(core.files).toHaveLength(0);
    expect(core.commands).toHaveLength(0);
    const [reply] = bot.connector.activities;
    expect(reply!.conversationId).toBe(`${CHANNEL};messageid=${root}`);
    expect(cardText(cardOf(reply!.body))).toMatch(/personal chat/);
  });

  it('in a channel with Graph access, finds the file through Graph, reads it as the app, and answers in the thread', async () => {
    graph = await new FakeGraph().start();
    const fileUrl = 'https://contoso.sharepoint.com/sites/x/Shared%20Documents/General/graduates.csv';
    graph.addFile(fileUrl, Buffer.from(CSV));
    const core = new ScriptedCore();
    bot = await startBot(core, { graph: createGraphFiles({ clientId: 'app', clientSecret: 'graph-secret', apiUrl: graph.url, loginUrl: graph.url }) });
    const root = nextId();
    graph.addChannelMessage({ teamId: TEAM_AAD_GROUP, channelId: CHANNEL, messageId: root }, [{ name: 'graduates.csv', contentUrl: fileUrl }]);
    await bot.post(channelFileMessage(bot.channel(root), ada, root));
    expect(graph.messageRequests).toEqual([`/v1.0/teams/${TEAM_AAD_GROUP}/channels/${CHANNEL}/messages/${root}`]);
    expect(core.files[0]!.file.name).toBe('graduates.csv');
    expect(core.downloaded).toEqual([CSV]);
    expect(core.files[0]!.conversation).toMatchObject({ channelId: CHANNEL, threadId: root });
    expect(graph.tokenRequests[0]!.tenant).toBe(TEAMS_TENANT);
    expect(graph.contentRequests[0]!.authorization).toBe(`Bearer ${graph.token}`);
    expect(bot.connector.activities[0]!.conversationId).toBe(`${CHANNEL};messageid=${root}`);
  });

  it('finds a file posted as a reply in a thread through the replies API', async () => {
    graph = await new FakeGraph().start();
    const fileUrl = 'https://contoso.sharepoint.com/sites/x/Shared%20Documents/General/fixed.csv';
    graph.addFile(fileUrl, Buffer.from(CSV));
    const core = new ScriptedCore();
    bot = await startBot(core, { graph: createGraphFiles({ clientId: 'app', clientSecret: 'graph-secret', apiUrl: graph.url, loginUrl: graph.url }) });
    const root = nextId();
    const reply = nextId();
    graph.addChannelMessage({ teamId: TEAM_AAD_GROUP, channelId: CHANNEL, messageId: reply, rootId: root }, [{ name: 'fixed.csv', contentUrl: fileUrl }]);
    await bot.post(channelFileMessage(bot.channel(root), ada, reply));
    expect(core.files.map((f) => f.file.name)).toEqual(['fixed.csv']);
    expect(core.files[0]!.conversation).toMatchObject({ threadId: root });
  });

  it('finds a file posted in a group chat through the chat messages API', async () => {
    graph = await new FakeGraph().start();
    const fileUrl = 'https://contoso-my.sharepoint.com/personal/ada/Documents/Microsoft Teams Chat Files/grads.csv';
    graph.addFile(fileUrl, Buffer.from(CSV));
    const core = new ScriptedCore();
    bot = await startBot(core, { graph: createGraphFiles({ clientId: 'app', clientSecret: 'graph-secret', apiUrl: graph.url, loginUrl: graph.url }) });
    const chat = '19:groupchat-1@thread.v2';
    const id = nextId();
    graph.addChatMessage(chat, id, [{ name: 'grads.csv', contentUrl: fileUrl }]);
    await bot.post(channelFileMessage({ serviceUrl: bot.connector.url, conversationId: chat, conversationType: 'groupChat' }, ada, id));
    expect(core.downloaded).toEqual([CSV]);
    expect(bot.connector.activities[0]!.conversationId).toBe(chat);
  });

  it('says what is missing when Graph refuses to show the message', async () => {
    graph = await new FakeGraph().start();
    const core = new ScriptedCore();
    bot = await startBot(core, { graph: createGraphFiles({ clientId: 'app', clientSecret: 'wrong-secret', apiUrl: graph.url, loginUrl: graph.url }) });
    await bot.post(channelFileMessage(bot.channel(nextId()), ada));
    expect(core.files).toHaveLength(0);
    expect(cardText(cardOf(bot.connector.activities[0]!.body))).toMatch(/could not read the file: .*refused the app's credentials/);
    expect(bot.log.lines.join('\n')).not.toContain('wrong-secret');
  });

  it('offers a results file in personal chat with a consent card, and uploads it when accepted', async () => {
    const core = new ScriptedCore();
    bot = await startBot(core);
    await bot.post(textMessage(bot.personal, ada, 'status'));
    const conversation = core.commands[0]!.conversation;
    const content = Buffer.from('row,name,outcome\n2,Ada,issued\n');
    await bot.teams.port.uploadFile(conversation, { name: 'results.csv', mimeType: 'text/csv', content, comment: 'Here are the results' });

    const consent = bot.connector.activities.find((a) => a.body.attachments?.[0]?.contentType === 'application/vnd.microsoft.teams.card.file.consent')!;
    expect(consent.body.attachments[0]).toMatchObject({ name: 'results.csv', content: { sizeInBytes: content.length } });
    expect(cardText(cardOf(bot.connector.activities.at(-2)!.body))).toBe('Here are the results');

    const accept = invoke(bot.personal, ada, 'fileConsent/invoke', {
      type: 'fileUpload',
      action: 'accept',
      context: consent.body.attachments[0].content.acceptContext,
      uploadInfo: { name: 'results.csv', uploadUrl: bot.connector.uploadUrl('results.csv'), contentUrl: 'https://contoso-my.sharepoint.com/personal/ada/results.csv', uniqueId: 'u-1', fileType: 'csv' },
    }, consent.id);
    const res = await bot.post(accept);
    expect(res.status).toBe(200);
    expect(bot.connector.uploads).toHaveLength(1);
    expect(bot.connector.uploads[0]!.content.equals(content)).toBe(true);
    expect(bot.connector.uploads[0]!.headers['content-range']).toBe(`bytes 0-${content.length - 1}/${content.length}`);
    const info = bot.connector.activities.at(-1)!.body.attachments[0];
    expect(info).toMatchObject({ contentType: 'application/vnd.microsoft.teams.card.file.info', name: 'results.csv', content: { uniqueId: 'u-1' } });
  });

  it('posts a results file in a channel as a signed link that downloads it', async () => {
    const core = new ScriptedCore();
    bot = await startBot(core);
    const root = nextId();
    await bot.post(textMessage(bot.channel(root), ada, 'status', { mention: true }));
    const content = Buffer.from('row,name,outcome\n2,Ada,issued\n');
    await bot.teams.port.uploadFile(core.commands[0]!.conversation, { name: 'results.csv', mimeType: 'text/csv', content });
    const post = bot.connector.activities.at(-1)!;
    expect(post.conversationId).toBe(`${CHANNEL};messageid=${root}`);
    const link = cardText(cardOf(post.body)).match(/\((http[^)]+\/files\/[^)]+)\)/)![1]!;
    const path = new URL(link).pathname;
    const res = await fetch(`${bot.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="results.csv"');
    expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);

    const tampered = path.slice(0, -3) + (path.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await fetch(`${bot.url}${tampered}`)).status).toBe(404);
  });
});

describe('signed download links', () => {
  it('expire', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const store = new MemoryStore({ now: () => now });
    const links = new DownloadLinks({ store, secret: Buffer.alloc(32, 1), publicBaseUrl: 'https://bot.test', ttlSeconds: 3600, now: () => now });
    const { url } = await links.create(TENANT, { name: 'r.csv', mimeType: 'text/csv', content: Buffer.from('x') });
    const token = url.split('/files/')[1]!;
    expect(links.verify(token).ok).toBe(true);
    now += 3601 * 1000;
    expect(links.verify(token)).toMatchObject({ ok: false, status: 410, reason: expect.stringMatching(/expired/) });
    const other = new DownloadLinks({ store, secret: Buffer.alloc(32, 2), publicBaseUrl: 'https://bot.test' });
    expect(other.verify(token)).toMatchObject({ ok: false, status: 404 });
  });
});
