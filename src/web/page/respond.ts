/**
 * @module web/page/respond — the headers the public pages and files carry. Pages load nothing but
 * the bot's own stylesheet, fonts and images (the CSP says so), are never framed, and send no
 * referrer to the sites they link to (LinkedIn, the issuer).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const PAGE_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const SAFE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** JSON when the client asks for (JSON-LD) JSON before HTML; browsers ask for text/html first. */
export function wantsJson(req: IncomingMessage): 'application/ld+json' | 'application/json' | undefined {
  const accept = (req.headers.accept ?? '').toLowerCase();
  const html = accept.indexOf('text/html');
  for (const type of ['application/ld+json', 'application/vc+ld+json', 'application/json'] as const) {
    const at = accept.indexOf(type);
    if (at >= 0 && (html < 0 || at < html)) return type === 'application/json' ? 'application/json' : 'application/ld+json';
  }
  return undefined;
}

/** Every value that reaches a page goes through this (names and grades come from uploaded CSVs). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A page: computed per request (its status is checked now), so never stored by caches. */
export function sendPage(req: IncomingMessage, res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': PAGE_CSP,
    ...SAFE_HEADERS,
  });
  res.end(req.method === 'HEAD' ? undefined : html);
}

export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, contentType: string, filename?: string): void {
  res.writeHead(status, {
    'content-type': `${contentType}; charset=utf-8`,
    'access-control-allow-origin': '*', // verifiers running in browsers fetch credentials
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    ...(filename ? { 'content-disposition': contentDisposition('inline', filename) } : {}),
    ...SAFE_HEADERS,
  });
  res.end(req.method === 'HEAD' ? undefined : JSON.stringify(body, null, 2));
}

/** `inline; filename="…"` with an ASCII fallback and the UTF-8 name (RFC 6266) for names in any script. */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'download';
  // RFC 5987 allows fewer characters than encodeURIComponent leaves alone (an apostrophe in "O'Brien" would end the value).
  const encoded = encodeURIComponent(filename).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const etagOf = (body: Uint8Array): string => `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

/**
 * A file (rendered badge, certificate, stylesheet, font) with an ETag, so a repeated fetch is a 304.
 * `cacheControl` says how long browsers and unfurlers may keep it.
 */
export function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  headers: { contentType: string; cacheControl: string; etag?: string; disposition?: string },
): void {
  const etag = headers.etag ?? etagOf(body);
  const common = {
    etag,
    'cache-control': headers.cacheControl,
    ...(headers.disposition ? { 'content-disposition': headers.disposition } : {}),
    ...SAFE_HEADERS,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': headers.contentType, 'content-length': String(body.length), ...common });
  res.end(req.method === 'HEAD' ? undefined : body);
}
