/**
 * @module test/store/store-contract-delivery — the Store contract for delivery's per-job progress: how
 * many of a job's rows are queued (never going back), and which jobs still have rows to queue, seen
 * the same from a new connection (a process started after another one stopped).
 */
import { describe, expect, it } from '@jest/globals';
import { StoreInputError } from '../../src/store/errors.js';
import type { Store } from '../../src/store/port.js';
import type { StoreHarness } from './store-contract.js';

type Pending = [tenant: string, jobId: string, offset: number];
const sorted = (list: Pending[]) => [...list].sort((x, y) => `${x[0]} ${x[1]}`.localeCompare(`${y[0]} ${y[1]}`));

/** The pending jobs of these tenants only (a shared Redis holds other runs' tenants too), sorted. */
async function pendingOf(store: Store, tenants: string[]): Promise<Pending[]> {
  const all = await store.listDeliveryPending();
  return sorted(all.filter((p) => tenants.includes(p.tenantId)).map((p): Pending => [p.tenantId, p.jobId, p.offset]));
}

export function deliveryProgressContract(h: () => StoreHarness): void {
  describe('delivery progress per job', () => {
    it('keeps how far each job is queued, never going back, until the job is cleared', async () => {
      const { store, other } = h();
      const [a, b] = [h().tenant('dlv-a'), h().tenant('dlv-b')];
      const [j1, j2] = [h().id('dj1'), h().id('dj2')];
      expect(await store.getDeliveryOffset(a, j1)).toBeUndefined(); // not pending
      await store.markDeliveryPending(a, j1);
      await store.markDeliveryPending(b, j1);
      expect(await pendingOf(other, [a, b])).toEqual(sorted([[a, j1, 0], [b, j1, 0]]));

      await store.advanceDeliveryOffset(a, j1, 500);
      await other.advanceDeliveryOffset(a, j1, 250); // a slower process sweeping the same job
      await store.markDeliveryPending(a, j1); // marking again keeps the offset
      expect(await other.getDeliveryOffset(a, j1)).toBe(500);
      expect(await store.getDeliveryOffset(b, j1)).toBe(0); // each tenant its own

      await other.advanceDeliveryOffset(a, j2, 40); // advancing an unmarked job marks it
      expect(await pendingOf(store, [a])).toEqual(sorted([[a, j1, 500], [a, j2, 40]]));

      await store.clearDeliveryPending(a, j1);
      expect(await pendingOf(other, [a, b])).toEqual(sorted([[a, j2, 40], [b, j1, 0]]));
      expect(await store.getDeliveryOffset(a, j1)).toBeUndefined();
      await store.clearDeliveryPending(a, j2);
      await store.clearDeliveryPending(b, j1);
      expect(await pendingOf(store, [a, b])).toEqual([]);
    });

    it('is there for a connection that starts later (the next process)', async () => {
      const { store } = h();
      const a = h().tenant('dlv-later');
      const j = h().id('dj-later');
      await store.markDeliveryPending(a, j);
      await store.advanceDeliveryOffset(a, j, 1234);
      const next = h().connect();
      try {
        expect(await pendingOf(next.store, [a])).toEqual([[a, j, 1234]]);
      } finally {
        await next.close();
      }
      await store.clearDeliveryPending(a, j);
    });

    it('refuses an offset that is not a whole number of rows, saying so', async () => {
      const { store } = h();
      const a = h().tenant('dlv-bad');
      const j = h().id('dj-bad');
      for (const bad of [-1, 2.5, Number.NaN]) {
        await expect(store.advanceDeliveryOffset(a, j, bad)).rejects.toThrow(StoreInputError);
      }
      await expect(store.advanceDeliveryOffset(a, j, -1)).rejects.toThrow('A delivery offset must be a whole number of at least 0 (got -1).');
      await expect(store.markDeliveryPending(a, '')).rejects.toThrow('A job id must be a non-empty string.');
      expect(await pendingOf(store, [a])).toEqual([]);
    });
  });
}
