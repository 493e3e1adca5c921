/**
 * @module adapters/slack/download — fetches a shared file from `url_private_download` with the
 * bot token. With `SLACK_API_URL` set the file's host is moved onto that base, so the fake (or a
 * proxy) serves it too. The token is only ever sent to Slack's own hosts or that base.
 */
import { Readable } from 'node:stream';

export interface DownloaderOptions {
  botToken: string;
  /** `SLACK_API_URL`, e.g. `http://127.0.0.1:4100/api/`. */
  apiUrl?: string;
  fetch?: typeof fetch;
}

export class FileDownloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileDownloadError';
  }
}

/** Where to fetch a `url_private_download` from (its host rewritten onto `apiUrl` when set). */
export function resolveDownloadUrl(urlPrivateDownload: string, apiUrl?: string): URL {
  const original = new URL(urlPrivateDownload);
  if (apiUrl) return new URL(original.pathname + original.search, new URL(apiUrl).origin);
  const host = original.hostname;
  if (original.protocol !== 'https:' || !(host === 'slack.com' || host.endsWith('.slack.com'))) {
    // Never hand the bot token to a host Slack does not own.
    throw new FileDownloadError(`Refusing to download a file from ${host}: not a Slack host.`);
  }
  return original;
}

export function createFileDownloader(opts: DownloaderOptions) {
  const doFetch = opts.fetch ?? fetch;
  return async function download(urlPrivateDownload: string): Promise<NodeJS.ReadableStream> {
    const url = resolveDownloadUrl(urlPrivateDownload, opts.apiUrl);
    const res = await doFetch(url, { headers: { authorization: `Bearer ${opts.botToken}` }, redirect: 'follow' });
    if (!res.ok || !res.body) throw new FileDownloadError(`Slack answered HTTP ${res.status} for the file download.`);
    // Without a valid token Slack answers 200 with its sign-in page instead of the file.
    if ((res.headers.get('content-type') ?? '').startsWith('text/html')) {
      throw new FileDownloadError('Slack sent its sign-in page instead of the file: check the bot token and the files:read scope.');
    }
    return Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
  };
}
