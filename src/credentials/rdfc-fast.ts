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

/** Canonical N-Quads when the first-degree hashes settle every label, else undefined. */
export function canonicalizeSimple(triples: Triple[]): string | undefined {
  // Blank node → its triples, in first-appearance order (as rdf-canonize collects them).
  const mentions = new Map<string, Triple[]>();
  for (const t of triples) {
    if (isBlank(t[0])) push(mentions, t[0], t);
    if (isBlank(t[2]) && t[2] !== t[0]) push(mentions, t[2], t);
  }
  const hashes: [id: string, hash: string][] = [];
  const seen = new Set<string>();
  for (const [id, list] of mentions) {
    const mark = (term: string) => (!isBlank(term) ? term : term === id ? '_:a' : '_:z');
    const lines = list.map(([s, p, o]) => `${mark(s)} ${p} ${mark(o)} .\n`);
    lines.sort();
    const h = firstDegreeHash(lines.join(''));
    if (seen.has(h)) return undefined; // twins: only the N-degree algorithm can order them
    seen.add(h);
    hashes.push([id, h]);
  }
  hashes.sort((x, y) => (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  const label = new Map<string, string>(hashes.map(([id], i) => [id, `_:c14n${i}`]));
  const name = (term: string) => (isBlank(term) ? label.get(term)! : term);
  const out = triples.map(([s, p, o]) => `${name(s)} ${p} ${name(o)} .\n`);
  out.sort();
  // Equal triples (a tag given twice, one image for two nodes) are one triple in RDF: drop repeats.
  let kept = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[kept - 1]) out[kept++] = out[i];
  out.length = kept;
  return out.join('');
}

function push(map: Map<string, Triple[]>, key: string, t: Triple): void {
  const list = map.get(key);
  if (list) list.push(t);
  else map.set(key, [t]);
}
