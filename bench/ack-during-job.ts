/**
 * @module bench/ack-during-job — is a slash command still acknowledged quickly while a big issuing
 * job runs? (Issue 7: "a slash command arriving during a 100,000-row job is still acknowledged in
 * well under 3 s"; Slack gives up after 3 s.)
 *
 * The real bot (`startApp`: config from the environment, Slack adapter, core, issuance engine with
 * its signing threads, delivery, Redis store, BullMQ) runs in a child process; this process plays
 * Slack: it serves the fake Slack Web API the bot calls, and sends signed `/issue-credential groups`
 * commands (real wire format and HMAC signature) to the bot's `/slack/events`, one every 100 ms plus
 * a burst of 20 every 5 s. For each it measures the ack (request -> HTTP 200) and the reply
 * (request -> the fake API receives the `chat.postEphemeral` for that command). First a baseline
 * with no job, then the same traffic while the child issues an N-row CSV job, until the job ends,
 * then until the core has posted the job's results file. As in production, the job reports into a
 * channel (progress message, summary, results file) and its group has the default delivery settings
 * (no SMTP here, so chat delivery: one `users.lookupByEmail` per credential). Also printed: the bot's
 * main-thread event-loop delay during the job, and how long the bot then takes to shut down.
 *
 * Needs Redis; the run uses a database of its own (ACK_BENCH_REDIS_URL, default
 * redis://127.0.0.1:6379/7), which must be empty, and deletes what it created at the end.
 *
 *   npx tsx bench/ack-during-job.ts [rows=100000]
 *   npx tsc -p tsconfig.json && node dist/bench/ack-during-job.js [rows]
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { serveApp, type FromChild } from './ack-during-job-app.js';
import { assertEmptyDb, cleanupDb, postGroupsCommand, summary } from './ack-during-job-support.js';
import { SIGNING_SECRET } from '../test/fakes/slack-harness.js';
import { FakeSlackApi } from '../test/fakes/slack-api.js';

const rows = Number(process.argv[2] ?? 100_000);
const REDIS_URL = process.env.ACK_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/7';
const INTERVAL_MS = 100;
const BURST = 20;
const BURST_EVERY = 50; // ticks: one burst every 5 s
const BASELINE_MS = 8_000;

type Phase = 'baseline' | 'job' | 'after';
const PHASE_NAMES: Record<Phase, string> = { baseline: 'baseline, no job', job: 'during the job', after: 'job done, results file being built and posted' };

interface Command {
  phase: Phase;
  /** Sent as one of 20 at once (these queue behind each other in the bot). */
  burst: boolean;
  userId: string;
  sentAt: number; // Date.now(), comparable with the fake API's `at`
  t0: number;
  ackMs?: number;
  status?: number; // 0: the request failed
}

