/**
 * @module bench/verify — public verification under load: the real web routes (`src/web/`) over a store
 * (Redis when reachable) holding issued credentials, some revoked; autocannon requests
 * `GET /credentials/:id` (the HTML page: proof + status-list check + expiry). Also prints, in the
 * same run, how many verifications per second the plain library and the fast path manage in-process.
 * When `wrk` is installed (Debian package wrk) the same load is measured with it too: autocannon
 * itself spends ~200 µs of CPU per request on the same two cores, wrk ~50 µs, so wrk's figure is
 * closer to what the server alone can do.
 *
 *   npx tsx bench/verify.ts            # 10 s, 20 connections, 500 credentials
 *   DURATION=20 CONNECTIONS=50 npx tsx bench/verify.ts
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { buildCredential } from '../src/credentials/build.js';
import { offlineDocumentLoader } from '../src/credentials/document-loader.js';
import { verifyWithLibrary, type Json } from '../src/credentials/libs.js';
import { verifyCredential } from '../src/credentials/verify.js';
import type { CredentialRecord, Group } from '../src/domain/types.js';
import { createCredentialSigner } from '../src/issuance/index.js';
import { createLogger } from '../src/log.js';
import { MemoryStore } from '../src/store/memory-store.js';
import type { Store } from '../src/store/port.js';
import { RedisStore } from '../src/store/redis-store.js';
import { createHttpServer, webRoutes } from '../src/web/index.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const COUNT = Number(process.env.COUNT ?? 500);
const DURATION = Number(process.env.DURATION ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 20);
const BASE = 'https://credbot.example.edu';
const tenant = `bench:verify-${Date.now().toString(36)}`;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');

async function redisStore(): Promise<Store | undefined> {
  const c = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null, connectTimeout: 1000 });
  try {
    await c.connect();
    await c.ping();
    return new RedisStore(c, { ownsClient: true });
  } catch {
    c.disconnect();
    return undefined;
  }
}

/** Redis's own CPU seconds so far (user + system), from INFO. */
async function redisCpuSeconds(store: RedisStore): Promise<number> {
  const info = await (store.client as Redis).info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}

async function issue(store: Store, bridge: ReturnType<typeof createCredentialSigner>): Promise<CredentialRecord[]> {
  const at = '2026-11-29T08:00:00.000Z';
  const group: Group = { id: 'g1', tenantId: tenant, name: 'Verify 101', courseName: 'Verify 101', courseDescription: 'Benchmarking verification.', expiry: { kind: 'none' }, allowDuplicates: true, customAttributes: ['grade'], language: 'en', createdBy: 'U1', createdAt: at, updatedAt: at };
  const signer = await bridge.forGroup(tenant, group);
  const drafts = Array.from({ length: COUNT }, (_, i) => ({
    id: randomUUID(), recipient: { name: `Learner ${i}`, email: `learner${i}@example.org` }, attributes: { grade: 'ABCDE'[i % 5] },
    issuedOn: at, statusListId: 'list-1', statusListIndex: i,
  }));
  const signed = await signer.signBatch(drafts);
  const records: CredentialRecord[] = drafts.map((d, i) => ({
    id: d.id, tenantId: tenant, groupId: 'g1', recipient: d.recipient, emailKey: d.recipient.email, issuedOn: at, attributes: d.attributes,
    status: i % 10 === 0 ? 'revoked' : 'issued', statusListId: 'list-1', statusListIndex: i, signed: JSON.parse(Buffer.from(signed[i]!).toString('utf8')) as Record<string, unknown>,
  }));
  await store.putCredentials(tenant, records, { allowDuplicates: true });
  // Every tenth credential is revoked: its bit is set in the published (signed, cached) status list.
  const bits = Buffer.alloc(bridge.statusListSize / 8);
  for (let i = 0; i < COUNT; i += 10) bits[i >> 3] |= 0x80 >> (i % 8);
  await store.putStatusListCredential(tenant, 'list-1', await bridge.signStatusList(tenant, 'list-1', bits));
  return records;
}

