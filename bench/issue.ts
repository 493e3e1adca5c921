/**
 * @module bench/issue — issuing end to end: a generated CSV of N rows goes through intake, signing
 * (the worker pool) and storing (Redis when reachable, else memory), as a real job of the engine.
 * The clock stops when the job is done and its results file is built. Prints credentials/s, p50/p99
 * batch latency, peak RSS (worker threads share the process, so it includes them), and in the same
 * run the raw Ed25519 sign rate of node:crypto and the plain library path's rate, for comparison.
 * The job starts as the chat flow starts it: with the row count its preview found.
 *
 *   npm run bench                 # compiles, then 1,000 and 10,000 rows (as production runs: dist/, same node flags)
 *   npm run bench -- --rows 100000
 *   BENCH_MEMORY=1 …              # also memoryUsage() at the peak; BENCH_SNAPSHOT=1: a heap snapshot halfway
 *   … --jobs-only                 # skip the reference figures (profiling the job alone)
 * Each run also prints where its CPU went: per thread of this process, and Redis's.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { writeHeapSnapshot } from 'node:v8';
import { Redis } from 'ioredis';
import { createIssuanceEngine, createCredentialSigner, credentialIdFor, type CredentialSigner } from '../src/issuance/index.js';
import { buildCredential, closeSigningPool, getOrCreateIssuerKey, signCredentials } from '../src/credentials/index.js';
import { createLogger } from '../src/log.js';
import { MemoryStore } from '../src/store/memory-store.js';
import type { Store } from '../src/store/port.js';
import { RedisStore } from '../src/store/redis-store.js';
import { describeCpu, redisCpu, threadCpu } from './thread-cpu.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const args = process.argv.slice(2);
const rowsArg = args.indexOf('--rows');
// Default: 1,000 rows, then 10,000 twice: the first 10,000-row job after the bot started, and a later one
// (by then V8 has optimized the per-batch code paths too, as in a bot that has been up a while).
const SIZES = rowsArg >= 0 ? [Number(args[rowsArg + 1])] : [1_000, 10_000, 10_000];
const batchArg = args.indexOf('--batch');
const BATCH = batchArg >= 0 ? Number(args[batchArg + 1]) : 250;
const run = `bench${Date.now().toString(36)}`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

function rawEd25519PerSecond(): number {
  const { privateKey } = generateKeyPairSync('ed25519');
  const data = createHash('sha256').update('credbot').digest();
  const count = 20_000;
  const t = process.hrtime.bigint();
  for (let i = 0; i < count; i++) sign(null, data, privateKey);
  return count / (Number(process.hrtime.bigint() - t) / 1e9);
}

/** The reference the fast path replaces: the same credentials signed through @digitalbazaar/vc, in this thread. */
async function plainLibraryPerSecond(count = 150): Promise<number> {
  const store = new MemoryStore();
  const signer = await getOrCreateIssuerKey(store, 'bench:library', { encryptionKey: '42'.repeat(32) });
  const group = { id: 'g1', tenantId: 'bench:library', name: 'Bench 101', courseName: 'Bench 101', courseDescription: 'Benchmarking.', expiry: { kind: 'none' as const }, allowDuplicates: false, customAttributes: ['grade', 'hours'], language: 'en', createdBy: 'U1', createdAt: '2026-11-29T08:00:00Z', updatedAt: '2026-11-29T08:00:00Z' };
  const docs = Array.from({ length: count }, (_, i) => buildCredential({
    id: `lib-${i}`, publicBaseUrl: 'https://credbot.example.edu', tenantId: 'bench:library', issuer: { id: signer.controller, name: 'Bench University' }, group,
    recipient: { name: `Learner ${i}`, email: `learner${i}@example.org` }, attributes: { grade: 'ABCDE'[i % 5]!, hours: String(i % 40) },
    issuedOn: '2026-11-29T08:00:00Z', statusListId: 'list-1', statusListIndex: i,
  }));
  await signCredentials(docs.slice(0, 10), signer, { mode: 'in-thread', path: 'library' }); // warm-up
  const t = performance.now();
  await signCredentials(docs, signer, { mode: 'in-thread', path: 'library' });
  return count / ((performance.now() - t) / 1000);
}

function csvOf(n: number): Buffer {
  const lines = ['Name,Email,Grade,Hours'];
  for (let i = 0; i < n; i++) lines.push(`Learner ${i},learner${i}@example.org,${'ABCDE'[i % 5]},${i % 40}`);
  return Buffer.from(lines.join('\n') + '\n');
}

