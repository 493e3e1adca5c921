/**
 * @module credentials/rdf-terms — RDF terms and quads in the shape `rdf-canonize` reads, plus the
 * IRIs that the VC 2.0 and OB 3.0.3 contexts expand our credential's terms to (learned from
 * `jsonld.toRDF`, and checked against it by test/credentials/fast-rdf.test.ts).
 */

/**
 * One RDF triple (default graph) as its three N-Quads terms, already serialized the way rdf-canonize
 * writes them: `<iri>`, `"literal"` / `"literal"^^<datatype>`, or a blank node `_:b0`. `tail`, when
 * present, is the line after the subject (`<p> <o> .\n`), computed once for triples a batch shares.
 */
export type Triple = [subject: string, predicate: string, object: string, tail?: string];

const CRED = 'https://www.w3.org/2018/credentials#';
const OB = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#';
const SCHEMA = 'https://schema.org/';
const STATUS = 'https://www.w3.org/ns/credentials/status#';
const SEC = 'https://w3id.org/security#';

/** Datatypes. Note the OB 3.0.3 context's `https://` XML Schema namespace for booleans and URIs. */
export const DT = {
  string: 'http://www.w3.org/2001/XMLSchema#string',
  dateTime: 'http://www.w3.org/2001/XMLSchema#dateTime',
  obBoolean: 'https://www.w3.org/2001/XMLSchema#boolean',
  obAnyUri: 'https://www.w3.org/2001/XMLSchema#anyURI',
  cryptosuite: `${SEC}cryptosuiteString`,
} as const;

export const P = {
  type: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type',
  credentialSubject: `${CRED}credentialSubject`,
  issuer: `${CRED}issuer`,
  validFrom: `${CRED}validFrom`,
  validUntil: `${CRED}validUntil`,
  credentialStatus: `${CRED}credentialStatus`,
  name: `${SCHEMA}name`,
  description: `${SCHEMA}description`,
  url: `${SCHEMA}url`,
  email: `${SCHEMA}email`,
  keywords: `${SCHEMA}keywords`,
  inLanguage: `${SCHEMA}inLanguage`,
  targetName: `${SCHEMA}targetName`,
  targetUrl: `${SCHEMA}targetUrl`,
  value: `${SCHEMA}value`,
  image: `${OB}image`,
  achievement: `${OB}achievement`,
  identifier: `${OB}identifier`,
  identityHash: `${OB}identityHash`,
  identityType: `${OB}identityType`,
  hashed: `${OB}hashed`,
  salt: `${OB}salt`,
  result: `${OB}result`,
  resultDescription: `${OB}resultDescription`,
  resultType: `${OB}resultType`,
  criteria: `${OB}Criteria`,
  narrative: `${OB}narrative`,
  achievementType: `${OB}achievementType`,
  humanCode: `${OB}humanCode`,
  alignment: `${OB}alignment`,
  statusPurpose: `${STATUS}statusPurpose`,
  statusListIndex: `${STATUS}statusListIndex`,
  statusListCredential: `${STATUS}statusListCredential`,
  created: 'http://purl.org/dc/terms/created',
  cryptosuite: `${SEC}cryptosuite`,
  proofPurpose: `${SEC}proofPurpose`,
  verificationMethod: `${SEC}verificationMethod`,
} as const;

/** The `type` values our credential uses, by the class IRI each expands to. */
export const CLASS: Record<string, string> = {
  VerifiableCredential: `${CRED}VerifiableCredential`,
  OpenBadgeCredential: `${OB}OpenBadgeCredential`,
  Profile: `${OB}Profile`,
  Image: `${OB}Image`,
  AchievementSubject: `${OB}AchievementSubject`,
  IdentityObject: `${OB}IdentityObject`,
  Achievement: `${OB}Achievement`,
  Alignment: `${SCHEMA}AlignmentObject`,
  ResultDescription: `${OB}ResultDescription`,
  Result: `${OB}Result`,
  BitstringStatusListEntry: `${STATUS}BitstringStatusListEntry`,
  DataIntegrityProof: `${SEC}DataIntegrityProof`,
};

export const ASSERTION_METHOD = `${SEC}assertionMethod`;

/**
 * IRIs the fast path takes as they are. JSON-LD keeps an absolute IRI unchanged (base is null) but
 * would expand `prefix:x` when `prefix` is a context term, drop relative ones and make `_:x` a blank
 * node; so only schemes no context defines as a term, and nothing JSON-LD calls whitespace.
 */
const SAFE_IRI = /^(?:https?:\/\/|did:|data:|urn:|mailto:)[^\s<>"{}|\\^`\u0000-\u001f\u007f]*$/;
export function isSafeIri(v: unknown): v is string {
  return typeof v === 'string' && SAFE_IRI.test(v);
}

// rdf-canonize's escaping (NQuads.js): ECHARs for \b \t \n \f \r " \\, \uXXXX for the other controls;
// in IRIs \uXXXX for controls, space and <>"{}|^`\.
const LITERAL_ESCAPE = /[\u0000-\u001F\u007F"\\]/g;
const NEEDS_LITERAL_ESCAPE = /[\u0000-\u001F\u007F"\\]/;
const IRI_ESCAPE = /[\u0000-\u0020<>"{}|^`\\]/g;
const NEEDS_IRI_ESCAPE = /[\u0000-\u0020<>"{}|^`\\]/;
const ECHAR: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' };
const uchar = (c: string) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

/** `<iri>` as an N-Quads term. */
export function iriTerm(value: string): string {
  return `<${NEEDS_IRI_ESCAPE.test(value) ? value.replace(IRI_ESCAPE, uchar) : value}>`;
}

/** A literal as an N-Quads term; `xsd:string` is implied, as in canonical N-Quads. */
export function literalTerm(value: string, datatype: string = DT.string): string {
  const v = NEEDS_LITERAL_ESCAPE.test(value) ? value.replace(LITERAL_ESCAPE, (c) => ECHAR[c] ?? uchar(c)) : value;
  return datatype === DT.string ? `"${v}"` : `"${v}"^^${iriTerm(datatype)}`;
}

export const isBlank = (term: string): boolean => term.charCodeAt(0) === 95; // '_'

/** The N-Quads document of some triples (one line each, in the given order). */
export function nquads(triples: Triple[]): string {
  return triples.map(([s, p, o]) => `${s} ${p} ${o} .\n`).join('');
}
