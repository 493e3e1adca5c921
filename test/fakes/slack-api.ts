/**
 * @module test/fakes/slack-api — a local HTTP server that speaks the Slack Web API the way Slack
 * does: POST `/api/<method>` with form-encoded or JSON bodies, bearer token auth, `{ ok, … }`
 * envelopes, file downloads on `/files-pri/…`, the external upload URL, and `response_url`s.
 * It records every call, and can fail a method once (HTTP 429 with Retry-After, or an error).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

export interface RecordedCall {
  method: string;
  /** Parsed arguments; JSON-valued ones (`blocks`, `view`, `files`) are decoded. */
  args: Record<string, any>;
  token?: string;
  at: number;
  /** What the fake answered (`{ ok, … }`). */
  result?: Record<string, any>;
  /** Order among everything the fake received (calls and response_url posts). */
  order: number;
}

export interface FakeFile {
  id: string;
  name: string;
  size?: number;
  mimetype: string;
  filetype: string;
  content: Buffer;
  user?: string;
  /** channel -> ts of the message that shared it (as `files.info` reports in `shares`). */
  shares?: Record<string, string>;
}

export interface UploadedFile {
  id: string;
  filename: string;
  title?: string;
  content: Buffer;
  channel?: string;
  threadTs?: string;
  initialComment?: string;
}

type Failure = { status: 429; retryAfter: number } | { error: string };

