/**
 * @module credentials/sign-worker — piscina worker: signs one batch per task. Loaded through
 * `sign-worker.mjs`, which registers tsx so this TypeScript file runs in a plain worker thread.
 */
import { Piscina } from 'piscina';
import { issueSerialized, type IssueContext, type IssueDraft } from './issue-batch.js';
import { signEach, type SignOutcome, type SigningPath } from './sign-core.js';
import { warmUp } from './warm-up.js';
import type { Json } from './libs.js';
import type { SignerSpec } from './signer.js';

/** Sign ready-made documents (status lists, any credential JSON). */
export interface SignTask {
  kind: 'sign';
  unsigned: Json[];
  signer: SignerSpec;
  /** ISO time for the proofs' `created`. */
  now: string;
  path?: SigningPath;
}

/** Build, sign and serialize credentials from drafts (the issuing engine's batches). */
export interface IssueTask {
  kind: 'issue';
  context: IssueContext;
  drafts: IssueDraft[];
  signer: SignerSpec;
  now: string;
  path?: SigningPath;
}

/** Compile the fast path before the first real batch (see warm-up.ts). */
export interface WarmUpTask {
  kind: 'warm-up';
  count: number;
}

/**
 * `sign`: only the proofs travel back (the main thread has the documents). `issue`: the signed
 * credentials' JSON as one buffer, moved to the main thread rather than copied.
 */
export default async function signTask(task: SignTask | IssueTask | WarmUpTask): Promise<SignOutcome[] | unknown> {
  if (task.kind === 'warm-up') return warmUp(task.count);
  if (task.kind === 'issue') return Piscina.move(await issueSerialized(task.context, task.drafts, task.signer, new Date(task.now), task.path));
  return signEach(task.unsigned, task.signer, new Date(task.now), task.path);
}
