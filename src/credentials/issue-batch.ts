/**
 * @module credentials/issue-batch — builds, signs and serializes a batch of credentials in one step,
 * meant to run in a signing thread. Only the small drafts travel to the thread, and only the signed
 * credentials' UTF-8 JSON travels back (one buffer per chunk, moved, not copied): the main thread
 * never builds, clones or re-encodes a credential. Profiles showed that work (object cloning both
 * ways, JSON.stringify, UTF-8 encoding for the Redis socket, and the garbage it left) costing the
 * main thread more than signing cost each worker.
 */
import type { Group } from '../domain/types.js';
import { credentialBuilder, type RecipientInput, type IssuerInfo } from './build.js';
import type { Json } from './libs.js';
import { signedJsonLines } from './serialize.js';
import { signEach, type SigningPath } from './sign-core.js';
import type { SignerSpec } from './signer.js';

/** What every credential of a batch shares. */
export interface IssueContext {
  publicBaseUrl: string;
  tenantId: string;
  issuer: IssuerInfo;
  group: Group;
}

/** One recipient's part of a credential (the rest comes from the context). */
export type IssueDraft = RecipientInput;

const NEWLINE = 0x0a;

/**
 * The signed credentials as UTF-8 JSON, one per line, in draft order. JSON escapes every newline
 * inside strings, so a raw newline byte only ever separates two documents.
 */
export async function issueSerialized(context: IssueContext, drafts: IssueDraft[], spec: SignerSpec, now: Date, path?: SigningPath): Promise<Uint8Array> {
  const build = credentialBuilder(context);
  const unsigned = drafts.map((d) => build(d) as unknown as Json);
  const outcomes = await signEach(unsigned, spec, now, path);
  return signedJsonLines(unsigned, outcomes);
}

/** Splits `issueSerialized`'s output into one view per credential (no copying). */
export function splitDocuments(bytes: Uint8Array, expected: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    out.push(bytes.subarray(start, end));
    start = end + 1;
  }
  if (out.length !== expected) throw new Error(`signing thread returned ${out.length} credentials for ${expected} drafts`);
  return out;
}
