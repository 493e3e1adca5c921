/**
 * @module adapters/teams/graph — reading a file posted in a channel. Teams does not hand channel
 * files to bots; Microsoft Graph can read them with the app's own (client-credentials) token,
 * through the `shares` API, which accepts the file's SharePoint URL. Kept behind `GraphFiles`
 * so tests use a local fake Graph, and base URLs can be overridden (`GRAPH_API_URL`).
 */

/** Where a channel or group-chat message lives in Graph. */
export type GraphMessageLocator =
  | { kind: 'channel'; teamId: string; channelId: string; messageId: string; rootId?: string }
  | { kind: 'chat'; chatId: string; messageId: string };

export interface GraphFiles {
  /** The files attached to a message (Teams does not give them to bots outside personal chat). */
  messageFiles(teamsTenantId: string, message: GraphMessageLocator): Promise<{ name: string; contentUrl: string }[]>;
  /** Downloads a file by its SharePoint URL as the app; rejects when it is larger than maxBytes. */
  download(teamsTenantId: string, fileUrl: string, maxBytes: number): Promise<Buffer>;
}

function messagePath(m: GraphMessageLocator): string {
  const e = encodeURIComponent;
  switch (m.kind) {
    case 'channel':
      return m.rootId && m.rootId !== m.messageId
        ? `/v1.0/teams/${e(m.teamId)}/channels/${e(m.channelId)}/messages/${e(m.rootId)}/replies/${e(m.messageId)}`
        : `/v1.0/teams/${e(m.teamId)}/channels/${e(m.channelId)}/messages/${e(m.messageId)}`;
    case 'chat':
      return `/v1.0/chats/${e(m.chatId)}/messages/${e(m.messageId)}`;
    default: {
      const never: never = m;
      throw new Error(`unknown message ${JSON.stringify(never)}`);
    }
  }
}

export interface GraphOptions {
  clientId: string;
  clientSecret: string;
  apiUrl?: string;
  loginUrl?: string;
  fetch?: typeof fetch;
  now?: () => number;
}

export class GraphError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

/** Reads a response body, stopping as soon as it exceeds `maxBytes`. */
export async function readLimited(res: Response, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  if (!res.body) return Buffer.alloc(0);
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    chunks.push(Buffer.from(chunk));
    if (size > maxBytes) {
      await res.body.cancel().catch(() => undefined);
      throw new GraphError(`The file is larger than the ${maxBytes} bytes allowed.`, 413);
    }
  }
  return Buffer.concat(chunks);
}

/** `u!` + unpadded base64url of the URL: Graph's encoding of a sharing URL. */
export const shareId = (url: string) => `u!${Buffer.from(url, 'utf8').toString('base64url')}`;

export function createGraphFiles(options: GraphOptions): GraphFiles {
  const api = (options.apiUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
  const login = (options.loginUrl ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const tokens = new Map<string, { token: string; until: number }>();

  async function token(tenant: string): Promise<string> {
    const cached = tokens.get(tenant);
    if (cached && cached.until > now()) return cached.token;
    const res = await doFetch(`${login}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: options.clientId,
        client_secret: options.clientSecret,
        scope: `${api}/.default`,
      }).toString(),
    });
    if (!res.ok) throw new GraphError(`Microsoft Graph refused the app's credentials (HTTP ${res.status}).`, res.status);
    const body = (await res.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new GraphError('Microsoft Graph gave no access token.');
    tokens.set(tenant, { token: body.access_token, until: now() + Math.max((body.expires_in ?? 3600) - 60, 30) * 1000 });
    return body.access_token;
  }

  const refused = (status: number, what: string) =>
    status === 401 || status === 403
      ? new GraphError(`The app may not ${what} (an admin must grant it ChannelMessage.Read.All and Files.Read.All).`, status)
      : new GraphError(`Microsoft Graph could not ${what} (HTTP ${status}).`, status);

  return {
    async messageFiles(teamsTenantId, message) {
      const res = await doFetch(`${api}${messagePath(message)}`, { headers: { authorization: `Bearer ${await token(teamsTenantId)}` } });
      if (!res.ok) throw refused(res.status, 'read this message');
      const body = (await res.json()) as { attachments?: { contentType?: string; contentUrl?: string; name?: string }[] };
      return (body.attachments ?? [])
        .filter((a) => a.contentType === 'reference' && a.contentUrl && a.name)
        .map((a) => ({ name: a.name!, contentUrl: a.contentUrl! }));
    },

    async download(teamsTenantId, fileUrl, maxBytes) {
      const res = await doFetch(`${api}/v1.0/shares/${shareId(fileUrl)}/driveItem/content`, {
        headers: { authorization: `Bearer ${await token(teamsTenantId)}` },
        redirect: 'follow',
      });
      if (!res.ok) throw refused(res.status, 'read the file');
      return readLimited(res, maxBytes);
    },
  };
}
