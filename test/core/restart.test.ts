/**
 * Reporting survives a restart: one bot takes the CSV and starts the job but does not run it (it
 * stopped); another bot on the same Redis runs it and reports into the same thread, updating the
 * same progress message, from nothing but what was stored with the job.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { createCore, type Core } from '../../src/core/create-core.js';
import type { Button, Message, Select } from '../../src/core/ui.js';
import * as intake from '../../src/intake/index.js';
import { createCredentialSigner } from '../../src/issuance/credentials-bridge.js';
import { createIssuanceEngine } from '../../src/issuance/index.js';
import { memoryLogger } from '../../src/log.js';
import * as render from '../../src/render/index.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { cleanupRedis, REDIS_URL } from '../issuance/harness.js';
import { csvShare, RecordingPort } from './fixtures.js';

const run = `cr${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const TENANT = `slack:T${run}`;
const PREFIX = `cbtest-core-${run}`;
const admin = { tenantId: TENANT, userId: 'UADMIN' };
const config = { publicBaseUrl: 'https://credbot.test', issuer: { name: 'Test University' }, keyEncryptionKey: '33'.repeat(32) };

function bot(runWorkers: boolean) {
  const store = new RedisStore(new Redis(REDIS_URL), { ownsClient: true });
  const log = memoryLogger();
  const signer = createCredentialSigner({ store, config });
  const engine = createIssuanceEngine({ store, redisUrl: REDIS_URL, config, log, signer, queue: { prefix: PREFIX, runWorkers, stalledIntervalMs: 1000, lockDurationMs: 3000 } });
  const port = new RecordingPort();
  const core: Core = createCore({
    store, engine, intake, render, ports: { slack: port }, admins: ['UADMIN'], publicBaseUrl: config.publicBaseUrl,
    limits: { csvMaxBytes: 1 << 20, csvMaxRows: 1000 }, clock: () => new Date(), random: Math.random, log, sleep: async () => {}, summaryRetryDelaysMs: [1],
  });
  return { store, engine, port, core, close: async () => {
    await engine.close();
    await store.close();
  } };
}

const actionsOf = (m: Message) => m.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));

describe('job reporting across a restart (real Redis)', () => {
  const issued: string[] = [];
  afterAll(() => cleanupRedis([TENANT], issued, [PREFIX]));

  it('is done by the bot that runs the job, into the thread and progress message of the bot that started it', async () => {
    const first = bot(false);
    const second = bot(true);
    try {
      const group = await first.core.handleCommand({ actor: admin, conversation: { tenantId: TENANT, channelId: 'C1' }, text: 'group new' });
      if (group.kind !== 'form') throw new Error('expected a form');
      await first.core.handleFormSubmit({ actor: admin, formId: 'group', stateKey: group.form.stateKey, values: { name: 'Restart', course_name: 'R', course_description: 'R.', expiry: 'none' } });

      const share = csvShare('people.csv', 'Name,Email\nAda,ada@example.org\nAlan,alan@example.org\n', { actor: admin });
      share.event.conversation = { tenantId: TENANT, channelId: 'C1', threadId: '1700.1' };
      const preview = await first.core.handleFileShare(share.event);
      if (preview.kind !== 'message') throw new Error('expected a preview');
      const select = actionsOf(preview.message).find((e): e is Select => e.type === 'select')!;
      await first.core.handleAction({ actor: admin, conversation: share.event.conversation, actionId: 'csv.group', value: select.options[0]!.value });
      const issue = actionsOf(preview.message).find((e): e is Button => e.type === 'button')!;
      await first.core.handleAction({ actor: admin, conversation: share.event.conversation, actionId: 'csv.issue', value: issue.value });
      const progressRef = first.port.posts[0]!.ref;
      await first.close(); // the first bot stops; it never ran the job

      const deadline = Date.now() + 20_000;
      while (!second.port.files.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await second.core.whenIdle();
      const summary = second.port.posts.find((p) => /2 issued, 0 skipped, 0 failed/.test(p.message.text));
      expect(summary?.ref.conversation).toEqual(share.event.conversation);
      expect(second.port.updates.at(-1)).toMatchObject({ ref: progressRef, message: { text: expect.stringMatching(/Finished: 2 of 2 rows processed/) } });
      expect(second.port.files.map((f) => f.file.name)).toEqual([expect.stringMatching(/^results-people-[0-9a-f]{8}\.csv$/)]);
    } finally {
      for (const g of await second.store.listGroups(TENANT)) issued.push(...(await second.store.listCredentials(TENANT, g.id)).map((c) => c.id));
      await second.close();
    }
  });
});
