/**
 * @module test/credentials/rdfc-parts — the fast canonicalizer's shared parts (an issuer or achievement
 * prepared once per batch) give exactly rdf-canonize's N-Quads, including when a subject's lines come
 * from several parts, and refuse (so rdf-canonize runs) when a shared blank node is mentioned outside
 * its part, where its prepared hash would be wrong.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { canonizeNQuadsSync } from '../../src/credentials/libs.js';
import { canonicalizeParts, prepareShared } from '../../src/credentials/rdfc-fast.js';
import { literalTerm, nquads, type Triple } from '../../src/credentials/rdf-terms.js';

const iri = (x: string) => `<https://example.org/${x}>`;
const P = (x: string) => `<https://example.org/p#${x}>`;
const copy = (ts: Triple[]): Triple[] => ts.map(([s, p, o]) => [s, p, o]);

/** A "credential" holding an image that its shared issuer and shared achievement also hold. */
function dataset(name: string, grade: string) {
  const issuer: Triple[] = [
    [iri('issuer'), P('name'), literalTerm('Uni "E"\n')],
    [iri('issuer'), P('image'), iri('logo')],
    [iri('logo'), P('type'), iri('Image')],
  ];
  const achievement: Triple[] = [
    [iri('badge'), P('criteria'), '_:s1x0'],
    ['_:s1x0', P('narrative'), literalTerm('Pass')],
    [iri('badge'), P('image'), iri('logo')],
    [iri('logo'), P('type'), iri('Image')], // the same triple again: one triple in RDF
    [iri('logo'), P('caption'), literalTerm('Logo')],
  ];
  const own: Triple[] = [
    [iri('cred'), P('subject'), '_:b0'],
    ['_:b0', P('name'), literalTerm(name)],
    ['_:b0', P('result'), '_:b1'],
    ['_:b1', P('value'), literalTerm(grade)],
    [iri('cred'), P('issuer'), iri('issuer')],
    [iri('logo'), P('seenIn'), iri('cred')], // a shared subject with a line of its own
  ];
  return { issuer, achievement, own };
}

describe('canonicalizeParts', () => {
  it('equals rdf-canonize over the whole dataset, whatever the values (300 cases)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (name, grade) => {
        const { issuer, achievement, own } = dataset(name, grade);
        const expected = canonizeNQuadsSync(nquads([...copy(own), ...copy(issuer), ...copy(achievement)]));
        const fast = canonicalizeParts(own, [prepareShared(issuer), prepareShared(achievement)]);
        // Twins (name equal to grade gives two identical blank nodes) are rdf-canonize's to settle.
        if (fast !== undefined) expect(fast).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a dataset that mentions a shared blank node outside its part', () => {
    const { issuer, achievement, own } = dataset('Ada', 'A');
    own.push([iri('cred'), P('criteria'), '_:s1x0']);
    expect(canonicalizeParts(own, [prepareShared(issuer), prepareShared(achievement)])).toBeUndefined();
  });
});
