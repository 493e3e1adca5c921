/**
 * @module credentials/fast-verify — verification without JSON-LD for the credentials we issue: the
 * canonical form from our RDF builder, Ed25519 checked with node:crypto against the did:key, and the
 * revocation bit read from a status list whose own (library) verification is cached. It can only
 * confirm: anything unusual, and every failure, returns undefined so the library path decides and
 * words the errors.
 */
import type { KeyObject } from 'node:crypto';
import { canonicalCredential, canonicalProofOptions, verifyDataFor } from './canonical.js';
import { publicKeyFromMultibase, verifyProofValue } from './ed25519.js';
import { checkCredential, decodeStatusList, verifyWithLibrary, type BitstringStatusList, type DocumentLoader, type Json } from './libs.js';
import type { StatusListSource } from './document-loader.js';

const PROOF_KEYS = ['type', 'created', 'verificationMethod', 'cryptosuite', 'proofPurpose', 'proofValue'];
const DID_KEY_VM = /^(did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+))#\2$/;

/** Small bounded caches: a few issuer keys, proof options (each with its hashed half of the signed bytes) and status lists are all a server sees. */
function boundedCache<V>(max: number) {
  const map = new Map<string, V>();
  return {
    get: (k: string) => map.get(k),
    set(k: string, v: V) {
      if (map.size >= max) map.delete(map.keys().next().value as string);
      map.set(k, v);
    },
  };
}
const publicKeys = boundedCache<KeyObject>(64);
const verifyDataOf = boundedCache<(canonicalDocument: string) => Buffer>(1024);
const statusLists = boundedCache<{ document: Json; bits: Promise<BitstringStatusList | undefined> }>(64);

function publicKeyOf(fingerprint: string): KeyObject | undefined {
  let key = publicKeys.get(fingerprint);
  if (!key) {
    try {
      key = publicKeyFromMultibase(fingerprint);
    } catch {
      return undefined;
    }
    publicKeys.set(fingerprint, key);
  }
  return key;
}

/** True when the one eddsa-rdfc-2022 proof of a credential of our shape is valid at `now`; undefined: ask the library. */
export function fastProofValid(credential: Json, now: Date): true | undefined {
  const proofs = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  const proof = proofs.length === 1 ? (proofs[0] as Json | undefined) : undefined;
  if (!proof || typeof proof !== 'object' || Object.keys(proof).some((k) => !PROOF_KEYS.includes(k))) return undefined;
  const { type, created, verificationMethod: vm, cryptosuite, proofPurpose, proofValue } = proof;
  if (type !== 'DataIntegrityProof' || cryptosuite !== 'eddsa-rdfc-2022' || proofPurpose !== 'assertionMethod') return undefined;
  if (typeof created !== 'string' || typeof vm !== 'string' || typeof proofValue !== 'string') return undefined;
  // did:key: the key is in the identifier, and the credential's issuer must be its controller.
  const match = DID_KEY_VM.exec(vm);
  const issuer = credential.issuer as Json | undefined;
  if (!match || !issuer || typeof issuer !== 'object' || issuer.id !== match[1]) return undefined;
  const key = publicKeyOf(match[2]);
  if (!key) return undefined;
  const { proof: _proof, ...document } = credential;
  const canonical = canonicalCredential(document);
  if (canonical === undefined) return undefined;
  try {
    checkCredential(credential, 'verify', now); // dates against `now`, issuer URL, …: the library's own checks
  } catch {
    return undefined;
  }
  const optionsKey = `${created} ${vm}`;
  let verifyData = verifyDataOf.get(optionsKey);
  if (!verifyData) {
    const options = canonicalProofOptions({ created, verificationMethod: vm });
    if (options === undefined) return undefined;
    verifyDataOf.set(optionsKey, (verifyData = verifyDataFor(options)));
  }
  return verifyProofValue(verifyData(canonical), proofValue, key) ? true : undefined;
}

/** Structural equality of two JSON values (a status list's long `encodedList` compares as one string). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && sameJson((a as Json)[k], (b as Json)[k]));
}

/**
 * The status list's bits once the library has verified it. Cached per signature and reused only for
 * an identical document (compared field by field: cheaper than hashing the ~22 KB list per request).
 */
function verifiedList(list: Json, documentLoader: DocumentLoader): Promise<BitstringStatusList | undefined> {
  const proof = (Array.isArray(list.proof) ? list.proof[0] : list.proof) as Json | undefined;
  const id = typeof proof?.proofValue === 'string' ? proof.proofValue : '';
  const cached = statusLists.get(id);
  if (cached && sameJson(cached.document, list)) return cached.bits;
  const document = structuredClone(list); // what was verified, safe from the caller's later changes
  const bits = (async () => {
    const result = await verifyWithLibrary({ credential: structuredClone(document), documentLoader, checkStatus: false });
    const subject = document.credentialSubject as Json;
    return result.verified ? decodeStatusList(subject.encodedList as string) : undefined;
  })().catch(() => undefined);
  statusLists.set(id, { document, bits });
  return bits;
}

/**
 * The revocation bit of a credential's BitstringStatusListEntry, with the checks
 * vc-bitstring-status-list makes; undefined for anything it would word as an error.
 */
export async function fastRevoked(credential: Json, source: StatusListSource, documentLoader: DocumentLoader): Promise<boolean | undefined> {
  const entry = credential.credentialStatus as Json | undefined;
  if (!entry || typeof entry !== 'object' || Array.isArray(entry) || entry.type !== 'BitstringStatusListEntry') return undefined;
  const { statusPurpose, statusListCredential: url, statusListIndex, id } = entry;
  if (typeof statusPurpose !== 'string' || typeof url !== 'string' || id === url) return undefined;
  const index = parseInt(statusListIndex as string, 10);
  if (Number.isNaN(index) || index < 0) return undefined;
  const list = await source(url).catch(() => undefined);
  const subject = list?.credentialSubject as Json | undefined;
  if (!list || !subject || list.credentialStatus !== undefined || list.validUntil !== undefined || !Array.isArray(list.type) || !list.type.includes('BitstringStatusListCredential')) return undefined;
  if (subject.type !== 'BitstringStatusList' || subject.statusPurpose !== statusPurpose || typeof subject.encodedList !== 'string') return undefined;
  const issuerOf = (vc: Json) => (typeof vc.issuer === 'object' && vc.issuer !== null ? (vc.issuer as Json).id : vc.issuer);
  if (!issuerOf(credential) || issuerOf(credential) !== issuerOf(list)) return undefined;
  const bits = await verifiedList(list, documentLoader);
  if (!bits || index >= bits.length) return undefined;
  return bits.getStatus(index);
}
