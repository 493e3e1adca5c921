/**
 * @module test/credentials/issue-checks — the fast path's pre-signing checks refuse exactly what
 * `vc.issue` refuses (@digitalbazaar/vc's `_checkCredential` in issue mode), with the same message,
 * for every generated credential of the covered shape: bad dates, a missing type, non-URL ids.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as vc from '@digitalbazaar/vc';
import { buildCredential } from '../../src/credentials/index.js';
import { checkIssuable } from '../../src/credentials/issue-checks.js';
import { credentialTriples } from '../../src/credentials/rdf-credential.js';
import { hostile, hostileInput } from './hostile.js';

type Json = Record<string, unknown>;

const outcome = (check: () => void): string => {
  try {
    check();
    return 'accepted';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
};

const dateLike = fc.oneof(
  fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01', '2026-01-01T24:00:00Z', '2026-01-01T10:00:00+14:00',
    '2026-01-01T10:00:00+14:30', 'x2026-01-01T10:00:00Zy', '', '0000-01-01T00:00:00Z', '-2026-01-01T00:00:00Z', 'yesterday'),
  hostile,
);
const idLike = fc.oneof(
  fc.constantFrom('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', 'https://', 'https://x', 'http://[::1', 'urn:', 'mailto:',
    'data:,', 'https://ex.example/%zz', 'http://a b', 'did:', 'https://xn--e1afmkfd.example/'),
  hostile.map((s) => `https://${s}`),
  hostile.map((s) => `did:${s}`),
);

/** A credential of the covered shape with some of the values vc.issue checks replaced. */
const mutated = hostileInput('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK').chain(({ input }) =>
  fc.record({
    type: fc.constantFrom(undefined, ['OpenBadgeCredential'], ['VerifiableCredential', 'OpenBadgeCredential'], ['OpenBadgeCredential', 'VerifiableCredential']),
    validFrom: fc.option(dateLike, { nil: undefined }),
    validUntil: fc.option(fc.oneof(dateLike, fc.constant(undefined)), { nil: undefined }),
    issuerId: fc.option(idLike, { nil: undefined }),
    statusId: fc.option(idLike, { nil: undefined }),
  }).map((m) => {
    const doc = buildCredential(input) as unknown as Json;
    if (m.type) doc.type = m.type;
    if (m.validFrom !== undefined) doc.validFrom = m.validFrom;
    if (m.validUntil !== undefined) doc.validUntil = m.validUntil;
    if (m.issuerId !== undefined) (doc.issuer as Json).id = m.issuerId;
    if (m.statusId !== undefined) (doc.credentialStatus as Json).id = m.statusId;
    return doc;
  }),
);

describe('pre-signing checks of the fast path', () => {
  it('refuse exactly what vc.issue refuses, with its message (1,500 generated credentials)', () => {
    let refused = 0;
    let covered = 0;
    fc.assert(
      fc.property(mutated, (doc) => {
        if (credentialTriples(doc) === undefined) return; // not the fast path's: the library signs it
        covered++;
        const ours = outcome(() => checkIssuable(doc));
        expect(ours).toBe(outcome(() => vc._checkCredential({ credential: doc, mode: 'issue' })));
        if (ours !== 'accepted') refused++;
      }),
      { numRuns: 1500 },
    );
    expect(covered).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(50);
  });
});
