/**
 * @module test/fakes/teams-graph — a local Microsoft Graph for the channel-file path: the
 * client-credentials token endpoint (`POST /{tenant}/oauth2/v2.0/token`), channel and chat
 * messages with their `reference` attachments (`GET /v1.0/teams/{team}/channels/{channel}/messages/{id}`,
 * `…/messages/{root}/replies/{id}`, `GET /v1.0/chats/{chat}/messages/{id}`), and
 * `GET /v1.0/shares/{u!…}/driveItem/content`, which, like Graph, answers 302 to a
 * pre-authenticated download URL. Files are registered by their SharePoint URL.
 */
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export class FakeGraph {
  readonly tokenRequests: { tenant: string; form: URLSearchParams }[] = [];
  readonly contentRequests: { shareId: string; authorization?: string }[] = [];
  readonly messageRequests: string[] = [];
  private files = new Map<string, Buffer>();
  private messages = new Map<string, { contentType: string; contentUrl?: string; name?: string; content?: string }[]>();
  private blobs = new Map<string, Buffer>();
  private server?: http.Server;
  private base = '';
  private seq = 0;
  /** The access token it issues. */
  readonly token = 'graph-access-token-1';

  get url(): string {
    return this.base;
  }

  addFile(sharePointUrl: string, content: Buffer): void {
    this.files.set(sharePointUrl, content);
  }

  /** A group-chat message carrying files. */
  addChatMessage(chatId: string, messageId: string, files: { name: string; contentUrl: string }[]): void {
    this.messages.set(`/v1.0/chats/${chatId}/messages/${messageId}`, files.map((f) => ({ contentType: 'reference', ...f })));
  }

  /** A channel post (or a reply, with `rootId`) carrying files, as Graph's chatMessage lists them. */
  addChannelMessage(at: { teamId: string; channelId: string; messageId: string; rootId?: string }, files: { name: string; contentUrl: string }[]): void {
    const path = at.rootId && at.rootId !== at.messageId
      ? `/v1.0/teams/${at.teamId}/channels/${at.channelId}/messages/${at.rootId}/replies/${at.messageId}`
      : `/v1.0/teams/${at.teamId}/channels/${at.channelId}/messages/${at.messageId}`;
    this.messages.set(path, [{ contentType: 'text/html', content: '<div>hi</div>' }, ...files.map((f) => ({ contentType: 'reference', ...f }))]);
  }

  async start(): Promise<this> {
    this.server = http.createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const parts = url.pathname.split('/').filter(Boolean);
      const body = await readAll(req);
      if (req.method === 'POST' && parts[1] === 'oauth2' && parts[3] === 'token') {
        const form = new URLSearchParams(body.toString('utf8'));
        this.tokenRequests.push({ tenant: parts[0]!, form });
        if (form.get('grant_type') !== 'client_credentials' || form.get('client_secret') !== 'graph-secret') {
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'invalid_client' }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: this.token }));
        return;
      }
      if (req.method === 'GET' && parts[0] === 'v1.0' && (parts[1] === 'teams' || parts[1] === 'chats')) {
        const path = '/' + parts.map(decodeURIComponent).join('/');
        this.messageRequests.push(path);
        if (req.headers.authorization !== `Bearer ${this.token}`) return void res.writeHead(401).end();
        const attachments = this.messages.get(path);
        res.writeHead(attachments ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(attachments ? { id: parts.at(-1), messageType: 'message', attachments } : { error: { code: 'NotFound' } }));
        return;
      }
      if (req.method === 'GET' && parts[0] === 'v1.0' && parts[1] === 'shares' && parts[3] === 'driveItem' && parts[4] === 'content') {
        this.contentRequests.push({ shareId: parts[2]!, authorization: req.headers.authorization });
        if (req.headers.authorization !== `Bearer ${this.token}`) {
          res.writeHead(401).end();
          return;
        }
        const fileUrl = Buffer.from(parts[2]!.replace(/^u!/, ''), 'base64url').toString('utf8');
        const content = this.files.get(fileUrl);
        if (!content) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'itemNotFound' } }));
          return;
        }
        const id = `blob-${++this.seq}`;
        this.blobs.set(id, content);
        res.writeHead(302, { location: `${this.base}/preauth/${id}` });
        res.end();
        return;
      }
      if (req.method === 'GET' && parts[0] === 'preauth') {
        const content = this.blobs.get(parts[1]!);
        res.writeHead(content ? 200 : 404, { 'content-type': 'application/octet-stream' });
        res.end(content);
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
