/**
 * @module test/delivery/failures.test — a mail server that is down, slow or says "try later": issuing
 * is never held up or failed by it, each delivery is retried, and what finally happened is recorded.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { startBot, type Bot } from './harness.js';
import { closedPort, startSmtp, type TestSmtp } from './smtp.js';

const bots: Bot[] = [];
const servers: TestSmtp[] = [];
afterAll(async () => {
  for (const b of bots) await b.close();
  for (const s of servers) await s.close();
});

const people = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Person ${i + 1}`, email: `p${i + 1}@example.org` }));

describe('when the mail server is down', () => {
  it('completes the job with every credential, retries each email, then records it as failed with the reason', async () => {
    const bot = await startBot('down', { smtpPort: await closedPort(), delivery: { retryDelaysMs: [300, 600] } });
    bots.push(bot);
    const job = await bot.issue(people(3));
    expect(job.state).toBe('done');
    expect(job.counts).toMatchObject({ total: 3, issued: 3, failed: 0 });
    // Retries are still due a moment later: a bounded wait says so instead of hanging.
    expect(await bot.delivery.idle(50)).toBe(false);
    expect(await bot.delivery.idle()).toBe(true);
    const rows = await bot.engine.rows(bot.tenant, job.id);
    const outcomes = await bot.delivery.service.outcomes(bot.tenant, rows.map((r) => r.credentialId!));
    for (const r of rows) {
      const [email] = outcomes.get(r.credentialId!)!;
      expect(email).toMatchObject({ channel: 'email', outcome: 'failed', attempts: 3 });
      expect(email!.detail).toMatch(/^not delivered after 3 attempts: .*ECONNREFUSED/);
    }
    expect(bot.log.lines.filter((l) => l.includes('delivery will be retried'))).toHaveLength(6);
    expect(bot.log.lines.join('\n')).not.toMatch(/p\d@example\.org/);
  });

  it('sends again on resend once the server is back', async () => {
    const port = await closedPort();
    const bot = await startBot('back', { smtpPort: port, delivery: { retryDelaysMs: [10] } });
    bots.push(bot);
    const job = await bot.issue(people(1));
    await bot.delivery.idle();
    const [row] = await bot.engine.rows(bot.tenant, job.id);
    expect((await bot.delivery.service.outcomes(bot.tenant, [row!.credentialId!])).get(row!.credentialId!)![0]!.outcome).toBe('failed');

    const smtp = await startSmtp({ port });
    servers.push(smtp);
    const resent = await bot.delivery.service.resend(bot.tenant, 'P1@Example.org', 'U1');
    expect(resent).toEqual({ ok: true, credentials: [{ id: row!.credentialId, recipientName: 'Person 1', channels: ['email'] }] });
    await bot.delivery.idle();
    expect(smtp.received.map((m) => m.to)).toEqual([['p1@example.org']]);
    expect((await bot.delivery.service.outcomes(bot.tenant, [row!.credentialId!])).get(row!.credentialId!)).toEqual([
      expect.objectContaining({ outcome: 'sent', attempts: 1 }),
    ]);
  });
});

describe('when the mail server is slow or says "try later"', () => {
  it('finishes issuing before the slow server has accepted a single email', async () => {
    const smtp = await startSmtp();
    servers.push(smtp);
    smtp.delayMs.value = 1500;
    const bot = await startBot('slow', { smtpPort: smtp.port });
    bots.push(bot);
    const job = await bot.issue(people(4));
    expect(job.state).toBe('done');
    expect(job.counts.issued).toBe(4);
    expect(smtp.received).toHaveLength(0);
    await bot.delivery.idle();
    expect(smtp.received).toHaveLength(4);
  });

  it('retries a 451 reply and records the email as sent on the attempt that worked', async () => {
    const smtp = await startSmtp();
    servers.push(smtp);
    smtp.tempFail.remaining = 1;
    const bot = await startBot('later', { smtpPort: smtp.port });
    bots.push(bot);
    const job = await bot.issue(people(1));
    await bot.delivery.idle();
    const [row] = await bot.engine.rows(bot.tenant, job.id);
    expect(smtp.received).toHaveLength(1);
    expect((await bot.delivery.service.outcomes(bot.tenant, [row!.credentialId!])).get(row!.credentialId!)).toEqual([
      expect.objectContaining({ outcome: 'sent', attempts: 2 }),
    ]);
  });
});

describe('delivery switched off, or no mail server', () => {
  it('records email as skipped, with why, when the group switches it off', async () => {
    const smtp = await startSmtp();
    servers.push(smtp);
    const bot = await startBot('off', { smtpPort: smtp.port, group: { deliverEmail: false } });
    bots.push(bot);
    const job = await bot.issue(people(2));
    await bot.delivery.idle();
    expect(smtp.received).toHaveLength(0);
    const summary = await bot.delivery.service.jobSummary(bot.tenant, job.id);
    expect(summary.counts).toEqual({ email: { skipped: 2 } });
    const csv = (await bot.delivery.withResults(bot.engine).resultsCsv(bot.tenant, job.id)).toString('utf8');
    expect(csv).toContain('email skipped: email delivery is off for this group');
  });

  it('records email as skipped when no SMTP server is configured, and issuing goes on as usual', async () => {
    const bot = await startBot('nosmtp');
    bots.push(bot);
    const job = await bot.issue(people(2));
    expect(job.counts.issued).toBe(2);
    await bot.delivery.idle();
    expect((await bot.delivery.service.jobSummary(bot.tenant, job.id)).counts).toEqual({ email: { skipped: 2 } });
    expect(bot.log.lines.some((l) => l.includes('email delivery is off: SMTP_HOST is not set'))).toBe(true);
  });
});

describe('a bot still starting', () => {
  it('emails what a job issued before delivery started, once it starts', async () => {
    const smtp = await startSmtp();
    servers.push(smtp);
    const bot = await startBot('early', { smtpPort: smtp.port, startDelivery: false });
    bots.push(bot);
    const job = await bot.issue(people(2));
    expect(job.state).toBe('done');
    expect(smtp.received).toHaveLength(0);
    bot.delivery.start();
    await bot.delivery.idle();
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['p1@example.org', 'p2@example.org']);
  });
});
