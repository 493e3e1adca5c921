/**
 * @module credentials/rdf-credential — the RDF dataset of an unsigned OpenBadgeCredential of the shape
 * `buildCredential` emits, built straight from the JSON (no JSON-LD expansion: ~50x faster), quad for
 * quad what `jsonld.toRDF` gives with the VC 2.0 + OB 3.0.3 contexts. Strict: any key, type or value
 * it does not know returns undefined, and the caller takes the library path instead.
 */
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './types.js';
import { CLASS, DT, P, iriTerm, isBlank, isSafeIri, literalTerm, type Triple } from './rdf-terms.js';
import { prepareShared, type SharedPart } from './rdfc-fast.js';

type Obj = Record<string, unknown>;
/** A subject or object as its N-Quads term (`<iri>` or `_:b0`). */
type Node = string;

/** Thrown inside the walk when the document leaves the covered shape; never escapes this module. */
class NotCovered extends Error {}
const bail = (): never => {
  throw new NotCovered();
};

function obj(v: unknown): Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : bail();
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : bail();
}
/**
 * IRIs the walk has accepted, as their N-Quads terms. A batch repeats the same few (the issuer, the
 * achievement, its result descriptions, the status list), so checking and escaping each once saves
 * a good part of the walk. Bounded: credential ids never repeat. Small enough that a signing
 * thread's warm-up fills and clears it (a clear first seen in a real job cost a deopt and a recompile).
 */
const iriTerms = new Map<string, string>();
const IRI_TERMS_MAX = 1024;

/** `<iri>` for a value the fast path may take as it is; anything else leaves the covered shape. */
function iriNode(v: unknown): string {
  if (typeof v !== 'string') return bail();
  let t = iriTerms.get(v);
  if (t === undefined) {
    if (!isSafeIri(v)) return bail();
    t = iriTerm(v);
    if (iriTerms.size >= IRI_TERMS_MAX) iriTerms.clear();
    iriTerms.set(v, t);
  }
  return t;
}
/** A JSON-LD set: one value or an array of them (an empty array yields no quads). */
function many(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}
function onlyKeys(o: Obj, allowed: readonly string[]): void {
  for (const k in o) if (!allowed.includes(k)) bail();
}

/**
 * Objects a batch shares between its credentials (the issuer, the achievement): deep-frozen, so
 * their triples can be worked out once and reused. Only objects registered here are memoized: a
 * merely frozen object from elsewhere could still hold mutable children.
 */
const shared = new WeakSet<object>();
const subtrees = new WeakMap<object, { node: Node; part: SharedPart }>();
let subtreeCount = 0;

