/**
 * @module test/issuance/durability.test — real processes on the real Redis: a bot killed (SIGKILL)
 * mid-job and a second one that finishes it with every row issued exactly once; and two bots sharing
 * one Redis that run three jobs, each exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { TenantId } from '../../src/domain/types.js';
import { createIssuanceEngine, type CredbotIssuanceEngine } from '../../src/issuance/index.js';
import { memoryLogger } from '../../src/log.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { cleanupRedis, group, makeHarness, REDIS_URL, run, tenantOf, uploadCsv, waitForJob } from './harness.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/worker-process.ts', import.meta.url));
const PREFIX = `cbtest-dur-${run}`;

interface Bot {
  child: ChildProcess;
  lines: string[];
  waitFor(pred: (line: string) => boolean, timeoutMs?: number): Promise<string>;
}

function startBot(extraEnv: Record<string, string> = {}): Bot {
  // node --import tsx (not npx): the pid we kill is the bot itself, not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: { ...process.env, REDIS_URL, QUEUE_PREFIX: PREFIX, TENANT_PREFIX: `test-issuance-${run}:`, NODE_OPTIONS: '', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pred: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      lines.push(line);
      for (const w of [...waiters]) if (w.pred(line)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(line));
    }
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return {
    child,
    lines,
    waitFor: (pred, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const hit = lines.find(pred);
        if (hit) return resolve(hit);
        const t = setTimeout(() => reject(new Error(`bot did not print the expected line; stdout: ${lines.join(' | ')}; stderr: ${stderr.slice(-2000)}`)), timeoutMs);
        waiters.push({ pred, resolve: (l) => (clearTimeout(t), resolve(l)) });
      }),
  };
}

async function stopBot(bot: Bot): Promise<void> {
  if (bot.child.exitCode !== null || bot.child.signalCode !== null) return;
  const exited = new Promise((r) => bot.child.once('exit', r));
  bot.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
  clearTimeout(timer); // a pending timer would keep jest waiting after the last test
  if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
}

const people = (n: number, tag: string) =>
  ['Name,Email,Grade', ...Array.from({ length: n }, (_, i) => `Person ${tag} ${i},p${i}.${tag}@example.org,${i % 5}`)].join('\n');

describe('durable jobs on the real Redis (separate bot processes)', () => {
  const tenants: TenantId[] = [];
  const credentialIds: string[] = [];
  const bots: Bot[] = [];
  let store: RedisStore;
  let starter: CredbotIssuanceEngine;

  beforeAll(() => {
    store = new RedisStore(new Redis(REDIS_URL), { ownsClient: true });
    // This process only starts jobs (runWorkers: false): the bots run them.
    starter = createIssuanceEngine({
      store, redisUrl: REDIS_URL, log: memoryLogger(),
      config: { publicBaseUrl: 'https://credbot.test', issuer: { name: 'Example University' }, keyEncryptionKey: '11'.repeat(32) },
      queue: { prefix: PREFIX, runWorkers: false },
    });
  });

  afterAll(async () => {
    for (const b of bots) await stopBot(b);
    await starter.close();
    await store.close();
    await cleanupRedis(tenants, credentialIds, [PREFIX]);
  });

  async function expectExactlyOnce(tenantId: TenantId, groupId: string, jobId: string, n: number) {
    const job = await waitForJob(store, tenantId, jobId, 60_000);
    expect(job.state).toBe('done');
    expect(job.counts).toEqual({ total: n, processed: n, issued: n, skipped: 0, failed: 0 });
    const raw = await store.getRows(tenantId, jobId);
    expect(raw).toHaveLength(n); // no row recorded twice
    const ids = raw.map((r) => r.credentialId!);
    credentialIds.push(...ids);
    expect(new Set(ids).size).toBe(n);
    expect(new Set(raw.map((r) => r.row)).size).toBe(n);
    expect(await store.countCredentials(tenantId, groupId)).toBe(n); // none lost, none doubled
    for (const id of [ids[0]!, ids[n - 1]!]) expect((await store.getCredential(tenantId, id))?.status).toBe('issued');
  }

  it('a bot killed mid-job: the next bot finishes it, every row with exactly one credential', async () => {
    const tenantId = tenantOf('kill');
    tenants.push(tenantId);
    await store.putGroup(group(tenantId, 'g1'));
    const src = await uploadCsv(store, tenantId, people(120, 'k'));
    const a = startBot({ BATCH_SIZE: '10', BATCH_DELAY_MS: '150' });
    bots.push(a);
    await a.waitFor((l) => l === 'ready');
    const { job } = await starter.startCsvJob({ tenantId, groupId: 'g1', startedBy: 'U1', ...src });
    await a.waitFor((l) => l.startsWith(`progress ${job.id} `) && Number(l.split(' ')[2]) >= 30);
    a.child.kill('SIGKILL');
    await new Promise((r) => a.child.once('exit', r));
    const mid = (await store.getJob(tenantId, job.id))!;
    expect(mid.state).toBe('running');
    expect(mid.counts.processed).toBeGreaterThanOrEqual(30);
    expect(mid.counts.processed).toBeLessThan(120);

    const b = startBot({ BATCH_SIZE: '10' });
    bots.push(b);
    await b.waitFor((l) => l === `finished ${job.id} done`, 60_000);
    await expectExactlyOnce(tenantId, 'g1', job.id, 120);
  }, 90_000);

  it('a bot shutting down mid-job hands the job back to the queue, and another bot finishes it', async () => {
    const prefix = `${PREFIX}-handoff`;
    const first = makeHarness('redis', { prefix });
    const tenantId = tenantOf('handoff');
    tenants.push(tenantId);
    await first.store.putGroup(group(tenantId, 'g1'));
    const src = await uploadCsv(first.store, tenantId, people(60, 'h'));
    const progressed = new Promise<void>((r) => first.engine.onProgress((j) => void (j.counts.processed >= 6 && r())));
    const { job } = await first.engine.startCsvJob({ tenantId, groupId: 'g1', startedBy: 'U1', ...src });
    await progressed;
    await first.close(); // stops after the batch in hand
    const left = (await store.getJob(tenantId, job.id))!;
    expect(left.state).toBe('running');
    expect(left.counts.processed).toBeLessThan(60);
    const second = makeHarness('redis', { prefix }); // takes it from the queue: no restart scan involved
    try {
      await expectExactlyOnce(tenantId, 'g1', job.id, 60);
    } finally {
      await second.close();
      await cleanupRedis([], [], [prefix]);
    }
  }, 90_000);

  it('two bots sharing one Redis run three jobs, each exactly once', async () => {
    for (const b of bots) await stopBot(b); // only these two bots take jobs now
    const [a, b] = [startBot({ BATCH_SIZE: '10', BATCH_DELAY_MS: '20' }), startBot({ BATCH_SIZE: '10', BATCH_DELAY_MS: '20' })];
    bots.push(a, b);
    await Promise.all([a.waitFor((l) => l === 'ready'), b.waitFor((l) => l === 'ready')]);
    const tenantId = tenantOf('two');
    tenants.push(tenantId);
    const jobs: { id: string; groupId: string }[] = [];
    for (const g of ['g1', 'g2', 'g3']) {
      await store.putGroup(group(tenantId, g));
      const src = await uploadCsv(store, tenantId, people(40, g));
      const req = { tenantId, groupId: g, startedBy: 'U1', ...src };
      const { job } = await starter.startCsvJob(req);
      expect((await starter.startCsvJob(req)).created).toBe(false); // a re-delivered start changes nothing
      jobs.push({ id: job.id, groupId: g });
    }
    for (const j of jobs) await expectExactlyOnce(tenantId, j.groupId, j.id, 40);
    await new Promise((r) => setTimeout(r, 300));
    const finishedLines = [...a.lines, ...b.lines].filter((l) => l.startsWith('finished '));
    expect(finishedLines.sort()).toEqual(jobs.map((j) => `finished ${j.id} done`).sort());
  }, 90_000);
});
