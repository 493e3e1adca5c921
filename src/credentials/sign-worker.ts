/**
 * @module credentials/sign-worker — piscina worker: signs one batch per task. Loaded through
 * `sign-worker.mjs`, which registers tsx so this TypeScript file runs in a plain worker thread.
 */
import { signEach, type SignOutcome, type SigningPath } from './sign-core.js';
import type { Json } from './libs.js';
import type { SignerSpec } from './signer.js';

export interface SignTask {
  unsigned: Json[];
  signer: SignerSpec;
  /** ISO time for the proofs' `created`. */
  now: string;
  path?: SigningPath;
}

/** Only the proofs travel back (the main thread has the credentials): half the copying between threads. */
export default async function signTask(task: SignTask): Promise<SignOutcome[]> {
  return signEach(task.unsigned, task.signer, new Date(task.now), task.path);
}
