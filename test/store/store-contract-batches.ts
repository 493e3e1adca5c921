/**
 * @module test/store/store-contract-batches — the Store contract for credential batches that are not
 * the plain case: a batch re-stored after a crash (stored, new and duplicate credentials mixed), one
 * that names an id twice, addresses beyond ASCII, and the order in which status-index candidates are tried.
 */
import { describe, expect, it } from '@jest/globals';
import { credential } from './fixtures.js';
import type { StoreHarness } from './store-contract.js';

/** A random source that yields these values in order, then 0.999… (the list's last index). */
function sequence(values: number[]): () => number {
  let i = 0;
  return () => values[i++] ?? 0.999;
}
/** The value that makes a candidate of `index` in a list of `size`. */
const at = (index: number, size: number) => (index + 0.5) / size;

export function batchContract(h: () => StoreHarness): void {
  describe('credential batches', () => {
    it('re-storing a batch keeps what was stored, stores what is new and refuses duplicates, in one call', async () => {
      const { store } = h();
      const a = h().tenant('rerun');
      const [c1, c2, c3, c4] = ['1', '2', '3', '4'].map((n) => h().id(`rerun${n}`));
      await store.putCredentials(a, [credential(a, c1, 'g1', 'ann@x.org'), credential(a, c2, 'g1', 'bo@x.org')], { allowDuplicates: false });
      const again = await store.putCredentials(a, [
        { ...credential(a, c1, 'g1', 'ann@x.org'), attributes: { grade: 'F' } },
        credential(a, c3, 'g1', 'ann@x.org'),
        credential(a, c4, 'g1', 'cy@x.org'),
      ], { allowDuplicates: false });
      expect(again).toEqual({ stored: [c4], existing: [c1], duplicates: [{ id: c3, heldBy: c1 }] });
      expect((await store.getCredential(a, c1))?.attributes.grade).toBe('A');
      expect(await store.getCredential(a, c3)).toBeUndefined();
      expect(await store.findCredential(c3)).toBeUndefined();
      expect((await store.findCredential(c4))?.recipient.email).toBe('cy@x.org');
      expect((await store.listCredentials(a, 'g1')).map((c) => c.id)).toEqual([c1, c2, c4]);
    });

    it('a batch that names an id twice stores it once, as first given', async () => {
      const { store } = h();
      const a = h().tenant('twice');
      const [c1, c2] = [h().id('twice1'), h().id('twice2')];
      const res = await store.putCredentials(a, [
        credential(a, c1, 'g1', 'di@x.org'),
        credential(a, c2, 'g1', 'ed@x.org'),
        { ...credential(a, c1, 'g1', 'fay@x.org'), attributes: { grade: 'F' } },
      ], { allowDuplicates: false });
      expect(res).toEqual({ stored: [c1, c2], existing: [c1], duplicates: [] });
      expect((await store.getCredential(a, c1))?.attributes.grade).toBe('A');
      expect(await store.findCredentialByEmail(a, 'g1', 'fay@x.org')).toBeUndefined();
      expect(await store.countCredentials(a, 'g1')).toBe(2);
    });

    it('stores a batch as the very first command of a new connection', async () => {
      const fresh = h().connect();
      try {
        const a = h().tenant('fresh');
        const [c1, c2] = [h().id('fresh1'), h().id('fresh2')];
        const res = await fresh.store.putCredentials(a, [credential(a, c1, 'g1', 'gu@x.org'), credential(a, c2, 'g1', 'gu@x.org')], { allowDuplicates: false });
        expect(res).toEqual({ stored: [c1], existing: [], duplicates: [{ id: c2, heldBy: c1 }] });
        expect((await h().store.findCredential(c1))?.recipient.email).toBe('gu@x.org');
      } finally {
        await fresh.close();
      }
    });

    it('claims addresses and ids beyond ASCII exactly', async () => {
      const { store } = h();
      const a = h().tenant('utf8');
      const [c1, c2, c3] = [h().id('zoë-1'), h().id('李-2'), h().id('𝄞-3')];
      const res = await store.putCredentials(a, [
        credential(a, c1, 'g1', 'zoë@例え.jp'),
        credential(a, c2, 'g1', 'ZOË@例え.jp'),
        credential(a, c3, 'g1', 'zoe@例え.jp'),
      ], { allowDuplicates: false });
      expect(res).toEqual({ stored: [c1, c3], existing: [], duplicates: [{ id: c2, heldBy: c1 }] });
      expect(await store.findCredentialByEmail(a, 'g1', 'zoë@例え.jp')).toBe(c1);
      expect((await store.findCredential(c3))?.recipient.email).toBe('zoe@例え.jp');
    });
  });

  describe('status index candidates', () => {
    it('tries the random candidates in order, skips taken ones, then takes the lowest free indexes', async () => {
      const { store } = h();
      const a = h().tenant('walk');
      const size = 64;
      // 5 is taken by the first candidate, so its repeats are skipped; 9 and 12 are next in line.
      expect(await store.allocateStatusIndexes(a, 'l', size, 3, sequence([5, 5, 9, 5, 12, 20].map((i) => at(i, size))))).toEqual([5, 9, 12]);
      // Candidates after the third free one were not tried, so 20 is still free.
      expect(await store.allocateStatusIndexes(a, 'l', size, 1, () => at(20, size))).toEqual([20]);
      // Every candidate taken: the lowest free indexes instead.
      expect(await store.allocateStatusIndexes(a, 'l', size, 2, () => at(9, size))).toEqual([0, 1]);
    });
  });
}
