/**
 * @module bench/ack-during-job-app — the bot side of bench/ack-during-job, run in a child process:
 * the real composition root (`startApp`, config from the environment through `loadConfig`, the Slack
 * adapter, Redis + BullMQ), a group and a generated CSV in the store, and on request the job the
 * Issue button starts. Progress, the end of the job and the main thread's event-loop delay go to the
 * parent over IPC.
 */
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';

export type FromChild =
  | { type: 'ready'; url: string }
  | { type: 'progress'; processed: number }
  | { type: 'finished'; seconds: number; issued: number; failed: number; skipped: number; state: string; loopP50: number; loopP99: number; loopMax: number; infoLines: number }
  | { type: 'stopped'; closeSeconds: number; engineSeconds: number; deliverySeconds: number };

const GROUP_ID = 'ack-bench';
const send = (m: FromChild) => process.send!(m);

function csvOf(n: number): Buffer {
  const lines = ['Name,Email,Grade,Hours'];
  for (let i = 0; i < n; i++) lines.push(`Learner ${i},learner${i}@example.org,${'ABCDE'[i % 5]},${i % 40}`);
  return Buffer.from(lines.join('\n') + '\n');
}

export async function serveApp(rows: number, teamId: string): Promise<void> {
  const config = loadConfig(process.env);
  // Production level (info): lines are built as in production, then dropped; warnings and errors show.
  let infoLines = 0;
  const log = createLogger(config.LOG_LEVEL, (line) => {
    if (line.includes('"level":"info"') || line.includes('"level":"debug"')) infoLines += 1;
    else process.stderr.write(`[bot] ${line}\n`);
  });
  const app = await startApp({
    config,
    log,
    adapters: {
      slack: async ({ core, store, log: l }) => (await import('../adapters/slack/index.js')).createSlackAdapter({ core, store, config, log: l }),
    },
  });
  const tenantId = `slack:${teamId}`;
  const at = new Date().toISOString();
  // Delivery settings left at their defaults, as a group made with the form: chat delivery on.
  await app.store.putGroup({
    id: GROUP_ID, tenantId, name: 'Responsiveness 101', courseName: 'Responsiveness 101', courseDescription: 'A benchmark group.',
    expiry: { kind: 'none' }, allowDuplicates: false, customAttributes: ['grade', 'hours'], language: 'en', createdBy: 'UACKADMIN', createdAt: at, updatedAt: at,
  });
  const csv = csvOf(rows);
  await app.store.putBlob(tenantId, 'upload:ack-bench', csv);

  const loop = monitorEventLoopDelay({ resolution: 10 });
  let t0 = 0;
  let lastProgress = 0;
  app.engine.onProgress((job) => {
    if (job.tenantId !== tenantId || performance.now() - lastProgress < 1000) return;
    lastProgress = performance.now();
    send({ type: 'progress', processed: job.counts.processed });
  });
  app.engine.onFinished((job) => {
    if (job.tenantId !== tenantId) return;
    const seconds = (performance.now() - t0) / 1000;
    loop.disable();
    const ms = (ns: number) => ns / 1e6;
    const { issued, failed, skipped } = job.counts;
    send({ type: 'finished', seconds, issued, failed, skipped, state: job.state, loopP50: ms(loop.percentile(50)), loopP99: ms(loop.percentile(99)), loopMax: ms(loop.max), infoLines });
  });

  process.on('disconnect', () => process.exit(1)); // the benchmark died: do not run on alone
  process.on('message', async (msg: { type: string }) => {
    if (msg.type === 'start') {
      loop.enable();
      t0 = performance.now();
      // The call the Issue button makes (src/core/file-share/actions.ts): the rows counted by the preview,
      // and where to report (the channel and the bot's progress message), so the core updates that
      // message as the job runs and posts the summary and results file at the end.
      const where = { tenantId, channelId: 'C0COURSE' };
      await app.engine.startCsvJob({
        tenantId, groupId: GROUP_ID, startedBy: 'UACKADMIN', fileId: `F${teamId}`, fileName: 'learners.csv', blobKey: 'upload:ack-bench',
        contentHash: createHash('sha256').update(csv).digest('hex'), totalRows: rows,
        conversation: { conversation: where, progress: { conversation: where, messageId: '1700000000.000001' }, title: 'learners.csv → Responsiveness 101' },
      });
    } else if (msg.type === 'stop') {
      // app.close() calls these two among other things: timed separately, to say where shutdown waits.
      const timed = { engineSeconds: 0, deliverySeconds: 0 };
      const time = (fn: () => Promise<void>, key: keyof typeof timed) => async () => {
        const t = performance.now();
        await fn();
        timed[key] = (performance.now() - t) / 1000;
      };
      app.engine.close = time(app.engine.close.bind(app.engine), 'engineSeconds');
      app.delivery.stop = time(app.delivery.stop.bind(app.delivery), 'deliverySeconds');
      const started = performance.now();
      await app.close();
      send({ type: 'stopped', closeSeconds: (performance.now() - started) / 1000, ...timed });
      process.exit(0);
    }
  });
  send({ type: 'ready', url: `${app.url}/slack/events` });
}
