/**
 * @module credentials/sign-library — the plain library signing path (vc.issue + eddsa-rdfc-2022 over
 * JSON-LD): the reference, and the fallback for any credential the fast path does not cover.
 * Loaded on first use, so a signing thread that only ever takes the fast path never loads the
 * JSON-LD stack (about 8 MB per thread).
 */
import { offlineDocumentLoader } from './document-loader.js';
import { ed25519FromMultikey, issueWithSuite, signingSuite, type Ed25519KeyPair, type Json } from './libs.js';
import type { SignerSpec } from './signer.js';

const keyPairs = new Map<string, Promise<Ed25519KeyPair>>();
const loader = offlineDocumentLoader();

function keyPairFor(spec: SignerSpec): Promise<Ed25519KeyPair> {
  const cacheKey = `${spec.keyId} ${spec.secretKeyMultibase}`;
  let kp = keyPairs.get(cacheKey);
  if (!kp) {
    kp = ed25519FromMultikey({
      id: spec.keyId,
      controller: spec.controller,
      publicKeyMultibase: spec.publicKeyMultibase,
      secretKeyMultibase: spec.secretKeyMultibase,
    });
    keyPairs.set(cacheKey, kp);
    kp.catch(() => keyPairs.delete(cacheKey));
  }
  return kp;
}

/** Signs with the library; `proof` as a one-element array (the OB 3.0 schema requires an array). */
export async function signWithLibrary(credential: Json, spec: SignerSpec, now: Date): Promise<Json> {
  const signed = await issueWithSuite({ ...credential }, signingSuite(await keyPairFor(spec), now), loader);
  signed.proof = Array.isArray(signed.proof) ? signed.proof : [signed.proof];
  return signed;
}
