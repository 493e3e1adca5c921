/** @module test/credentials/revocation — status lists: revoked and expired credentials are reported as such. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MemoryStore } from '../../src/store/memory-store.js';
import {
  STATUS_LIST_SIZE,
  buildCredential,
  closeSigningPool,
  getOrCreateIssuerKey,
  signCredentials,
  signStatusList,
  statusAt,
  statusListUrl,
  verifyCredential,
  withBit,
  type IssuerSigner,
  type SignedCredential,
} from '../../src/credentials/index.js';
import { BASE_URL, ENCRYPTION_KEY, TENANT, group, input } from './fixtures.js';

const INDEX = 4242;
const LIST = 'list-1';
const LIST_URL = statusListUrl(BASE_URL, TENANT, LIST);
const ISSUED = '2026-03-01T10:00:00Z';
const DURING = () => new Date('2026-04-01T00:00:00Z');

let store: MemoryStore;
let signer: IssuerSigner;
let credential: SignedCredential;

/** Publishes the tenant's list from the store's bits, as issuance/web do. */
async function publishList(): Promise<void> {
  const bits = await store.getStatusBits(TENANT, LIST, STATUS_LIST_SIZE);
  const vc = await signStatusList({ publicBaseUrl: BASE_URL, tenantId: TENANT, listId: LIST, bits, validFrom: ISSUED }, signer);
  await store.putStatusListCredential(TENANT, LIST, vc);
}

const statusLists = async (url: string) => (url === LIST_URL ? store.getStatusListCredential(TENANT, LIST) : undefined);

beforeAll(async () => {
  store = new MemoryStore();
  signer = await getOrCreateIssuerKey(store, TENANT, { encryptionKey: ENCRYPTION_KEY });
  const unsigned = buildCredential(input(signer.controller, { statusListIndex: INDEX, group: group({ expiry: { kind: 'after', amount: 1, unit: 'years' } }) }));
  [credential] = await signCredentials([unsigned], signer);
});
afterAll(closeSigningPool);

describe('revocation', () => {
  it('a credential whose bit is clear is valid', async () => {
    await publishList();
    const result = await verifyCredential(credential, { statusLists, now: DURING, revokedReason: 'not revoked, so not shown' });
    expect(result).toEqual({ status: 'valid', signatureValid: true, revoked: false, expired: false, errors: [] });
  });

  it('after its bit is set and the list re-signed, the same credential reports revoked (signature still valid)', async () => {
    await store.setStatusBit(TENANT, LIST, INDEX, true);
    await publishList();
    const result = await verifyCredential(credential, { statusLists, now: DURING, revokedReason: 'Issued to the wrong person' });
    expect(result).toMatchObject({ status: 'revoked', signatureValid: true, revoked: true, revokedReason: 'Issued to the wrong person', expired: false });
    await store.setStatusBit(TENANT, LIST, INDEX, false);
    await publishList();
  });

  it('a neighbouring bit does not revoke it (bit order: index 0 is the first byte\'s most significant bit)', async () => {
    await store.setStatusBit(TENANT, LIST, INDEX + 1, true);
    await store.setStatusBit(TENANT, LIST, INDEX - 1, true);
    await publishList();
    expect((await verifyCredential(credential, { statusLists, now: DURING })).revoked).toBe(false);
    const list = (await store.getStatusListCredential(TENANT, LIST))!;
    expect(await statusAt(list, INDEX + 1)).toBe(true);
    expect(await statusAt(list, INDEX)).toBe(false);
    await store.setStatusBit(TENANT, LIST, INDEX + 1, false);
    await store.setStatusBit(TENANT, LIST, INDEX - 1, false);
    await publishList();
  });

  it('a forged status list (not signed by the issuer) makes the check fail instead of trusting it', async () => {
    const other = await getOrCreateIssuerKey(new MemoryStore(), 'slack:T0OTHER', { encryptionKey: ENCRYPTION_KEY });
    const bits = withBit(Buffer.alloc(STATUS_LIST_SIZE / 8), INDEX, true);
    const forged = await signStatusList({ publicBaseUrl: BASE_URL, tenantId: TENANT, listId: LIST, bits, validFrom: ISSUED }, other);
    const result = await verifyCredential(credential, { statusLists: async () => forged, now: DURING });
    expect(result.status).toBe('invalid');
    expect(result.errors.join(' ')).toMatch(/Status check failed: .*Issuers .* do not match/);
  });

  it('an unpublished status list is reported, not silently ignored', async () => {
    const result = await verifyCredential(credential, { statusLists: async () => undefined, now: DURING });
    expect(result.status).toBe('invalid');
    expect(result.errors.join(' ')).toContain(`No status list is published at ${LIST_URL}`);
  });
});

describe('status list credential', () => {
  it('is a signed BitstringStatusListCredential of 131072 entries from the same issuer', async () => {
    await publishList();
    const list = (await store.getStatusListCredential(TENANT, LIST))! as Record<string, any>;
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(list.id).toBe(LIST_URL);
    expect(list.issuer).toBe(signer.controller);
    expect(list.credentialSubject).toMatchObject({ type: 'BitstringStatusList', statusPurpose: 'revocation' });
    expect(list.proof).toHaveLength(1);
    await expect(statusAt(list, STATUS_LIST_SIZE - 1)).resolves.toBe(false);
    await expect(statusAt(list, STATUS_LIST_SIZE)).rejects.toThrow(/outside the list \(0–131071\)/);
  });

  it('withBit uses the store\'s order: bit 0 is the most significant bit of byte 0', () => {
    const bits = withBit(Buffer.alloc(2), 0, true);
    expect([...withBit(bits, 9, true)]).toEqual([0x80, 0x40]);
  });
});

describe('expiry', () => {
  it('reports expired after validUntil by the injected clock, with the signature still valid', async () => {
    const result = await verifyCredential(credential, { statusLists, now: () => new Date('2027-03-02T00:00:00Z') });
    expect(result).toMatchObject({ status: 'expired', signatureValid: true, revoked: false, expired: true });
    expect(result.errors).toEqual(['Expired on 2027-03-01T10:00:00Z']);
  });

  it('is still valid one second before validUntil', async () => {
    const result = await verifyCredential(credential, { statusLists, now: () => new Date('2027-03-01T09:59:59Z') });
    expect(result.status).toBe('valid');
  });

  it('a tampered expiry date breaks the signature', async () => {
    const extended = { ...credential, validUntil: '2099-01-01T00:00:00Z' };
    expect((await verifyCredential(extended, { statusLists, now: DURING })).status).toBe('invalid');
  });
});
