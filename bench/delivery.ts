/**
 * @module bench/delivery — email delivery throughput through a local SMTP server (badge rendered and
 * baked, certificate PDF, one email per credential), and whether delivery slows issuing: the same job
 * timed with and without a mail server; and how long delivery takes to stop right after a big job
 * with chat delivery ends (on Redis), and whether the next process queues what was left.
 * Run: `npx tsx bench/delivery.ts` (N=200, CONCURRENCY=4, SHUTDOWN_ROWS=20000; 0 skips a part).
 */
import { availableParallelism, loadavg } from 'node:os';
import { Redis } from 'ioredis';
import type { ChatPort } from '../src/core/chat-port.js';
import { createDelivery } from '../src/delivery/index.js';
import { BASE, REDIS_URL, startBot } from '../test/delivery/harness.js';
import { startSmtp } from '../test/delivery/smtp.js';

const N = Number(process.env.N ?? 200);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 4);
const SHUTDOWN_ROWS = Number(process.env.SHUTDOWN_ROWS ?? 20_000);
const seconds = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;
const people = Array.from({ length: N }, (_, i) => ({ name: `Learner ${i}`, email: `learner${i}@example.org`, grade: 'ABCDE'[i % 5]! }));

async function main(): Promise<void> {
  console.log(`cores: ${availableParallelism()}, load average (1/5/15 min): ${loadavg().map((l) => l.toFixed(1)).join(' / ')}, credentials: ${N}, delivery concurrency: ${CONCURRENCY}`);
  if (N > 0) await emails();
  if (SHUTDOWN_ROWS > 0) await shutdown(SHUTDOWN_ROWS);
}

async function emails(): Promise<void> {
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

/** Everybody is a workspace member; direct messages go nowhere (the chat rate of 50 a minute still applies). */
const everybodyPort: ChatPort = {
  name: 'Slack',
  postMessage: async (to) => ({ conversation: to, messageId: '1' }),
  updateMessage: async () => undefined,
  uploadFile: async () => undefined,
  findUserByEmail: async (_tenant, email) => `U${email.length}`,
  sendDirect: async () => undefined,
};

/** Chat delivery of a big job on Redis; delivery is stopped the moment the job ends, as a deploy would. */
async function shutdown(rows: number): Promise<void> {
  const queuePrefix = `bench-dlv-stop-${Date.now().toString(36)}`;
  const many = Array.from({ length: rows }, (_, i) => ({ name: `Learner ${i}`, email: `learner${i}@example.org` }));
  const opts = { kind: 'redis' as const, platform: 'slack', ports: { slack: everybodyPort }, batchSize: 250, delivery: { concurrency: CONCURRENCY, queuePrefix } };
  const bot = await startBot('bench-stop', opts);
  let t = process.hrtime.bigint();
  const job = await bot.issue(many);
  const issued = seconds(t);
  t = process.hrtime.bigint();
  await bot.delivery.stop();
  const stopped = seconds(t);
  const ids = (await bot.store.getRows(bot.tenant, job.id)).flatMap((r) => (r.credentialId ? [r.credentialId] : []));
  const queuedCount = async () => (await bot.store.getDeliveries(bot.tenant, ids)).filter((d) => d.channel === 'chat').length;
  const atStop = await queuedCount();

  // The next process: no engine events for this job; whatever is left must be found at start.
  const next = createDelivery({
    store: bot.store, engine: { onProgress: () => undefined, onFinished: () => undefined }, ports: { slack: everybodyPort }, log: bot.log,
    config: { publicBaseUrl: BASE, ISSUER_NAME: 'Example University', DELIVERY_RATE_PER_MINUTE: 6000, REDIS_URL },
    options: { queuePrefix, runWorkers: false },
  });
  t = process.hrtime.bigint();
  next.start();
  // Not next.idle(): that also waits for the queue to empty, and this process sends nothing.
  let afterRestart = await queuedCount();
  for (const deadline = Date.now() + 120_000; afterRestart < ids.length && Date.now() < deadline; afterRestart = await queuedCount()) {
    await new Promise((r) => setTimeout(r, 250));
  }
  const resumed = seconds(t);
  await next.stop();
  await bot.close();
  const c = new Redis(REDIS_URL);
  for (let cursor = '0', keys: string[] = []; ; ) {
    [cursor, keys] = await c.scan(cursor, 'MATCH', `${queuePrefix}:*`, 'COUNT', 1000);
    if (keys.length) await c.del(...keys);
    if (cursor === '0') break;
  }
  await c.quit();

  console.log(`chat delivery of a ${rows.toLocaleString('en')}-row job on Redis, stopped as soon as the job ended (issued in ${issued.toFixed(1)} s):`);
  console.log(`  delivery.stop() took ${stopped.toFixed(2)} s; ${atStop.toLocaleString('en')} of ${ids.length.toLocaleString('en')} credentials queued by then`);
  console.log(`  the next process queued the rest in ${resumed.toFixed(2)} s: ${afterRestart.toLocaleString('en')} of ${ids.length.toLocaleString('en')} queued${afterRestart === ids.length ? '' : ' (!! some never queued)'}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
