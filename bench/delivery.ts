/**
 * @module bench/delivery — email delivery throughput through a local SMTP server (badge rendered and
 * baked, certificate PDF, one email per credential), and whether delivery slows issuing: the same job
 * timed with and without a mail server. Run: `npx tsx bench/delivery.ts` (N=200, CONCURRENCY=4).
 */
import { availableParallelism, loadavg } from 'node:os';
import { startBot } from '../test/delivery/harness.js';
import { startSmtp } from '../test/delivery/smtp.js';

const N = Number(process.env.N ?? 200);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 4);
const seconds = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;
const people = Array.from({ length: N }, (_, i) => ({ name: `Learner ${i}`, email: `learner${i}@example.org`, grade: 'ABCDE'[i % 5]! }));

async function main(): Promise<void> {
  console.log(`cores: ${availableParallelism()}, load average (1/5/15 min): ${loadavg().map((l) => l.toFixed(1)).join(' / ')}, credentials: ${N}, delivery concurrency: ${CONCURRENCY}`);

  const quiet = await startBot('bench-off');
  let t = process.hrtime.bigint();
  await quiet.issue(people);
  const issueOnly = seconds(t);
  await quiet.delivery.idle();
  await quiet.close();

  // The production pace (120 a minute): after the first burst, delivery mostly waits for tokens.
  const pacedSmtp = await startSmtp();
  const paced = await startBot('bench-paced', { smtpPort: pacedSmtp.port, ratePerMinute: 120, delivery: { concurrency: CONCURRENCY } });
  t = process.hrtime.bigint();
  await paced.issue(people);
  const issuePaced = seconds(t);
  await paced.close(); // the emails still waiting for tokens are dropped (in-process queue)
  await pacedSmtp.close();

  const smtp = await startSmtp();
  const bot = await startBot('bench-on', { smtpPort: smtp.port, ratePerMinute: 1_000_000, delivery: { concurrency: CONCURRENCY, burst: 1_000_000 } });
  t = process.hrtime.bigint();
  await bot.issue(people);
  const issueWithDelivery = seconds(t);
  await bot.delivery.idle();
  const total = seconds(t);
  const bytes = smtp.received.reduce((n, m) => n + m.raw.length, 0);
  await bot.close();
  await smtp.close();

  console.log(`issuing ${N} credentials, no mail server:        ${issueOnly.toFixed(2)} s`);
  console.log(`issuing ${N} credentials, emails at 120/minute:    ${issuePaced.toFixed(2)} s`);
  console.log(`issuing ${N} credentials, emails unthrottled:     ${issueWithDelivery.toFixed(2)} s (job done; emails still going: rendering shares the CPU)`);
  console.log(`all ${smtp.received.length} emails accepted after:            ${total.toFixed(2)} s from the start -> ${(smtp.received.length / total).toFixed(1)} emails/s, ${(bytes / smtp.received.length / 1024).toFixed(0)} KiB each`);
  console.log(`at DELIVERY_RATE_PER_MINUTE=120 a 5,000-row job takes ${(5000 / 120).toFixed(0)} minutes to email; at this machine's pace, ${(5000 / (smtp.received.length / total) / 60).toFixed(1)} minutes`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
