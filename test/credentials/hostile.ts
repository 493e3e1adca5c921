/**
 * @module test/credentials/hostile — fast-check generators of credential inputs with hostile values
 * (escapes, controls, non-BMP, combining marks, RTL, lone surrogates, empty and very long strings,
 * every optional field present or absent, custom attributes), for the fast signing path's tests.
 */
import fc from 'fast-check';
import type { CredentialInput } from '../../src/credentials/index.js';
import type { ExpiryRule } from '../../src/domain/types.js';
import { group as baseGroup } from './fixtures.js';

const NASTY = [
  '"', '\\', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029',
  '\u200f', '\u202e', 'e\u0301', '\u0301', '\u{1d4b3}', '\u{1f600}', '\ud800', '\udfff', 'مرحبا', 'שלום', '<', '>',
  '{', '}', '^', '`', '|', ' ', '@id', '@value', '_:b0', 'https://x.example/y', '\\u0041', '%20', '\ufeff', '\ufffd', 'a', 'Z', '0',
];

/** Strings built to break escaping, plus ordinary text, the empty string and (rarely) very long ones. */
export const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 25, arbitrary: fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 12 }) },
  { weight: 15, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 10, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
  { weight: 5, arbitrary: fc.constant('') },
  // Rare (about one credential in three has one): JSON-LD expansion of long strings is what makes the reference slow.
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...NASTY), minLength: 1000, maxLength: 2500 }) },
);

/** For values that go through encodeURIComponent (ids, attribute keys), which throws on lone surrogates. */
const wellFormed = hostile.map((s) => Buffer.from(s, 'utf8').toString('utf8'));
const nonBlank = hostile.map((s) => (s.trim() ? s : `x${s}`));

/** An IRI the fast path takes as is, or (when `ordinary` is false) anything at all after a scheme. */
function iri(ordinary: boolean): fc.Arbitrary<string> {
  const safe = fc.oneof(
    wellFormed.map((s) => `https://cdn.example.edu/img/${encodeURIComponent(s)}.png`),
    fc.uint8Array({ maxLength: 24 }).map((b) => `data:image/png;base64,${Buffer.from(b).toString('base64')}`),
    fc.constant('urn:uuid:0b8e3f4e-5a51-4c4a-9a57-6f0f6f1c2d3e'),
  );
  return ordinary ? safe : fc.oneof(safe, hostile.map((s) => `https://cdn.example.edu/${s}`), hostile);
}

const expiry: fc.Arbitrary<ExpiryRule> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('after' as const), amount: fc.integer({ min: 1, max: 60 }), unit: fc.constantFrom('months' as const, 'years' as const) }),
  fc.constant({ kind: 'fixed' as const, date: '2300-12-31' }),
);

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

export interface HostileCase {
  input: CredentialInput;
  /** True when every IRI is one the fast path must cover (so falling back would be a regression). */
  ordinary: boolean;
}

export function hostileInput(issuerId: string): fc.Arbitrary<HostileCase> {
  return fc.boolean().chain((ordinary) =>
    fc
      .record({
        id: wellFormed,
        base: fc.constantFrom('https://credbot.example.edu', 'http://localhost:3000/sub/'),
        tenantId: wellFormed,
        issuerName: hostile,
        issuerUrl: maybe(hostile),
        issuerEmail: maybe(hostile),
        issuerImage: maybe(iri(ordinary)),
        groupId: wellFormed,
        courseName: hostile,
        courseDescription: hostile,
        courseLink: maybe(hostile),
        criteria: maybe(hostile),
        customAttributes: fc.array(wellFormed, { maxLength: 4 }),
        language: hostile,
        expiry,
        name: nonBlank,
        email: fc.tuple(hostile, hostile).map(([a, b]) => `${a}@${b}`),
        attributes: maybe(fc.dictionary(wellFormed, hostile, { maxKeys: 5 })),
        issuedOn: fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }),
        expiresOn: maybe(fc.date({ min: new Date('2200-01-02T00:00:00Z'), max: new Date('2299-01-01T00:00:00Z'), noInvalidDate: true })),
        statusListId: wellFormed,
        statusListIndex: fc.nat(),
        image: maybe(iri(ordinary)),
        achievementType: maybe(hostile),
        humanCode: maybe(hostile),
        tags: maybe(fc.array(hostile, { maxLength: 4 })),
        salt: maybe(hostile),
      })
      .map((v) => ({
        ordinary,
        input: {
          id: v.id,
          publicBaseUrl: v.base,
          tenantId: v.tenantId,
          issuer: {
            id: issuerId,
            name: v.issuerName,
            ...(v.issuerUrl !== undefined ? { url: v.issuerUrl } : {}),
            ...(v.issuerEmail !== undefined ? { email: v.issuerEmail } : {}),
            ...(v.issuerImage !== undefined ? { image: v.issuerImage } : {}),
          },
          group: baseGroup({
            id: v.groupId,
            courseName: v.courseName,
            courseDescription: v.courseDescription,
            courseLink: v.courseLink,
            criteria: v.criteria,
            customAttributes: v.customAttributes,
            language: v.language,
            expiry: v.expiry,
          }),
          recipient: { name: v.name, email: v.email },
          attributes: v.attributes,
          issuedOn: v.issuedOn.toISOString(),
          expiresOn: v.expiresOn?.toISOString(),
          statusListId: v.statusListId,
          statusListIndex: v.statusListIndex,
          image: v.image,
          achievementType: v.achievementType,
          humanCode: v.humanCode,
          tags: v.tags,
          salt: v.salt,
        },
      })),
  );
}
