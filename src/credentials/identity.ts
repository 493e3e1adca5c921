/**
 * @module credentials/identity — how a recipient appears in a credential: a salted SHA-256 of the
 * normalized email (never the email itself) and the display name.
 */
import { hash, randomBytes } from 'node:crypto';
import { normalizeEmail } from '../domain/email.js';

export interface IdentityObject {
  type: 'IdentityObject';
  identityType: 'emailAddress' | 'name';
  hashed: boolean;
  identityHash: string;
  salt?: string;
}

/** `sha256$` + hex(sha256(normalizedEmail + salt)), the Open Badges hashed identity format. */
export function hashEmail(email: string, salt: string): string {
  return 'sha256$' + hash('sha256', normalizeEmail(email) + salt, 'hex');
}

// Random bytes drawn 4 KB at a time: one call into the CSPRNG per 256 salts instead of one per credential.
let pool = Buffer.alloc(0);
let used = 0;
function pooledRandomBytes(n: number): Buffer {
  if (used + n > pool.length) {
    pool = randomBytes(Math.max(4096, n));
    used = 0;
  }
  used += n;
  return pool.subarray(used - n, used);
}

/** A fresh random salt (hex), so equal emails do not give equal hashes across credentials. */
export function newSalt(random: (bytes: number) => Buffer = pooledRandomBytes): string {
  return random(16).toString('hex');
}

/** True when `email` is the one hashed into this identity (what a verifier with the email checks). */
export function emailMatches(identity: IdentityObject, email: string): boolean {
  return identity.identityType === 'emailAddress' && identity.salt !== undefined && hashEmail(email, identity.salt) === identity.identityHash;
}

export function recipientIdentifiers(recipient: { name: string; email: string }, salt: string): IdentityObject[] {
  return [
    { type: 'IdentityObject', identityHash: hashEmail(recipient.email, salt), identityType: 'emailAddress', hashed: true, salt },
    { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: recipient.name },
  ];
}
