/**
 * @module test/store/redis-cluster.test — the Redis store contract on a real three-node Redis
 * Cluster, started here from the local `redis-server` binary: proves the hash-tagged keys keep every
 * script and batch legal when a tenant's data and the global indexes live on different nodes.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from '@jest/globals';
import { Cluster, Redis } from 'ioredis';
import { RedisStore } from '../../src/store/redis-store.js';
import { storeContract } from './store-contract.js';

const run = promisify(execFile);
const hasRedisServer = await run('redis-server', ['--version']).then(() => true, () => false);

async function until(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Three masters on random ports (the cluster bus uses port + 10000). */
async function startCluster(): Promise<{ ports: number[]; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'credbot-cluster-'));
  const base = 21000 + Math.floor(Math.random() * 9000);
  const ports = [base, base + 1, base + 2];
  const procs: ChildProcess[] = ports.map((p) =>
    spawn('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--cluster-enabled', 'yes',
      '--cluster-config-file', join(dir, `nodes-${p}.conf`), '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }),
  );
  const stop = async () => {
    await Promise.all(procs.map((p) => new Promise<void>((r) => (p.exitCode !== null ? r() : (p.once('exit', () => r()), p.kill('SIGTERM'))))));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const p of ports) {
      await until(`redis-server on ${p}`, async () => {
        const c = new Redis(p, '127.0.0.1', { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
        try { await c.connect(); return (await c.ping()) === 'PONG'; } finally { c.disconnect(); }
      });
    }
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
    for (const p of ports) {
      await until(`cluster state ok on ${p}`, async () => (await run('redis-cli', ['-p', String(p), 'cluster', 'info'])).stdout.includes('cluster_state:ok'));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { ports, stop };
}

if (!hasRedisServer) {
  describe('RedisStore on Redis Cluster', () => {
    it.skip('needs the redis-server binary to start a local cluster', () => undefined);
  });
} else {
  let n = 0;
  storeContract('RedisStore (Cluster)', async () => {
    const cluster = await startCluster();
    const nodes = cluster.ports.map((port) => ({ host: '127.0.0.1', port }));
    const [c1, c2] = [new Cluster(nodes), new Cluster(nodes)];
    return {
      store: new RedisStore(c1),
      other: new RedisStore(c2),
      connect: () => {
        const store = new RedisStore(new Cluster(nodes), { ownsClient: true });
        return { store, close: () => store.close() };
      },
      tenant: (label) => `slack:T${label}`,
      id: (label) => `${label}-${++n}`,
      advance: (ms) => new Promise((r) => setTimeout(r, ms)),
      cleanup: async () => {
        await Promise.all([c1.quit(), c2.quit()]);
        await cluster.stop(); // the whole cluster is this run's, so stopping it removes every key
      },
    };
  });
}
