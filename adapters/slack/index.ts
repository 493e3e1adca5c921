/**
 * @module adapters/slack — Credbot in Slack, built on @slack/bolt. `createSlackAdapter` gives
 * main the `POST /slack/events` route (HTTP mode) or a Socket Mode connection (when
 * `SLACK_APP_TOKEN` is set), the Slack `ChatPort`, and start/stop.
 */
import { App, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { Config } from '../../src/config.js';
import type { ChatPort } from '../../src/core/chat-port.js';
import type { ConversationCore } from '../../src/core/events.js';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/port.js';
import type { Route } from '../../src/web/http-server.js';
import { boltLogger } from './bolt-logger.js';
import { createSlackChatPort, postToResponseUrl, type ResponseUrlPoster } from './chat-port.js';
import { claimFirst, tenantFromContext } from './context.js';
import { createFileDownloader } from './download.js';
import { registerActions } from './listeners/actions.js';
import { registerCommand } from './listeners/command.js';
import { registerDirectMessages } from './listeners/direct-messages.js';
import type { ListenerDeps } from './listeners/deps.js';
import { registerFileShares } from './listeners/files.js';
import { registerHome } from './listeners/home.js';
import { registerViews } from './listeners/views.js';
import { SlackHttpReceiver } from './receiver.js';

export type SlackConfig = Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_API_URL' | 'CREDBOT_ADMINS'>;

export interface SlackAdapterOptions {
  /** The core, or a getter for it when the core is built after this adapter's chat port. */
  core: ConversationCore | (() => ConversationCore);
  store: Store;
  config: SlackConfig;
  log: Logger;
  /** Injected clock (ms) for signature freshness. */
  now?: () => number;
  /** How long Slack retries are waited out (WebClient retry policy); tests shorten it. */
  retryConfig?: { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number };
  /** Where `response_url` posts go (tests point them at the fake). */
  postResponse?: ResponseUrlPoster;
  viewTimeoutMs?: number;
}

export interface SlackAdapter {
  /** `POST /slack/events` in HTTP mode; empty in Socket Mode (no public URL needed). */
  routes: Route[];
  port: ChatPort;
  mode: 'http' | 'socket';
  /** Resolves when the work of every acknowledged HTTP request has finished (tests, shutdown). */
  idle(): Promise<void>;
  /** Checks the token (`auth.test`) and, in Socket Mode, connects. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createSlackAdapter(opts: SlackAdapterOptions): SlackAdapter {
  const { config, log, store } = opts;
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new Error('SLACK_BOT_TOKEN is not set: the Slack adapter needs the bot token (xoxb-…).');
  const socket = Boolean(config.SLACK_APP_TOKEN);
  if (!socket && !config.SLACK_SIGNING_SECRET) throw new Error('SLACK_SIGNING_SECRET is not set: HTTP mode needs it to check requests come from Slack.');

  const clientOptions = {
    ...(config.SLACK_API_URL ? { slackApiUrl: withSlash(config.SLACK_API_URL) } : {}),
    retryConfig: opts.retryConfig ?? { retries: 5, factor: 2, minTimeout: 1000, maxTimeout: 30_000 },
  };
  const logger = boltLogger(log);
  const httpReceiver = socket ? undefined : new SlackHttpReceiver({ signingSecret: config.SLACK_SIGNING_SECRET!, log, now: opts.now });
  const receiver: Receiver = httpReceiver ?? new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN!, logger, installerOptions: { clientOptions } });
  const app = new App({ token, receiver, socketMode: socket, clientOptions, logger, deferInitialization: true });

  const postResponse = opts.postResponse ?? postToResponseUrl;
  const port = createSlackChatPort({ client: app.client, log, postResponse });
  const core = typeof opts.core === 'function' ? opts.core : () => opts.core as ConversationCore;
  const deps: ListenerDeps = {
    core,
    store,
    log,
    client: app.client,
    port,
    download: createFileDownloader({ botToken: token, apiUrl: config.SLACK_API_URL }),
    admins: config.CREDBOT_ADMINS ?? [],
    // Below the receiver's own 2.5 s fallback, so a slow submission gets the "working" view, not a bare 200.
    viewTimeoutMs: opts.viewTimeoutMs ?? 2000,
  };

  // Slack re-delivers events it thinks were missed (X-Slack-Retry-Num): each event id runs once.
  app.use(async ({ body, context, next }) => {
    const b = body as Record<string, any>;
    if (b.type === 'event_callback' && typeof b.event_id === 'string' && startsWork(b.event)) {
      const first = await claimFirst(store, tenantFromContext(context, b), `slack:evt:${b.event_id}`);
      if (!first) {
        log.info('slack: dropped a re-delivered event', { eventId: b.event_id, retryNum: context.retryNum });
        return;
      }
    }
    await next();
  });
  registerCommand(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerFileShares(app, deps);
  registerDirectMessages(app, deps);
  registerHome(app, deps);
  app.error(async (err) => {
    log.error('slack: listener failed', { code: err.code, error: err.message });
  });

  return {
    routes: httpReceiver ? [httpReceiver.route] : [],
    port,
    mode: socket ? 'socket' : 'http',
    idle: async () => httpReceiver?.idle(),
    async start() {
      await app.init();
      if (httpReceiver) httpReceiver.ready = true;
      if (socket) await app.start();
      log.info('slack adapter ready', { mode: socket ? 'socket' : 'http' });
    },
    async stop() {
      await app.stop();
    },
  };
}

/**
 * Events that can start work (a CSV preview, a command typed in a DM). Only these are claimed,
 * so ordinary channel chatter costs no store write.
 */
function startsWork(event: Record<string, any> | undefined): boolean {
  if (!event) return false;
  if (event.type === 'file_shared') return true;
  if (event.type !== 'message') return false;
  return event.subtype === 'file_share' || (event.channel_type === 'im' && !event.subtype && !event.bot_id);
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export { messageToBlocks } from './render-message.js';
export { formToSlackModal, formErrorsToResponse, viewStateToValues } from './render-form.js';
export { signSlackRequest, verifySlackSignature } from './verify.js';
export { REQUIRED_BOT_EVENTS, REQUIRED_BOT_SCOPES } from './requirements.js';