/** Deep-freezes `value` and lets the fast path reuse its triples in every credential that holds it. */
export function shareable<T extends object>(value: T): T {
  deepFreeze(value);
  shared.add(value);
  return value;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

/**
 * Walks an object once per batch when it is shared: its triples (blank nodes under their own
 * prefix, mentioned only inside it) are prepared for canonicalization once and reused by every
 * credential that holds it. A walk that leaves the covered shape throws as usual and is not
 * remembered. An object held twice by one credential, or whose root is a blank node (mentioned from
 * outside), is not what the shared preparation assumes: the library takes those.
 */
function subtree(b: DatasetBuilder, v: unknown, walk: (b: DatasetBuilder, o: Obj) => Node): Node {
  if (v === null || typeof v !== 'object' || !shared.has(v)) return walk(b, obj(v));
  let memo = subtrees.get(v);
  if (!memo) {
    const own = new DatasetBuilder(`_:s${subtreeCount++}x`);
    const node = walk(own, obj(v));
    if (isBlank(node) || own.parts.length > 0) bail();
    memo = { node, part: prepareShared(own.triples) };
    subtrees.set(v, memo);
  }
  if (b.parts.includes(memo.part)) bail();
  b.parts.push(memo.part);
  return memo.node;
}

/** `<rdf:type> <class> .\n` by class name (`type` values are a small fixed set). */
const typeTails = new Map<string, string>();

/** Predicates and classes are a small fixed set: their terms are serialized once. */
const constantTerms = new Map<string, string>();
function constant(iri: string): string {
  let t = constantTerms.get(iri);
  if (t === undefined) constantTerms.set(iri, (t = iriTerm(iri)));
  return t;
}

/**
 * Collects the triples. JSON-LD merges equal values, so the dataset is a set: equal triples of named
 * subjects are dropped when the canonical lines are sorted; a blank node's triples are made distinct
 * here (single values only, no repeated type), since they also feed its first-degree hash.
 */
class DatasetBuilder {
  readonly triples: Triple[] = [];
  /** Shared subtrees this dataset holds (their triples are not copied into `triples`). */
  readonly parts: SharedPart[] = [];
  private blanks = 0;

  constructor(private readonly blankPrefix = '_:b') {}

  blank(): Node {
    return `${this.blankPrefix}${this.blanks++}`;
  }
  add(s: Node, p: string, o: string): void {
    this.triples.push([s, constant(p), o]);
  }
  /** `s rdf:type <class>`: the line after the subject is one of a few, kept ready. */
  private addType(s: Node, type: string): void {
    let tail = typeTails.get(type);
    if (tail === undefined) typeTails.set(type, (tail = `${constant(P.type)} ${constant(CLASS[type]!)} .\n`));
    this.triples.push([s, constant(P.type), constant(CLASS[type]!), tail]);
  }
  /** `type` must be present and made only of the expected classes, each once. */
  types(s: Node, v: unknown, allowed: readonly string[]): void {
    const list = many(v);
    if (list.length === 0 || (list.length === 2 ? list[0] === list[1] : list.length > 2 && new Set(list).size !== list.length)) bail();
    for (const t of list) {
      if (typeof t !== 'string' || !allowed.includes(t)) bail();
      this.addType(s, t as string);
    }
  }
  text(s: Node, p: string, v: unknown, datatype?: string): void {
    if (v === undefined) return;
    if (Array.isArray(v) && isBlank(s)) bail();
    for (const x of many(v)) this.add(s, p, literalTerm(str(x), datatype));
  }
  /** The node for an object's `id` (required here: our shape always names these nodes). */
  namedNode(o: Obj): Node {
    return iriNode(o.id);
  }
}

function image(b: DatasetBuilder, s: Node, v: unknown): void {
  if (v === undefined) return;
  for (const x of many(v)) {
    const o = obj(x);
    onlyKeys(o, ['id', 'type']);
    const node = b.namedNode(o);
    b.types(node, o.type, ['Image']);
    b.add(s, P.image, node);
  }
}

function issuer(b: DatasetBuilder, cred: Node, v: unknown): void {
  b.add(cred, P.issuer, subtree(b, v, issuerNode));
}

function issuerNode(b: DatasetBuilder, o: Obj): Node {
  onlyKeys(o, ['id', 'type', 'name', 'url', 'email', 'image']);
  const node = b.namedNode(o);
  b.types(node, o.type, ['Profile']);
  b.text(node, P.name, str(o.name));
  b.text(node, P.url, o.url, DT.obAnyUri);
  b.text(node, P.email, o.email);
  image(b, node, o.image);
  return node;
}

function identifier(b: DatasetBuilder, subject: Node, v: unknown): void {
  const o = obj(v);
  onlyKeys(o, ['type', 'identityHash', 'identityType', 'hashed', 'salt']);
  const node = b.blank();
  b.add(subject, P.identifier, node);
  b.types(node, o.type, ['IdentityObject']);
  b.text(node, P.identityHash, str(o.identityHash));
  b.text(node, P.identityType, str(o.identityType));
  if (typeof o.hashed !== 'boolean') bail();
  b.add(node, P.hashed, literalTerm(String(o.hashed), DT.obBoolean));
  b.text(node, P.salt, o.salt);
}

function achievementNode(b: DatasetBuilder, o: Obj): Node {
  const keys = ['id', 'type', 'name', 'description', 'criteria', 'image', 'achievementType', 'humanCode', 'tag', 'alignment', 'resultDescription', 'inLanguage'];
  onlyKeys(o, keys);
  const node = b.namedNode(o);
  b.types(node, o.type, ['Achievement']);
  b.text(node, P.name, str(o.name));
  b.text(node, P.description, o.description);
  const criteria = obj(o.criteria);
  onlyKeys(criteria, ['narrative']);
  const c = b.blank();
  b.add(node, P.criteria, c);
  b.text(c, P.narrative, criteria.narrative);
  image(b, node, o.image);
  b.text(node, P.achievementType, o.achievementType);
  b.text(node, P.humanCode, o.humanCode);
  b.text(node, P.keywords, o.tag);
  for (const x of o.alignment === undefined ? [] : many(o.alignment)) {
    const a = obj(x);
    onlyKeys(a, ['type', 'targetName', 'targetUrl']);
    const an = b.blank();
    b.add(node, P.alignment, an);
    b.types(an, a.type, ['Alignment']);
    b.text(an, P.targetName, str(a.targetName));
    b.text(an, P.targetUrl, str(a.targetUrl), DT.obAnyUri);
  }
  for (const x of o.resultDescription === undefined ? [] : many(o.resultDescription)) {
    const r = obj(x);
    onlyKeys(r, ['id', 'type', 'name', 'resultType']);
    const rn = b.namedNode(r);
    b.add(node, P.resultDescription, rn);
    b.types(rn, r.type, ['ResultDescription']);
    b.text(rn, P.name, str(r.name));
    b.text(rn, P.resultType, str(r.resultType));
  }
  b.text(node, P.inLanguage, o.inLanguage);
  return node;
}

function credentialSubject(b: DatasetBuilder, cred: Node, v: unknown): void {
  const o = obj(v);
  onlyKeys(o, ['type', 'identifier', 'achievement', 'result']);
  const node = b.blank();
  b.add(cred, P.credentialSubject, node);
  b.types(node, o.type, ['AchievementSubject']);
  for (const x of many(o.identifier ?? [])) identifier(b, node, x);
  b.add(node, P.achievement, subtree(b, o.achievement, achievementNode));
  for (const x of o.result === undefined ? [] : many(o.result)) {
    const r = obj(x);
    onlyKeys(r, ['type', 'resultDescription', 'value']);
    const rn = b.blank();
    b.add(node, P.result, rn);
    b.types(rn, r.type, ['Result']);
    b.text(rn, P.resultDescription, str(r.resultDescription), DT.obAnyUri);
    b.text(rn, P.value, str(r.value));
  }
}

function credentialStatus(b: DatasetBuilder, cred: Node, v: unknown): void {
  const o = obj(v);
  onlyKeys(o, ['id', 'type', 'statusPurpose', 'statusListIndex', 'statusListCredential']);
  const node = b.namedNode(o);
  b.add(cred, P.credentialStatus, node);
  b.types(node, o.type, ['BitstringStatusListEntry']);
  b.text(node, P.statusPurpose, str(o.statusPurpose));
  b.text(node, P.statusListIndex, str(o.statusListIndex));
  b.add(node, P.statusListCredential, iriNode(o.statusListCredential));
}

const TOP_KEYS = ['@context', 'id', 'type', 'issuer', 'validFrom', 'validUntil', 'name', 'credentialSubject', 'credentialStatus'];

/** An unsigned credential's dataset: its own triples, plus the shared parts it holds (each once). */
export interface CredentialDataset {
  own: Triple[];
  parts: SharedPart[];
}

/**
 * The dataset of an unsigned credential (no `proof`), or undefined when the document is not exactly
 * of the covered shape (then only the JSON-LD library can say what it means).
 */
export function credentialDataset(doc: object): CredentialDataset | undefined {
  try {
    const o = obj(doc);
    onlyKeys(o, TOP_KEYS);
    const ctx = o['@context'];
    if (!Array.isArray(ctx) || ctx.length !== 2 || ctx[0] !== VC_V2_CONTEXT || ctx[1] !== OB_V3_CONTEXT) bail();
    const b = new DatasetBuilder();
    const cred = b.namedNode(o);
    b.types(cred, o.type, ['VerifiableCredential', 'OpenBadgeCredential']);
    issuer(b, cred, o.issuer);
    b.text(cred, P.validFrom, str(o.validFrom), DT.dateTime);
    b.text(cred, P.validUntil, o.validUntil, DT.dateTime);
    b.text(cred, P.name, o.name);
    credentialSubject(b, cred, o.credentialSubject);
    credentialStatus(b, cred, o.credentialStatus);
    return { own: b.triples, parts: b.parts };
  } catch (e) {
    if (e instanceof NotCovered) return undefined;
    throw e;
  }
}

/** The same dataset as one list of triples (what rdf-canonize reads when the fast path cannot settle it). */
export function credentialTriples(doc: object): Triple[] | undefined {
  const dataset = credentialDataset(doc);
  return dataset && flatten(dataset);
}

export function flatten({ own, parts }: CredentialDataset): Triple[] {
  return parts.length === 0 ? own : [...own, ...parts.flatMap((p) => p.triples)];
}
