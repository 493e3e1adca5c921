/** @module test/slack/download.test — where a shared file is fetched from, and who gets the bot token. */
import { describe, expect, it } from '@jest/globals';
import { createFileDownloader, FileDownloadError, resolveDownloadUrl } from '../../adapters/slack/download.js';
import { FakeSlackApi } from '../fakes/slack-api.js';

const slackUrl = 'https://files.slack.com/files-pri/T0TEAM-F123/download/graduates.csv?origin_team=T0TEAM';

describe('resolveDownloadUrl', () => {
  it('keeps Slack’s own file host when SLACK_API_URL is not set', () => {
    expect(resolveDownloadUrl(slackUrl).href).toBe(slackUrl);
  });

  it('moves the download onto SLACK_API_URL’s host when it is set, keeping path and query', () => {
    expect(resolveDownloadUrl(slackUrl, 'http://127.0.0.1:4100/api/').href).toBe('http://127.0.0.1:4100/files-pri/T0TEAM-F123/download/graduates.csv?origin_team=T0TEAM');
  });

  it('refuses to send the bot token to a host Slack does not own', () => {
    expect(() => resolveDownloadUrl('https://evil.example/files-pri/x/download/a.csv')).toThrow(FileDownloadError);
    expect(() => resolveDownloadUrl('https://files.slack.com.evil.example/a.csv')).toThrow(/not a Slack host/);
    expect(() => resolveDownloadUrl('http://files.slack.com/a.csv')).toThrow(/not a Slack host/);
  });
});

describe('createFileDownloader', () => {
  it('streams the file with the bot token, and says so plainly when Slack answers with its sign-in page', async () => {
    const api = await new FakeSlackApi().start();
    try {
      const file = api.addFile({ id: 'F1', name: 'a.csv', mimetype: 'text/csv', filetype: 'csv', content: Buffer.from('Name,Email\n') });
      const good = createFileDownloader({ botToken: api.botToken, apiUrl: api.apiUrl });
      const chunks: Buffer[] = [];
      for await (const c of await good(file.url_private_download)) chunks.push(Buffer.from(c as Buffer));
      expect(Buffer.concat(chunks).toString()).toBe('Name,Email\n');
      const wrongToken = createFileDownloader({ botToken: 'xoxb-revoked', apiUrl: api.apiUrl });
      await expect(wrongToken(file.url_private_download)).rejects.toThrow(/sign-in page/);
    } finally {
      await api.stop();
    }
  });
});
