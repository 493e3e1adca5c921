/**
 * @module adapters/teams/downloads — results files for channels, where a bot cannot attach a file:
 * the file is kept in the store as a blob with a TTL, and the channel gets a link
 * `GET /files/:token` whose token is HMAC-signed and expires. Nothing else can be fetched with it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Route } from '../../src/web/http-server.js';
import type { Store } from '../../src/store/port.js';

interface TokenPayload {
  /** tenant */
  t: string;
  /** blob key */
  k: string;
  /** file name shown on download */
  n: string;
  /** mime type */
  m: string;
  /** expiry, epoch seconds */
  e: number;
}

export interface DownloadLinksOptions {
  store: Store;
  secret: Buffer;
  publicBaseUrl: string;
  ttlSeconds?: number;
  now?: () => number;
  random?: (n: number) => Buffer;
}

const b64url = (b: Buffer) => b.toString('base64url');

export class DownloadLinks {
  readonly ttlSeconds: number;
  private readonly now: () => number;
  private readonly random: (n: number) => Buffer;

  constructor(private readonly opts: DownloadLinksOptions) {
    this.ttlSeconds = opts.ttlSeconds ?? 24 * 3600;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? randomBytes;
  }

  private sign(body: string): string {
    return b64url(createHmac('sha256', this.opts.secret).update(body).digest());
  }

  /** Stores the file and returns its expiring link. */
  async create(tenant: string, file: { name: string; mimeType: string; content: Buffer }): Promise<{ url: string; expiresAt: Date }> {
    const key = `teams-download:${b64url(this.random(16))}`;
    await this.opts.store.putBlob(tenant, key, file.content, this.ttlSeconds);
    const expires = Math.floor(this.now() / 1000) + this.ttlSeconds;
    const payload: TokenPayload = { t: tenant, k: key, n: file.name, m: file.mimeType, e: expires };
    const body = b64url(Buffer.from(JSON.stringify(payload)));
    return { url: `${this.opts.publicBaseUrl}/files/${body}.${this.sign(body)}`, expiresAt: new Date(expires * 1000) };
  }

  /** The payload of a valid, unexpired token; otherwise why not. */
  verify(token: string): { ok: true; payload: TokenPayload } | { ok: false; status: number; reason: string } {
    const [body, sig, extra] = token.split('.');
    if (!body || !sig || extra !== undefined) return { ok: false, status: 404, reason: 'Unknown download link.' };
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, status: 404, reason: 'Unknown download link.' };
    let payload: TokenPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload;
    } catch {
      return { ok: false, status: 404, reason: 'Unknown download link.' };
    }
    if (payload.e * 1000 <= this.now()) return { ok: false, status: 410, reason: 'This download link has expired. Ask the bot for the results again.' };
    return { ok: true, payload };
  }

  route(): Route {
    return {
      method: 'GET',
      path: '/files/:token',
      handle: async (_req, res, params) => {
        const checked = this.verify(params.token ?? '');
        const text = (status: number, message: string) => {
          res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
          res.end(message);
        };
        if (!checked.ok) return text(checked.status, checked.reason);
        const content = await this.opts.store.getBlob(checked.payload.t, checked.payload.k);
        if (!content) return text(410, 'This download link has expired. Ask the bot for the results again.');
        const safeName = checked.payload.n.replace(/[^\w.\- ]/g, '_');
        res.writeHead(200, {
          'content-type': checked.payload.m,
          'content-length': String(content.length),
          'content-disposition': `attachment; filename="${safeName}"`,
          'cache-control': 'private, no-store',
          'x-content-type-options': 'nosniff',
        });
        res.end(content);
      },
    };
  }
}
