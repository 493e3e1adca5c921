/**
 * @module credentials/ed25519 — Ed25519 with node:crypto straight from multikey strings (no JSON-LD
 * key objects): what the fast signing and verifying paths use. Ed25519 is deterministic, so these
 * signatures are byte-for-byte the library's.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Each limb holds five base-58 digits: 58^5 < 2^30, so `limb * 256 + carry` stays an exact integer. */
const LIMB = 58 ** 5;
let limbs = new Float64Array(64);

/**
 * Base58btc, as multibase `z…` values use. Schoolbook base conversion over five-digit limbs rather
 * than single digits: a 64-byte signature costs ~5x fewer steps (measured: it had been ~8% of a
 * signing thread's time).
 */
export function base58Encode(bytes: Uint8Array): string {
  if (limbs.length < bytes.length) limbs = new Float64Array(bytes.length); // ≥ the limbs any input needs
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    let carry = bytes[i]!;
    for (let j = 0; j < n; j++) {
      const v = limbs[j]! * 256 + carry;
      carry = Math.floor(v / LIMB);
      limbs[j] = v - carry * LIMB;
    }
    while (carry > 0) {
      const q = Math.floor(carry / LIMB);
      limbs[n++] = carry - q * LIMB;
      carry = q;
    }
  }
  let out = '';
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) out += '1'; // leading zero bytes
  // The most significant limb without its leading zero digits, every other limb as five digits.
  for (let j = n - 1; j >= 0; j--) {
    let v = limbs[j]!;
    let digits = '';
    for (let k = 0; k < 5 && (j !== n - 1 || v > 0); k++) {
      const q = Math.floor(v / 58);
      digits = B58[v - q * 58] + digits;
      v = q;
    }
    out += digits;
  }
  return out;
}

/** Digit value of each ASCII character, -1 where it is not a base-58 digit. */
const B58_DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < B58.length; i++) B58_DIGIT[B58.charCodeAt(i)] = i;
let digits256 = new Float64Array(64);

/**
 * The bytes of a base58btc string, undefined when a character is not a digit. Five digits at a time
 * (the inverse of the encoder's limbs): a proofValue is decoded on every verification.
 */
export function base58Decode(s: string): Buffer | undefined {
  if (digits256.length < s.length) digits256 = new Float64Array(s.length); // ≥ the bytes any input needs
  const bytes = digits256; // base-256 digits, least significant first
  let n = 0;
  for (let i = 0; i < s.length; i += 5) {
    let carry = 0;
    let scale = 1;
    for (let k = i; k < i + 5 && k < s.length; k++) {
      const code = s.charCodeAt(k);
      const digit = code < 128 ? B58_DIGIT[code]! : -1;
      if (digit < 0) return undefined;
      carry = carry * 58 + digit;
      scale *= 58;
    }
    // bytes * 58^k + the k digits: every intermediate is below 2^53, so exact in a double.
    for (let j = 0; j < n; j++) {
      const v = bytes[j]! * scale + carry;
      carry = Math.floor(v / 256);
      bytes[j] = v - carry * 256;
    }
    while (carry > 0) {
      const q = Math.floor(carry / 256);
      bytes[n++] = carry - q * 256;
      carry = q;
    }
  }
  let zeros = 0;
  while (zeros < s.length && s.charCodeAt(zeros) === 49) zeros++; // each leading '1' is a zero byte
  const out = Buffer.alloc(zeros + n);
  for (let j = 0; j < n; j++) out[zeros + j] = bytes[n - 1 - j]!;
  return out;
}

const PKCS8_SEED_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** `z` + base58btc of a multicodec-prefixed key: 0xed01 for an Ed25519 public key, 0x8026 for its secret. */
function multikeyBytes(multibase: string, header: [number, number], lengths: number[]): Buffer {
  const raw = multibase.startsWith('z') ? base58Decode(multibase.slice(1)) : undefined;
  if (!raw || raw[0] !== header[0] || raw[1] !== header[1] || !lengths.includes(raw.length - 2)) {
    throw new Error('Not an Ed25519 multikey');
  }
  return raw.subarray(2, 34);
}

export function privateKeyFromMultibase(secretKeyMultibase: string): KeyObject {
  const seed = multikeyBytes(secretKeyMultibase, [0x80, 0x26], [32, 64]);
  return createPrivateKey({ key: Buffer.concat([PKCS8_SEED_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function publicKeyFromMultibase(publicKeyMultibase: string): KeyObject {
  const key = multikeyBytes(publicKeyMultibase, [0xed, 0x01], [32]);
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, key]), format: 'der', type: 'spki' });
}

/** A Data Integrity `proofValue`: multibase base58btc (`z…`) of the 64-byte signature. */
export function signToProofValue(data: Uint8Array, key: KeyObject): string {
  return 'z' + base58Encode(sign(null, data, key));
}

/** True when `proofValue` is a valid signature of `data`; false for any malformed value. */
export function verifyProofValue(data: Uint8Array, proofValue: string, key: KeyObject): boolean {
  if (!proofValue.startsWith('z')) return false;
  const sig = base58Decode(proofValue.slice(1));
  return sig !== undefined && sig.length === 64 && verify(null, data, key, sig);
}
