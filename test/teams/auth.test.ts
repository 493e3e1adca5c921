/** @module test/teams/auth — with an app id configured, /api/messages refuses requests without a valid token. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTeamsAdapter } from '../../adapters/teams/index.js';
import { memoryLogger } from '../../src/log.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { createHttpServer } from '../../src/web/http-server.js';
import type { ConversationCore } from '../../src/core/events.js';
import { FakeTeamsConnector } from '../fakes/teams-connector.js';
import { postActivity, textMessage, user } from '../fakes/teams-activities.js';

const calls: string[] = [];
const core: ConversationCore = {
  handleCommand: async (e) => (calls.push(e.text), { kind: 'message', visibility: 'in_channel', message: { text: 'hi', blocks: [] } }),
  handleFormSubmit: async () => ({ kind: 'close' }),
  handleFormAction: async () => { throw new Error('unused'); },
  handleAction: async () => ({ kind: 'none' }),
  handleFileShare: async () => ({ kind: 'none' }),
};

const config = {
  MicrosoftAppId: '00000000-1111-2222-3333-444444444444',
  MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppType: 'MultiTenant' as const,
  MicrosoftAppTenantId: undefined,
  TEAMS_ALLOW_UNAUTHENTICATED: false,
  CSV_MAX_BYTES: 1_000_000,
  publicBaseUrl: 'http://localhost',
  CREDBOT_KEY_ENCRYPTION_KEY: undefined,
};

/** An unsigned JWT that claims to come from the Bot Framework (header.payload.bogus-signature). */
function forgedToken(): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${enc({ alg: 'RS256', typ: 'JWT', kid: 'not-a-key' })}.${enc({ iss: 'https://api.botframework.com', aud: config.MicrosoftAppId, exp: now + 600, nbf: now - 10, serviceurl: 'http://x' })}.c2lnbmF0dXJl`;
}

describe('Teams authentication', () => {
  const connector = new FakeTeamsConnector();
  const log = memoryLogger();
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    await connector.start();
    const teams = createTeamsAdapter({ core, store: new MemoryStore(), config, log });
    expect(teams.authenticated).toBe(true);
    server = createHttpServer(teams.routes, log);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await connector.stop();
  });

  const activity = () => textMessage({ serviceUrl: connector.url, conversationId: 'a:personal-1', conversationType: 'personal' }, user('1'), 'help');

  it('refuses a request without a token with 401, and the core never hears of it', async () => {
    const res = await postActivity(url, activity());
    expect(res.status).toBe(401);
    expect(calls).toEqual([]);
    expect(connector.activities).toEqual([]);
  });

  it('refuses a request with a bad token with 401', async () => {
    for (const header of ['Bearer not-a-jwt', `Bearer ${forgedToken()}`, 'Basic dXNlcjpwYXNz']) {
      const res = await postActivity(url, activity(), { authorization: header });
      expect(res.status).toBe(401);
    }
    expect(calls).toEqual([]);
    expect(log.lines.join('\n')).not.toContain('not-a-real-secret');
    expect(log.lines.join('\n')).not.toContain(forgedToken().slice(0, 40));
  });

  it('answers 400 to a body that is not an activity', async () => {
    const res = await fetch(`${url}/api/messages`, { method: 'POST', body: 'hello', headers: { authorization: 'Bearer x' } });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/not JSON/);
  });
});

describe('Teams without an app id', () => {
  it('refuses to start unless unauthenticated use is switched on', () => {
    expect(() =>
      createTeamsAdapter({ core, store: new MemoryStore(), config: { ...config, MicrosoftAppId: undefined, MicrosoftAppPassword: undefined }, log: memoryLogger() }),
    ).toThrow(/TEAMS_ALLOW_UNAUTHENTICATED/);
  });

  it('refuses a single-tenant app without its tenant id, saying which variable is missing', () => {
    expect(() =>
      createTeamsAdapter({ core, store: new MemoryStore(), config: { ...config, MicrosoftAppType: 'SingleTenant' }, log: memoryLogger() }),
    ).toThrow(/MicrosoftAppTenantId/);
  });

  it('reads channel files through Graph only when switched on and the app has a password', () => {
    const withoutPassword = memoryLogger();
    createTeamsAdapter({ core, store: new MemoryStore(), config: { ...config, MicrosoftAppId: undefined, MicrosoftAppPassword: undefined, TEAMS_ALLOW_UNAUTHENTICATED: true }, log: withoutPassword, env: { TEAMS_GRAPH_FILES: 'on' } });
    expect(withoutPassword.lines.some((l) => l.includes('channel files cannot be read'))).toBe(true);
  });

  it('warns loudly when running unauthenticated', () => {
    const log = memoryLogger();
    const teams = createTeamsAdapter({ core, store: new MemoryStore(), config: { ...config, MicrosoftAppId: undefined, MicrosoftAppPassword: undefined, TEAMS_ALLOW_UNAUTHENTICATED: true }, log });
    expect(teams.authenticated).toBe(false);
    expect(log.lines.some((l) => l.includes('"level":"warn"') && l.includes('WITHOUT authentication'))).toBe(true);
  });
});
