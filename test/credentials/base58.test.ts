/**
 * @module test/credentials/base58 — base58btc as multibase proof values and keys use it: the encoder
 * gives the draft standard's test vectors, matches a plain BigInt conversion on any bytes (leading
 * zeros included), and round-trips through the decoder. A wrong digit here would be a proofValue no
 * verifier accepts.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { base58Decode, base58Encode } from '../../src/credentials/ed25519.js';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** The textbook definition: the bytes as one big number, written in base 58, one '1' per leading zero byte. */
function reference(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let digits = '';
  while (n > 0n) {
    digits = ALPHABET[Number(n % 58n)] + digits;
    n /= 58n;
  }
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  return '1'.repeat(zeros) + digits;
}

describe('base58btc', () => {
  it('gives the standard test vectors', () => {
    expect(base58Encode(Buffer.from('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U');
    expect(base58Encode(Buffer.from('The quick brown fox jumps over the lazy dog.'))).toBe('USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z');
    expect(base58Encode(Buffer.from('0000287fb4cd', 'hex'))).toBe('11233QC4');
    expect(base58Encode(new Uint8Array(0))).toBe('');
    expect(base58Encode(new Uint8Array(3))).toBe('111');
  });

  it('equals the textbook conversion and round-trips, for any bytes (3,000 cases)', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.uint8Array({ minLength: 64, maxLength: 64 }), // signatures
      fc.tuple(fc.integer({ min: 1, max: 8 }), fc.uint8Array({ maxLength: 40 })).map(([z, rest]) => Uint8Array.from([...new Array<number>(z).fill(0), ...rest])),
      fc.uint8Array({ maxLength: 70 }).map((a) => a.map(() => 255)),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const encoded = base58Encode(b);
        expect(encoded).toBe(reference(b));
        expect(new Uint8Array(base58Decode(encoded)!)).toEqual(b);
      }),
      { numRuns: 3000 },
    );
  });

  it('decodes any base-58 text as the textbook conversion does, and refuses what is not base 58', () => {
    const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 120 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (t) => {
        let n = 0n;
        for (const ch of t) n = n * 58n + BigInt(ALPHABET.indexOf(ch));
        const hex = n === 0n ? '' : n.toString(16);
        const digits = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
        let zeros = 0;
        while (zeros < t.length && t[zeros] === '1') zeros++;
        expect(new Uint8Array(base58Decode(t)!)).toEqual(new Uint8Array([...new Array<number>(zeros).fill(0), ...digits]));
      }),
      { numRuns: 2000 },
    );
    // 0, O, I and l are left out of base 58 so people do not misread them; anything else is not a digit either.
    for (const bad of ['0', 'O', 'I', 'l', '+', '/', ' ', 'é', '\u{1F600}', 'zz0zz']) expect(base58Decode(`2NEpo7${bad}TZR`)).toBeUndefined();
  });
});
