/**
 * @module credentials/rdfc-fast — RDFC-1.0 for the common case of a dataset whose blank nodes all have
 * distinct first-degree hashes (ours, unless two blank nodes carry identical data): then the
 * canonical labels follow from those hashes alone (spec steps 4–5, no N-degree hashing). Otherwise
 * it returns undefined and the caller runs rdf-canonize. Lines are escaped and sorted exactly as
 * rdf-canonize does (its NQuads escaping rules, JavaScript's default sort).
 */
import { createHash } from 'node:crypto';
import type { BlankNode, Literal, NamedNode, Quad } from './rdf-terms.js';

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
// rdf-canonize's escaping (NQuads.js): ECHARs for \b \t \n \f \r " \\, \uXXXX for other controls.
const LITERAL_ESCAPE = /[\u0000-\u001F\u007F"\\]/g;
const IRI_ESCAPE = /[\u0000-\u0020<>"{}|^`\\]/g;
const ECHAR: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' };
const uchar = (c: string) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
const NEEDS_LITERAL_ESCAPE = /[\u0000-\u001F\u007F"\\]/;
const NEEDS_IRI_ESCAPE = /[\u0000-\u0020<>"{}|^`\\]/;
const escapeLiteral = (s: string) => (NEEDS_LITERAL_ESCAPE.test(s) ? s.replace(LITERAL_ESCAPE, (c) => ECHAR[c] ?? uchar(c)) : s);
const escapeIri = (s: string) => (NEEDS_IRI_ESCAPE.test(s) ? s.replace(IRI_ESCAPE, uchar) : s);

function termString(t: NamedNode | Literal): string {
  if (t.termType === 'NamedNode') return `<${escapeIri(t.value)}>`;
  const dt = t.datatype.value;
  return dt === XSD_STRING ? `"${escapeLiteral(t.value)}"` : `"${escapeLiteral(t.value)}"^^<${escapeIri(dt)}>`;
}

/** Canonical N-Quads when the first-degree hashes settle every label, else undefined. */
export function canonicalizeSimple(quads: Quad[]): string | undefined {
  // Each quad as [subject, predicate, object] strings; a blank node stays as its id (prefixed by a space: no IRI or literal starts so).
  const parts = quads.map((q) => [
    q.subject.termType === 'BlankNode' ? ' ' + q.subject.value : termString(q.subject),
    termString(q.predicate),
    q.object.termType === 'BlankNode' ? ' ' + q.object.value : termString(q.object),
  ]);
  // Blank node → its quads, in first-appearance order (as rdf-canonize collects them).
  const mentions = new Map<string, string[][]>();
  for (const p of parts) {
    for (const term of [p[0], p[2]]) {
      if (term[0] !== ' ') continue;
      const list = mentions.get(term);
      if (list) list.push(p);
      else mentions.set(term, [p]);
    }
  }
  const hashOf: [string, string][] = [];
  const seen = new Set<string>();
  for (const [id, list] of mentions) {
    const mark = (t: string) => (t[0] !== ' ' ? t : t === id ? '_:a' : '_:z');
    const lines = list.map((p) => `${mark(p[0])} ${p[1]} ${mark(p[2])} .\n`);
    lines.sort();
    const hash = createHash('sha256').update(lines.join(''), 'utf8').digest('hex');
    if (seen.has(hash)) return undefined; // twins: only the N-degree algorithm can order them
    seen.add(hash);
    hashOf.push([id, hash]);
  }
  hashOf.sort((x, y) => (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  const label = new Map<string, string>(hashOf.map(([id], i) => [id, `_:c14n${i}`]));
  const name = (t: string) => (t[0] === ' ' ? label.get(t)! : t);
  const out = parts.map((p) => `${name(p[0])} ${p[1]} ${name(p[2])} .\n`);
  out.sort();
  return out.join('');
}
