/**
 * @module test/credentials/serialize — the signing threads' JSON lines are byte for byte
 * `JSON.stringify(withProof(credential, outcome))`, UTF-8: for hostile batches, for credentials
 * changed in every way the hand-written shape does not cover (which must fall back, not go wrong),
 * and across batches (the remembered text must never go stale).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { buildCredential, type CredentialInput } from '../../src/credentials/build.js';
import { credentialBuilder } from '../../src/credentials/build.js';
import { JsonBytes } from '../../src/credentials/json-bytes.js';
import type { Json } from '../../src/credentials/libs.js';
import { signedJsonLines, writeSignedJson } from '../../src/credentials/serialize.js';
import { withProof, type SignOutcome } from '../../src/credentials/sign-core.js';
import { hostile, hostileInput } from './hostile.js';

const ISSUER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const REAL_PROOF = {
  type: 'DataIntegrityProof',
  created: '2026-06-01T12:00:00Z',
  verificationMethod: `${ISSUER}#${ISSUER.slice('did:key:'.length)}`,
  cryptosuite: 'eddsa-rdfc-2022',
  proofPurpose: 'assertionMethod',
};

/** What JSON.stringify makes of it: the reference. */
const reference = (doc: Json, outcome: SignOutcome) => JSON.stringify(withProof(doc, outcome));

/** The UTF-8 the serializer writes for one document, and whether it was written by hand. */
function written(doc: Json, outcome: SignOutcome): { text: Buffer; byHand: boolean } {
  const w = new JsonBytes(8); // tiny: every document makes the buffer grow, mid-string too
  const byHand = writeSignedJson(w, doc, outcome);
  return { text: Buffer.from(w.slice(0, w.length)), byHand };
}

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const withSubject = (d: Doc, change: (s: Doc) => Doc): Doc => ({ ...d, credentialSubject: change({ ...d.credentialSubject }) });
const withOwn = (o: Doc, key: string, v: unknown): Doc => Object.defineProperty({ ...o }, key, { value: v, enumerable: true, configurable: true, writable: true });

/** Its toJSON is a method (not an enumerable key): only a look at toJSON itself notices it. */
class KeyedStatus {
  toJSON(key: string) {
    return `status under "${key}"`;
  }
}

/** Changes a credential in the ways the hand-written shape must notice (each one copies what it changes; shared parts stay shared). */
const CHANGES: [string, (d: Doc) => Doc][] = [
  ['an extra key at the end', (d) => ({ ...d, extra: 'x' })],
  ['a key missing', ({ name: _, ...d }) => d],
  ['a key present but undefined', (d) => ({ ...d, name: undefined })],
  ['validUntil present but undefined', (d) => withOwn(d, 'validUntil', undefined)],
  ['keys in another order', ({ id, ...d }) => ({ ...d, id })],
  ['a number for a string', (d) => ({ ...d, id: 42 })],
  ['null for a string', (d) => ({ ...d, name: null })],
  ['a Date (toJSON) for a date', (d) => ({ ...d, validFrom: new Date(0) })],
  ['a function for a string', (d) => ({ ...d, name: () => 'x' })],
  ['a symbol for a string', (d) => ({ ...d, name: Symbol('x') })],
  ['an own toJSON', (d) => ({ ...d, credentialStatus: { ...d.credentialStatus, toJSON: () => 'status' } })],
  ['an inherited toJSON that reads the key', (d) => ({ ...d, credentialStatus: Object.assign(Object.create({ toJSON: (k: string) => `status ${k}` }), d.credentialStatus) })],
  ['a status whose class has a toJSON that reads the key', (d) => ({ ...d, credentialStatus: Object.assign(new KeyedStatus(), d.credentialStatus) })],
  ['an issuer with a toJSON that reads the key', (d) => ({ ...d, issuer: { ...d.issuer, toJSON: (k: string) => `issuer ${k}` } })],
  ['an inherited enumerable key', (d) => ({ ...d, credentialStatus: Object.assign(Object.create({ inherited: 'x' }), d.credentialStatus) })],
  ['an own "__proto__" key', (d) => withSubject(d, (s) => withOwn(s, '__proto__', 'p'))],
  ['an own "__proto__" key in an identity', (d) => withSubject(d, (s) => ({ ...s, identifier: [withOwn(s.identifier[0], '__proto__', { a: 1 }), s.identifier[1]] }))],
  ['a type list with a hole', (d) => ({ ...d, type: [, d.type[1]] })], // eslint-disable-line no-sparse-arrays
  ['a type list with a number', (d) => ({ ...d, type: [...d.type, 3] })],
  ['one more context', (d) => ({ ...d, '@context': [...d['@context'], 'https://example.org/ctx'] })],
  ['contexts as one string', (d) => ({ ...d, '@context': d['@context'][0] })],
  ['an empty result list', (d) => withSubject(d, (s) => ({ ...s, result: [] }))],
  ['a result that is a number', (d) => withSubject(d, (s) => ({ ...s, result: [{ type: ['Result'], resultDescription: 'x', value: 7 }] }))],
  ['a result that is not an object', (d) => withSubject(d, (s) => ({ ...s, result: ['grade A'] }))],
  ['three identities, one with an extra key', (d) => withSubject(d, (s) => ({ ...s, identifier: [...s.identifier, { ...s.identifier[0], extra: true }] }))],
  ['an identity flag that is a string', (d) => withSubject(d, (s) => ({ ...s, identifier: [{ ...s.identifier[0], hashed: 'yes' }, s.identifier[1]] }))],
  ['identifier not a list', (d) => withSubject(d, (s) => ({ ...s, identifier: s.identifier[0] }))],
  ['the achievement copied (not shared)', (d) => withSubject(d, (s) => ({ ...s, achievement: JSON.parse(JSON.stringify(s.achievement)) }))],
  ['the issuer as a string', (d) => ({ ...d, issuer: d.issuer.id })],
  ['a status list index that is a number', (d) => ({ ...d, credentialStatus: { ...d.credentialStatus, statusListIndex: 12 } })],
];

