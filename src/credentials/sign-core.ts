/**
 * @module credentials/sign-core — signs credentials in the current thread with the plain library
 * path (vc.issue + eddsa-rdfc-2022). Used by the worker threads and for tiny batches.
 */
import { ed25519FromMultikey, issueWithSuite, signingSuite, type Ed25519KeyPair, type Json } from './libs.js';
import { offlineDocumentLoader } from './document-loader.js';
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

/** Signs each credential; `proof` becomes a one-element array (the OB 3.0 schema requires an array). */
export async function signInThread(unsigned: Json[], spec: SignerSpec, now: Date = new Date()): Promise<Json[]> {
  const keyPair = await keyPairFor(spec);
  const out: Json[] = [];
  for (const credential of unsigned) {
    if ('proof' in credential) throw new Error('Credential is already signed (it has a "proof")');
    const signed = await issueWithSuite({ ...credential }, signingSuite(keyPair, now), loader);
    signed.proof = Array.isArray(signed.proof) ? signed.proof : [signed.proof];
    out.push(signed);
  }
  return out;
}
