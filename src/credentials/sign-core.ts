/**
 * @module credentials/sign-core — signs credentials in the current thread (worker threads and tiny
 * batches). The fast path builds our credential's RDF dataset directly and signs with node:crypto;
 * anything it does not cover goes through the plain library path (vc.issue + eddsa-rdfc-2022),
 * which stays the reference: both give byte-for-byte the same proof.
 */
import type { KeyObject } from 'node:crypto';
import { canonicalCredential, canonicalProofOptions, proofCreated, verifyDataFor } from './canonical.js';
import { privateKeyFromMultibase, signToProofValue } from './ed25519.js';
import { checkIssuable } from './issue-checks.js';
import type { Json } from './libs.js';
import type { SignerSpec } from './signer.js';

/** 'auto': the fast path where it covers the credential, else the library; 'library': always the library. */
export type SigningPath = 'auto' | 'library';

const privateKeys = new Map<string, KeyObject>();

function privateKeyFor(spec: SignerSpec): KeyObject {
  const cacheKey = `${spec.keyId} ${spec.secretKeyMultibase}`;
  let key = privateKeys.get(cacheKey);
  if (!key) privateKeys.set(cacheKey, (key = privateKeyFromMultibase(spec.secretKeyMultibase)));
  return key;
}

async function signWithLibrary(credential: Json, spec: SignerSpec, now: Date): Promise<Json> {
  const library = await import('./sign-library.js'); // loaded on first use only
  return library.signWithLibrary(credential, spec, now);
}

/** What a signing thread hands back: just the proof (fast path: the caller attaches it), or the whole signed document (library). */
export type SignOutcome = { proof: Json } | { signed: Json };

/** Per batch: the proof options (same `created` and key for every credential) are hashed once. */
function fastProver(spec: SignerSpec, now: Date): ((credential: Json) => Json | undefined) | undefined {
  const created = proofCreated(now);
  const options = canonicalProofOptions({ created, verificationMethod: spec.keyId });
  if (options === undefined) return undefined;
  const verifyData = verifyDataFor(options);
  const key = privateKeyFor(spec);
  return (credential) => {
    const canonical = canonicalCredential(credential);
    if (canonical === undefined) return undefined;
    checkIssuable(credential); // what vc.issue checks before signing, same errors
    const proofValue = signToProofValue(verifyData(canonical), key);
    return { type: 'DataIntegrityProof', created, verificationMethod: spec.keyId, cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', proofValue };
  };
}

/** Signs each credential: the fast path where it covers it, else the library. */
export async function signEach(unsigned: Json[], spec: SignerSpec, now: Date = new Date(), path: SigningPath = 'auto'): Promise<SignOutcome[]> {
  const fast = path === 'auto' ? fastProver(spec, now) : undefined;
  const out: SignOutcome[] = [];
  for (const credential of unsigned) {
    if ('proof' in credential) throw new Error('Credential is already signed (it has a "proof")');
    const proof = fast?.(credential);
    out.push(proof ? { proof } : { signed: await signWithLibrary(credential, spec, now) });
  }
  return out;
}

/** The signed credential: `proof` as a one-element array (the OB 3.0 schema requires an array), after the other keys as the library puts it. */
export function withProof(credential: Json, outcome: SignOutcome): Json {
  return 'proof' in outcome ? { ...credential, proof: [outcome.proof] } : outcome.signed;
}

export async function signInThread(unsigned: Json[], spec: SignerSpec, now: Date = new Date(), path: SigningPath = 'auto'): Promise<Json[]> {
  const outcomes = await signEach(unsigned, spec, now, path);
  return unsigned.map((c, i) => withProof(c, outcomes[i]));
}
