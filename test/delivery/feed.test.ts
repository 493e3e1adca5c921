/**
 * @module test/delivery/feed.test — delivery follows a running job batch by batch: every issued
 * credential is queued once, and each sweep reads only the rows recorded since the last one (reading
 * every row per batch made a 100,000-row job's delivery quadratic and kept the bot busy for minutes); a
 * channel the group switched off is recorded as skipped, with why.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { startBot, type Bot } from './harness.js';
import { everybodyPort, membersOf, people } from './members.js';
import { startSmtp, type TestSmtp } from './smtp.js';

const bots: Bot[] = [];
const servers: TestSmtp[] = [];
afterAll(async () => {
  for (const b of bots) await b.close();
  for (const s of servers) await s.close();
});

describe.each(['memory', 'redis'] as const)('delivery feed (%s store)', (kind) => {
  it('queues each credential of a many-batch job once, reading each row once', async () => {
    const bot = await startBot(`feed-${kind}`, { kind }); // batches of 2; no mail server: email is recorded as skipped
    bots.push(bot);
    let rowsRead = 0;
    const getRows = bot.store.getRows.bind(bot.store);
    bot.store.getRows = async (...args) => {
      const rows = await getRows(...args);
      rowsRead += rows.length;
      return rows;
    };
    const people = Array.from({ length: 9 }, (_, i) => ({ name: `Person ${i}`, email: `p${i}@example.org` }));
    const job = await bot.issue(people);
    await bot.delivery.idle();
    expect(job.counts.issued).toBe(9);
    expect(rowsRead).toBe(9); // five batches and the end: 2+2+2+2+1 new rows, never the whole list again
    bot.store.getRows = getRows;
    const ids = (await bot.engine.rows(bot.tenant, job.id)).map((r) => r.credentialId!);
    const deliveries = await bot.store.getDeliveries(bot.tenant, ids);
    expect(deliveries.filter((d) => d.channel === 'email').map((d) => [d.outcome, d.detail])).toEqual(ids.map(() => ['skipped', 'no mail server is configured (SMTP_HOST)']));
  });

  it('sends each member one direct message and no email where the group switched email off, recording why', async () => {
    const smtp = await startSmtp();
    servers.push(smtp);
    const chat = everybodyPort();
    const bot = await startBot(`feed-off-${kind}`, { kind, platform: 'slack', ports: { slack: chat.port }, smtpPort: smtp.port, group: { deliverEmail: false }, delivery: { chatRatePerMinute: 600_000 } });
    bots.push(bot);
    const learners = people(7, `off-${kind}`);
    const job = await bot.issue(learners);
    await bot.delivery.idle();
    if (kind === 'redis') {
      const next = bot.nextProcess(); // a later start finds nothing left to queue
      next.delivery.start();
      await next.delivery.idle();
      await next.close();
    }
    expect(chat.dms.sort()).toEqual(membersOf(learners));
    expect(smtp.received).toEqual([]);
    const ids = (await bot.engine.rows(bot.tenant, job.id)).map((r) => r.credentialId!);
    const records = await bot.store.getDeliveries(bot.tenant, ids);
    expect(records.filter((d) => d.channel === 'email').map((d) => [d.outcome, d.detail])).toEqual(ids.map(() => ['skipped', 'email delivery is off for this group']));
    expect(records.filter((d) => d.channel === 'chat').map((d) => [d.outcome, d.attempts])).toEqual(ids.map(() => ['sent', 1]));
    expect(await bot.store.getDeliveryOffset(bot.tenant, job.id)).toBeUndefined(); // fully queued: no longer pending
  });
});
