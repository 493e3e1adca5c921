/**
 * @module test/slack/full-bot — the whole bot behind the Slack adapter: real core, intake,
 * renderer, issuance engine (in process) and store, on a real HTTP server, with the fake Slack
 * Web API as Slack. Tests drive it only with signed requests to `/slack/events`.
 */
import type { Core } from '../../src/core/index.js';
import { parseStatusListPath } from '../../src/credentials/urls.js';
import { verifyCredential } from '../../src/credentials/verify.js';
import { createCredentialSigner } from '../../src/issuance/credentials-bridge.js';
import { createIssuanceEngine } from '../../src/issuance/index.js';
import { memoryLogger, type Logger } from '../../src/log.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { startSlackBot, type RunningSlackBot } from '../fakes/slack-harness.js';
import { testCore } from '../fakes/test-bot-parts.js';
import { SlackUser } from '../fakes/slack-user.js';
import { SlackWorkspace } from '../fakes/slack-workspace.js';

export const ISSUER = 'U0ISSUER';
export const STRANGER = 'U0STRANGER';
export const PUBLIC_BASE_URL = 'https://credbot.test';

export interface FullSlackBot {
  bot: RunningSlackBot;
  core: Core;
  store: MemoryStore;
  workspace: SlackWorkspace;
  issuer: SlackUser;
  stranger: SlackUser;
  /** Waits until acknowledged requests and the jobs they started have finished. */
  settle(): Promise<void>;
  verify(credentialIdOrUrl: string): Promise<{ verified: boolean; revoked: boolean }>;
  close(): Promise<void>;
}

export async function startFullSlackBot(opts: { log?: Logger & { lines: string[] } } = {}): Promise<FullSlackBot> {
  const store = new MemoryStore();
  const log = opts.log ?? memoryLogger();
  const config = { publicBaseUrl: PUBLIC_BASE_URL, issuer: { name: 'Example University', url: 'https://www.example.edu' }, keyEncryptionKey: Buffer.alloc(32, 5).toString('base64') };
  // The real signer: it is also what the public pages use to publish status lists.
  const credentials = createCredentialSigner({ store, config });
  const engine = createIssuanceEngine({ store, log, config, signer: credentials });
  let core: Core | undefined;
  const bot = await startSlackBot({ core: () => core!, store, admins: [ISSUER], log });
  core = testCore({ store, engine, ports: { slack: bot.adapter.port }, admins: [ISSUER], publicBaseUrl: PUBLIC_BASE_URL, log });
  const settle = async () => {
    // Requests start jobs, jobs post through the port: wait until both are quiet.
    for (let i = 0; i < 3; i++) {
      await bot.adapter.idle();
      await core!.whenIdle();
    }
  };
  const workspace = new SlackWorkspace(bot);
  return {
    bot,
    core,
    store,
    workspace,
    issuer: new SlackUser(workspace, ISSUER, settle),
    stranger: new SlackUser(workspace, STRANGER, settle),
    settle,
    async verify(idOrUrl) {
      const id = idOrUrl.split('/').pop()!;
      const record = await store.findCredential(id);
      if (!record) return { verified: false, revoked: false };
      const result = await verifyCredential(record.signed, {
        statusLists: async (url) => {
          const where = parseStatusListPath(new URL(url).pathname);
          // What GET /status/<tenant>/<list> serves to outside verifiers.
          return where ? ((await credentials.statusListCredential(where.tenant, where.listId)) as any) : undefined;
        },
      });
      return { verified: result.signatureValid && result.status !== 'invalid', revoked: result.revoked };
    },
    async close() {
      await bot.stop();
      await engine.close();
    },
  };
}
