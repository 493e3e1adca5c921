/** The composition root: with no platform and no Redis the bot still starts, serves health, and issues through the core. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { memoryLogger } from '../../src/log.js';

describe('startApp with no Slack, no Teams, no Redis', () => {
  let app: App;
  const log = memoryLogger();

  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', ISSUER_NAME: 'Test University' });
    app = await startApp({ config, log });
  });
  afterAll(async () => app.close());

  it('warns that the in-memory store loses data', () => {
    expect(log.lines.some((l) => l.includes('REDIS_URL is not set'))).toBe(true);
  });

  it('answers the health check over real HTTP', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('answers an unknown credential with a 404 page, not a stack trace', async () => {
    const res = await fetch(`${app.url}/credentials/00000000-0000-4000-8000-000000000000`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('config', () => {
  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('refuses Redis without an encryption key, because stored issuer keys must stay readable', async () => {
    const config = loadConfig({ PORT: '0', REDIS_URL: 'redis://127.0.0.1:6379' });
    await expect(startApp({ config, log: memoryLogger() })).rejects.toThrow(/CREDBOT_KEY_ENCRYPTION_KEY/);
  });
});
