/**
 * @module credentials/rdfc-fast — RDFC-1.0 for the common case of a dataset whose blank nodes all have
 * distinct first-degree hashes (ours, unless two blank nodes carry identical data): then the
 * canonical labels follow from those hashes alone (spec steps 4–5, no N-degree hashing). Otherwise
 * it returns undefined and the caller runs rdf-canonize. Terms come serialized as rdf-canonize writes
 * them (rdf-terms.ts); lines are sorted with JavaScript's default sort, as rdf-canonize does.
 */
import { hash } from 'node:crypto';
import { isBlank, type Triple } from './rdf-terms.js';

/**
 * First-degree hashes by their input. Many blank nodes repeat across a batch (a course's criteria,
 * a grade "A"), so most lookups hit; bounded, since inputs that never repeat (a recipient's
 * identity) would otherwise pile up.
 */
const firstDegreeCache = new Map<string, string>();
const FIRST_DEGREE_CACHE_MAX = 4096;

function firstDegreeHash(input: string): string {
  let h = firstDegreeCache.get(input);
  if (h === undefined) {
    h = hash('sha256', input, 'hex');
    if (firstDegreeCache.size >= FIRST_DEGREE_CACHE_MAX) firstDegreeCache.clear();
    firstDegreeCache.set(input, h);
  }
  return h;
}

/**
 * The N-Quads line of a triple without blank nodes never changes: triples shared by a whole batch
 * (rdf-credential.ts reuses the same Triple objects) keep theirs, already flat for sorting.
 */
const fixedLines = new WeakMap<Triple, string>();

function fixedLine(t: Triple): string {
  let line = fixedLines.get(t);
  if (line === undefined) fixedLines.set(t, (line = `${t[0]} ${t[1]} ${t[2]} .\n`));
  return line;
}

/** A blank node's term in its own first-degree input: `_:a` for itself, `_:z` for any other. */
const mark = (term: string, self: string): string => (!isBlank(term) ? term : term === self ? '_:a' : '_:z');

/** Canonical N-Quads when the first-degree hashes settle every label, else undefined. */
export function canonicalizeSimple(triples: Triple[]): string | undefined {
  // Blank node → its triples, in first-appearance order (as rdf-canonize collects them).
  const mentions = new Map<string, Triple[]>();
  for (const t of triples) {
    if (isBlank(t[0])) push(mentions, t[0], t);
    if (isBlank(t[2]) && t[2] !== t[0]) push(mentions, t[2], t);
  }
  const ids: string[] = [];
  const hashes: string[] = [];
  for (const [id, list] of mentions) {
    const lines: string[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const t = list[i]!;
      lines[i] = `${mark(t[0], id)} ${t[1]} ${mark(t[2], id)} .\n`;
    }
    lines.sort();
    const h = firstDegreeHash(lines.join(''));
    if (hashes.includes(h)) return undefined; // twins: only the N-degree algorithm can order them
    ids.push(id);
    hashes.push(h);
  }
  const order = ids.map((_, i) => i).sort((x, y) => (hashes[x]! < hashes[y]! ? -1 : hashes[x]! > hashes[y]! ? 1 : 0));
  const label = new Map<string, string>();
  for (let i = 0; i < order.length; i++) label.set(ids[order[i]!]!, `_:c14n${i}`);
  const out: string[] = new Array(triples.length);
  for (let i = 0; i < triples.length; i++) {
    const t = triples[i]!;
    const s = isBlank(t[0]);
    const o = isBlank(t[2]);
    out[i] = s || o ? `${s ? label.get(t[0]) : t[0]} ${t[1]} ${o ? label.get(t[2]) : t[2]} .\n` : fixedLine(t);
  }
  out.sort();
  // Equal triples (a tag given twice, one image for two nodes) are one triple in RDF: drop repeats.
  let kept = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[kept - 1]) out[kept++] = out[i]!;
  out.length = kept;
  return out.join('');
}

function push(map: Map<string, Triple[]>, key: string, t: Triple): void {
  const list = map.get(key);
  if (list) list.push(t);
  else map.set(key, [t]);
}
