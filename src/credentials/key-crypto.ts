/**
 * @module credentials/key-crypto — issuer secret keys at rest: AES-256-GCM with the configured
 * 32-byte key (`CREDBOT_KEY_ENCRYPTION_KEY`). Stored as base64 of iv | tag | ciphertext.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export class KeyEncryptionError extends Error {
  readonly code = 'KEY_ENCRYPTION';
  constructor(message: string) {
    super(message);
    this.name = 'KeyEncryptionError';
  }
}

/** Reads a 32-byte key given as hex (64 chars) or base64; the message never echoes the value. */
export function parseEncryptionKey(value: string | undefined): Buffer {
  const v = (value ?? '').trim();
  if (!v) throw new KeyEncryptionError('CREDBOT_KEY_ENCRYPTION_KEY is not set: give 32 random bytes as hex or base64 (e.g. `openssl rand -base64 32`).');
  const key = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) ? Buffer.from(v, 'base64') : undefined;
  if (!key || key.length !== 32) {
    throw new KeyEncryptionError(`CREDBOT_KEY_ENCRYPTION_KEY must be 32 bytes as hex (64 characters) or base64 (it has ${v.length} characters).`);
  }
  return key;
}

/** `aad` binds the ciphertext to its tenant, so a record copied to another tenant does not decrypt. */
export function encryptSecret(plain: string, key: Buffer, aad: string, random: (n: number) => Buffer = randomBytes): string {
  const iv = random(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function decryptSecret(stored: string, key: Buffer, aad: string): string {
  const raw = Buffer.from(stored, 'base64');
  if (raw.length < 29) throw new KeyEncryptionError('The stored issuer key is truncated or not in the expected format.');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new KeyEncryptionError(
      `Cannot decrypt the issuer key of ${aad}: CREDBOT_KEY_ENCRYPTION_KEY is not the key it was stored with (or the record is corrupted).`,
    );
  }
}
