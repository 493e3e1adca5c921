/**
 * @module test/delivery/crash.test — a credential's deliveries are queued once across bot processes even when
 * the process queueing them dies, or hangs, between claiming the credential and queueing it (on the real
 * Redis). The claim is a short lease until then: the next process takes a dead one's over when it runs out,
 * and a hung one that wakes up later sends nothing more. "Delivered" is a direct message anyone could count.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Store } from '../../src/store/port.js';
import type { RedisStore } from '../../src/store/redis-store.js';
import { cleanupRedis } from '../issuance/harness.js';
import { REDIS_URL, startBot, type Bot } from './harness.js';
import { everybodyPort, membersOf, people, sleep } from './members.js';

const LEASE_MS = 1000;
const bots: Bot[] = [];
const queuePrefixes: string[] = [];
afterAll(async () => {
  for (const b of bots) await b.close();
  await cleanupRedis([], [], queuePrefixes);
});

/** A bot on Redis whose delivery is not started yet, chat messages unthrottled, no mail server (email is `skipped`). */
async function chatBot(label: string, delivery: { queuePrefix?: string; runWorkers?: boolean } = {}) {
  const chat = everybodyPort();
  const bot = await startBot(label, {
    kind: 'redis', platform: 'slack', ports: { slack: chat.port }, startDelivery: false, batchSize: 5,
    delivery: { chatRatePerMinute: 600_000, claimLeaseMs: LEASE_MS, ...delivery },
  });
  bots.push(bot);
  return { bot, chat };
}

async function chatOutcomes(store: Store, bot: Bot, jobId: string) {
  const ids = (await store.getRows(bot.tenant, jobId)).flatMap((r) => (r.credentialId ? [r.credentialId] : []));
  return (await store.getDeliveries(bot.tenant, ids)).filter((r) => r.channel === 'chat').map((r) => [r.outcome, r.attempts]);
}

/** Something held until `release()`; `held` counts what is waiting on it. */
function gate() {
  let release = () => undefined as void;
  const open = new Promise<void>((r) => (release = r));
  return { open, release, held: 0 };
}

/**
 * Holds the delivery queue's adds (BullMQ `Queue.add`, the step after a credential is claimed and recorded)
 * made while `freezing`, as a process that hangs there would; the rest go through.
 */
function freezeEnqueues() {
  const add = Queue.prototype.add;
  const g = { ...gate(), freezing: true, released: 0, restore: () => void (Queue.prototype.add = add) };
  Queue.prototype.add = async function (this: Queue, ...args: Parameters<Queue['add']>) {
    if (!g.freezing || this.name !== 'credbot-delivery') return add.apply(this, args);
    g.held++;
    await g.open;
    const job = await add.apply(this, args);
    g.released++;
    return job;
  };
  return g;
}

/** The delivery queue's adds fail until `restore()`: the process dies after claiming and recording, before queueing. */
function failEnqueues() {
  const add = Queue.prototype.add;
  Queue.prototype.add = async function (this: Queue, ...args: Parameters<Queue['add']>) {
    if (this.name === 'credbot-delivery') throw new Error('killed');
    return add.apply(this, args);
  };
  return { restore: () => void (Queue.prototype.add = add) };
}

/** Redis carries out this store's delivery claims, but the replies wait until `release()`: the process hangs right after claiming. */
function freezeClaimReplies(store: Store) {
  const client = (store as RedisStore).client as Redis;
  const send = client.sendCommand;
  const g = { ...gate(), freezing: true, restore: () => void (client.sendCommand = send) };
  client.sendCommand = ((command, stream) => {
    const reply = send.call(client, command, stream) as Promise<unknown>;
    if (!g.freezing || !command.args.some((a) => String(a).includes(':once:delivery:'))) return reply;
    g.held++;
    return reply.then(async (value) => {
      await g.open;
      return value;
    });
  }) as typeof client.sendCommand;
  return g;
}

