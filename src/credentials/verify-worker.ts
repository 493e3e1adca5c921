/**
 * @module credentials/verify-worker — the proof-checking thread (verify-thread.ts): one message per
 * credential in, one verdict out. Loaded through `verify-worker.mjs` when running from source.
 */
import { parentPort } from 'node:worker_threads';
import { fastProofValid } from './fast-verify.js';
import type { Json } from './libs.js';

export interface ProofCheckRequest {
  id: number;
  /** The signed credential's JSON text (a string crosses threads far cheaper than an object). */
  credential: string;
  /** ISO time to check the proof at. */
  at: string;
}

export interface ProofCheckReply {
  id: number;
  /** true: the fast path confirms the proof; false: ask the library, which words any failure. */
  valid: boolean;
}

function check({ id, credential, at }: ProofCheckRequest): ProofCheckReply {
  try {
    return { id, valid: fastProofValid(JSON.parse(credential) as Json, new Date(at)) === true };
  } catch {
    return { id, valid: false };
  }
}

parentPort?.on('message', (request: ProofCheckRequest) => parentPort!.postMessage(check(request)));
