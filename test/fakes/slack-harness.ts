/**
 * @module test/fakes/slack-harness — a running Slack bot for tests: the fake Slack Web API, the
 * Slack adapter pointed at it through `SLACK_API_URL`, and the bot's HTTP server with
 * `POST /slack/events`. Tests talk to it only through signed HTTP requests, as Slack would.
 */
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.js';
import type { ConversationCore } from '../../src/core/events.js';
import { memoryLogger, type Logger } from '../../src/log.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/port.js';
import { createHttpServer } from '../../src/web/http-server.js';
import { FakeSlackApi } from './slack-api.js';
import { sendSigned, type SendOptions, type SlackRequest } from './slack-requests.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface SlackBotOptions {
  core: ConversationCore | (() => ConversationCore);
  store?: Store;
  admins?: string[];
  now?: () => number;
  viewTimeoutMs?: number;
  api?: FakeSlackApi;
  /** Logger for the bot (default: an in-memory one at debug level, readable as `log.lines`). */
  log?: Logger & { lines: string[] };
}

export interface RunningSlackBot {
  api: FakeSlackApi;
  store: Store;
  adapter: SlackAdapter;
  log: Logger & { lines: string[] };
  /** `http://127.0.0.1:<port>/slack/events` */
  eventsUrl: string;
  /** Signs and POSTs a request the way Slack does. */
  send(req: SlackRequest, opts?: Partial<SendOptions>): Promise<{ status: number; text: string; json?: any }>;
  /** A `response_url` served by the fake API. */
  responseUrl(id: string): string;
  stop(): Promise<void>;
}

export async function startSlackBot(opts: SlackBotOptions): Promise<RunningSlackBot> {
  const api = opts.api ?? (await new FakeSlackApi().start());
  const store = opts.store ?? new MemoryStore();
  const log = opts.log ?? memoryLogger();
  const adapter = createSlackAdapter({
    core: opts.core,
    store,
    log,
    now: opts.now,
    viewTimeoutMs: opts.viewTimeoutMs,
    retryConfig: { retries: 3, minTimeout: 10, maxTimeout: 50 },
    config: {
      SLACK_BOT_TOKEN: api.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: undefined,
      SLACK_API_URL: api.apiUrl,
      CREDBOT_ADMINS: opts.admins ?? [],
    },
  });
  await adapter.start();
  const server: http.Server = createHttpServer(adapter.routes, log);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return {
    api,
    store,
    adapter,
    log,
    eventsUrl,
    send: (req, o = {}) => sendSigned(eventsUrl, req, { secret: SIGNING_SECRET, ...o }),
    responseUrl: (id) => `${api.origin}/response/${id}`,
    async stop() {
      await adapter.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.stop();
    },
  };
}
