/**
 * @module adapters/slack/receiver — a Bolt `Receiver` mounted on the bot's own HTTP server as
 * `POST /slack/events`. It verifies the signature (401 and nothing runs when it is bad or stale),
 * hands the event to `app.processEvent` with an `ack` that writes the HTTP response, and never
 * leaves Slack waiting: if no listener acknowledges within `ackTimeoutMs`, it answers 200 itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { type App, type Receiver, ReceiverMultipleAckError } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import { readBody, type Route } from '../../src/web/http-server.js';
import { verifySlackSignature } from './verify.js';

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  log: Logger;
  /** Injected clock (ms) for signature freshness. */
  now?: () => number;
  /** Slack gives up after 3 s; answer a little before. */
  ackTimeoutMs?: number;
  bodyLimit?: number;
}

export class SlackHttpReceiver implements Receiver {
  private app?: App;
  /** Set once the app is initialized (the bot token checked); until then requests get 503. */
  ready = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly now: () => number;
  private readonly ackTimeoutMs: number;

  constructor(private readonly opts: SlackHttpReceiverOptions) {
    this.now = opts.now ?? Date.now;
    this.ackTimeoutMs = opts.ackTimeoutMs ?? 2500;
  }

  init(app: App): void {
    this.app = app;
  }

  /** The HTTP server is shared and started by main; nothing to listen on here. */
  async start(): Promise<void> {}

  /** Waits for work already acknowledged (a job being started) so shutdown does not cut it off. */
  async stop(): Promise<void> {
    await this.idle();
  }

  /** Resolves when every acknowledged request has finished its follow-up work. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  get route(): Route {
    return { method: 'POST', path: '/slack/events', handle: (req, res) => this.handle(req, res) };
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { log } = this.opts;
    let raw: string;
    try {
      raw = (await readBody(req, this.opts.bodyLimit ?? 4 * 1024 * 1024)).toString('utf8');
    } catch {
      return reply(res, 413, 'Request body too large');
    }
    // Slack's SSL check (`ssl_check=1`) may come unsigned; answer it and run nothing, as Bolt does.
    if (isSslCheck(header(req, 'content-type') ?? '', raw)) return reply(res, 200, '');
    const verdict = verifySlackSignature({
      signingSecret: this.opts.signingSecret,
      rawBody: raw,
      signature: header(req, 'x-slack-signature'),
      timestamp: header(req, 'x-slack-request-timestamp'),
      nowMs: this.now(),
    });
    if (!verdict.ok) {
      log.warn('slack request refused', { reason: verdict.reason });
      return reply(res, 401, 'Invalid signature');
    }
    let body: Record<string, any>;
    try {
      body = parseBody(header(req, 'content-type') ?? '', raw);
    } catch {
      return reply(res, 400, 'Malformed body');
    }
    if (body.type === 'url_verification') return reply(res, 200, JSON.stringify({ challenge: body.challenge }), 'application/json');
    // Before the adapter's start() (auth.test) Bolt would drop the event and answer 200; a 503 makes Slack retry.
    if (!this.app || !this.ready) return reply(res, 503, 'Slack adapter not started');

    let acked = false;
    let onAcked!: () => void;
    const ackedPromise = new Promise<void>((resolve) => (onAcked = resolve));
    const respond = (status: number, response?: unknown) => {
      acked = true;
      clearTimeout(timer);
      if (response === undefined || response === '') reply(res, status, '');
      else if (typeof response === 'string') reply(res, status, response, 'text/plain; charset=utf-8');
      else reply(res, status, JSON.stringify(response), 'application/json; charset=utf-8');
      onAcked();
    };
    const timer = setTimeout(() => {
      if (acked) return;
      log.warn('slack event not acknowledged in time; answering 200', { type: body.type });
      respond(200);
    }, this.ackTimeoutMs);

    const retry = header(req, 'x-slack-retry-num');
    const work = this.app
      .processEvent({
        body,
        retryNum: retry ? Number(retry) : undefined,
        retryReason: header(req, 'x-slack-retry-reason'),
        ack: async (response?: unknown) => {
          if (acked) throw new ReceiverMultipleAckError();
          respond(200, response);
        },
      })
      .catch((err: Error) => {
        log.error('slack event failed', { type: body.type, error: err.message });
        if (!acked) respond(500);
      })
      .finally(() => {
        // Nothing matched (an event we do not listen to): Slack still wants its 200.
        if (!acked) respond(200);
        this.inFlight.delete(work);
      });
    this.inFlight.add(work);
    // Return once Slack has its answer; the listener's work goes on without holding the request.
    await ackedPromise;
  }
}

function isSslCheck(contentType: string, raw: string): boolean {
  return contentType.startsWith('application/x-www-form-urlencoded') && parseQuery(raw).ssl_check === '1';
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Slash commands are form-encoded, interactivity is `payload=<json>`, events are JSON. */
export function parseBody(contentType: string, raw: string): Record<string, any> {
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const fields = parseQuery(raw);
    if (typeof fields.payload === 'string') return JSON.parse(fields.payload);
    return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  }
  return JSON.parse(raw);
}

function reply(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}
