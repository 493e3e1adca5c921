/**
 * @module credentials/issue-checks — the checks `vc.issue` runs before signing (@digitalbazaar/vc's
 * `_checkCredential` in issue mode), for the credential shape the fast path covers: there the
 * library could still refuse a missing `VerifiableCredential` type, a malformed date, or an issuer
 * or status id that is not a URL. Same order, same messages; test/credentials/issue-checks.test.ts
 * compares the two on generated credentials. Kept apart from the library so signing threads need
 * not load the JSON-LD stack.
 */
type Json = Record<string, unknown>;

/** The library's date pattern (helpers.js `dateRegex`), unanchored as it is there. */
const DATE = new RegExp(
  '-?([1-9][0-9]{3,}|0[0-9]{3})' +
    '-(0[1-9]|1[0-2])' +
    '-(0[1-9]|[12][0-9]|3[01])' +
    'T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?|(24:00:00(\\.0+)?))' +
    '(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?',
);

const values = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function checkUri(id: unknown, propertyName: string): void {
  let parsed: URL;
  try {
    parsed = new URL(id as string);
  } catch (e) {
    throw new TypeError(`"${propertyName}" must be a URI: "${String(id)}".`, { cause: e });
  }
  if (!parsed.protocol) throw new TypeError(`"${propertyName}" must be a URI: "${String(id)}".`);
}

/** Throws what `vc.issue` would throw for this (covered-shape) credential, or returns. */
export function checkIssuable(credential: Json): void {
  if (!values(credential.type).includes('VerifiableCredential')) throw new Error('"type" must include `VerifiableCredential`.');
  for (const prop of ['validUntil', 'validFrom']) {
    const value = credential[prop];
    if (value && !DATE.test(value as string)) throw new Error(`"${prop}" must be a valid date: ${String(value)}`);
  }
  const issuer = credential.issuer;
  const issuerId = typeof issuer === 'string' ? issuer : (issuer as Json).id;
  if (!issuerId) throw new Error('"issuer" id is required.');
  checkUri(issuerId, 'issuer');
  for (const status of values(credential.credentialStatus)) {
    if ('id' in (status as Json)) checkUri((status as Json).id, 'credentialStatus.id');
  }
}
