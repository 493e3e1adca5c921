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
 */
import { hash } from 'node:crypto';
import { isBlank, type Triple } from './rdf-terms.js';

const LABELS = Array.from({ length: 64 }, (_, i) => `_:c14n${i}`);
const canonicalLabel = (i: number): string => LABELS[i] ?? `_:c14n${i}`;

/**
 * The rest of the line after the subject. Triples shared by a whole batch carry theirs (rdf-credential.ts
 * computes it once); a cache keyed by triple would cost more than it saves, since most triples are
 * new per credential (and WeakMap entries for short-lived keys slow every young-generation GC).
 */
const tailOf = (t: Triple): string => t[3] ?? `${t[1]} ${t[2]} .\n`;

/** A term as it appears in blank node `self`'s first-degree input: `_:a` for itself, `_:z` for any other blank node. */
const mark = (term: string, self: string): string => (!isBlank(term) ? term : term === self ? '_:a' : '_:z');

/** Spec 4.6: the hash of the sorted lines that mention `self`, blank nodes marked. */
function firstDegreeHash(self: string, asSubject: readonly Triple[] | undefined, asObject: readonly Triple[] | undefined): string {
  const lines: string[] = [];
  if (asSubject) for (const t of asSubject) lines.push(isBlank(t[2]) ? `_:a ${t[1]} ${mark(t[2], self)} .\n` : `_:a ${tailOf(t)}`);
  if (asObject) for (const t of asObject) if (t[0] !== self) lines.push(`${mark(t[0], self)} ${t[1]} _:a .\n`);
  lines.sort();
  return hash('sha256', lines.join(''), 'hex');
}

/** Canonical N-Quads when the first-degree hashes settle every label, else undefined. */
export function canonicalizeSimple(triples: Triple[]): string | undefined {
  // Each subject's triples, and each blank node's triples where it is the object.
  const bySubject = new Map<string, Triple[]>();
  const byBlankObject = new Map<string, Triple[]>();
  for (const t of triples) {
    push(bySubject, t[0], t);
    if (isBlank(t[2])) push(byBlankObject, t[2], t);
  }
  const blanks: string[] = [];
  for (const s of bySubject.keys()) if (isBlank(s)) blanks.push(s);
  for (const o of byBlankObject.keys()) if (!bySubject.has(o)) blanks.push(o);
  const hashes = blanks.map((b) => firstDegreeHash(b, bySubject.get(b), byBlankObject.get(b)));
  const order = blanks.map((_, i) => i).sort((x, y) => (hashes[x]! < hashes[y]! ? -1 : hashes[x]! > hashes[y]! ? 1 : 0));
  for (let i = 1; i < order.length; i++) if (hashes[order[i]!] === hashes[order[i - 1]!]) return undefined; // twins: only the N-degree algorithm can order them
  const labels = new Map<string, string>();
  for (let i = 0; i < order.length; i++) labels.set(blanks[order[i]!]!, canonicalLabel(i));

  // Subjects in canonical order (a blank node by its label), then each subject's lines.
  const subjects: [key: string, triples: Triple[]][] = [];
  for (const [s, list] of bySubject) subjects.push([isBlank(s) ? labels.get(s)! : s, list]);
  subjects.sort((a, b) => (a[0] < b[0] ? -1 : 1)); // keys are distinct
  let out = '';
  for (const [key, list] of subjects) {
    const tails: string[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const t = list[i]!;
      tails[i] = isBlank(t[2]) ? `${t[1]} ${labels.get(t[2])} .\n` : tailOf(t);
    }
    if (tails.length > 1) tails.sort();
    // Equal triples (a tag given twice, one image for two nodes) are one triple in RDF: drop repeats.
    for (let i = 0; i < tails.length; i++) if (i === 0 || tails[i] !== tails[i - 1]) out += `${key} ${tails[i]}`;
  }
  return out;
}

function push(map: Map<string, Triple[]>, key: string, t: Triple): void {
  const list = map.get(key);
  if (list) list.push(t);
  else map.set(key, [t]);
}
