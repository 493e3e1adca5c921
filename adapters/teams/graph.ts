/**
 * @module adapters/teams/graph — reading a file posted in a channel. Teams does not hand channel
 * files to bots; Microsoft Graph can read them with the app's own (client-credentials) token,
 * through the `shares` API, which accepts the file's SharePoint URL. Kept behind `GraphFiles`
 * so tests use a local fake Graph, and base URLs can be overridden (`GRAPH_API_URL`).
 */

export interface GraphFiles {
  /** Downloads a file by its SharePoint URL as the app; rejects when it is larger than maxBytes. */
  download(teamsTenantId: string, fileUrl: string, maxBytes: number): Promise<Buffer>;
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

  return {
    async download(teamsTenantId, fileUrl, maxBytes) {
      const res = await doFetch(`${api}/v1.0/shares/${shareId(fileUrl)}/driveItem/content`, {
        headers: { authorization: `Bearer ${await token(teamsTenantId)}` },
        redirect: 'follow',
      });
      if (res.status === 403 || res.status === 401) {
        throw new GraphError('The app may not read files in this team (it needs the Files.Read.All permission, granted by an admin).', res.status);
      }
      if (!res.ok) throw new GraphError(`Microsoft Graph could not read the file (HTTP ${res.status}).`, res.status);
      return readLimited(res, maxBytes);
    },
  };
}
