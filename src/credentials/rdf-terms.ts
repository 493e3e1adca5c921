/**
 * @module credentials/rdf-terms — RDF terms and quads in the shape `rdf-canonize` reads, plus the
 * IRIs that the VC 2.0 and OB 3.0.3 contexts expand our credential's terms to (learned from
 * `jsonld.toRDF`, and checked against it by test/credentials/fast-rdf.test.ts).
 */

export interface NamedNode {
  termType: 'NamedNode';
  value: string;
}
export interface BlankNode {
  termType: 'BlankNode';
  value: string;
}
export interface Literal {
  termType: 'Literal';
  value: string;
  datatype: NamedNode;
}
export interface Quad {
  subject: NamedNode | BlankNode;
  predicate: NamedNode;
  object: NamedNode | BlankNode | Literal;
  graph: { termType: 'DefaultGraph'; value: '' };
}

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

const GRAPH = { termType: 'DefaultGraph', value: '' } as const;

export const named = (value: string): NamedNode => ({ termType: 'NamedNode', value });
export const literal = (value: string, datatype: string = DT.string): Literal => ({ termType: 'Literal', value, datatype: named(datatype) });
export const quad = (subject: NamedNode | BlankNode, predicate: string, object: NamedNode | BlankNode | Literal): Quad => ({
  subject,
  predicate: named(predicate),
  object,
  graph: GRAPH,
});

/** A key that is equal for equal quads: JSON-LD merges equal values, so the dataset is a set. */
export function quadKey(q: Quad): string {
  const o = q.object;
  const obj = o.termType === 'Literal' ? `L${o.value}\u0000${o.datatype.value}` : `${o.termType[0]}${o.value}`;
  return `${q.subject.termType[0]}${q.subject.value}\u0000${q.predicate.value}\u0000${obj}`;
}
