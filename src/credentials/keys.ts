/**
 * @module credentials/keys — one Ed25519 issuer key per tenant: generated on first use (or taken
 * from configuration), stored encrypted with `putIssuerKeyOnce` (first writer wins across
 * processes), decrypted only in memory and cached per tenant.
 */
import { createHash } from 'node:crypto';
import type { IssuerKeyRecord, TenantId } from '../domain/types.js';
import type { Store } from '../store/port.js';
import { didKeyFor } from './did-key.js';
import { decryptSecret, encryptSecret, parseEncryptionKey } from './key-crypto.js';
import { ed25519FromMultikey, generateEd25519 } from './libs.js';
import { IssuerSigner } from './signer.js';

export type IssuerKeyStore = Pick<Store, 'getIssuerKey' | 'putIssuerKeyOnce'>;

export interface IssuerKeyOptions {
  /** CREDBOT_KEY_ENCRYPTION_KEY: 32 bytes, hex or base64. */
  encryptionKey: string | undefined;
  /** CREDBOT_ISSUER_SECRET_KEY: use this key instead of generating one (base58btc / multibase seed). */
  configuredSecretKey?: string;
  now?: () => Date;
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58Decode(s: string): Buffer | undefined {
  let n = 0n;
  for (const ch of s) {
    const d = B58.indexOf(ch);
    if (d < 0) return undefined;
    n = n * 58n + BigInt(d);
  }
  const hex = n === 0n ? '' : n.toString(16);
  const body = Buffer.from(hex.length % 2 ? '0' + hex : hex, 'hex');
  const zeros = /^1*/.exec(s)![0].length;
  return Buffer.concat([Buffer.alloc(zeros), body]);
}

/** The 32-byte seed of a configured secret: a multikey secret (`z…`, 0x8026 header) or a bare base58 seed. */
export function seedFromConfiguredSecret(secret: string): Uint8Array {
  const v = secret.trim();
  const multikey = v.startsWith('z') ? base58Decode(v.slice(1)) : undefined;
  if (multikey && multikey[0] === 0x80 && multikey[1] === 0x26 && (multikey.length === 34 || multikey.length === 66)) {
    return multikey.subarray(2, 34);
  }
  const seed = base58Decode(v);
  if (seed && seed.length === 32) return seed;
  throw new Error('CREDBOT_ISSUER_SECRET_KEY must be an Ed25519 secret key as multibase ("z…") or a base58 32-byte seed.');
}

async function newRecord(tenant: TenantId, encKey: Buffer, opts: IssuerKeyOptions): Promise<IssuerKeyRecord> {
  const seed = opts.configuredSecretKey ? seedFromConfiguredSecret(opts.configuredSecretKey) : undefined;
  const generated = await generateEd25519(undefined, seed);
  const { controller, keyId } = didKeyFor(generated.publicKeyMultibase);
  return {
    tenantId: tenant,
    controller,
    keyId,
    publicKeyMultibase: generated.publicKeyMultibase,
    encryptedSecretKey: encryptSecret(generated.secretKeyMultibase!, encKey, tenant),
    createdAt: (opts.now?.() ?? new Date()).toISOString(),
  };
}

async function unlock(record: IssuerKeyRecord, encKey: Buffer): Promise<IssuerSigner> {
  const secret = decryptSecret(record.encryptedSecretKey, encKey, record.tenantId);
  // Importing checks that the secret belongs to the stored public key.
  const kp = await ed25519FromMultikey({ publicKeyMultibase: record.publicKeyMultibase, secretKeyMultibase: secret });
  const probe = new TextEncoder().encode('credbot key check');
  if ((await kp.signer().sign({ data: probe })).length !== 64) throw new Error(`Issuer key of ${record.tenantId} is unusable`);
  return new IssuerSigner(record.controller, record.keyId, record.publicKeyMultibase, secret);
}

const cache = new WeakMap<IssuerKeyStore, Map<string, Promise<IssuerSigner>>>();

/** The tenant's issuer signer, creating and storing its key on first use. */
export function getOrCreateIssuerKey(store: IssuerKeyStore, tenant: TenantId, opts: IssuerKeyOptions): Promise<IssuerSigner> {
  const encKey = parseEncryptionKey(opts.encryptionKey);
  const cacheKey = `${tenant}\u0000${createHash('sha256').update(encKey).digest('hex')}`;
  let perStore = cache.get(store);
  if (!perStore) cache.set(store, (perStore = new Map()));
  let signer = perStore.get(cacheKey);
  if (!signer) {
    signer = (async () => {
      const existing = await store.getIssuerKey(tenant);
      const record = existing ?? (await store.putIssuerKeyOnce(await newRecord(tenant, encKey, opts)));
      return unlock(record, encKey);
    })();
    perStore.set(cacheKey, signer);
    signer.catch(() => perStore.delete(cacheKey)); // a failure is not cached
  }
  return signer;
}

/** The public key record of a tenant without decrypting it (e.g. for a key endpoint). */
export async function issuerPublicKey(store: IssuerKeyStore, tenant: TenantId): Promise<Omit<IssuerKeyRecord, 'encryptedSecretKey'> | undefined> {
  const rec = await store.getIssuerKey(tenant);
  if (!rec) return undefined;
  const { encryptedSecretKey: _secret, ...pub } = rec;
  return pub;
}
