/**
 * @module web/page/assets — the stylesheet and fonts the public pages use, served by the bot itself
 * (no third-party request ever leaves a visitor's browser). Each URL carries a content hash
 * (`?v=…`), so browsers may keep the files for a year.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fontsDir } from '../../render/fonts.js';
import type { Route } from '../http-server.js';
import { sendFile } from './respond.js';

const YEAR = 'public, max-age=31536000, immutable';

/** The fonts the stylesheet names; the non-Latin ones load only when a page has such characters (unicode-range). */
const FONTS = [
  'NotoSans-Regular.ttf',
  'NotoSans-Bold.ttf',
  'NotoSansArabic-Regular.ttf',
  'NotoSansArabic-Bold.ttf',
  'DroidSansFallback-CJK.ttf',
  'NanumGothic-Hangul.ttf',
] as const;

interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
  /** The path with its version query, as pages link it. */
  url: string;
}

function hashOf(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 12);
}

/** src/web/assets, found from this file (src/ or dist/src/) or else from the working directory. */
function cssDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../assets'), path.resolve(here, '../../../../src/web/assets'), path.resolve('src/web/assets')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'page.css')));
  if (!found) throw new Error(`The verification page's stylesheet was not found (looked in ${candidates.join(', ')})`);
  return found;
}

function asset(urlPath: string, body: Buffer, contentType: string): Asset {
  const v = hashOf(body);
  return { body, contentType, etag: `"${v}"`, url: `${urlPath}?v=${v}` };
}

let loaded: Map<string, Asset> | undefined;

/** Reads the files once; the stylesheet's font URLs get their version hashes here. */
function load(): Map<string, Asset> {
  if (loaded) return loaded;
  const map = new Map<string, Asset>();
  const fonts = fontsDir();
  for (const name of FONTS) {
    map.set(`/assets/fonts/${name}`, asset(`/assets/fonts/${name}`, readFileSync(path.join(fonts, name)), 'font/ttf'));
  }
  const css = readFileSync(path.join(cssDir(), 'page.css'), 'utf8').replace(
    /\/assets\/fonts\/([\w.-]+\.ttf)/g,
    (whole, name: string) => map.get(`/assets/fonts/${name}`)?.url ?? whole,
  );
  map.set('/assets/page.css', asset('/assets/page.css', Buffer.from(css, 'utf8'), 'text/css; charset=utf-8'));
  loaded = map;
  return map;
}

/** The versioned URL of an asset (`/assets/page.css?v=…`), for links in pages. */
export function assetUrl(urlPath: '/assets/page.css'): string {
  return load().get(urlPath)!.url;
}

function serve(req: IncomingMessage, res: ServerResponse, urlPath: string): void {
  const found = load().get(urlPath);
  if (!found) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
    res.end('Not found');
    return;
  }
  sendFile(req, res, found.body, { contentType: found.contentType, cacheControl: YEAR, etag: found.etag });
}

export function assetRoutes(): Route[] {
  return [
    { method: 'GET', path: '/assets/page.css', handle: (req, res) => serve(req, res, '/assets/page.css') },
    { method: 'GET', path: '/assets/fonts/:file', handle: (req, res, p) => serve(req, res, `/assets/fonts/${p.file ?? ''}`) },
  ];
}
