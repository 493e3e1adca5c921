/**
 * @module test/credentials/fast-verify — verification's fast path says what the library says: valid,
 * revoked (seen as soon as a re-signed list is published), tampered, forged status list, wrong issuer;
 * and it only ever confirms (every failure is worded by the library).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MemoryStore } from '../../src/store/memory-store.js';
import {
  STATUS_LIST_SIZE,
  buildCredential,
  closeSigningPool,
  getOrCreateIssuerKey,
  offlineDocumentLoader,
  signCredentials,
  signStatusList,
  statusListUrl,
  verifyCredential,
  type IssuerSigner,
  type SignedCredential,
} from '../../src/credentials/index.js';
import { fastProofValid, fastRevoked } from '../../src/credentials/fast-verify.js';
import { verifyWithLibrary, type Json } from '../../src/credentials/libs.js';
import { BASE_URL, ENCRYPTION_KEY, TENANT, group, input } from './fixtures.js';

const LIST = 'list-1';
const LIST_URL = statusListUrl(BASE_URL, TENANT, LIST);
const DURING = new Date('2026-04-01T00:00:00Z');

let store: MemoryStore;
let signer: IssuerSigner;
let other: IssuerSigner;
let credential: SignedCredential;

async function publish(bitSet: boolean, by: IssuerSigner = signer): Promise<void> {
  const bits = Buffer.alloc(STATUS_LIST_SIZE / 8);
  if (bitSet) bits[4242 >> 3] |= 0x80 >> (4242 % 8);
  await store.putStatusListCredential(TENANT, LIST, await signStatusList({ publicBaseUrl: BASE_URL, tenantId: TENANT, listId: LIST, bits, validFrom: '2026-03-01T10:00:00Z' }, by));
}
const statusLists = async (url: string) => (url === LIST_URL ? store.getStatusListCredential(TENANT, LIST) : undefined);
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v));

async function libraryVerdict(vc: object): Promise<{ verified: boolean; revoked: boolean }> {
  const r = await verifyWithLibrary({ credential: vc as Json, documentLoader: offlineDocumentLoader({ statusLists }), now: DURING, checkStatus: true });
  const status = r.statusResult as { verified: boolean; results?: { status: boolean }[] } | undefined;
  return { verified: r.verified, revoked: !!status?.results?.some((x) => x.status) };
}

beforeAll(async () => {
  store = new MemoryStore();
  signer = await getOrCreateIssuerKey(store, TENANT, { encryptionKey: ENCRYPTION_KEY });
  other = await getOrCreateIssuerKey(new MemoryStore(), 'slack:TOTHER', { encryptionKey: ENCRYPTION_KEY });
  [credential] = await signCredentials([buildCredential(input(signer.controller, { statusListIndex: 4242, group: group({ expiry: { kind: 'after', amount: 1, unit: 'years' } }) }))], signer);
});
afterAll(closeSigningPool);

describe('fast verification', () => {
  it('confirms a credential we issued and its clear revocation bit, as the library does', async () => {
    await publish(false);
    expect(fastProofValid(credential as unknown as Json, DURING)).toBe(true);
    expect(await fastRevoked(credential as unknown as Json, statusLists, offlineDocumentLoader({ statusLists }))).toBe(false);
    expect(await libraryVerdict(credential)).toEqual({ verified: true, revoked: false });
    expect(await verifyCredential(credential, { statusLists, now: () => DURING })).toEqual({ status: 'valid', signatureValid: true, revoked: false, expired: false, errors: [] });
  });

  it('sees a revocation as soon as the re-signed list is published (the cache is by content), and its undoing', async () => {
    await publish(true);
    expect(await libraryVerdict(credential)).toEqual({ verified: true, revoked: true });
    expect(await verifyCredential(credential, { statusLists, now: () => DURING })).toMatchObject({ status: 'revoked', signatureValid: true, revoked: true });
    await publish(false);
    expect((await verifyCredential(credential, { statusLists, now: () => DURING })).status).toBe('valid');
  });

  it('does not confirm a tampered credential; the library then words it as invalid', async () => {
    await publish(false);
    const tampered = copy(credential);
    tampered.credentialSubject.achievement.name = 'Advanced Data Science';
    expect(fastProofValid(tampered as unknown as Json, DURING)).toBeUndefined();
    const result = await verifyCredential(tampered, { statusLists, now: () => DURING });
    expect(result).toMatchObject({ status: 'invalid', signatureValid: false });
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it('does not take a status list signed by someone else (issuers must match), nor a forged bit', async () => {
    await publish(true, other);
    expect(await fastRevoked(credential as unknown as Json, statusLists, offlineDocumentLoader({ statusLists }))).toBeUndefined();
    expect((await verifyCredential(credential, { statusLists, now: () => DURING })).status).toBe('invalid');

    await publish(false);
    const forged = copy(await store.getStatusListCredential(TENANT, LIST)) as Json;
    const allRevoked = await signStatusList({ publicBaseUrl: BASE_URL, tenantId: TENANT, listId: LIST, bits: Buffer.alloc(STATUS_LIST_SIZE / 8, 0xff), validFrom: '2026-03-01T10:00:00Z' }, signer);
    (forged.credentialSubject as Json).encodedList = (allRevoked.credentialSubject as Json).encodedList;
    await store.putStatusListCredential(TENANT, LIST, forged);
    expect(await fastRevoked(credential as unknown as Json, statusLists, offlineDocumentLoader({ statusLists }))).toBeUndefined();
    expect((await verifyCredential(credential, { statusLists, now: () => DURING })).status).toBe('invalid');
  });

  it('leaves a proof it does not know (two proofs, another issuer) to the library', async () => {
    const twoProofs = copy(credential);
    twoProofs.proof = [twoProofs.proof[0], twoProofs.proof[0]];
    expect(fastProofValid(twoProofs as unknown as Json, DURING)).toBeUndefined();
    const otherIssuer = copy(credential);
    otherIssuer.issuer.id = other.controller;
    expect(fastProofValid(otherIssuer as unknown as Json, DURING)).toBeUndefined();
    expect((await verifyCredential(otherIssuer, { now: () => DURING })).status).toBe('invalid');
  });
});
