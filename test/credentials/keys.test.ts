/** @module test/credentials/keys — per-tenant issuer keys: created once, encrypted at rest, wrong key refused. */
import { describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import type { IssuerKeyRecord } from '../../src/domain/types.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { getOrCreateIssuerKey, parseEncryptionKey } from '../../src/credentials/index.js';
import { ENCRYPTION_KEY, TENANT } from './fixtures.js';

const HEX_KEY = 'ab'.repeat(32);

describe('getOrCreateIssuerKey', () => {
  it('creates a did:key issuer on first use and stores only the encrypted secret', async () => {
    const store = new MemoryStore();
    const signer = await getOrCreateIssuerKey(store, TENANT, { encryptionKey: ENCRYPTION_KEY, now: () => new Date('2026-03-01T00:00:00Z') });
    const record = await store.getIssuerKey(TENANT);
    expect(record).toMatchObject({ tenantId: TENANT, controller: signer.controller, keyId: signer.keyId, createdAt: '2026-03-01T00:00:00.000Z' });
    expect(signer.keyId).toBe(`${signer.controller}#${signer.publicKeyMultibase}`);
    const secret = signer.toSpec().secretKeyMultibase;
    expect(secret).toMatch(/^z/);
    expect(record!.encryptedSecretKey).not.toContain(secret);
    expect(Buffer.from(record!.encryptedSecretKey, 'base64').toString('latin1')).not.toContain(secret);
  });

  it('loads the same key again, from a fresh process view of the same store', async () => {
    const store = new MemoryStore();
    const first = await getOrCreateIssuerKey(store, TENANT, { encryptionKey: ENCRYPTION_KEY });
    // A second "process": same stored record, no shared cache (another store object wrapping the same data).
    const record = (await store.getIssuerKey(TENANT))!;
    const other = new MemoryStore();
    await other.putIssuerKeyOnce(record);
    const again = await getOrCreateIssuerKey(other, TENANT, { encryptionKey: ENCRYPTION_KEY });
    expect(again.keyId).toBe(first.keyId);
    expect(again.toSpec().secretKeyMultibase).toBe(first.toSpec().secretKeyMultibase);
  });

  it('gives each tenant its own key, and concurrent first calls agree on one key', async () => {
    const store = new MemoryStore();
    const [a, b] = await Promise.all([
      getOrCreateIssuerKey(store, TENANT, { encryptionKey: ENCRYPTION_KEY }),
      getOrCreateIssuerKey(store, TENANT, { encryptionKey: ENCRYPTION_KEY }),
    ]);
    expect(a.keyId).toBe(b.keyId);
    const other = await getOrCreateIssuerKey(store, 'teams:00000000-0000-0000-0000-000000000001', { encryptionKey: ENCRYPTION_KEY });
    expect(other.keyId).not.toBe(a.keyId);
  });

  it('two processes creating the first key at once end up with the same stored key (first writer wins)', async () => {
    const shared = new MemoryStore();
    // Two views of one store, as two processes would have: no shared in-process cache.
    const processA = { getIssuerKey: (t: string) => shared.getIssuerKey(t), putIssuerKeyOnce: (k: IssuerKeyRecord) => shared.putIssuerKeyOnce(k) };
    const processB = { getIssuerKey: (t: string) => shared.getIssuerKey(t), putIssuerKeyOnce: (k: IssuerKeyRecord) => shared.putIssuerKeyOnce(k) };
    const [a, b] = await Promise.all([
      getOrCreateIssuerKey(processA, TENANT, { encryptionKey: ENCRYPTION_KEY }),
      getOrCreateIssuerKey(processB, TENANT, { encryptionKey: ENCRYPTION_KEY }),
    ]);
    expect(a.keyId).toBe(b.keyId);
    expect((await shared.getIssuerKey(TENANT))!.keyId).toBe(a.keyId);
  });

  it('refuses a wrong encryption key with a clear message', async () => {
    const store = new MemoryStore();
    await getOrCreateIssuerKey(store, TENANT, { encryptionKey: ENCRYPTION_KEY });
    await expect(getOrCreateIssuerKey(store, TENANT, { encryptionKey: HEX_KEY })).rejects.toThrow(
      /Cannot decrypt the issuer key of slack:T0CRED: CREDBOT_KEY_ENCRYPTION_KEY is not the key it was stored with/,
    );
  });

  it('refuses a record moved to another tenant (the ciphertext is bound to its tenant)', async () => {
    const store = new MemoryStore();
    await getOrCreateIssuerKey(store, TENANT, { encryptionKey: ENCRYPTION_KEY });
    const moved = { ...(await store.getIssuerKey(TENANT))!, tenantId: 'slack:T0THIEF' };
    const other = new MemoryStore();
    await other.putIssuerKeyOnce(moved);
    await expect(getOrCreateIssuerKey(other, 'slack:T0THIEF', { encryptionKey: ENCRYPTION_KEY })).rejects.toThrow(/Cannot decrypt/);
  });

  it('uses a configured secret key (multikey format): the issuer is that key, on every tenant', async () => {
    const source = await getOrCreateIssuerKey(new MemoryStore(), 'console:local', { encryptionKey: ENCRYPTION_KEY });
    const configuredSecretKey = source.toSpec().secretKeyMultibase;
    const one = await getOrCreateIssuerKey(new MemoryStore(), TENANT, { encryptionKey: ENCRYPTION_KEY, configuredSecretKey });
    const two = await getOrCreateIssuerKey(new MemoryStore(), 'slack:T0SECOND', { encryptionKey: ENCRYPTION_KEY, configuredSecretKey });
    expect(one.controller).toBe(source.controller);
    expect(two.controller).toBe(source.controller);
  });

  it('accepts a bare base58 seed and refuses a malformed configured key', async () => {
    const seed = '11111111111111111111111111111112'; // base58 of 31 zero bytes + 0x01: 32 bytes
    const a = await getOrCreateIssuerKey(new MemoryStore(), TENANT, { encryptionKey: ENCRYPTION_KEY, configuredSecretKey: seed });
    const b = await getOrCreateIssuerKey(new MemoryStore(), TENANT, { encryptionKey: ENCRYPTION_KEY, configuredSecretKey: seed });
    expect(a.controller).toBe(b.controller);
    await expect(
      getOrCreateIssuerKey(new MemoryStore(), TENANT, { encryptionKey: ENCRYPTION_KEY, configuredSecretKey: 'not-a-key!' }),
    ).rejects.toThrow(/CREDBOT_ISSUER_SECRET_KEY must be an Ed25519 secret key/);
  });

  it('never shows the secret when a signer is logged or serialized', async () => {
    const signer = await getOrCreateIssuerKey(new MemoryStore(), TENANT, { encryptionKey: ENCRYPTION_KEY });
    const secret = signer.toSpec().secretKeyMultibase;
    expect(inspect(signer)).not.toContain(secret);
    expect(JSON.stringify({ signer })).not.toContain(secret);
    expect(`${JSON.stringify(signer)}`).toContain(signer.publicKeyMultibase);
  });
});

describe('parseEncryptionKey', () => {
  it('accepts 32 bytes as base64 or hex', () => {
    expect(parseEncryptionKey(ENCRYPTION_KEY)).toHaveLength(32);
    expect(parseEncryptionKey(HEX_KEY)).toEqual(Buffer.alloc(32, 0xab));
  });

  it('refuses a missing or short key, naming the variable and not echoing the value', () => {
    expect(() => parseEncryptionKey(undefined)).toThrow(/CREDBOT_KEY_ENCRYPTION_KEY is not set/);
    const short = Buffer.alloc(16, 1).toString('base64');
    let message = '';
    try {
      parseEncryptionKey(short);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/must be 32 bytes/);
    expect(message).not.toContain(short);
  });
});
