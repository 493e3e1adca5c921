/**
 * @module test/teams/bot-harness — the Teams adapter on a real HTTP server (unauthenticated
 * mode: a real token needs Microsoft's OpenID metadata, unreachable offline), a fake Bot
 * Connector as every activity's `serviceUrl`, and a scripted core. Activities are POSTed for real.
 */
import { createTeamsAdapter, type TeamsAdapter, type TeamsAdapterOptions } from '../../adapters/teams/index.js';
import { memoryLogger } from '../../src/log.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/port.js';
import type { ConversationCore } from '../../src/core/events.js';
import { FakeTeamsConnector } from '../fakes/teams-connector.js';
import { listenOnLoopback } from '../fakes/test-bot-parts.js';
import { postActivity, type Where } from '../fakes/teams-activities.js';

export interface BotHarness {
  url: string;
  connector: FakeTeamsConnector;
  teams: TeamsAdapter;
  store: Store;
  log: ReturnType<typeof memoryLogger>;
  personal: Where;
  channel: (rootId: string) => Where;
  post(activity: unknown): Promise<{ status: number; body: any; text: string }>;
  close(): Promise<void>;
}

export const CHANNEL = '19:general@thread.tacv2';

export async function startBot(core: ConversationCore, extra: Partial<TeamsAdapterOptions> = {}, store: Store = new MemoryStore()): Promise<BotHarness> {
  const connector = await new FakeTeamsConnector().start();
  const log = memoryLogger();
  const teams = createTeamsAdapter({
    core,
    store,
    log,
    config: {
      TEAMS_ALLOW_UNAUTHENTICATED: true,
      CSV_MAX_BYTES: 64 * 1024,
      publicBaseUrl: 'http://placeholder',
      MicrosoftAppId: undefined,
      MicrosoftAppPassword: undefined,
      MicrosoftAppType: undefined,
      MicrosoftAppTenantId: undefined,
      CREDBOT_KEY_ENCRYPTION_KEY: undefined,
    },
    downloadSecret: Buffer.alloc(32, 7),
    retry: { baseDelayMs: 1 },
    ...extra,
  });
  const { server, url } = await listenOnLoopback(teams.routes, log);
  return {
    url,
    connector,
    teams,
    store,
    log,
    personal: { serviceUrl: connector.url, conversationId: 'a:1personal-chat-ada', conversationType: 'personal' },
    channel: (rootId) => ({ serviceUrl: connector.url, conversationId: `${CHANNEL};messageid=${rootId}`, conversationType: 'channel' }),
    post: (activity) => postActivity(url, activity),
    close: async () => {
      await teams.stop();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await connector.stop();
    },
  };
}

/** The Adaptive Card of a recorded activity body. */
export const cardOf = (body: any) => body?.attachments?.[0]?.content;

/** All TextBlock / FactSet text of a card, joined (what a user reads). */
export function cardText(card: any): string {
  const out: string[] = [];
  const walk = (el: any) => {
    if (!el || typeof el !== 'object') return;
    if (el.type === 'TextBlock') out.push(el.text);
    if (el.type === 'FactSet') for (const f of el.facts) out.push(`${f.title}: ${f.value}`);
    for (const k of ['body', 'items', 'actions']) if (Array.isArray(el[k])) el[k].forEach(walk);
  };
  walk(card);
  return out.join('\n');
}
