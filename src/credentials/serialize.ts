/**
 * @module credentials/serialize — the signed credentials' JSON lines as UTF-8, byte for byte what
 * `JSON.stringify(withProof(credential, outcome))` gives, at a fraction of its cost and garbage for
 * what the signing threads issue: written straight as bytes in the key order credentialBuilder emits,
 * with the issuer and achievement a batch shares rendered once, and the text around each
 * credential's own values remembered while it repeats (json-shape.ts). Any other document (a
 * library-signed one, a credential of another shape) goes through JSON.stringify.
 */
import { JsonBytes } from './json-bytes.js';
import { OTHER_SHAPE, Shape, list, renderOnce, value, type Hole } from './json-shape.js';
import type { Json } from './libs.js';
import { shareable } from './rdf-credential.js';
import { withProof, type SignOutcome } from './sign-core.js';

/** Deep-freezes `value` (rdf-credential's shareable: its triples are worked out once) and renders its JSON once. */
export function sharedPart<T extends object>(value: T): T {
  shareable(value);
  renderOnce(value);
  return value;
}

const emailIdentity = new Shape(['type', 'identityHash', 'identityType', 'hashed', 'salt'], { identityHash: value, salt: value });
const nameIdentity = new Shape(['type', 'identityType', 'hashed', 'identityHash'], { identityHash: value });
/** One per position: a position holds the same attribute throughout a batch (mostly). */
const results = Array.from({ length: 8 }, () => new Shape(['type', 'resultDescription', 'value'], { value }));

const identifier = list((w, v) => (emailIdentity.matches(v) ? emailIdentity : nameIdentity).write(w, v));
const result = list((w, v, i) => results[i % results.length]!.write(w, v));

const subject = new Shape(['type', 'identifier', 'achievement'], { identifier });
const subjectWithResult = new Shape(['type', 'identifier', 'achievement', 'result'], { identifier, result });
const credentialSubject: Hole = (w, v) => (subjectWithResult.matches(v) ? subjectWithResult : subject).write(w, v);
const credentialStatus: Hole = (w, v) => status.write(w, v);
const status = new Shape(['id', 'type', 'statusPurpose', 'statusListIndex', 'statusListCredential'], { id: value, statusListIndex: value });

// The credential's own keys; `proof` follows them, as withProof puts it.
const TOP_HOLES = { id: value, credentialSubject, credentialStatus };
const credential = new Shape(['@context', 'id', 'type', 'issuer', 'validFrom', 'name', 'credentialSubject', 'credentialStatus'], TOP_HOLES, false);
const expiringCredential = new Shape(['@context', 'id', 'type', 'issuer', 'validFrom', 'validUntil', 'name', 'credentialSubject', 'credentialStatus'], TOP_HOLES, false);
const proof = new Shape(['type', 'created', 'verificationMethod', 'cryptosuite', 'proofPurpose', 'proofValue'], { proofValue: value });

/**
 * Writes exactly the UTF-8 of `JSON.stringify(withProof(credential, outcome))`. True when it was
 * written by hand, false when the document is of another shape and went through JSON.stringify.
 */
export function writeSignedJson(w: JsonBytes, doc: Json, outcome: SignOutcome): boolean {
  const start = w.length;
  if ('proof' in outcome) {
    try {
      (doc.validUntil === undefined ? credential : expiringCredential).write(w, doc);
      w.ascii(',"proof":[');
      proof.write(w, outcome.proof);
      w.ascii(']}');
      return true;
    } catch (err) {
      if (err !== OTHER_SHAPE) throw err;
      w.truncate(start);
    }
  }
  w.text(JSON.stringify(withProof(doc, outcome)));
  return false;
}

/** The signing thread's buffer, reused from batch to batch (each batch's bytes are copied out). */
let scratch: JsonBytes | undefined;
/** A bigger one (credentials with data: images, say) is dropped after its batch rather than kept for the thread's life. */
const KEEP_AT_MOST = 4 * 1024 * 1024;

/**
 * The signed documents' JSON (exactly JSON.stringify's), one per line, as UTF-8. JSON escapes every
 * newline inside strings, so a raw newline byte only ever separates two documents. The bytes have
 * memory of their own (not a pooled Buffer's), so they can be moved to another thread.
 */
export function signedJsonLines(unsigned: Json[], outcomes: SignOutcome[]): Uint8Array {
  const w = (scratch ??= new JsonBytes());
  w.truncate(0);
  for (let i = 0; i < unsigned.length; i++) {
    if (i) w.byte(0x0a);
    writeSignedJson(w, unsigned[i]!, outcomes[i]!);
  }
  const bytes = w.slice(0, w.length);
  if (w.capacity > KEEP_AT_MOST) scratch = undefined;
  return bytes;
}