async function inProcessRates(records: CredentialRecord[], store: Store, bridge: ReturnType<typeof createCredentialSigner>): Promise<void> {
  const statusLists = async () => store.getStatusListCredential(tenant, 'list-1');
  // 20 at a time, as a server would have them (one at a time would measure Redis round trips).
  const time = async (n: number, one: (r: CredentialRecord) => Promise<unknown>) => {
    const t = performance.now();
    for (let i = 0; i < n; i += 20) await Promise.all(Array.from({ length: Math.min(20, n - i) }, (_, k) => one(records[(i + k) % records.length])));
    return (n / ((performance.now() - t) / 1000)).toFixed(0);
  };
  const loader = offlineDocumentLoader({ statusLists });
  const library = await time(20, (r) => verifyWithLibrary({ credential: r.signed as Json, documentLoader: loader, checkStatus: true }));
  await time(200, (r) => verifyCredential(r.signed, { statusLists })); // warm-up
  const fast = await time(2000, (r) => verifyCredential(r.signed, { statusLists }));
  // What the page does: the bridge reads the list's version and verifies against the list it keeps.
  await time(200, (r) => bridge.verify(r.signed));
  const kept = await time(2000, (r) => bridge.verify(r.signed));
  console.log(
    `in-process verification with status check, one thread, 20 concurrent: plain library ${library}/s, fast path ${fast}/s ` +
      `(status list read from the store each time), bridge ${kept}/s (list version read, verified list kept in memory)`,
  );
}

/**
 * autocannon in a child process, so the load generator does not share the server's event loop (it
 * still shares the two cores: the figures are for server and client on one machine).
 */
function loadWithAutocannon(port: number, ids: string[]): Promise<LoadResult> {
  const code = `
    const autocannon = require('autocannon');
    const w = JSON.parse(process.env.BENCH_LOAD);
    let next = 0;
    autocannon({
      url: 'http://127.0.0.1:' + w.port, connections: w.connections, duration: w.duration,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: '/credentials/' + w.ids[next++ % w.ids.length] }) }],
    }).then((r) => {
      const cpu = process.cpuUsage();
      process.stdout.write(JSON.stringify({ r, cpu: (cpu.user + cpu.system) / 1e6 }));
    }, (e) => { console.error(e); process.exit(1); });`;
  return new Promise((resolve, reject) => {
    const env = { ...process.env, BENCH_LOAD: JSON.stringify({ port, ids, connections: CONNECTIONS, duration: DURATION }) };
    execFile(process.execPath, ['-e', code], { env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      if (err) return reject(err);
      const { r, cpu } = JSON.parse(stdout) as { r: autocannon.Result; cpu: number };
      resolve({
        tool: 'autocannon', requests: r.requests.total, perSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max,
        failed: r.non2xx + r.errors, toolCpu: cpu,
      });
    });
  });
}

interface LoadResult {
  tool: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
  /** The load tool's own CPU seconds (it shares the two cores with the server). */
  toolCpu: number;
}

/** A wrk duration in ms ("12.50ms", "1.02s", "850.00us"). */
const ms = (value: string | undefined, unit: string | undefined) => Number(value) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
const DURATION_RE = '([\\d.]+)(us|ms|s)';

/** The same requests from wrk (C, one thread), when it is installed; undefined otherwise. */
function loadWithWrk(port: number, ids: string[]): Promise<LoadResult | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'credbot-wrk-'));
  writeFileSync(join(dir, 'ids.txt'), ids.join('\n'));
  writeFileSync(
    join(dir, 'paths.lua'),
    `local ids = {}\nfor line in io.lines("${join(dir, 'ids.txt')}") do ids[#ids + 1] = line end\n` +
      `local n = 0\nrequest = function()\n  n = n + 1\n  return wrk.format("GET", "/credentials/" .. ids[(n % #ids) + 1])\nend\n` +
      `done = function(summary, latency, requests)\n  io.write(string.format("CPU %f\\n", os.clock()))\nend\n`,
  );
  return new Promise((resolve) => {
    const args = ['-t1', `-c${CONNECTIONS}`, `-d${DURATION}s`, '--latency', '-s', join(dir, 'paths.lua'), `http://127.0.0.1:${port}/`];
    execFile('wrk', args, (err, stdout) => {
      rmSync(dir, { recursive: true, force: true });
      if (err) return resolve(undefined); // not installed (ENOENT) or failed: autocannon's figure stands alone
      const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0);
      const failed = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0) + Number(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout)?.slice(1).reduce((a, b) => a + Number(b), 0) ?? 0);
      const percentile = (p: string) => new RegExp(`${p}%\\s+${DURATION_RE}`).exec(stdout);
      const latency = new RegExp(`Latency\\s+${DURATION_RE}\\s+${DURATION_RE}\\s+${DURATION_RE}`).exec(stdout); // avg, stdev, max
      const [p50, p99] = [percentile('50'), percentile('99')];
      resolve({
        tool: 'wrk', requests, perSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? 0),
        p50: ms(p50?.[1], p50?.[2]), p99: ms(p99?.[1], p99?.[2]), max: ms(latency?.[5], latency?.[6]), failed, toolCpu: Number(/CPU ([\d.]+)/.exec(stdout)?.[1] ?? NaN),
      });
    });
  });
}

