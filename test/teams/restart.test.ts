/**
 * @module test/teams/restart — what the Teams adapter keeps in the real Redis survives a restart:
 * a later process still finds a user's personal chat for direct messages, and a results link
 * posted before the restart still downloads.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { createRedisStore } from '../../src/store/redis-store.js';
import { textMessage, nextId, user, type Where } from '../fakes/teams-activities.js';
import { cardOf, cardText, startBot } from './bot-harness.js';
import { ScriptedCore, say } from './scripted-core.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const TEAMS_TENANT_ID = `restart-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
const TENANT = `teams:${TEAMS_TENANT_ID}`;
const ada = user('ada', 'Ada Lovelace');

afterAll(async () => {
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `cb:{${TENANT}}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  await redis.srem('cb:tenants', TENANT);
  await redis.quit();
});

describe('Teams across a restart (Redis)', () => {
  it('still messages a known user directly, and old download links still work', async () => {
    // First process: Ada talks to the bot in personal chat; a results link is posted in a channel.
    const storeA = createRedisStore(REDIS_URL);
    const coreA = new ScriptedCore();
    const first = await startBot(coreA, {}, storeA);
    const personal: Where = { ...first.personal, tenantId: TEAMS_TENANT_ID };
    await first.post(textMessage(personal, ada, 'help'));
    await first.post(textMessage({ ...first.channel(nextId()), tenantId: TEAMS_TENANT_ID }, ada, 'status', { mention: true }));
    const content = Buffer.from('row,name,outcome\n2,Ada,issued\n');
    await first.teams.port.uploadFile(coreA.commands[1]!.conversation, { name: 'results.csv', mimeType: 'text/csv', content });
    const link = cardText(cardOf(first.connector.activities.at(-1)!.body)).match(/\((http[^)]+\/files\/[^)]+)\)/)![1]!;
    const personalChat = personal.conversationId;
    await first.close();
    await storeA.close();

    // Second process: nothing in memory, same Redis and the same link secret.
    const storeB = createRedisStore(REDIS_URL);
    const second = await startBot(new ScriptedCore(), {}, storeB);
    try {
      // The stored reference points at the first fake connector; Teams' service URL would not change.
      const stored = await storeB.getState<any>(TENANT, 'teams-dm:aad-ada');
      expect(stored?.channelId).toBe(personalChat);
      stored.platform.reference.serviceUrl = second.connector.url;
      await storeB.putState(TENANT, 'teams-dm:aad-ada', stored, 60);
      await second.teams.port.sendDirect!(TENANT, 'aad-ada', say('Your credentials are ready'));
      const [dm] = second.connector.activities;
      expect(dm).toMatchObject({ op: 'send', conversationId: personalChat });

      const res = await fetch(`${second.url}${new URL(link).pathname}`);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
    } finally {
      await second.close();
      await storeB.close();
    }
  });
});
