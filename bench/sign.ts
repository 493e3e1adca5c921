/**
 * @module bench/sign — signing throughput: raw Ed25519 (node:crypto) against whole OpenBadgeCredentials
 * through `signCredentials`, in-thread and on the worker pool. Run: `npx tsx bench/sign.ts` (N=400 by default).
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { MemoryStore } from '../src/store/memory-store.js';
import { buildCredential, closeSigningPool, getOrCreateIssuerKey, signCredentials, verifyCredential, type SignedCredential } from '../src/credentials/index.js';
import { group, input } from '../test/credentials/fixtures.js';

const N = Number(process.env.N ?? 400);
const ROUNDS = Number(process.env.ROUNDS ?? 3);

function rawEd25519PerSecond(): number {
  const { privateKey } = generateKeyPairSync('ed25519');
  const data = Buffer.alloc(64, 1);
  const count = 20_000;
  const t = process.hrtime.bigint();
  for (let i = 0; i < count; i++) sign(null, data, privateKey);
  return count / (Number(process.hrtime.bigint() - t) / 1e9);
}

async function main(): Promise<void> {
  const signer = await getOrCreateIssuerKey(new MemoryStore(), 'console:local', { encryptionKey: Buffer.alloc(32, 1).toString('base64') });
  const unsigned = Array.from({ length: N }, (_, i) =>
    buildCredential(
      input(signer.controller, {
        id: `bench-${i}`,
        recipient: { name: `Learner ${i}`, email: `learner${i}@example.org` },
        statusListIndex: i,
        group: group({ expiry: { kind: 'after', amount: 2, unit: 'years' } }),
      }),
    ),
  );

  console.log(`cores: ${availableParallelism()}, load average: ${loadavg()[0].toFixed(1)}, credentials per round: ${N}`);
  console.log(`raw Ed25519 sign (node:crypto, 64 bytes): ${Math.round(rawEd25519PerSecond()).toLocaleString('en')} /s`);

  let t = process.hrtime.bigint();
  await signCredentials(unsigned.slice(0, 8), signer, { mode: 'pool' }); // starts the workers
  console.log(`pool start + first 8 credentials: ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(0)} ms`);

  // Alternate the two paths over several rounds (the first warms the JIT); report the best round,
  // since other processes on the machine only ever slow a round down.
  const rates = { inThread: [] as number[], pool: [] as number[] };
  let inThread: SignedCredential[] = [];
  let pooled: SignedCredential[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    t = process.hrtime.bigint();
    inThread = await signCredentials(unsigned, signer, { mode: 'in-thread' });
    rates.inThread.push(N / (Number(process.hrtime.bigint() - t) / 1e9));
    t = process.hrtime.bigint();
    pooled = await signCredentials(unsigned, signer, { mode: 'pool' });
    rates.pool.push(N / (Number(process.hrtime.bigint() - t) / 1e9));
  }
  const show = (r: number[]) => `best ${Math.max(...r).toFixed(0)}/s (rounds: ${r.map((x) => x.toFixed(0)).join(', ')})`;
  console.log(`signCredentials in-thread: ${show(rates.inThread)}`);
  console.log(`signCredentials worker pool: ${show(rates.pool)}`);

  // Event-loop responsiveness while signing: with the pool the main thread must stay free.
  async function maxLagWhile(run: () => Promise<unknown>): Promise<number> {
    let maxLag = 0;
    let last = performance.now();
    const tick = setInterval(() => {
      const now = performance.now();
      maxLag = Math.max(maxLag, now - last - 5);
      last = now;
    }, 5);
    await run();
    clearInterval(tick);
    return Math.max(maxLag, performance.now() - last - 5); // a thread blocked to the end never ticked
  }
  const poolLag = await maxLagWhile(() => signCredentials(unsigned, signer, { mode: 'pool' }));
  const threadLag = await maxLagWhile(() => signCredentials(unsigned, signer, { mode: 'in-thread' }));
  console.log(`main-thread event-loop lag while signing ${N}: pool max ${poolLag.toFixed(1)} ms, in-thread max ${threadLag.toFixed(1)} ms`);

  const checks = await Promise.all([inThread[N - 1], pooled[0]].map((c) => verifyCredential(c)));
  console.log(`spot check: ${checks.map((c) => (c.signatureValid ? 'verified' : 'NOT VERIFIED')).join(', ')}`);
  await closeSigningPool();
}

await main();
