/**
 * @module test/store/store-contract-claims — the Store contract for two-step claims (leaseClaims, then
 * confirmClaims): what delivery uses to queue each credential once across processes even when one dies
 * between claiming and queueing; and putDeliveriesIfAbsent, which never overwrites an outcome.
 */
import { describe, expect, it } from '@jest/globals';
import type { DeliveryRecord } from '../../src/domain/types.js';
import { StoreInputError } from '../../src/store/errors.js';
import type { StoreHarness } from './store-contract.js';

const LEASE_MS = 300;
const DAY = 24 * 3600;
const states = (list: { state: string }[]) => list.map((c) => c.state);

export function claimContract(h: () => StoreHarness): void {
  describe('two-step claims', () => {
    it('leases each key to one owner, tells the others how long it is held, and once confirmed it is done for all', async () => {
      const { store, other } = h();
      const [a, b] = [h().tenant('lease'), h().tenant('lease-b')];
      const [k1, k2, k3] = [h().id('k'), h().id('k'), h().id('k')];
      expect(states(await store.leaseClaims(a, [k1, k2], 'p1', LEASE_MS))).toEqual(['granted', 'granted']);
      const seen = await other.leaseClaims(a, [k3, k1, k2], 'p2', LEASE_MS);
      expect(states(seen)).toEqual(['granted', 'held', 'held']);
      for (const s of seen.slice(1)) {
        const msLeft = s.state === 'held' ? s.msLeft : -1;
        expect(msLeft).toBeGreaterThan(0);
        expect(msLeft).toBeLessThanOrEqual(LEASE_MS);
      }
      expect(states(await store.leaseClaims(b, [k1], 'p2', LEASE_MS))).toEqual(['granted']); // each tenant its own
      expect(states(await store.leaseClaims(a, [k1], 'p1', LEASE_MS))).toEqual(['granted']); // its owner again: renewed

      await store.confirmClaims(a, [k1, k2], 'p1', DAY);
      expect(await other.leaseClaims(a, [k1, k2, k3], 'p2', LEASE_MS)).toEqual([{ state: 'done' }, { state: 'done' }, { state: 'granted' }]);
      expect(states(await store.leaseClaims(a, [k1], 'p1', LEASE_MS))).toEqual(['done']); // the owner too, for good
      expect(await other.claimOnce(a, k1, DAY)).toBe(false); // the same keys as claimOnce
      expect(await other.claimOnce(a, k3, DAY)).toBe(false); // leased: taken for claimOnce as well
    });

    it('lets another owner take over a lease that ran out (its owner died), one owner only', async () => {
      const { store, other } = h();
      const a = h().tenant('lease-lapse');
      const k = h().id('k');
      await store.leaseClaims(a, [k], 'dead', LEASE_MS);
      await h().advance(LEASE_MS + 100);
      const [p2, p3] = await Promise.all([other.leaseClaims(a, [k], 'p2', LEASE_MS), store.leaseClaims(a, [k], 'p3', LEASE_MS)]);
      expect([p2[0]!.state, p3[0]!.state].sort()).toEqual(['granted', 'held']);
      const winner = p2[0]!.state === 'granted' ? 'p2' : 'p3';

      // The first owner was only slow: its confirmation now leaves the key to the one that took it over.
      await store.confirmClaims(a, [k], 'dead', DAY);
      expect(states(await other.leaseClaims(a, [k], 'p4', LEASE_MS))).toEqual(['held']);
      await other.confirmClaims(a, [k], winner, DAY);
      expect(states(await store.leaseClaims(a, [k], 'p4', LEASE_MS))).toEqual(['done']);
    });

    it('confirms a lease that ran out with nobody taking it, and treats a claimOnce key as done', async () => {
      const { store, other } = h();
      const a = h().tenant('lease-late');
      const [k1, k2] = [h().id('k'), h().id('k')];
      await store.leaseClaims(a, [k1], 'slow', LEASE_MS);
      await h().advance(LEASE_MS + 100);
      await store.confirmClaims(a, [k1], 'slow', DAY); // its work is done: nobody else may redo it
      expect(await store.claimOnce(a, k2, DAY)).toBe(true);
      expect(states(await other.leaseClaims(a, [k1, k2], 'p2', LEASE_MS))).toEqual(['done', 'done']);
      await h().advance(LEASE_MS + 100);
      expect(states(await other.leaseClaims(a, [k1, k2], 'p2', LEASE_MS))).toEqual(['done', 'done']); // not a lease: kept
      expect(await store.leaseClaims(a, [], 'p2', LEASE_MS)).toEqual([]);
      await store.confirmClaims(a, [], 'p2', DAY);
    });

    it('refuses a lease that is not a positive time, or an empty owner or key, saying so', async () => {
      const { store } = h();
      const a = h().tenant('lease-bad');
      await expect(store.leaseClaims(a, ['k'], 'p1', 0)).rejects.toThrow('A claim lease must be a positive number of milliseconds (got 0).');
      await expect(store.leaseClaims(a, ['k'], 'p1', Number.NaN)).rejects.toThrow(StoreInputError);
      await expect(store.leaseClaims(a, ['k'], '', 100)).rejects.toThrow('A claim owner must be a non-empty string.');
      await expect(store.leaseClaims(a, [''], 'p1', 100)).rejects.toThrow('A claim key must be a non-empty string.');
      await expect(store.confirmClaims(a, ['k'], 'p1', 0)).rejects.toThrow(/positive number of seconds/);
      expect(states(await store.leaseClaims(a, ['k'], 'p2', 100))).toEqual(['granted']); // nothing was taken
    });
  });

  describe('delivery outcomes written only where there is none', () => {
    it('saves new outcomes and keeps existing ones, per tenant', async () => {
      const { store, other } = h();
      const [a, b] = [h().tenant('dlv-once'), h().tenant('dlv-once-b')];
      const [c1, c2] = [h().id('cred'), h().id('cred')];
      const rec = (credentialId: string, channel: DeliveryRecord['channel'], outcome: DeliveryRecord['outcome'], detail?: string): DeliveryRecord =>
        ({ credentialId, channel, outcome, attempts: outcome === 'sent' ? 1 : 0, at: '2026-11-29T08:00:00.000Z', ...(detail ? { detail } : {}) });
      await store.putDelivery(a, rec(c1, 'chat', 'sent'));
      await other.putDeliveriesIfAbsent(a, [rec(c1, 'email', 'skipped', 'email delivery is off for this group'), rec(c1, 'chat', 'queued'), rec(c2, 'chat', 'queued')]);
      await store.putDeliveriesIfAbsent(b, [rec(c1, 'chat', 'queued')]);
      await store.putDeliveriesIfAbsent(a, []);
      expect(await store.getDeliveries(a, [c1, c2])).toEqual([
        rec(c1, 'email', 'skipped', 'email delivery is off for this group'), rec(c1, 'chat', 'sent'), rec(c2, 'chat', 'queued'),
      ]);
      expect(await store.getDeliveries(b, [c1])).toEqual([rec(c1, 'chat', 'queued')]);
      await expect(store.putDeliveriesIfAbsent(a, [rec('', 'chat', 'queued')])).rejects.toThrow('A credential id must be a non-empty string.');
    });
  });
}