/** `real`: a proof as the fast path makes it (only its value hostile), what the threads serialize. */
const proofOutcome: fc.Arbitrary<{ outcome: SignOutcome; real: boolean }> = fc.oneof(
  { weight: 6, arbitrary: hostile.map((proofValue) => ({ outcome: { proof: { ...REAL_PROOF, proofValue } }, real: true })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ type: hostile, created: hostile, verificationMethod: hostile, cryptosuite: hostile, proofPurpose: hostile, proofValue: hostile })
      .map((proof) => ({ outcome: { proof }, real: false })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<SignOutcome>(
        { proof: { ...REAL_PROOF } }, // no proofValue
        { proof: { ...REAL_PROOF, proofValue: 'z1', extra: 1 } },
        { proof: { ...REAL_PROOF, proofValue: undefined } },
        { proof: null as unknown as Json },
        { proof: [] as unknown as Json },
      )
      .map((outcome) => ({ outcome, real: false })),
  },
  { weight: 1, arbitrary: fc.object().map((signed) => ({ outcome: { signed }, real: false })) }, // the library path hands back the whole document
);

const item = fc.record({
  input: hostileInput(ISSUER).map((h) => h.input),
  change: fc.option(fc.nat(CHANGES.length - 1), { nil: undefined, freq: 3 }),
  shared: fc.boolean(),
  proof: proofOutcome,
});
const batch = fc.tuple(hostileInput(ISSUER), fc.array(item, { minLength: 1, maxLength: 6 }));

