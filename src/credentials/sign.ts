/**
 * @module credentials/sign — THE signing door: every credential and status list is signed through
 * `signCredentials`. Batches go to a pool of worker threads (canonicalization costs ~5 ms each, so
 * it must stay off the main thread); a batch of one or two is signed in-thread.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Json } from './libs.js';
import { signInThread, withProof, type SignOutcome, type SigningPath } from './sign-core.js';
import type { IssuerSigner } from './signer.js';
import { issueSerialized, splitDocuments, type IssueContext, type IssueDraft } from './issue-batch.js';
import type { IssueTask, SignTask, WarmUpTask } from './sign-worker.js';
import type { SignedCredential } from './types.js';
import { workerEntry } from './worker-entry.js';

export interface SignOptions {
  /** Time for the proofs' `created` (default now). */
  now?: Date;
  /** 'auto' (default): pool unless the batch is tiny. */
  mode?: 'auto' | 'pool' | 'in-thread';
  /** 'auto' (default): the fast exact path where it covers the credential, else the library; 'library': always the library (reference, benches). */
  path?: SigningPath;
}

const IN_THREAD_MAX = 2;
/**
 * Enough for V8 to finish optimizing the fast path before the first job (~0.25 s of one thread's
 * time on a slow core). Measured: with 200, a 10,000-row job still spent ~1 s of CPU in V8's
 * optimizing compiler for the signing code (its big functions need more calls to tier up); with
 * 1,000 that compile moved out of the job.
 */
const WARM_UP_CREDENTIALS = 1000;
/**
 * Largest task sent to one thread. A batch of 250 goes out as one task per thread: measured, four
 * smaller tasks per batch ran ~20% slower (each thread then waits on the busy main thread between
 * its two tasks).
 */
const CHUNK_MAX = 256;

let pool: Piscina | undefined;

function signingPool(): Piscina {
  if (pool) return pool;
  // All threads start at once (each compiles the fast path on its warm-up batch, below).
  const threads = Math.max(1, Math.min(availableParallelism(), 4));
  pool = new Piscina({
    filename: workerEntry('sign-worker').href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    // Signing threads hold little (a batch at a time): small young generations keep their memory down
    // (a 100,000-row job must stay under 300 MB RSS for the whole process).
    resourceLimits: { maxYoungGenerationSizeMb: 6, maxOldGenerationSizeMb: 128 },
  });
  // One warm-up task per thread, queued ahead of any real batch. Failures only cost speed.
  const warming: WarmUpTask = { kind: 'warm-up', count: WARM_UP_CREDENTIALS };
  for (let i = 0; i < threads; i++) pool.run(warming).catch(() => undefined);
  return pool;
}

/** Starts the signing threads ahead of the first batch (optional; call at application start). */
export function startSigningPool(): void {
  signingPool();
}

/**
 * Runs work over items, same order out: in this thread when the batch is tiny (or `mode` says so),
 * else split into one task per thread on the pool.
 */
async function distribute<I, O>(
  items: I[],
  mode: SignOptions['mode'] = 'auto',
  work: { inThread: (items: I[]) => Promise<O[]>; task: (items: I[]) => SignTask | IssueTask; fromThread: (items: I[], result: unknown) => O[] },
): Promise<O[]> {
  if (mode === 'in-thread' || (mode === 'auto' && items.length <= IN_THREAD_MAX)) return work.inThread(items);
  const p = signingPool();
  const parts = await Promise.all(chunks(items, p.options.maxThreads).map(async (part) => work.fromThread(part, await p.run(work.task(part)))));
  return parts.flat();
}

/** Splits into chunks so every thread gets work, none bigger than CHUNK_MAX. */
function chunks<T>(items: T[], threads: number): T[][] {
  const size = Math.max(1, Math.min(CHUNK_MAX, Math.ceil(items.length / threads)));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Signs credentials with the issuer's key (Data Integrity, eddsa-rdfc-2022). Same order as the input.
 * Accepts any credential JSON (OpenBadgeCredential or a status-list credential).
 */
export async function signCredentials<T extends object>(
  unsigned: T[],
  signer: IssuerSigner,
  opts: SignOptions = {},
): Promise<SignedCredential<T>[]> {
  if (unsigned.length === 0) return [];
  const now = opts.now ?? new Date();
  const spec = signer.toSpec();
  const signed = await distribute(unsigned as unknown as Json[], opts.mode, {
    inThread: (docs) => signInThread(docs, spec, now, opts.path),
    task: (docs): SignTask => ({ kind: 'sign', unsigned: docs, signer: spec, now: now.toISOString(), path: opts.path }),
    fromThread: (docs, outcomes) => docs.map((c, i) => withProof(c, (outcomes as SignOutcome[])[i])),
  });
  return signed as unknown as SignedCredential<T>[];
}

/**
 * Builds, signs and serializes credentials for the issuing engine: the signed credentials' UTF-8
 * JSON, same order as the drafts, ready to store as they are (see issue-batch.ts for why).
 */
export async function issueCredentials(
  context: IssueContext,
  drafts: IssueDraft[],
  signer: IssuerSigner,
  opts: SignOptions = {},
): Promise<Uint8Array[]> {
  if (drafts.length === 0) return [];
  const now = opts.now ?? new Date();
  const spec = signer.toSpec();
  return distribute(drafts, opts.mode, {
    inThread: async (batch) => splitDocuments(await issueSerialized(context, batch, spec, now, opts.path), batch.length),
    task: (batch): IssueTask => ({ kind: 'issue', context, drafts: batch, signer: spec, now: now.toISOString(), path: opts.path }),
    fromThread: (batch, bytes) => splitDocuments(bytes as Uint8Array, batch.length),
  });
}

/** Stops the worker threads (call on shutdown and at the end of tests). */
export async function closeSigningPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  if (p) await p.destroy();
}
