/**
 * @module test/teams/full-bot — the whole bot behind the Teams adapter: real core, intake,
 * renderer, issuance engine (in process) and store, on a real HTTP server, with the fake Bot
 * Connector as Teams. Runs unauthenticated (a real Bot Framework token needs Microsoft's OpenID
 * metadata, unreachable offline); the authenticated path is covered by auth.test.ts.
 */
import { createTeamsAdapter, type GraphFiles, type TeamsAdapter } from '../../adapters/teams/index.js';
import type { Core } from '../../src/core/index.js';
import { createIssuanceEngine, type CredentialSigner } from '../../src/issuance/index.js';
import { memoryLogger } from '../../src/log.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { FakeTeamsConnector } from '../fakes/teams-connector.js';
import { listenOnLoopback, testCore } from '../fakes/test-bot-parts.js';

export const ISSUER_AAD = 'aad-issuer';

export interface FullBot {
  url: string;
  connector: FakeTeamsConnector;
  teams: TeamsAdapter;
  core: Core;
  store: MemoryStore;
  log: ReturnType<typeof memoryLogger>;
  close(): Promise<void>;
}

export async function startFullBot(opts: { signer?: CredentialSigner; graph?: GraphFiles } = {}): Promise<FullBot> {
  const connector = await new FakeTeamsConnector().start();
  const store = new MemoryStore();
  const log = memoryLogger();
  const publicBaseUrl = 'https://credbot.test';
  const engine = createIssuanceEngine({
    store,
    log,
    config: { publicBaseUrl, issuer: { name: 'Example University', url: 'https://www.example.edu' }, keyEncryptionKey: Buffer.alloc(32, 3).toString('base64') },
    ...(opts.signer ? { signer: opts.signer } : {}),
  });
  let core: Core | undefined;
  const teams = createTeamsAdapter({
    core: () => core!,
    store,
    log,
    config: {
      TEAMS_ALLOW_UNAUTHENTICATED: true,
      CSV_MAX_BYTES: 1024 * 1024,
      publicBaseUrl,
      MicrosoftAppId: undefined,
      MicrosoftAppPassword: undefined,
      MicrosoftAppType: undefined,
      MicrosoftAppTenantId: undefined,
      CREDBOT_KEY_ENCRYPTION_KEY: undefined,
    },
    downloadSecret: Buffer.alloc(32, 9),
    retry: { baseDelayMs: 1 },
    ...(opts.graph ? { graph: opts.graph } : {}),
  });
  core = testCore({ store, engine, ports: { teams: teams.port }, admins: [ISSUER_AAD], publicBaseUrl, log });
  const { server, url } = await listenOnLoopback(teams.routes, log);
  return {
    url,
    connector,
    teams,
    core,
    store,
    log,
    close: async () => {
      await teams.stop();
      await engine.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await connector.stop();
    },
  };
}
