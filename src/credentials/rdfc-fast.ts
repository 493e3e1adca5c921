/**
 * @module credentials/rdfc-fast — RDFC-1.0 for the common case of a dataset whose blank nodes all have
 * distinct first-degree hashes (ours, unless two blank nodes carry identical data): then the
 * canonical labels follow from those hashes alone (spec steps 4–5, no N-degree hashing). Otherwise
 * it returns undefined and the caller runs rdf-canonize. Terms come serialized as rdf-canonize writes
 * them (rdf-terms.ts).
 *
 * Sorting: rdf-canonize sorts whole N-Quads lines as JavaScript strings. No term is a proper prefix of
 * another term followed by a character below the space that separates terms (an IRI ends at its only
 * `>`, a literal's closing quote is followed by `^^`, `@` or nothing, a label by more digits), so
 * ordering the lines equals ordering by subject, then by the rest of the line: we sort the subjects
 * once, then each subject's few lines, instead of comparing long lines that share long prefixes.
 *
 * Parts a whole batch shares (the issuer, the achievement) are prepared once (`prepareShared`): their
 * blank nodes' hashes and their lines, sorted; each credential then only works on its own triples.
 */
import { hash } from 'node:crypto';
import { isBlank, type Triple } from './rdf-terms.js';

const LABELS = Array.from({ length: 64 }, (_, i) => `_:c14n${i}`);
const canonicalLabel = (i: number): string => LABELS[i] ?? `_:c14n${i}`;

/**
 * The rest of the line after the subject. Shared triples carry theirs (worked out once); a cache
 * keyed by triple would cost more than it saves, since most triples are new per credential (and
 * WeakMap entries for short-lived keys slow every young-generation GC).
 */
const tailOf = (t: Triple): string => t[3] ?? `${t[1]} ${t[2]} .\n`;

/** A term as it appears in blank node `self`'s first-degree input: `_:a` for itself, `_:z` for any other blank node. */
const mark = (term: string, self: string): string => (!isBlank(term) ? term : term === self ? '_:a' : '_:z');

/** Orders lines given as [subject, predicate, object] as the N-Quads lines sort (see the module note). */
function byLine(x: Triple, y: Triple): number {
  return x[0] !== y[0] ? (x[0] < y[0] ? -1 : 1) : byPredicateObject(x, y);
}

/** The same for lines of one subject. */
function byPredicateObject(x: Triple, y: Triple): number {
  if (x[1] !== y[1]) return x[1] < y[1] ? -1 : 1;
  return x[2] === y[2] ? 0 : x[2] < y[2] ? -1 : 1;
}

/** Orders tuples by their first string (hashes, subject keys). */
const byFirst = (x: readonly [string, ...unknown[]], y: readonly [string, ...unknown[]]): number => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);

/**
 * Spec 4.6: the hash of the sorted lines that mention `self`, blank nodes marked. Sorted as term
 * triples and joined once: sorting the line strings themselves flattens each one first, which cost
 * more than the rest of the work.
 */
function firstDegreeHash(self: string, asSubject: readonly Triple[] | undefined, asObject: readonly Triple[] | undefined): string {
  const lines: Triple[] = [];
  if (asSubject) for (const t of asSubject) lines.push(['_:a', t[1], mark(t[2], self)]);
  if (asObject) for (const t of asObject) if (t[0] !== self) lines.push([mark(t[0], self), t[1], '_:a']);
  if (lines.length > 1) lines.sort(byLine);
  let input = '';
  for (const [s, p, o] of lines) input += `${s} ${p} ${o} .\n`;
  return hash('sha256', input, 'hex');
}

/** Triples grouped by subject, and blank nodes' triples where they are the object. */
interface Grouped {
  bySubject: Map<string, Triple[]>;
  byBlankObject: Map<string, Triple[]>;
}

function group(triples: readonly Triple[]): Grouped {
  const bySubject = new Map<string, Triple[]>();
  const byBlankObject = new Map<string, Triple[]>();
  for (const t of triples) {
    push(bySubject, t[0], t);
    if (isBlank(t[2])) push(byBlankObject, t[2], t);
  }
  return { bySubject, byBlankObject };
}

/** Every blank node of a group, with its first-degree hash. */
function blankHashes({ bySubject, byBlankObject }: Grouped, into: Map<string, string>): void {
  for (const s of bySubject.keys()) if (isBlank(s)) into.set(s, firstDegreeHash(s, bySubject.get(s), byBlankObject.get(s)));
  for (const o of byBlankObject.keys()) if (!bySubject.has(o)) into.set(o, firstDegreeHash(o, undefined, byBlankObject.get(o)));
}