/** Unref'd: a pending timeout never keeps the benchmark alive once it is done. */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function measure(): Promise<void> {
  const teamId = `TACK${Date.now().toString(36).toUpperCase()}`;
  await assertEmptyDb(REDIS_URL);
  const loadAtStart = load();
  const api = await new FakeSlackApi().start();
  api.teamId = teamId;
  const child = fork(process.argv[1]!, ['--serve', String(rows), teamId], {
    stdio: 'inherit',
    env: {
      ...process.env, REDIS_URL, PORT: '0', HOST: '127.0.0.1', PUBLIC_BASE_URL: 'https://credbot.example.edu', LOG_LEVEL: 'info',
      CREDBOT_KEY_ENCRYPTION_KEY: '42'.repeat(32), CREDBOT_CONSOLE: 'off', SMTP_HOST: '', SLACK_APP_TOKEN: '', MicrosoftAppId: '', TEAMS_ALLOW_UNAUTHENTICATED: '',
      SLACK_BOT_TOKEN: api.botToken, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: api.apiUrl,
    },
  });
  let childExited = false;
  const exited = new Promise<void>((resolve) => child.on('exit', (code) => {
    childExited = true;
    if (code !== 0) console.error(`the bot process exited with code ${code}`);
    resolve();
  }));
  const waiting = new Map<string, (m: FromChild) => void>();
  let processed = 0;
  child.on('message', (m: FromChild) => {
    if (m.type === 'progress') processed = m.processed;
    waiting.get(m.type)?.(m);
  });
  const next = <T extends FromChild['type']>(type: T) => new Promise<Extract<FromChild, { type: T }>>((resolve) => waiting.set(type, resolve as (m: FromChild) => void));

  const { url } = await Promise.race([next('ready'), exited.then(() => Promise.reject(new Error('the bot process exited before it was ready')))]);
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
  const commands: Command[] = [];
  const inFlight = new Set<Promise<void>>();
  const fire = (phase: Phase, burst = false) => {
    const c: Command = { phase, burst, userId: `UACK${commands.length}`, sentAt: Date.now(), t0: performance.now() };
    commands.push(c);
    const p = postGroupsCommand(agent, target, { teamId, userId: c.userId }).then(
      (status) => void Object.assign(c, { status, ackMs: performance.now() - c.t0 }),
      () => void (c.status = 0),
    ).finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  /** One command every 100 ms (on a fixed schedule, not drifting), a burst of 20 every 5 s. */
  const drive = async (phase: Phase, until: () => boolean) => {
    const start = performance.now();
    for (let tick = 1; !until() && !childExited; tick++) {
      fire(phase);
      if (tick % BURST_EVERY === 0) for (let i = 0; i < BURST; i++) fire(phase, true);
      await sleep(Math.max(0, start + tick * INTERVAL_MS - performance.now()));
    }
  };

  // Warm-up (JIT, connections, the issuer's first store reads); not counted.
  for (let i = 0; i < 20; i++) await postGroupsCommand(agent, target, { teamId, userId: `UWARM${i}` });
  const baselineEnd = performance.now() + BASELINE_MS;
  await drive('baseline', () => performance.now() >= baselineEnd);

  const finished = next('finished');
  let done: Extract<FromChild, { type: 'finished' }> | undefined;
  void finished.then((m) => (done = m));
  child.send({ type: 'start' });
  let reported = 0;
  await drive('job', () => {
    if (processed >= reported + rows / 10) console.log(`  … ${(reported = processed).toLocaleString('en')} rows issued, ${commands.length} commands sent`);
    return done !== undefined;
  });
  const loadAtEnd = load();
  const lookups = api.callsTo('users.lookupByEmail').length;
  const progressUpdates = api.callsTo('chat.update').length;
  // The core now reads every row back for the results file and posts it: commands keep coming meanwhile.
  const endedAt = performance.now();
  const resultsPosted = () => api.uploads.some((u) => u.filename.startsWith('results-'));
  await drive('after', () => resultsPosted() || performance.now() - endedAt > 60_000);
  const resultsAfter = resultsPosted() ? `${((performance.now() - endedAt) / 1000).toFixed(1)} s` : 'not within 60 s';
  await Promise.allSettled([...inFlight]);
  const acked = commands.filter((c) => c.status === 200).length;
  const replies = () => api.callsTo('chat.postEphemeral').filter((c) => String(c.args.user).startsWith('UACK'));
  // Polled, not api.waitFor: that re-checks on every call the fake receives, and delivery makes many.
  for (const deadline = Date.now() + 60_000; replies().length < acked && Date.now() < deadline; ) await sleep(200);
  const replyMs = new Map(replies().map((c) => [String(c.args.user), c.at]));

  const stopped = next('stopped');
  child.send({ type: 'stop' });
  const lookupsAtStop = api.callsTo('users.lookupByEmail').length;
  const stop = await Promise.race([stopped, sleep(120_000).then(() => undefined)]);
  const lookupsInShutdown = api.callsTo('users.lookupByEmail').length - lookupsAtStop;
  await Promise.race([exited, sleep(5_000)]);
  if (!childExited) child.kill();
  agent.destroy();
  await api.stop();
  const left = await cleanupDb(REDIS_URL, `slack:${teamId}`);

  console.log(`ack during a job: ${rows.toLocaleString('en')} rows, node ${process.version}, ${availableParallelism()} cores, Redis ${REDIS_URL}`);
  console.log(`  load average at start ${loadAtStart}, at the end of the job ${loadAtEnd}`);
  if (done) {
    console.log(`  job: ${done.state}, ${done.issued.toLocaleString('en')} issued (${done.failed} failed, ${done.skipped} skipped) in ${done.seconds.toFixed(1)} s = ${Math.round(done.issued / done.seconds).toLocaleString('en')} credentials/s`);
    console.log(`  bot main thread, event-loop delay during the job: p50 ${done.loopP50.toFixed(1)} ms   p99 ${done.loopP99.toFixed(1)} ms   max ${done.loopMax.toFixed(1)} ms; ${done.infoLines.toLocaleString('en')} info log lines built`);
    console.log(`  meanwhile the fake Slack API served ${lookups.toLocaleString('en')} users.lookupByEmail (chat delivery) and ${progressUpdates} chat.update (progress); results file posted ${resultsAfter} after the job ended`);
  } else console.log('  !! the job did not finish');
  for (const phase of ['baseline', 'job', 'after'] as const) {
    const these = commands.filter((c) => c.phase === phase);
    const acks = these.filter((c) => c.status === 200).map((c) => c.ackMs!);
    const ackOf = (burst: boolean) => these.filter((c) => c.status === 200 && c.burst === burst).map((c) => c.ackMs!);
    const replied = these.filter((c) => replyMs.has(c.userId)).map((c) => replyMs.get(c.userId)! - c.sentAt);
    console.log(`  ${PHASE_NAMES[phase]}: ${these.length} commands`);
    console.log(`    ack   ${summary(acks, [50, 90, 99])}; non-200: ${these.length - acks.length}; over 3 s: ${acks.filter((ms) => ms >= 3000).length}`);
    console.log(`      one every 100 ms: ${summary(ackOf(false), [50, 99])}; in bursts of ${BURST}: ${summary(ackOf(true), [50, 99])}`);
    console.log(`    reply ${summary(replied, [50, 99])}; replies missing: ${these.length - replied.length}`);
  }
  const shutdown = stop
    ? `${stop.closeSeconds.toFixed(1)} s (engine ${stop.engineSeconds.toFixed(1)} s, delivery ${stop.deliverySeconds.toFixed(1)} s)`
    : 'over 120 s (killed)';
  console.log(`  bot shutdown (app.close) took ${shutdown}, ${lookupsInShutdown.toLocaleString('en')} users.lookupByEmail meanwhile; keys left in the benchmark's Redis database: ${left}`);
}

(process.argv.includes('--serve') ? serveApp(Number(process.argv[3]), process.argv[4]!) : measure()).catch((err) => {
  console.error(err);
  process.exit(1);
});