const JSON_ARGS = ['blocks', 'view', 'files', 'attachments'];

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly uploads: UploadedFile[] = [];
  readonly responseUrlPosts: { id: string; body: any; order: number }[] = [];
  readonly downloads: { fileId: string; authorized: boolean }[] = [];
  readonly files = new Map<string, FakeFile>();
  /** Emails known to `users.lookupByEmail`. */
  readonly users = new Map<string, string>();
  teamId = 'T0TEAM';
  botUserId = 'UBOT';
  botId = 'BBOT';
  private server?: http.Server;
  private base = '';
  private failures = new Map<string, Failure[]>();
  private pendingUploads = new Map<string, { filename: string; content?: Buffer }>();
  private seq = 0;
  private order = 0;
  private waiters: { pred: () => boolean; resolve: () => void }[] = [];

  /** Socket Mode: where `apps.connections.open` points clients (see slack-socket.ts). */
  socketUrl?: string;
  readonly appToken = 'xapp-1-A0CREDBOT-1-test';

  constructor(readonly botToken = 'xoxb-test-token') {}

  /** Base URL of the Web API, for `SLACK_API_URL` (ends with `/api/`). */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }
  get origin(): string {
    return this.base;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((err) => {
        res.writeHead(500).end(String(err));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next call of `method` fails this way (once per call to failNext). */
  failNext(method: string, failure: Failure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), failure]);
  }

  /** Registers a file as if a user had uploaded it; returns what Slack puts in events. */
  addFile(file: Omit<FakeFile, 'size'> & { size?: number }) {
    const f: FakeFile = { ...file, size: file.size ?? file.content.length };
    this.files.set(f.id, f);
    return this.fileObject(f);
  }

  fileObject(f: FakeFile) {
    const url = `https://files.slack.com/files-pri/${this.teamId}-${f.id}/download/${encodeURIComponent(f.name)}`;
    const shares: Record<string, Record<string, { ts: string }[]>> = { public: {} };
    for (const [ch, ts] of Object.entries(f.shares ?? {})) shares.public![ch] = [{ ts }];
    return {
      id: f.id, name: f.name, title: f.name, size: f.size, mimetype: f.mimetype, filetype: f.filetype,
      user: f.user, url_private: url, url_private_download: url, shares,
    };
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves once the predicate over recorded calls holds (tests wait on the bot's async work). */
  waitFor(pred: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`FakeSlackApi.waitFor timed out; calls: ${this.calls.map((c) => c.method).join(', ')}`)), timeoutMs);
      this.waiters.push({ pred, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  private notify(): void {
    this.waiters = this.waiters.filter((w) => (w.pred() ? (w.resolve(), false) : true));
  }

  private nextTs(): string {
    this.seq += 1;
    return `1700000000.${String(this.seq).padStart(6, '0')}`;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const body = await readAll(req);
    if (req.method === 'GET' && url.pathname.startsWith('/files-pri/')) return this.download(req, res, url);
    if (req.method === 'POST' && url.pathname.startsWith('/upload/')) return this.receiveUpload(req, res, url, body);
    if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
      this.responseUrlPosts.push({ id: url.pathname.slice('/response/'.length), body: JSON.parse(body.toString() || '{}'), order: ++this.order });
      this.notify();
      return send(res, 200, 'ok', 'text/plain');
    }
    if (req.method !== 'POST' || !url.pathname.startsWith('/api/')) return send(res, 404, 'not found', 'text/plain');
    const method = url.pathname.slice('/api/'.length);
    const args = parseArgs(req.headers['content-type'] ?? '', body);
    const token = bearer(req) ?? (typeof args.token === 'string' ? args.token : undefined);
    const call: RecordedCall = { method, args, token, at: Date.now(), order: ++this.order };
    this.calls.push(call);
    const failure = this.failures.get(method)?.shift();
    if (failure && 'status' in failure) {
      call.result = { ok: false, error: 'ratelimited' };
      res.writeHead(429, { 'retry-after': String(failure.retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      this.notify();
      return;
    }
    // Socket Mode connects with the app-level token; everything else needs the bot token.
    const expected = method === 'apps.connections.open' ? this.appToken : this.botToken;
    const result = failure ? { ok: false, error: failure.error } : token !== expected ? { ok: false, error: 'invalid_auth' } : this.answer(method, args);
    call.result = result;
    send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
    this.notify();
  }

  private answer(method: string, a: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake U', user: 'credbot', team_id: this.teamId, user_id: this.botUserId, bot_id: this.botId };
      case 'views.open':
      case 'views.update':
      case 'views.publish': {
        if (method === 'views.open' && !a.trigger_id) return { ok: false, error: 'invalid_arguments' };
        const view = a.view ?? {};
        return { ok: true, view: { ...view, id: a.view_id ?? `V${++this.seq}`, hash: `h${++this.seq}`, state: { values: {} } } };
      }
      case 'chat.postMessage':
        if (!a.channel) return { ok: false, error: 'channel_not_found' };
        return { ok: true, channel: a.channel, ts: this.nextTs(), message: { text: a.text, blocks: a.blocks, thread_ts: a.thread_ts } };
      case 'chat.postEphemeral':
        if (!a.channel || !a.user) return { ok: false, error: 'channel_not_found' };
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.update':
        if (!a.ts) return { ok: false, error: 'message_not_found' };
        return { ok: true, channel: a.channel, ts: a.ts, text: a.text };
      case 'files.info': {
        const f = this.files.get(String(a.file));
        return f ? { ok: true, file: this.fileObject(f) } : { ok: false, error: 'file_not_found' };
      }
      case 'files.getUploadURLExternal': {
        const id = `F${++this.seq}UP`;
        this.pendingUploads.set(id, { filename: String(a.filename) });
        return { ok: true, upload_url: `${this.base}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = (a.files ?? []) as { id: string; title?: string }[];
        for (const f of files) {
          const pending = this.pendingUploads.get(f.id);
          if (!pending?.content) return { ok: false, error: 'upload_not_found' };
          this.uploads.push({ id: f.id, filename: pending.filename, title: f.title, content: pending.content, channel: a.channel_id, threadTs: a.thread_ts, initialComment: a.initial_comment });
        }
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
      }
      case 'conversations.join':
        return a.channel ? { ok: true, channel: { id: a.channel } } : { ok: false, error: 'channel_not_found' };
      case 'conversations.open':
        return a.users ? { ok: true, channel: { id: `D${String(a.users).replace(/^U/, '')}` } } : { ok: false, error: 'users_list_not_supplied' };
      case 'users.lookupByEmail': {
        const id = this.users.get(String(a.email).toLowerCase());
        return id ? { ok: true, user: { id, profile: { email: a.email } } } : { ok: false, error: 'users_not_found' };
      }
      case 'apps.connections.open':
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'socket_mode_not_enabled' };
      case 'users.info':
        return { ok: true, user: { id: a.user, name: String(a.user).toLowerCase(), real_name: `User ${a.user}` } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private download(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const fileId = url.pathname.split('/')[2]?.split('-')[1] ?? '';
    const authorized = bearer(req) === this.botToken;
    this.downloads.push({ fileId, authorized });
    this.notify();
    const f = this.files.get(fileId);
    // Slack answers an unauthenticated download with its login page, not the file.
    if (!authorized) return send(res, 200, '<!DOCTYPE html><html><body>Sign in</body></html>', 'text/html');
    if (!f) return send(res, 404, 'not found', 'text/plain');
    res.writeHead(200, { 'content-type': f.mimetype, 'content-length': String(f.content.length) });
    res.end(f.content);
  }

  private async receiveUpload(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    const id = url.pathname.slice('/upload/'.length);
    const pending = this.pendingUploads.get(id);
    if (!pending) return send(res, 404, 'not found', 'text/plain');
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(body, { headers: { 'content-type': type } }).formData();
      const part = [...form.values()].find((v) => typeof v !== 'string') as Blob | undefined;
      pending.content = part ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
    } else {
      pending.content = body;
    }
    send(res, 200, `OK - ${pending.content.length}`, 'text/plain');
  }
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined;
}

function parseArgs(contentType: string, body: Buffer): Record<string, any> {
  if (!body.length) return {};
  const raw: Record<string, any> = contentType.includes('application/json')
    ? JSON.parse(body.toString())
    : Object.fromEntries(Object.entries(parseQuery(body.toString())).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  for (const k of JSON_ARGS) {
    if (typeof raw[k] === 'string') {
      try {
        raw[k] = JSON.parse(raw[k]);
      } catch {
        /* leave as sent */
      }
    }
  }
  return raw;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}
