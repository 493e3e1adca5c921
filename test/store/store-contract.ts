/**
 * @module test/store/store-contract — the behaviour every Store must have, run against the in-memory
 * and the Redis store alike (designs, groups, credentials, status lists). Unusual credential batches
 * are in store-contract-batches.ts; jobs, roles and short-lived state in store-contract-runtime.ts;
 * delivery's per-job progress in store-contract-delivery.ts; two-step claims in store-contract-claims.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TenantId } from '../../src/domain/types.js';
import type { Store } from '../../src/store/port.js';
import { StoreInputError } from '../../src/store/errors.js';
import { credential, design, group, weakRandom } from './fixtures.js';
import { batchContract } from './store-contract-batches.js';
import { claimContract } from './store-contract-claims.js';
import { deliveryProgressContract } from './store-contract-delivery.js';
import { runtimeContract } from './store-contract-runtime.js';

export interface StoreHarness {
  store: Store;
  /** A second handle on the same data (Redis: another connection, as another process would have). */
  other: Store;
  /** A new handle on the same data that has not talked to the server yet, and how to let it go. */
  connect(): { store: Store; close(): Promise<void> };
  /** A tenant id unique to this run, so runs never see each other's data. */
  tenant(label: string): TenantId;
  /** A record id unique to this run. */
  id(label: string): string;
  /** Lets time pass: the memory store moves its clock, the Redis store really waits. */
  advance(ms: number): Promise<void>;
  cleanup(): Promise<void>;
}

export function storeContract(name: string, makeHarness: () => Promise<StoreHarness>): void {
  describe(`${name} store contract`, () => {
    let harness: StoreHarness;
    const h = () => harness;
    beforeAll(async () => { harness = await makeHarness(); });
    afterAll(async () => { await harness?.cleanup(); });

    dataContract(h);
    batchContract(h);
    runtimeContract(h);
    deliveryProgressContract(h);
    claimContract(h);
  });
}