describe('a process that dies or hangs between claiming credentials and queueing them (Redis)', () => {
  it('died: a later process queues them once the claims run out (even after one that stopped before then), and every member gets exactly one message', async () => {
    const { bot, chat } = await chatBot('died');
    const learners = people(12, 'died');
    const job = await bot.issue(learners);
    const dying = failEnqueues();
    try {
      bot.delivery.start();
      await bot.delivery.idle();
      await bot.delivery.stop(); // what is left of the process after the failure: nothing more from it
    } finally {
      dying.restore();
    }
    expect(bot.log.lines.some((l) => l.includes('queueing deliveries failed') && l.includes('killed'))).toBe(true);
    expect(chat.dms).toEqual([]);

    // The next process finds the claims still held, and is itself stopped before they run out.
    const short = bot.nextProcess();
    short.delivery.start();
    while (!bot.log.lines.some((l) => l.includes('claimed by another process'))) await sleep(5);
    await short.close();
    expect(chat.dms).toEqual([]);

    const next = bot.nextProcess();
    next.delivery.start();
    try {
      await next.delivery.idle();
      expect(chat.dms.sort()).toEqual(membersOf(learners));
      expect(await chatOutcomes(next.store, bot, job.id)).toEqual(learners.map(() => ['sent', 1]));
    } finally {
      await next.close();
    }
  });

  it.each([
    ['right after claiming', 'claims'],
    ['just before queueing', 'enqueues'],
  ] as const)('hung %s past its lease: the next process delivers meanwhile, and when the first wakes up nobody gets a second message', async (_when, where) => {
    const { bot, chat } = await chatBot(`hung-${where}`);
    const learners = people(3, `hung-${where}`);
    const job = await bot.issue(learners);
    const frozen = where === 'claims' ? freezeClaimReplies(bot.store) : freezeEnqueues();
    const next = bot.nextProcess();
    try {
      bot.delivery.start();
      while (frozen.held === 0) await sleep(5);
      await sleep(20); // all its claims (or adds) are in
      frozen.freezing = false; // only what the first process asked before this hangs
      next.delivery.start();
      await next.delivery.idle(); // waits for the hung process's claims to run out, then sends
      expect(chat.dms.sort()).toEqual(membersOf(learners));

      frozen.release(); // the first process wakes up and carries on where it was
      await bot.delivery.idle();
      await next.delivery.idle();
      expect(chat.dms.sort()).toEqual(membersOf(learners));
      expect(await chatOutcomes(bot.store, bot, job.id)).toEqual(learners.map(() => ['sent', 1]));
    } finally {
      frozen.release();
      frozen.restore();
      await next.close();
    }
  });

  it('hung while the next process queued them and they still wait to be sent: its late copies add nothing to the queue', async () => {
    const queuePrefix = `cbtest-dlv-hung-${Date.now().toString(36)}`;
    queuePrefixes.push(queuePrefix);
    const { bot, chat } = await chatBot('hung-waiting', { queuePrefix, runWorkers: false }); // these processes only queue
    const learners = people(3, 'hung-waiting');
    await bot.issue(learners);
    const queue = new Queue('credbot-delivery', { connection: { url: REDIS_URL }, prefix: queuePrefix });
    const waiting = async () => (await queue.getJobCounts('waiting')).waiting;
    const frozen = freezeEnqueues();
    const next = bot.nextProcess();
    try {
      bot.delivery.start();
      while (frozen.held < learners.length) await sleep(5);
      frozen.freezing = false;
      next.delivery.start();
      for (const deadline = Date.now() + 10 * LEASE_MS; (await waiting()) < learners.length && Date.now() < deadline; ) await sleep(50);
      expect(await waiting()).toBe(learners.length);

      frozen.release();
      while (frozen.released < learners.length) await sleep(5);
      expect(await waiting()).toBe(learners.length);
    } finally {
      frozen.release();
      frozen.restore();
      await next.close();
    }
    const sender = bot.nextProcess({ delivery: { runWorkers: true } });
    sender.delivery.start();
    try {
      await sender.delivery.idle();
      expect(chat.dms.sort()).toEqual(membersOf(learners));
    } finally {
      await sender.close();
      await queue.close();
    }
  });
});
