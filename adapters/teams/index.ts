/**
 * @module adapters/teams — Credbot in Microsoft Teams. `createTeamsAdapter` gives the routes to
 * mount on the bot's one HTTP server (`POST /api/messages`, `GET /files/:token`) and the
 * `ChatPort` the core posts through. The only place that imports `botbuilder*` / `botframework-*`.
 */
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { CloudAdapter, type TurnContext } from 'botbuilder';
import type { Config } from '../../src/config.js';
import type { ConversationCore } from '../../src/core/events.js';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/port.js';
import type { Route } from '../../src/web/http-server.js';
import { dialogMessage, messageActivity } from './activities.js';
import { createTeamsAuth } from './auth.js';
import { CredbotTeamsBot, UserFacingError } from './bot.js';
import { TeamsChatPort } from './chat-port.js';
import { TeamsDirectory } from './directory.js';
import { DownloadLinks } from './downloads.js';
import { FormStore } from './form-store.js';
import { createGraphFiles, type GraphFiles } from './graph.js';
import { BadActivityError, bridgeRequest, bridgeResponse } from './http-bridge.js';
import type { RetryOptions } from './retry.js';

export { cardToAdaptiveCard } from './render/card.js';
export { formToAdaptiveCard } from './render/form.js';
export { TeamsChatPort } from './chat-port.js';
export { createGraphFiles, type GraphFiles } from './graph.js';

export interface TeamsAdapterOptions {
  /** The core, or a getter for it: the core is built with this adapter's port, so it may come later. */
  core: ConversationCore | (() => ConversationCore);
  store: Store;
  config: Pick<
    Config,
    'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId' | 'TEAMS_ALLOW_UNAUTHENTICATED' | 'CSV_MAX_BYTES' | 'publicBaseUrl' | 'CREDBOT_KEY_ENCRYPTION_KEY'
  >;
  log: Logger;
  /** Read for `TEAMS_GRAPH_FILES` (on: read channel files through Graph), `GRAPH_API_URL`, `GRAPH_LOGIN_URL`. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Overrides the Graph client built from env (tests use a fake Graph). */
  graph?: GraphFiles;
  /** Signs download links; default derived from CREDBOT_KEY_ENCRYPTION_KEY or the app password. */
  downloadSecret?: Buffer;
  retry?: RetryOptions;
  fetch?: typeof fetch;
  /** Milliseconds since the epoch (the roster cache's clock); default Date.now. */
  now?: () => number;
}

export interface TeamsAdapter {
  routes: Route[];
  port: TeamsChatPort;
  /** True when requests must carry a valid Bot Framework token. */
  authenticated: boolean;
  stop(): Promise<void>;
}

const on = (v: string | undefined) => ['1', 'true', 'yes', 'on'].includes((v ?? '').trim().toLowerCase());

function downloadSecret(options: TeamsAdapterOptions): Buffer {
  if (options.downloadSecret) return options.downloadSecret;
  const seed = options.config.CREDBOT_KEY_ENCRYPTION_KEY ?? options.config.MicrosoftAppPassword;
  if (seed) return Buffer.from(hkdfSync('sha256', createHash('sha256').update(seed).digest(), Buffer.alloc(0), 'credbot teams download links', 32));
  options.log.warn('teams: no CREDBOT_KEY_ENCRYPTION_KEY or app password: results download links stop working when the bot restarts.');
  return randomBytes(32);
}

function graphFrom(options: TeamsAdapterOptions): GraphFiles | undefined {
  if (options.graph) return options.graph;
  const env = options.env ?? process.env;
  const { MicrosoftAppId, MicrosoftAppPassword } = options.config;
  if (!on(env.TEAMS_GRAPH_FILES)) return undefined;
  if (!MicrosoftAppId || !MicrosoftAppPassword) {
    options.log.warn('teams: TEAMS_GRAPH_FILES is on but MicrosoftAppId/MicrosoftAppPassword are not set: channel files cannot be read.');
    return undefined;
  }
  return createGraphFiles({ clientId: MicrosoftAppId, clientSecret: MicrosoftAppPassword, apiUrl: env.GRAPH_API_URL, loginUrl: env.GRAPH_LOGIN_URL, fetch: options.fetch });
}

/** What a user sees when a turn fails: a short apology in chat, or a dialog message. */
async function onTurnError(ctx: TurnContext, err: Error, log: Logger): Promise<void> {
  const { type, name } = ctx.activity;
  log.error('teams: turn failed', { activityType: type, invoke: name, error: err.message });
  const sorry = err instanceof UserFacingError ? err.message : 'Sorry, something went wrong on my side. Please try again in a minute.';
  try {
    if (type === 'invoke' && name && /^(task|composeExtension)\//.test(name)) {
      await ctx.sendActivity({ type: 'invokeResponse', value: { status: 200, body: dialogMessage(sorry) } });
    } else if (type === 'invoke') {
      await ctx.sendActivity({ type: 'invokeResponse', value: { status: 500 } });
    } else if (type === 'message') {
      await ctx.sendActivity(messageActivity({ text: sorry, blocks: [{ type: 'text', text: sorry }] }));
    }
  } catch (sendErr) {
    log.error('teams: could not report a failed turn', { error: (sendErr as Error).message });
  }
}

export function createTeamsAdapter(options: TeamsAdapterOptions): TeamsAdapter {
  const { store, log, config } = options;
  const auth = createTeamsAuth(config, log);
  const adapter = new CloudAdapter(auth.authentication);
  adapter.onTurnError = (ctx, err) => onTurnError(ctx, err, log);

  const directory = new TeamsDirectory(store);
  const links = new DownloadLinks({ store, secret: downloadSecret(options), publicBaseUrl: config.publicBaseUrl });
  const port = new TeamsChatPort({ adapter, appId: auth.appId, store, links, directory, log, retry: options.retry, now: options.now });
  const core = typeof options.core === 'function' ? options.core : () => options.core as ConversationCore;
  const lazyCore: ConversationCore = {
    handleCommand: (e) => core().handleCommand(e),
    handleFormSubmit: (e) => core().handleFormSubmit(e),
    handleFormAction: (e) => core().handleFormAction(e),
    handleAction: (e) => core().handleAction(e),
    handleFileShare: (e) => core().handleFileShare(e),
  };
  const bot = new CredbotTeamsBot({
    core: lazyCore,
    store,
    forms: new FormStore(store),
    directory,
    log,
    maxFileBytes: config.CSV_MAX_BYTES,
    graph: graphFrom(options),
    retry: options.retry,
    fetch: options.fetch,
  });

  let stopping = false;
  const messages: Route = {
    method: 'POST',
    path: '/api/messages',
    handle: async (req, res) => {
      if (stopping) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' });
        res.end('Shutting down');
        return;
      }
      if (auth.authenticated && !req.headers.authorization) {
        // The commonest refusal (no token at all) is answered here, before any parsing.
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Unauthorized: a Bot Framework token is required.');
        return;
      }
      let request;
      try {
        request = await bridgeRequest(req);
      } catch (err) {
        const status = err instanceof BadActivityError ? err.status : 400;
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
        res.end((err as Error).message);
        return;
      }
      await adapter.process(request, bridgeResponse(res), (ctx) => bot.run(ctx));
    },
  };

  return {
    routes: [messages, links.route()],
    port,
    authenticated: auth.authenticated,
    stop: async () => {
      stopping = true;
    },
  };
}
