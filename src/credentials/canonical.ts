/**
 * @module credentials/canonical — the canonical N-Quads (RDFC-1.0) that eddsa-rdfc-2022 hashes, from
 * datasets built directly (rdf-credential.ts), and the proof options' canonical form and hash.
 */
import { hash } from 'node:crypto';
import { canonizeNQuadsSync } from './rdfc-library.js';
import { credentialDataset, flatten, type CredentialDataset } from './rdf-credential.js';
import { canonicalizeParts } from './rdfc-fast.js';
import { ASSERTION_METHOD, CLASS, DT, P, iriTerm, isSafeIri, literalTerm, nquads, type Triple } from './rdf-terms.js';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './types.js';

/** RDFC-1.0 over a dataset: the first-degree shortcut when it settles every label, else rdf-canonize. */
function canonicalizeDataset(dataset: CredentialDataset): string {
  return canonicalizeParts(dataset.own, dataset.parts) ?? canonizeNQuadsSync(nquads(flatten(dataset)));
}

export function canonicalize(triples: Triple[]): string {
  return canonicalizeDataset({ own: triples, parts: [] });
}

/** Canonical N-Quads of an unsigned credential of the covered shape, or undefined (use the library). */
export function canonicalCredential(doc: object): string | undefined {
  const dataset = credentialDataset(doc);
  return dataset && canonicalizeDataset(dataset);
}

export interface ProofOptions {
  created: string;
  verificationMethod: string;
}

/** `created` the way Data Integrity writes it (W3C date-time, no milliseconds). */
export function proofCreated(now: Date): string {
  return now.toISOString().slice(0, -5) + 'Z';
}

const XSD_DATE_TIME = /^-?(?:[1-9][0-9]{3,}|0[0-9]{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$/;

/**
 * Canonical N-Quads of the proof options (the proof without `proofValue`, under the credential's
 * contexts): one blank node, so rdf-canonize labels it `_:c14n0`. The same for a whole batch.
 * Undefined when a value is outside what the fast path covers.
 */
export function canonicalProofOptions(opts: ProofOptions): string | undefined {
  if (!XSD_DATE_TIME.test(opts.created) || !isSafeIri(opts.verificationMethod)) return undefined;
  const node = '_:p';
  return canonicalize([
    [node, iriTerm(P.type), iriTerm(CLASS.DataIntegrityProof)],
    [node, iriTerm(P.created), literalTerm(opts.created, DT.dateTime)],
    [node, iriTerm(P.verificationMethod), iriTerm(opts.verificationMethod)],
    [node, iriTerm(P.cryptosuite), literalTerm('eddsa-rdfc-2022', DT.cryptosuite)],
    [node, iriTerm(P.proofPurpose), iriTerm(ASSERTION_METHOD)],
  ]);
}

/**
 * The bytes eddsa-rdfc-2022 signs for one set of proof options: sha256(canonical proof options) ‖
 * sha256(canonical document). The options' hash is taken once; the returned function writes each
 * document's hash into the same 64-byte buffer (no Buffers per credential), so use the bytes before
 * the next call: signing and verifying with node:crypto are synchronous, so they do.
 */
export function verifyDataFor(canonicalProofOptions: string): (canonicalDocument: string) => Buffer {
  const data = Buffer.alloc(64);
  data.write(hash('sha256', canonicalProofOptions, 'hex'), 0, 'hex');
  return (canonicalDocument) => {
    data.write(hash('sha256', canonicalDocument, 'hex'), 32, 'hex');
    return data;
  };
}

/** The contexts the fast path covers (the proof options are canonicalized under the document's contexts). */
export const COVERED_CONTEXTS = [VC_V2_CONTEXT, OB_V3_CONTEXT] as const;
