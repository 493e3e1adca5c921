/**
 * @module test/delivery/restart.test — delivery across bot processes on the real Redis: a process that
 * stops (or dies) part-way through queueing a job's deliveries leaves the rest to the next process,
 * which queues exactly what is left, finished jobs included; and stopping mid-sweep is prompt.
 * Every recipient is a workspace member here, so "delivered" is a direct message anyone could count.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import type { Store } from '../../src/store/port.js';
import { startBot, type Bot } from './harness.js';
import { everybodyPort, membersOf, people, sleep } from './members.js';

/** A bot whose delivery is not started yet, chat messages unthrottled, no mail server (email is `skipped`). */
async function chatBot(label: string, batchSize: number) {
  const chat = everybodyPort();
  const bot = await startBot(label, { kind: 'redis', platform: 'slack', ports: { slack: chat.port }, startDelivery: false, batchSize, delivery: { chatRatePerMinute: 600_000 } });
  bots.push(bot);
  return { bot, chat };
}

/** Another process starts delivery, queues (and sends) what it finds left to do, and stops. */
async function nextProcessRuns(bot: Bot, over?: Parameters<Bot['nextProcess']>[0]): Promise<void> {
  const next = bot.nextProcess(over);
  next.delivery.start();
  try {
    await next.delivery.idle();
  } finally {
    await next.close();
  }
}

async function credentialIds(bot: Bot, jobId: string): Promise<string[]> {
  return (await bot.store.getRows(bot.tenant, jobId)).flatMap((r) => (r.credentialId ? [r.credentialId] : []));
}

/** How many of these credentials have a chat delivery recorded (queued or sent). */
async function chatRecorded(store: Store, bot: Bot, ids: string[]): Promise<number> {
  return (await store.getDeliveries(bot.tenant, ids)).filter((d) => d.channel === 'chat').length;
}

/**
 * Wraps the store's delivery claims (taken a chunk at a time): `before` runs ahead of each call with the
 * number of credentials claimed so far, this call's included.
 */
function onClaims(store: Store, before: (claimed: number) => Promise<void> | void): void {
  const leaseClaims = store.leaseClaims.bind(store);
  let claimed = 0;
  store.leaseClaims = async (tenant, keys, ...rest) => {
    await before((claimed += keys.length));
    return leaseClaims(tenant, keys, ...rest);
  };
}

const bots: Bot[] = [];
afterAll(async () => {
  for (const b of bots) await b.close();
});

