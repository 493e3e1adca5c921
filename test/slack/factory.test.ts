/** @module test/slack/factory.test — createSlackAdapter: HTTP route, Socket Mode, and missing settings named. */
import { describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { createSlackAdapter, type SlackConfig } from '../../adapters/slack/index.js';
import { createHttpServer } from '../../src/web/http-server.js';
import { sendSigned, slashCommand } from '../fakes/slack-requests.js';
import { memoryLogger } from '../../src/log.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { ScriptedCore } from './scripted-core.js';

const base: SlackConfig = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_APP_TOKEN: undefined, SLACK_API_URL: undefined, CREDBOT_ADMINS: [] };
const make = (config: Partial<SlackConfig>) => createSlackAdapter({ core: new ScriptedCore(), store: new MemoryStore(), log: memoryLogger(), config: { ...base, ...config } });

describe('createSlackAdapter', () => {
  it('mounts POST /slack/events in HTTP mode', () => {
    const a = make({});
    expect(a.mode).toBe('http');
    expect(a.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /slack/events']);
  });

  it('needs no route in Socket Mode (SLACK_APP_TOKEN set)', () => {
    const a = make({ SLACK_APP_TOKEN: 'xapp-1-A-1-abc', SLACK_SIGNING_SECRET: undefined });
    expect(a.mode).toBe('socket');
    expect(a.routes).toEqual([]);
  });

  it('names the missing setting instead of failing later', () => {
    expect(() => make({ SLACK_BOT_TOKEN: undefined })).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => make({ SLACK_SIGNING_SECRET: undefined })).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('answers 503 (Slack retries) to requests that arrive before start()', async () => {
    const a = make({});
    const server = createHttpServer(a.routes, memoryLogger());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
      const res = await sendSigned(url, slashCommand('help'), { secret: 's' });
      expect(res.status).toBe(503);
    } finally {
      server.close();
    }
  });
});