async function main(): Promise<void> {
  const redis = await redisStore();
  const store = redis ?? new MemoryStore();
  const bridge = createCredentialSigner({ store, config: { publicBaseUrl: BASE, issuer: { name: 'Bench University' }, keyEncryptionKey: '42'.repeat(32) } });
  // As the app does: proof checks on a thread of their own (NO_VERIFY_THREAD=1 measures them in the serving thread).
  if (!process.env.NO_VERIFY_THREAD) bridge.startVerifyThread();
  console.log(`node ${process.version}, ${availableParallelism()} cores, load average ${load()}, store: ${redis ? 'Redis' : 'memory'}, ${COUNT} credentials (every 10th revoked)`);
  const records = await issue(store, bridge);
  await inProcessRates(records, store, bridge);

  const server = createHttpServer(webRoutes({ store, publicBaseUrl: BASE, log: createLogger('warn'), credentials: bridge }), createLogger('warn'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const probe = await fetch(`http://127.0.0.1:${port}/credentials/${records[0].id}`);
  const page = await probe.text();
  const valid = await (await fetch(`http://127.0.0.1:${port}/credentials/${records[1].id}`)).text();
  console.log(`page check: HTTP ${probe.status}; a revoked one says so: ${page.includes('The issuer revoked it')}; a valid one says its list was checked: ${valid.includes('Not revoked')}`);

  // CPU time per request (this server process, Redis, the load tool): steadier than req/s when other
  // work shares the two cores, which then shows in the load average printed next to the figures.
  const ids = records.map((r) => r.id);
  for (const tool of [loadWithAutocannon, loadWithWrk]) {
    const loadBefore = load();
    const redisCpuBefore = redis ? await redisCpuSeconds(redis as RedisStore) : 0;
    const cpuBefore = process.cpuUsage();
    const result = await tool(port, ids);
    if (!result) {
      console.log('wrk: not installed (apt-get install wrk), skipped');
      continue;
    }
    const cpu = process.cpuUsage(cpuBefore);
    const redisCpu = redis ? (await redisCpuSeconds(redis as RedisStore)) - redisCpuBefore : 0;
    const perRequest = (seconds: number) => `${Math.round((seconds * 1e6) / Math.max(1, result.requests))} µs`;
    console.log(
      `${result.tool} GET /credentials/:id (HTML page, proof + status + expiry), ${CONNECTIONS} connections, ${DURATION} s: ` +
        `${Math.round(result.perSecond).toLocaleString('en')} req/s, latency p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms; ` +
        `${result.failed} failed; CPU per request: server ${perRequest((cpu.user + cpu.system) / 1e6)}` +
        `${redis ? `, Redis ${perRequest(redisCpu)}` : ''}, ${result.tool} itself ${perRequest(result.toolCpu)}; load average before ${loadBefore}, after ${load()}`,
    );
  }
  server.close();
  await bridge.close();
  if (redis) {
    const c = (redis as RedisStore).client;
    let cursor = '0';
    do {
      const [nextCursor, keys] = await c.scan(cursor, 'MATCH', `*${tenant}*`, 'COUNT', 1000);
      cursor = nextCursor;
      if (keys.length) await c.del(...keys);
    } while (cursor !== '0');
    for (const r of records) await c.del(`cb:credidx:{${r.id}}`);
    await c.srem('cb:tenants', tenant);
  }
  await store.close();
}

await main();
