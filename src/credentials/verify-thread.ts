/**
 * @module credentials/verify-thread — the public pages' proof checks on a thread of their own, so a
 * busy verification page uses both cores: the main thread keeps HTTP, Redis and the HTML, the thread
 * does the canonical form and Ed25519 (two thirds of a page's CPU, bench/verify).
 *
 * One message per check, not a batch per event-loop turn: measured, batches made the two threads
 * take turns (the main thread idle while the thread verified the batch, then the other way round),
 * 1,400 pages/s as in one thread; single messages keep both busy, 1,780/s, p99 19 ms.
 * Whenever the thread is not running or fails, the check runs here, in this thread: same answer.
 */
import { Worker } from 'node:worker_threads';
import { fastProofValid } from './fast-verify.js';
import type { Json } from './libs.js';
import type { ProofCheckReply, ProofCheckRequest } from './verify-worker.js';
import { workerEntry } from './worker-entry.js';

/** True when the fast path confirms the proof at `at`; undefined: ask the library (see fast-verify.ts). */
export type ProofCheck = (credential: Json, at: Date) => Promise<true | undefined> | true | undefined;

export class VerifyThread {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { credential: Json; at: Date; resolve: (valid: true | undefined) => void }>();
  private nextId = 0;
  /** Checks the thread itself answered (not counting those that fell back to this thread). */
  answeredByThread = 0;

  constructor() {
    const worker = new Worker(workerEntry('verify-worker')); // ~20 MB of RSS (its own V8 heap and code); smaller heap limits saved nothing
    worker.on('message', (reply: ProofCheckReply) => {
      const entry = this.waiting.get(reply.id);
      if (!entry) return;
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref(); // idle: never keeps the process alive by itself
      this.answeredByThread++;
      entry.resolve(reply.valid ? true : undefined);
    });
    // A thread that fails: every check it still owes, and every later one, runs here instead.
    const fail = () => this.stop();
    worker.on('error', fail);
    worker.on('exit', fail);
    worker.unref();
    this.worker = worker;
  }

  /** The proof check, on the thread while it runs. */
  readonly check: ProofCheck = (credential, at) => {
    const worker = this.worker;
    if (!worker) return fastProofValid(credential, at);
    return new Promise((resolve) => {
      const id = this.nextId++;
      if (this.waiting.size === 0) worker.ref(); // a check is owed: stay alive until it is answered
      this.waiting.set(id, { credential, at, resolve });
      const request: ProofCheckRequest = { id, credential: JSON.stringify(credential), at: at.toISOString() };
      worker.postMessage(request);
    });
  };

  /** Stops the thread; checks still owed are answered in this thread. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.stop();
    if (worker) await worker.terminate();
  }

  private stop(): void {
    this.worker = undefined;
    const owed = [...this.waiting.values()];
    this.waiting.clear();
    for (const { credential, at, resolve } of owed) resolve(fastProofValid(credential, at));
  }
}
