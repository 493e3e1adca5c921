/**
 * @module adapters/teams/http-bridge — node's req/res as the Express-shaped pair that
 * `CloudAdapter.process` expects: a request with a parsed `body`, a response with
 * `status` / `header` / `send` / `end`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'botbuilder';
import { readBody } from '../../src/web/http-server.js';

/** Teams activities are small; attachments arrive as links, not bytes. */
const MAX_ACTIVITY_BYTES = 1024 * 1024;

export class BadActivityError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function bridgeRequest(req: IncomingMessage): Promise<Request> {
  let raw: Buffer;
  try {
    raw = await readBody(req, MAX_ACTIVITY_BYTES);
  } catch (err) {
    throw new BadActivityError((err as Error).message, (err as { status?: number }).status ?? 400);
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BadActivityError('The request body is not JSON: expected a Bot Framework activity.', 400);
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadActivityError('The request body is not a Bot Framework activity object.', 400);
  }
  return { body: body as Record<string, unknown>, headers: req.headers as Request['headers'], method: req.method };
}

export function bridgeResponse(res: ServerResponse): Response {
  let body: string | Buffer | undefined;
  return {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
      return this;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return this;
    },
    send(value: unknown) {
      if (value === undefined || value === null) return this;
      if (typeof value === 'string' || Buffer.isBuffer(value)) {
        if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8');
        body = value;
      } else {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        body = JSON.stringify(value);
      }
      return this;
    },
    end() {
      if (!res.writableEnded) res.end(body);
      return this;
    },
  };
}
