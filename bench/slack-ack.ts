/**
 * @module bench/slack-ack — how fast the Slack adapter acknowledges slash commands: 200 signed
 * `/issue-credential` requests, 50 in flight at a time, against a running adapter. Slack gives up
 * after 3 s; the figure that matters is p99.
 * The whole bot (adapter, real core, issuance engine, in-memory store; the fake Slack Web API as
 * Slack) runs in a child process, as Slack's senders are on other machines. Every command also
 * does its follow-up work after the ack (`groups`: a store read, then the reply posted through
 * `chat.postEphemeral`), so that work competes with the acks as it would in production.
 * Run: npx tsx bench/slack-ack.ts [total] [concurrency]
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { createLogger } from '../src/log.js';
import { startFullSlackBot } from '../test/slack/full-bot.js';
import { postGroupsCommand } from './ack-during-job-support.js';

const total = Number(process.argv[2] ?? 200);
const concurrency = Number(process.argv[3] ?? 50);

/** Child: runs the bot until told to stop; reports how many replies reached Slack. */
async function serve(): Promise<void> {
  // The whole bot (real core, engine, store); production log level, so debug lines are not built.
  const full = await startFullSlackBot({ log: Object.assign(createLogger('info', () => {}), { lines: [] }) });
  const { bot } = full;
  process.on('message', async (msg: { type: string; expect?: number }) => {
    if (msg.type === 'replies') {
      await bot.api.waitFor(() => bot.api.callsTo('chat.postEphemeral').length >= msg.expect!, 60_000);
      process.send!({ type: 'replies', count: bot.api.callsTo('chat.postEphemeral').length });
    } else if (msg.type === 'stop') {
      await full.close();
      process.exit(0);
    }
  });
  process.send!({ type: 'ready', url: bot.eventsUrl });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(): Promise<void> {
  const child = fork(process.argv[1]!, ['--serve'], { stdio: 'inherit' });
  const ask = <T>(type: string, extra: object = {}) =>
    new Promise<T>((resolve) => {
      child.once('message', (m) => resolve(m as T));
      if (type !== 'ready') child.send({ type, ...extra });
    });
  const { url } = await ask<{ url: string }>('ready');
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

  const warmup = 50;
  await Promise.all(Array.from({ length: warmup }, () => postGroupsCommand(agent, target)));

  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  for (let sent = 0; sent < total; sent += concurrency) {
    // "50 at a time": each wave of requests goes out together.
    const wave = Math.min(concurrency, total - sent);
    await Promise.all(Array.from({ length: wave }, async () => {
      const t0 = performance.now();
      const status = await postGroupsCommand(agent, target);
      latencies.push(performance.now() - t0);
      if (status !== 200) failures += 1;
    }));
  }
  const wall = performance.now() - started;
  const { count } = await ask<{ count: number }>('replies', { expect: warmup + total });
  child.send({ type: 'stop' });
  agent.destroy();

  const sorted = [...latencies].sort((a, b) => a - b);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log(`Slack slash-command ack latency: ${total} signed requests, ${concurrency} at a time, node ${process.version}`);
  console.log(`  p50 ${ms(percentile(sorted, 50))}   p90 ${ms(percentile(sorted, 90))}   p99 ${ms(percentile(sorted, 99))}   max ${ms(sorted.at(-1)!)}`);
  console.log(`  ${(total / (wall / 1000)).toFixed(0)} acks/s; non-200 answers: ${failures}; follow-up replies posted: ${count - warmup} of ${total}`);
}

(process.argv.includes('--serve') ? serve() : measure()).catch((err) => {
  console.error(err);
  process.exit(1);
});
