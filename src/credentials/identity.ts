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

// Salts are cut from 4 KB of random bytes turned into hex at once: one call into the CSPRNG and one
// hex conversion per 256 salts instead of one each per credential. Every salt is 16 bytes used once.
const SALT_HEX = 32;
let pool = '';
let used = 0;
function pooledSalt(): string {
  if (used + SALT_HEX > pool.length) {
    pool = randomBytes(4096).toString('hex');
    used = 0;
  }
  used += SALT_HEX;
  return pool.slice(used - SALT_HEX, used);
}

/** A fresh random salt (hex of 16 bytes), so equal emails do not give equal hashes across credentials. */
export function newSalt(random?: (bytes: number) => Buffer): string {
  return random ? random(16).toString('hex') : pooledSalt();
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
