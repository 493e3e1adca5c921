/**
 * @module web/http-server — the bot's one HTTP server: Slack (`/slack/events`), Teams
 * (`/api/messages`) and the public web pages are routes on it. Plain `node:http`, no framework:
 * each room contributes `Route`s and handles its own request bodies.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../log.js';

export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
) => Promise<void> | void;

export interface Route {
  method: 'GET' | 'POST' | 'HEAD' | 'PUT' | 'DELETE';
  /** Exact path, or a pattern with `:name` segments (`/credentials/:id`). */
  path: string;
  handle: RouteHandler;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((seg) => {
      if (!seg.startsWith(':')) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(seg.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { ...route, regex: new RegExp(`^${source}$`), names };
}

/** Finds the route for a method and path; HEAD falls back to GET. */
// Routes are compiled once per route object, not on every request.
const compiledRoutes = new WeakMap<Route, CompiledRoute>();
function compiled(route: Route): CompiledRoute {
  let c = compiledRoutes.get(route);
  if (!c) compiledRoutes.set(route, (c = compile(route)));
  return c;
}

export function matchRoute(routes: Route[], method: string, pathname: string) {
  for (const m of method === 'HEAD' ? ['HEAD', 'GET'] : [method]) {
    for (const route of routes) {
      if (route.method !== m) continue;
      const r = compiled(route);
      const hit = r.regex.exec(pathname);
      if (!hit) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(hit[i + 1]!)));
      return { route: r, params };
    }
  }
  return undefined;
}

export interface HttpServerOptions {
  /** Answers paths no route matches (e.g. web/page's friendly 404 page); a plain-text 404 when absent. */
  notFound?: (req: IncomingMessage, res: ServerResponse) => void;
}

export function createHttpServer(routes: Route[], log: Logger, opts: HttpServerOptions = {}): http.Server {
  return http.createServer(async (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const found = matchRoute(routes, req.method ?? 'GET', pathname);
    if (!found && opts.notFound && (req.method === 'GET' || req.method === 'HEAD')) return opts.notFound(req, res);
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
      res.end('Not found');
      return;
    }
    try {
      await found.route.handle(req, res, found.params);
    } catch (err) {
      // Never a stack trace to the client; the log gets the error without request bodies.
      log.error('http handler failed', { path: found.route.path, error: (err as Error).message });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    }
  });
}

/** Reads a request body up to `limit` bytes (rejects larger bodies instead of buffering them). */
export async function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