async function redisReachable(): Promise<boolean> {
  const c = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  try {
    await c.connect();
    await c.ping();
    return true;
  } catch {
    return false;
  } finally {
    c.disconnect();
  }
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function cleanup(tenant: string, jobId: string, rows: number): Promise<void> {
  const c = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await c.scan(cursor, 'MATCH', `cb:{${tenant}}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await c.del(...keys);
  } while (cursor !== '0');
  for (let i = 0; i < rows; i += 1000) {
    const ids = Array.from({ length: Math.min(1000, rows - i) }, (_, k) => `cb:credidx:{${credentialIdFor(jobId, i + k + 2)}}`);
    await c.del(...ids);
  }
  do {
    const [next, keys] = await c.scan(cursor, 'MATCH', `${run}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await c.del(...keys);
  } while (cursor !== '0');
  await c.srem('cb:tenants', tenant);
  await c.quit();
}

async function bench(n: number, useRedis: boolean): Promise<void> {
  const store: Store = useRedis ? new RedisStore(new Redis(REDIS_URL), { ownsClient: true }) : new MemoryStore();
  const tenantId = `bench:${run}-${n}`;
  const config = { publicBaseUrl: 'https://credbot.example.edu', issuer: { name: 'Bench University' }, keyEncryptionKey: '42'.repeat(32), batchSize: BATCH };
  const real = createCredentialSigner({ store, config });
  const signLatencies: number[] = [];
  // The real signer, timed: how long one batch takes to build and sign on the pool.
  const signer: CredentialSigner = {
    statusListSize: real.statusListSize,
    statusListIds: () => real.statusListIds(),
    signStatusList: (t, l, b) => real.signStatusList(t, l, b),
    // As in the app, one signing pool lives as long as the process (started and warmed once, then
    // shared by every job): the engine closing after each size must not stop it. Closed at the end.
    close: async () => undefined,
    async forGroup(t, g) {
      const gs = await real.forGroup(t, g);
      return { ...gs, expiryFor: (a) => gs.expiryFor(a), signBatch: async (d) => {
        const s = performance.now();
        const out = await gs.signBatch(d);
        signLatencies.push(performance.now() - s);
        return out;
      } };
    },
  };
  const engine = createIssuanceEngine({
    store, config, signer, log: createLogger('warn'),
    redisUrl: useRedis ? REDIS_URL : undefined,
    queue: { prefix: run, resumeOnStart: false }, // never take other users' jobs from a shared Redis
  });
  const at = '2026-11-29T08:00:00.000Z';
  await store.putGroup({ id: 'g1', tenantId, name: 'Bench 101', courseName: 'Bench 101', courseDescription: 'Benchmarking.', expiry: { kind: 'none' }, allowDuplicates: false, customAttributes: ['grade', 'hours'], language: 'en', createdBy: 'U1', createdAt: at, updatedAt: at });
  // Warm the pool and the issuer key, outside the timing.
  const warm = await real.forGroup(tenantId, (await store.getGroup(tenantId, 'g1'))!);
  await Promise.all([0, 1].map((k) => warm.signBatch(Array.from({ length: 8 }, (_, i) => ({
    id: credentialIdFor('warm-up', k * 8 + i), recipient: { name: 'Warm Up', email: 'warm@example.org' }, attributes: {},
    issuedOn: at, statusListId: 'warm-up', statusListIndex: i,
  })))));

  const csv = csvOf(n);
  await store.putBlob(tenantId, 'upload:bench', csv);
  let peak = process.memoryUsage().rss;
  let peakHeap = 0;
  let atPeak = process.memoryUsage();
  const maxOf: Record<string, number> = {};
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak) atPeak = m;
    for (const [k, v] of Object.entries(m)) maxOf[k] = Math.max(maxOf[k] ?? 0, v);
    if (process.env.BENCH_MEMORY === 'trace' && m.heapUsed + m.external > 150 * 1024 * 1024) console.log(`  [mem] ${((performance.now() - t0) / 1000).toFixed(1)} s rss ${mb(m.rss)} heapUsed ${mb(m.heapUsed)} heapTotal ${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}`);
    peak = Math.max(peak, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed + m.external);
  }, 25);
  const commits: number[] = [];
  let last = 0;
  let t0 = performance.now();
  const finished = new Promise<void>((resolve) => engine.onFinished((j) => void (j.tenantId === tenantId && resolve())));
  let nextReport = n >= 20_000 ? n / 10 : Infinity;
  const firstProgress: number[] = [];
  let snapped = false;
  engine.onProgress((job) => {
    const now = performance.now();
    if (firstProgress.length < 2 && job.counts.processed > 0) firstProgress.push(now - t0);
    if (process.env.BENCH_SNAPSHOT && job.counts.processed >= n / 2 && !snapped) {
      snapped = true;
      console.log(`  heap snapshot: ${writeHeapSnapshot()}`);
    }
    if (job.counts.processed >= nextReport) {
      // Long runs say how they are going, so an interrupted run still gives figures.
      nextReport += n / 10;
      const s = (now - t0) / 1000;
      console.log(`  … ${job.counts.processed.toLocaleString('en')} rows in ${s.toFixed(0)} s = ${Math.round(job.counts.processed / s)} credentials/s, peak RSS so far ${mb(Math.max(peak, process.memoryUsage().rss))}`);
    }
    if (job.counts.processed > 0 && last > 0) commits.push(now - last);
    last = now;
  });
  const redisInfo = useRedis ? new Redis(REDIS_URL) : undefined;
  const redisCpuBefore = redisInfo ? await redisCpu(redisInfo) : 0;
  const cpuBefore = threadCpu();
  t0 = performance.now();
  last = t0;
  const { job } = await engine.startCsvJob({
    tenantId, groupId: 'g1', startedBy: 'U1', fileId: `F-${n}`, fileName: 'bench.csv', blobKey: 'upload:bench',
    contentHash: createHash('sha256').update(csv).digest('hex'),
    totalRows: n, // as in chat, where the preview already counted the file's rows
  });
  await finished;
  const results = await engine.resultsCsv(tenantId, job.id); // "done" means the results file is ready too
  const seconds = (performance.now() - t0) / 1000;
  const cpuAfter = threadCpu();
  const redisSeconds = redisInfo ? (await redisCpu(redisInfo)) - redisCpuBefore : 0;
  redisInfo?.disconnect();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const done = (await store.getJob(tenantId, job.id))!;
  const sortedCommits = [...commits].sort((a, b) => a - b);
  const sortedSign = [...signLatencies].sort((a, b) => a - b);
  console.log(
    `${n.toLocaleString('en').padStart(7)} rows | ${useRedis ? 'Redis + BullMQ' : 'memory, in-process'} | batch ${BATCH} | ` +
      `${done.counts.issued.toLocaleString('en')} issued in ${seconds.toFixed(1)} s = ${Math.round(done.counts.issued / seconds)} credentials/s | ` +
      `batch latency (sign) p50 ${pct(sortedSign, 50).toFixed(0)} ms, p99 ${pct(sortedSign, 99).toFixed(0)} ms | ` +
      `commit-to-commit p50 ${pct(sortedCommits, 50).toFixed(0)} ms, p99 ${pct(sortedCommits, 99).toFixed(0)} ms | peak RSS ${mb(peak)} (main-thread heap + external ${mb(peakHeap)}; the rest is the signing threads and code)`,
  );
  if (process.env.BENCH_MEMORY) console.log(`  first two batches committed at ${firstProgress.map((x) => x.toFixed(0)).join(', ')} ms`);
  if (process.env.BENCH_MEMORY) console.log(`  maxima: ${Object.entries(maxOf).map(([k, v]) => `${k} ${mb(v)}`).join(', ')}`);
  if (process.env.BENCH_MEMORY) console.log('  at peak RSS:', Object.fromEntries(Object.entries(atPeak).map(([k, v]) => [k, mb(v)])));
  console.log(`  ${describeCpu(cpuBefore, cpuAfter, redisSeconds, n)}`);
  console.log(`  results file: ${results.toString('utf8').split('\r\n').length - 2} lines, ${mb(results.length)}, included in the time above`);
  if (done.counts.issued !== n) console.log(`  !! expected ${n} issued, got ${JSON.stringify(done.counts)}`);
  await engine.close();
  await store.close();
  if (useRedis) await cleanup(tenantId, job.id, n);
}

const useRedis = !args.includes("--memory") && (await redisReachable());
console.log(`node ${process.version}, ${availableParallelism()} cores, store: ${useRedis ? `Redis at ${new URL(REDIS_URL).host}` : 'in memory (Redis not reachable)'}, RSS at start ${mb(process.memoryUsage().rss)}`);
// --jobs-only: no reference figures (for profiling the job alone).
const references = !args.includes('--jobs-only');
if (references) console.log(`raw Ed25519 (node:crypto, one thread): ${Math.round(rawEd25519PerSecond()).toLocaleString('en')} signatures/s`);
for (const n of SIZES) await bench(n, useRedis);
await closeSigningPool();
if (references) {
  console.log(`raw Ed25519 (node:crypto, one thread, after): ${Math.round(rawEd25519PerSecond()).toLocaleString('en')} signatures/s`);
  console.log(`plain library path (vc.issue + eddsa-rdfc-2022, one thread, same credential shape): ${Math.round(await plainLibraryPerSecond())} credentials/s`);
}