/** One subject's lines in a shared part: those without blank objects sorted once, the others relabeled per credential. */
interface SharedBlock {
  subject: string;
  fixed: Triple[];
  fixedTails: string[];
  linked: Triple[];
}

/**
 * A set of triples every credential of a batch holds, prepared once. Its blank nodes must be
 * mentioned only by its own triples (true of a shared subtree: its root is named, and its blank
 * nodes have their own prefix); `canonicalizeParts` checks that the rest of the dataset does not.
 */
export interface SharedPart {
  triples: readonly Triple[];
  hashes: Map<string, string>;
  blocks: SharedBlock[];
}

export function prepareShared(triples: Triple[]): SharedPart {
  for (const t of triples) if (!isBlank(t[2])) t[3] = tailOf(t); // worked out once for the batch
  const grouped = group(triples);
  const hashes = new Map<string, string>();
  blankHashes(grouped, hashes);
  const blocks: SharedBlock[] = [];
  for (const [subject, list] of grouped.bySubject) {
    const fixed = list.filter((t) => !isBlank(t[2])).sort(byPredicateObject);
    blocks.push({ subject, fixed, fixedTails: fixed.map(tailOf), linked: list.filter((t) => isBlank(t[2])) });
  }
  return { triples, hashes, blocks };
}

/** A subject's lines before sorting: its own triples, or a shared block (whose fixed lines are sorted already). */
type Entry = [key: string, own: Triple[] | undefined, block: SharedBlock | undefined];

/**
 * Canonical N-Quads of `own` plus the shared parts (each present once) when the first-degree hashes
 * settle every label, else undefined (then rdf-canonize must run).
 */
export function canonicalizeParts(own: Triple[], parts: readonly SharedPart[]): string | undefined {
  const grouped = group(own);
  const hashes = new Map<string, string>();
  blankHashes(grouped, hashes);
  for (const part of parts) {
    for (const [id, h] of part.hashes) {
      if (hashes.has(id)) return undefined; // a shared blank node mentioned elsewhere: its hash would differ
      hashes.set(id, h);
    }
  }
  // Built by push, not spread + map: the mapped array's changing element kinds made V8 throw away
  // this function's optimized code hundreds of times per job ("wrong map" deopts).
  const sorted: [hash: string, id: string][] = [];
  for (const [id, h] of hashes) sorted.push([h, id]);
  sorted.sort(byFirst);
  const labels = new Map<string, string>();
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i]![0] === sorted[i - 1]![0]) return undefined; // twins: only the N-degree algorithm can order them
    labels.set(sorted[i]![1], canonicalLabel(i));
  }

  // Subjects in canonical order (a blank node by its label), then each subject's lines.
  const entries: Entry[] = [];
  for (const [s, list] of grouped.bySubject) entries.push([isBlank(s) ? labels.get(s)! : s, list, undefined]);
  for (const part of parts) for (const block of part.blocks) entries.push([isBlank(block.subject) ? labels.get(block.subject)! : block.subject, undefined, block]);
  entries.sort(byFirst);
  let out = '';
  for (let i = 0; i < entries.length; ) {
    const key = entries[i]![0];
    let tails: string[];
    const only = i + 1 === entries.length || entries[i + 1]![0] !== key;
    const block = entries[i]![2];
    if (only && block && block.linked.length === 0) {
      tails = block.fixedTails; // sorted already
      i++;
    } else {
      // This subject's lines from every entry that has it (usually one), relabeled and sorted as
      // [subject, predicate, object] (cheaper than sorting line strings, see firstDegreeHash).
      const lines: Triple[] = [];
      for (; i < entries.length && entries[i]![0] === key; i++) {
        const [, list, shared] = entries[i]!;
        if (shared) for (const t of shared.fixed) lines.push(t);
        for (const t of list ?? shared!.linked) lines.push(isBlank(t[2]) ? ['', t[1], labels.get(t[2])!] : t);
      }
      if (lines.length > 1) lines.sort(byPredicateObject);
      tails = lines.map(tailOf);
    }
    // Equal triples (a tag given twice, one image for two nodes) are one triple in RDF: drop repeats.
    for (let k = 0; k < tails.length; k++) if (k === 0 || tails[k] !== tails[k - 1]) out += `${key} ${tails[k]}`;
  }
  return out;
}

function push(map: Map<string, Triple[]>, key: string, t: Triple): void {
  const list = map.get(key);
  if (list) list.push(t);
  else map.set(key, [t]);
}