describe('signed JSON written by hand', () => {
  it('is byte for byte JSON.stringify(withProof(…)) for hostile batches and changed credentials (250 batches), batch after batch', () => {
    let byHand = 0;
    let unchanged = 0;
    fc.assert(
      fc.property(batch, ([{ input: shared }, items]) => {
        const build = credentialBuilder(shared);
        const docs = items.map(({ input, change, shared: fromBatch }) => {
          const doc = (fromBatch ? build(input) : buildCredential(input)) as unknown as Doc;
          return (change === undefined ? doc : CHANGES[change]![1](doc)) as Json;
        });
        const outcomes = items.map((i) => i.proof.outcome);
        docs.forEach((doc, i) => {
          const { text, byHand: hand } = written(doc, outcomes[i]!);
          expect(text.toString('utf8')).toBe(reference(doc, outcomes[i]!));
          expect(text.equals(Buffer.from(reference(doc, outcomes[i]!), 'utf8'))).toBe(true);
          byHand += hand ? 1 : 0;
          // An unchanged credential with a real proof is what the threads issue: it must not fall back.
          if (items[i]!.change === undefined && items[i]!.proof.real) (unchanged++, expect(hand).toBe(true));
        });
        const lines = signedJsonLines(docs, outcomes);
        expect(Buffer.from(lines).equals(Buffer.from(docs.map((d, i) => reference(d, outcomes[i]!)).join('\n'), 'utf8'))).toBe(true);
      }),
      { numRuns: 250 },
    );
    expect(unchanged).toBeGreaterThan(100);
    expect(byHand).toBeGreaterThan(unchanged);
  }, 120_000);

  it('falls back on JSON.stringify for each kind of change, with the same bytes', () => {
    const input: CredentialInput = fc.sample(hostileInput(ISSUER), { numRuns: 1, seed: 7 })[0]!.input;
    const build = credentialBuilder({ ...input, attributes: { grade: 'A', '__proto__': 'odd', 'constructor': 'x' } } as CredentialInput);
    const doc = build({ ...input, attributes: JSON.parse('{"grade":"A","__proto__":"odd","constructor":"x"}') }) as unknown as Doc;
    const outcome: SignOutcome = { proof: { ...REAL_PROOF, proofValue: 'z3abc' } };
    expect(written(doc, outcome)).toEqual({ text: Buffer.from(reference(doc, outcome)), byHand: true });
    for (const [name, change] of CHANGES) {
      const changed = change(doc) as Json;
      expect([name, written(changed, outcome).text.toString('utf8')]).toEqual([name, reference(changed, outcome)]);
      expect([name, written(doc, outcome).text.toString('utf8')]).toEqual([name, reference(doc, outcome)]); // and the next one is right again
    }
  });

  it('writes a batch bigger than the buffer a thread keeps (data: images, 12 MB), and the small batch after it, exactly', () => {
    const image = `data:image/png;base64,${Buffer.alloc(15_000, 7).toString('base64')}`;
    const input: CredentialInput = { ...fc.sample(hostileInput(ISSUER), { numRuns: 1, seed: 11 })[0]!.input, image };
    const build = credentialBuilder({ ...input, issuer: { ...input.issuer, image } });
    for (const count of [300, 2]) {
      const docs = Array.from({ length: count }, (_, i) => build({ ...input, statusListIndex: i }) as unknown as Json);
      const outcomes = docs.map((_, i): SignOutcome => ({ proof: { ...REAL_PROOF, proofValue: `z${i}` } }));
      const lines = signedJsonLines(docs, outcomes);
      expect(lines.length).toBeGreaterThan(count === 300 ? 12_000_000 : 0);
      expect(Buffer.from(lines).equals(Buffer.from(docs.map((d, i) => reference(d, outcomes[i]!)).join('\n'), 'utf8'))).toBe(true);
    }
  });

  it('throws what JSON.stringify throws (a BigInt), instead of writing anything', () => {
    const doc = buildCredential(fc.sample(hostileInput(ISSUER), { numRuns: 1, seed: 3 })[0]!.input) as unknown as Doc;
    const outcome: SignOutcome = { proof: { ...REAL_PROOF, proofValue: 10n as unknown as string } };
    expect(() => reference(doc, outcome)).toThrow(TypeError);
    expect(() => signedJsonLines([doc], [outcome])).toThrow(/BigInt/);
  });
});

describe('JsonBytes', () => {
  it('writes any string as UTF-8 of JSON.stringify (escapes, controls, lone surrogates, non-BMP), growing as it goes', () => {
    const strings = fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', minLength: 100, maxLength: 400 }));
    fc.assert(
      fc.property(fc.array(strings, { maxLength: 8 }), (list) => {
        const w = new JsonBytes(1);
        for (const s of list) w.string(s);
        expect(Buffer.from(w.slice(0, w.length)).equals(Buffer.from(list.map((s) => JSON.stringify(s)).join(''), 'utf8'))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