function dataContract(h: () => StoreHarness): void {
  describe('designs and groups', () => {
    it('lists designs and groups by name, and keeps each tenant apart', async () => {
      const { store } = h();
      const [a, b] = [h().tenant('a'), h().tenant('b')];
      await store.putDesign(design(a, 'd2', 'zebra badge'));
      await store.putDesign(design(a, 'd1', 'Autumn certificate'));
      await store.putGroup(group(a, 'g2', 'Welding 201'));
      await store.putGroup(group(a, 'g1', 'art 101'));
      expect((await store.listDesigns(a)).map((d) => d.name)).toEqual(['Autumn certificate', 'zebra badge']);
      expect((await store.listGroups(a)).map((g) => g.name)).toEqual(['art 101', 'Welding 201']);
      expect((await store.getGroup(a, 'g1'))?.courseName).toBe('art 101');
      expect(await store.getGroup(b, 'g1')).toBeUndefined();
      expect(await store.getDesign(b, 'd1')).toBeUndefined();
      expect(await store.listGroups(b)).toEqual([]);
      expect(await store.listDesigns(b)).toEqual([]);
    });

    it('replaces a group when it is saved again', async () => {
      const { store } = h();
      const a = h().tenant('a-replace');
      await store.putGroup(group(a, 'g1', 'Old name'));
      await store.putGroup({ ...group(a, 'g1', 'New name'), allowDuplicates: true });
      const groups = await store.listGroups(a);
      expect(groups.map((g) => [g.name, g.allowDuplicates])).toEqual([['New name', true]]);
    });
  });

  describe('credentials', () => {
    it('stores a batch, finds it by id (publicly and per tenant), by email, and pages through a group', async () => {
      const { store } = h();
      const [a, b] = [h().tenant('ca'), h().tenant('cb')];
      const ids = [1, 2, 3, 4, 5].map((n) => h().id(`c${n}`));
      const res = await store.putCredentials(a, ids.map((id, n) => credential(a, id, 'g1', `p${n}@x.org`)), { allowDuplicates: false });
      expect(res).toEqual({ stored: ids, existing: [], duplicates: [] });
      expect((await store.getCredential(a, ids[0]))?.recipient.email).toBe('p0@x.org');
      expect((await store.findCredential(ids[2]))?.tenantId).toBe(a);
      expect(await store.findCredential(h().id('never-issued'))).toBeUndefined();
      expect(await store.findCredentialByEmail(a, 'g1', 'p3@x.org')).toBe(ids[3]);
      expect(await store.countCredentials(a, 'g1')).toBe(5);
      expect((await store.listCredentials(a, 'g1', { offset: 1, limit: 2 })).map((c) => c.id)).toEqual([ids[1], ids[2]]);
      expect((await store.listCredentials(a, 'g1')).map((c) => c.id)).toEqual(ids);
      // Tenant B sees none of it.
      expect(await store.getCredential(b, ids[0])).toBeUndefined();
      expect(await store.findCredentialByEmail(b, 'g1', 'p3@x.org')).toBeUndefined();
      expect(await store.countCredentials(b, 'g1')).toBe(0);
      expect(await store.listCredentials(b, 'g1')).toEqual([]);
    });

    it('stores one credential per email and group, within a batch and across batches', async () => {
      const { store } = h();
      const a = h().tenant('dup');
      const [c1, c2, c3, c4] = ['1', '2', '3', '4'].map((n) => h().id(`dup${n}`));
      const first = await store.putCredentials(a, [credential(a, c1, 'g1', 'Ann@x.org'), credential(a, c2, 'g1', ' ann@X.org ')], { allowDuplicates: false });
      expect(first).toEqual({ stored: [c1], existing: [], duplicates: [{ id: c2, heldBy: c1 }] });
      const second = await store.putCredentials(a, [credential(a, c3, 'g1', 'ann@x.org'), credential(a, c4, 'g2', 'ann@x.org')], { allowDuplicates: false });
      expect(second).toEqual({ stored: [c4], existing: [], duplicates: [{ id: c3, heldBy: c1 }] });
      expect(await store.getCredential(a, c2)).toBeUndefined();
      expect(await store.findCredential(c3)).toBeUndefined();
      expect(await store.countCredentials(a, 'g1')).toBe(1);
    });

    it('stores both when the group allows duplicates', async () => {
      const { store } = h();
      const a = h().tenant('dup-ok');
      const [c1, c2] = [h().id('ok1'), h().id('ok2')];
      const res = await store.putCredentials(a, [credential(a, c1, 'g1', 'bo@x.org'), credential(a, c2, 'g1', 'bo@x.org')], { allowDuplicates: true });
      expect(res).toEqual({ stored: [c1, c2], existing: [], duplicates: [] });
      expect(await store.countCredentials(a, 'g1')).toBe(2);
      expect(await store.findCredentialByEmail(a, 'g1', 'bo@x.org')).toBe(c1);
    });

    it('stores a signed credential handed over as UTF-8 JSON bytes and gives it back as the same object', async () => {
      const { store } = h();
      const a = h().tenant('bytes');
      const c1 = h().id('bytes1');
      const signed = { id: `https://x.test/credentials/${c1}`, name: 'Zoë "Ñ" \\ 李小龍 𝄞', proof: [{ proofValue: 'z3abc' }], list: [1, true, null] };
      const record = credential(a, c1, 'g1', 'by@x.org');
      const res = await store.putCredentials(a, [{ ...record, signed: new TextEncoder().encode(JSON.stringify(signed)) }], { allowDuplicates: false });
      expect(res.stored).toEqual([c1]);
      expect(await store.getCredential(a, c1)).toEqual({ ...record, signed });
      expect((await store.findCredential(c1))?.signed).toEqual(signed);
      expect((await store.listCredentials(a, 'g1'))[0]?.signed).toEqual(signed);
    });

    it('treats storing the same credential id again as a no-op', async () => {
      const { store } = h();
      const a = h().tenant('again');
      const c1 = h().id('again1');
      await store.putCredentials(a, [credential(a, c1, 'g1', 'cy@x.org')], { allowDuplicates: false });
      const res = await store.putCredentials(a, [{ ...credential(a, c1, 'g1', 'cy@x.org'), attributes: { grade: 'F' } }], { allowDuplicates: false });
      expect(res).toEqual({ stored: [], existing: [c1], duplicates: [] });
      expect((await store.getCredential(a, c1))?.attributes.grade).toBe('A');
      expect(await store.countCredentials(a, 'g1')).toBe(1);
    });

    it('lets only one of two concurrent writers claim an email', async () => {
      const { store, other } = h();
      const a = h().tenant('race');
      const [c1, c2] = [h().id('race1'), h().id('race2')];
      const [r1, r2] = await Promise.all([
        store.putCredentials(a, [credential(a, c1, 'g1', 'di@x.org')], { allowDuplicates: false }),
        other.putCredentials(a, [credential(a, c2, 'g1', 'di@x.org')], { allowDuplicates: false }),
      ]);
      expect([...r1.stored, ...r2.stored]).toHaveLength(1);
      expect([...r1.duplicates, ...r2.duplicates]).toHaveLength(1);
      expect(await store.countCredentials(a, 'g1')).toBe(1);
    });

    it('updates a stored credential (a revocation) and refuses an unknown one', async () => {
      const { store } = h();
      const a = h().tenant('upd');
      const c1 = h().id('upd1');
      const cred = credential(a, c1, 'g1', 'ed@x.org');
      await store.putCredentials(a, [cred], { allowDuplicates: false });
      await store.updateCredential({ ...cred, status: 'revoked', revokedReason: 'error in name', revokedBy: 'U9' });
      expect(await store.findCredential(c1)).toMatchObject({ status: 'revoked', revokedReason: 'error in name' });
      await expect(store.updateCredential(credential(a, h().id('ghost'), 'g1', 'x@x.org'))).rejects.toThrow(/does not exist/);
    });

    it('refuses a credential of another tenant in the batch', async () => {
      const { store } = h();
      const [a, b] = [h().tenant('mix-a'), h().tenant('mix-b')];
      await expect(store.putCredentials(a, [credential(b, h().id('mix'), 'g1', 'f@x.org')], { allowDuplicates: false }))
        .rejects.toThrow(StoreInputError);
    });
  });

  describe('status lists', () => {
    it('never hands out the same index twice, even with a poor random source', async () => {
      const { store } = h();
      const a = h().tenant('status');
      const seen = new Set<number>();
      for (let i = 0; i < 64; i++) for (const n of await store.allocateStatusIndexes(a, 'list-1', 64, 1, weakRandom())) seen.add(n);
      expect(seen.size).toBe(64);
      expect(Math.max(...seen)).toBe(63);
      // A full list hands out nothing: the caller starts a new one.
      expect(await store.allocateStatusIndexes(a, 'list-1', 64, 5, Math.random)).toEqual([]);
      // Another tenant's list of the same id is untouched.
      expect(await store.allocateStatusIndexes(h().tenant('status-b'), 'list-1', 64, 1, () => 0.5)).toEqual([32]);
    });

    it('allocates a whole batch at once: distinct random indexes, then what is left when the list fills', async () => {
      const { store } = h();
      const a = h().tenant('status-batch');
      const first = await store.allocateStatusIndexes(a, 'list-1', 1024, 250, Math.random);
      expect(first).toHaveLength(250);
      expect(new Set(first).size).toBe(250);
      expect(first.every((n) => Number.isInteger(n) && n >= 0 && n < 1024)).toBe(true);
      // Random, not the lowest free indexes in order (which would tell who holds which bit).
      expect(first.filter((n, i) => n === i).length).toBeLessThan(50);
      const rest = await store.allocateStatusIndexes(a, 'list-1', 1024, 1000, Math.random);
      expect(rest).toHaveLength(1024 - 250);
      expect(new Set([...first, ...rest]).size).toBe(1024);
      await expect(store.allocateStatusIndexes(a, 'list-1', 1024, 0, Math.random)).rejects.toThrow(StoreInputError);
    });

    it('hands out distinct indexes to concurrent allocators', async () => {
      const { store, other } = h();
      const a = h().tenant('status-race');
      const all = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? store : other).allocateStatusIndexes(a, 'l', 1024, 7, weakRandom())));
      expect(all.every((got) => got.length === 7)).toBe(true);
      expect(new Set(all.flat()).size).toBe(280);
    });

    it('round-trips status bits, most significant bit first', async () => {
      const { store } = h();
      const a = h().tenant('bits');
      for (const i of [0, 9, 15, 127]) await store.setStatusBit(a, 'l', i, true);
      await store.setStatusBit(a, 'l', 15, false);
      const bits = await store.getStatusBits(a, 'l', 128);
      expect(bits).toHaveLength(16);
      expect([bits[0], bits[1], bits[15]]).toEqual([0x80, 0x40, 0x01]);
      expect(bits.subarray(2, 15).every((b) => b === 0)).toBe(true);
      expect(await store.getStatusBits(h().tenant('bits-b'), 'l', 16)).toEqual(Buffer.alloc(2));
      await expect(store.getStatusBits(a, 'l', 12)).rejects.toThrow(/multiple of 8/);
    });

    it('keeps the signed status-list credential per tenant', async () => {
      const { store } = h();
      const a = h().tenant('slc');
      await store.putStatusListCredential(a, 'l', { id: 'https://x/status/l', encodedList: 'H4sI' });
      expect(await store.getStatusListCredential(a, 'l')).toEqual({ id: 'https://x/status/l', encodedList: 'H4sI' });
      expect(await store.getStatusListCredential(h().tenant('slc-b'), 'l')).toBeUndefined();
    });

    it('finds a credential by id with the version of its status list, raised by each list published, per tenant and list', async () => {
      // What a verification page reads per request: a new version tells every process to drop the list it keeps.
      const { store, other } = h();
      const [a, b] = [h().tenant('fsv-a'), h().tenant('fsv-b')];
      const [onFirst, onSecond, ofB] = [h().id('fsv1'), h().id('fsv2'), h().id('fsv3')];
      await store.putCredentials(a, [credential(a, onFirst, 'g1', 'p1@x.org', 5), { ...credential(a, onSecond, 'g1', 'p2@x.org', 6), statusListId: 'list-2' }], { allowDuplicates: false });
      await store.putCredentials(b, [credential(b, ofB, 'g1', 'p1@x.org', 5)], { allowDuplicates: false });
      expect(await store.findCredentialWithStatusVersion(onFirst)).toEqual({ record: await store.getCredential(a, onFirst), statusListVersion: 0 });

      await store.putStatusListCredential(a, 'list-1', { id: 'https://x/status/a/list-1', encodedList: 'v1' });
      await store.putStatusListCredential(a, 'list-1', { id: 'https://x/status/a/list-1', encodedList: 'v2' });
      const found = await other.findCredentialWithStatusVersion(onFirst); // another process sees it too
      expect(found?.record.tenantId).toBe(a);
      expect(found?.record.statusListIndex).toBe(5);
      expect(found?.statusListVersion).toBe(2);
      expect(await store.getStatusListVersion(a, 'list-1')).toBe(2);
      // Another list of the same tenant, and the same list id in another tenant, keep their own versions.
      expect((await store.findCredentialWithStatusVersion(onSecond))?.statusListVersion).toBe(0);
      expect((await store.findCredentialWithStatusVersion(ofB))).toMatchObject({ record: { tenantId: b }, statusListVersion: 0 });
      expect(await store.findCredentialWithStatusVersion(h().id('fsv-never'))).toBeUndefined();
    });
  });
}