describe('delivery across bot processes (Redis)', () => {
  it('a process stopped half-way through a job leaves the rest to the next one: every member gets exactly one message', async () => {
    const { bot, chat } = await chatBot('half', 60);
    const learners = people(180, 'half');
    const job = await bot.issue(learners);
    const ids = await credentialIds(bot, job.id);
    let stopping: Promise<void> | undefined;
    onClaims(bot.store, (claimed) => void (claimed > 75 && !stopping && (stopping = bot.delivery.stop()))); // in the middle of the sweep
    bot.delivery.start();
    while (!stopping) await sleep(5);
    await stopping;
    const atStop = await chatRecorded(bot.store, bot, ids);
    expect(atStop).toBeGreaterThan(0);
    expect(atStop).toBeLessThan(180);

    const next = bot.nextProcess();
    next.delivery.start();
    try {
      await next.delivery.idle();
      expect(chat.dms.sort()).toEqual(membersOf(learners));
      const records = await next.store.getDeliveries(bot.tenant, ids);
      expect(records.filter((r) => r.channel === 'chat').map((r) => r.outcome)).toEqual(ids.map(() => 'sent'));
      expect(records.filter((r) => r.channel === 'email').map((r) => [r.outcome, r.detail])).toEqual(ids.map(() => ['skipped', 'no mail server is configured (SMTP_HOST)']));
    } finally {
      await next.close();
    }
  });

  it('a finished job whose process died before delivering is delivered at the next start, and only once', async () => {
    const { bot, chat } = await chatBot('crash', 5);
    const learners = people(12, 'crash');
    const job = await bot.issue(learners); // this process never starts delivery: as if it died right after
    const ids = await credentialIds(bot, job.id);
    expect(await chatRecorded(bot.store, bot, ids)).toBe(0);

    for (const round of [1, 2]) {
      const next = bot.nextProcess(); // the second start finds nothing left to queue
      next.delivery.start();
      try {
        await next.delivery.idle();
      } finally {
        await next.close();
      }
      expect({ round, dms: chat.dms.sort() }).toEqual({ round, dms: membersOf(learners) });
    }
    const records = await bot.store.getDeliveries(bot.tenant, ids);
    expect(records.filter((r) => r.channel === 'email').map((r) => r.outcome)).toEqual(ids.map(() => 'skipped'));
  });

  it('a sweep cut off by a failing store is redone by the next process without messaging anybody twice', async () => {
    const { bot, chat } = await chatBot('cut', 60);
    const learners = people(150, 'cut');
    const job = await bot.issue(learners);
    onClaims(bot.store, (claimed) => {
      if (claimed > 120) throw new Error('Connection is closed.'); // Redis went away mid-sweep
    });
    bot.delivery.start();
    await bot.delivery.idle();
    expect(bot.log.lines.some((l) => l.includes('queueing deliveries failed') && l.includes('Connection is closed.'))).toBe(true);
    expect(chat.dms.length).toBeGreaterThan(0);
    expect(chat.dms.length).toBeLessThan(150);

    await nextProcessRuns(bot);
    expect(chat.dms.sort()).toEqual(membersOf(learners));
  });

  it('stopping does not wait for messages held back by the send rate: the next process sends them, counting no failed attempt', async () => {
    const chat = everybodyPort();
    // Five messages at once, then one every ten seconds.
    const bot = await startBot('rate', { kind: 'redis', platform: 'slack', ports: { slack: chat.port }, delivery: { chatRatePerMinute: 6, concurrency: 2 } });
    bots.push(bot);
    const learners = people(8, 'rate');
    const job = await bot.issue(learners);
    while (chat.dms.length < 5) await sleep(10);
    await sleep(100); // the next sends are waiting for their slot now
    const started = Date.now();
    await bot.delivery.stop();
    expect(Date.now() - started).toBeLessThan(1500); // a slot is ten seconds away
    expect(chat.dms).toHaveLength(5);

    await nextProcessRuns(bot, { delivery: { chatRatePerMinute: 600_000 } });
    expect(chat.dms.sort()).toEqual(membersOf(learners));
    const chatRecords = (await bot.store.getDeliveries(bot.tenant, await credentialIds(bot, job.id))).filter((r) => r.channel === 'chat');
    expect(chatRecords.map((r) => [r.outcome, r.attempts])).toEqual(learners.map(() => ['sent', 1]));
  });

  it('stopping in the middle of a long sweep returns promptly and loses nothing', async () => {
    const { bot, chat } = await chatBot('prompt', 250);
    const learners = people(1000, 'prompt');
    const job = await bot.issue(learners);
    // A slow store (a far-away Redis): each chunk of claims takes 200 ms, so the whole sweep several seconds.
    let claims = 0;
    onClaims(bot.store, async (claimed) => {
      claims = claimed;
      await sleep(200);
    });
    bot.delivery.start();
    while (claims < 100) await sleep(10);
    const started = Date.now();
    await bot.delivery.stop();
    const stopMs = Date.now() - started;
    expect(stopMs).toBeLessThan(1500); // the rest of the sweep alone would take over 3 s
    const ids = await credentialIds(bot, job.id);
    expect(await chatRecorded(bot.store, bot, ids)).toBeLessThan(1000);

    await nextProcessRuns(bot);
    expect(chat.dms.sort()).toEqual(membersOf(learners));
  });
});
