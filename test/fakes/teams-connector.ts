/**
 * @module test/fakes/teams-connector — a local HTTP server that speaks the Bot Connector REST API
 * the way Teams' service does: `POST /v3/conversations/{id}/activities` (send),
 * `POST …/activities/{activityId}` (reply), `PUT …/activities/{activityId}` (update) and
 * `POST /v3/conversations` (create), and the roster (`GET …/pagedmembers`, `GET …/members`). It
 * records every call, can answer 429 (with Retry-After) or a 5xx once, and also serves a
 * personal-chat file download URL and a file-consent upload URL.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ConnectorOp = 'send' | 'reply' | 'update' | 'create' | 'roster';

/** A member as the roster APIs return it (TeamsChannelAccount on the wire). */
export interface RosterMember {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
  givenName?: string;
  surname?: string;
  tenantId?: string;
  userRole?: 'user' | 'guest' | 'anonymous';
}

export interface RecordedActivity {
  op: ConnectorOp;
  conversationId: string;
  /** The activity replied to (reply) or replaced (update). */
  activityId?: string;
  /** The id the connector gave the activity (send/reply) or the updated one. */
  id: string;
  body: any;
  authorization?: string;
}

export interface Upload {
  name: string;
  content: Buffer;
  headers: http.IncomingHttpHeaders;
}

export class FakeTeamsConnector {
  readonly activities: RecordedActivity[] = [];
  readonly uploads: Upload[] = [];
  readonly downloads: { name: string; authorization?: string }[] = [];
  /** Every request, including the refused ones (429/5xx). */
  readonly requests: { method: string; path: string; status: number }[] = [];
  /** Members known to `GET /v3/conversations/{id}/members/{memberId}` (TeamsInfo.getMember). */
  readonly members = new Map<string, { id: string; name: string; aadObjectId: string }>();
  /** Each team's (by team id) or chat's (by conversation id) members, for the roster APIs. */
  readonly rosters = new Map<string, RosterMember[]>();
  /** The most members one `pagedmembers` page holds, whatever pageSize asks (Teams: 500). */
  maxPageSize = 500;
  private files = new Map<string, Buffer>();
  private failures: { op: ConnectorOp; status: number; retryAfter?: number }[] = [];
  private server?: http.Server;
  private base = '';
  private seq = 0;

  get url(): string {
    return this.base;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'ServiceError', message: String(err) } }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `op` answers `status` (e.g. 429 with Retry-After seconds, or 503) instead of succeeding. */
  failOnce(op: ConnectorOp, status: number, retryAfter?: number): void {
    this.failures.push({ op, status, retryAfter });
  }

  /** A file a user "sent" in personal chat: returns its pre-authorized, short-lived download URL. */
  addDownload(name: string, content: Buffer): string {
    this.files.set(name, content);
    return `${this.base}/download/${encodeURIComponent(name)}?sig=preauthorized`;
  }

  /** The upload URL Teams gives in a file-consent accept. */
  uploadUrl(name: string): string {
    return `${this.base}/upload/${encodeURIComponent(name)}`;
  }

  /** Recorded activities of one kind, optionally in one conversation (thread ids included). */
  sent(op?: ConnectorOp, conversationId?: string): RecordedActivity[] {
    return this.activities.filter((a) => (!op || a.op === op) && (!conversationId || a.conversationId === conversationId));
  }

  /** Waits until `predicate` holds for the recorded activities (bounded). */
  async waitFor(predicate: (all: RecordedActivity[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate(this.activities)) {
      if (Date.now() > until) throw new Error(`fake connector: condition not met in ${timeoutMs} ms; recorded ${JSON.stringify(this.activities.map((a) => [a.op, a.conversationId, a.body?.text]))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const body = await readAll(req);
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ method: req.method ?? '', path: url.pathname, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };

    if (parts[0] === 'download' && req.method === 'GET') {
      const content = this.files.get(parts[1] ?? '');
      this.downloads.push({ name: parts[1] ?? '', authorization: req.headers.authorization });
      if (!content || url.searchParams.get('sig') !== 'preauthorized') return json(403, { error: 'expired' });
      this.requests.push({ method: 'GET', path: url.pathname, status: 200 });
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(content);
      return;
    }
    if (parts[0] === 'upload' && req.method === 'PUT') {
      this.uploads.push({ name: parts[1] ?? '', content: body, headers: req.headers });
      return json(201, { id: `file-${++this.seq}`, name: parts[1] });
    }
    if (parts[0] !== 'v3' || parts[1] !== 'conversations') return json(404, { error: { code: 'NotFound' } });
    if (req.method === 'GET' && parts.length === 4 && (parts[3] === 'pagedmembers' || parts[3] === 'members')) {
      return this.roster(parts[2]!, parts[3] === 'pagedmembers', url.searchParams, json);
    }
    if (req.method === 'GET' && parts[3] === 'members' && parts[4]) {
      const member = this.members.get(parts[4]);
      return member ? json(200, member) : json(404, { error: { code: 'MemberNotFoundInConversation' } });
    }

    const op: ConnectorOp | undefined =
      parts.length === 2 && req.method === 'POST' ? 'create'
      : parts.length === 4 && parts[3] === 'activities' && req.method === 'POST' ? 'send'
      : parts.length === 5 && parts[3] === 'activities' && req.method === 'POST' ? 'reply'
      : parts.length === 5 && parts[3] === 'activities' && req.method === 'PUT' ? 'update'
      : undefined;
    if (!op) return json(405, { error: { code: 'BadSyntax', message: `${req.method} ${url.pathname}` } });

    const failure = this.failures.findIndex((f) => f.op === op);
    if (failure >= 0) {
      const f = this.failures.splice(failure, 1)[0]!;
      return json(f.status, { error: { code: f.status === 429 ? 'Throttled' : 'ServiceError', message: 'try again' } },
        f.retryAfter !== undefined ? { 'retry-after': String(f.retryAfter) } : {});
    }

    const parsed = body.length ? JSON.parse(body.toString('utf8')) : {};
    if (op === 'create') {
      const id = `a:dm-${++this.seq}`;
      this.activities.push({ op, conversationId: id, id, body: parsed, authorization: req.headers.authorization });
      return json(201, { id, activityId: parsed.activity ? `act-${this.seq}` : undefined });
    }
    const conversationId = parts[2]!;
    const activityId = parts[4];
    const id = op === 'update' ? activityId! : `act-${++this.seq}`;
    this.activities.push({ op, conversationId, activityId, id, body: parsed, authorization: req.headers.authorization });
    return json(op === 'update' ? 200 : 201, { id });
  }

  private roster(conversationId: string, paged: boolean, query: URLSearchParams, json: (status: number, value: unknown) => void): void {
    const failure = this.failures.findIndex((f) => f.op === 'roster');
    if (failure >= 0) {
      const f = this.failures.splice(failure, 1)[0]!;
      return json(f.status, { error: { code: f.status === 429 ? 'Throttled' : 'ServiceError', message: 'try again' } });
    }
    // Teams reads a channel's roster from the channel id without the thread part, too.
    const members = this.rosters.get(conversationId.split(';')[0]!);
    if (!members) return json(404, { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } });
    if (!paged) return json(200, members);
    const size = Math.min(Number(query.get('pageSize') ?? 50) || 50, this.maxPageSize);
    const start = Number(query.get('continuationToken')?.replace(/^page-/, '') ?? 0);
    const page = members.slice(start, start + size);
    const next = start + size < members.length ? `page-${start + size}` : undefined;
    return json(200, { members: page, ...(next ? { continuationToken: next } : {}) });
  }
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
