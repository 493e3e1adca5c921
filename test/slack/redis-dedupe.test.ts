/**
 * @module test/slack/redis-dedupe.test — de-duplication across two bot processes sharing real Redis.
 *
 * Two bot processes behind one public URL, sharing Redis: Slack's retry of an event, or the second
 * click of a double click, may land on the other process, and must still run once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRedisStore, type RedisStore } from '../../src/store/redis-store.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { startSlackBot, type RunningSlackBot } from '../fakes/slack-harness.js';
import { eventCallback, fileShareMessage, messageAction } from '../fakes/slack-requests.js';
import { ScriptedCore } from './scripted-core.js';

const TEAM = `T0DEDUPE${process.pid}${Date.now() % 100000}`;

describe('Slack de-duplication across processes (real Redis)', () => {
  let api: FakeSlackApi;
  const stores: RedisStore[] = [];
  const cores = [new ScriptedCore(), new ScriptedCore()];
  const bots: RunningSlackBot[] = [];

  beforeAll(async () => {
    api = await new FakeSlackApi().start();
    api.teamId = TEAM;
    for (const core of cores) {
      const store = createRedisStore('redis://127.0.0.1:6379/0') as RedisStore;
      stores.push(store);
      bots.push(await startSlackBot({ core, store, api }));
    }
  });

  afterAll(async () => {
    // Each bot stops its adapter and HTTP server (the shared fake API tolerates a second stop).
    for (const b of bots) await b.stop();
    // Remove this test's keys only (tenant-scoped prefix).
    const keys = await stores[0]!.client.keys(`cb:{slack:${TEAM}}:*`);
    if (keys.length) await stores[0]!.client.del(...keys);
    for (const s of stores) await s.close();
  });

  it('runs an event once when Slack’s retry reaches the other process', async () => {
    const file = api.addFile({ id: 'F0DEDUPE', name: 'graduates.csv', mimetype: 'text/csv', filetype: 'csv', content: Buffer.from('Name,Email\nAda,ada@example.org\n') });
    const event = eventCallback(fileShareMessage(file, { ts: '1700000500.000100' }), { teamId: TEAM });
    const answers = await Promise.all([bots[0]!.send(event), bots[1]!.send(event, { retryNum: 1 })]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await Promise.all(bots.map((b) => b.adapter.idle()));
    expect(cores[0]!.files.length + cores[1]!.files.length).toBe(1);
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('passes a double click to the core once even when the clicks reach different processes', async () => {
    const click = messageAction({ actionId: 'csv.issue', value: 'preview:redis' }, { ts: '1700000500.000200' }, { teamId: TEAM });
    await Promise.all([bots[0]!.send(click), bots[1]!.send(click)]);
    await Promise.all(bots.map((b) => b.adapter.idle()));
    expect(cores[0]!.actions.length + cores[1]!.actions.length).toBe(1);
  });
});
