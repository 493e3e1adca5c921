/**
 * @module test/store/store-contract-runtime — the Store contract for jobs, roles, issuer keys, audit,
 * blobs and short-lived state (de-duplication, conversation state, locks).
 */
import { describe, expect, it } from '@jest/globals';
import type { IssuerKeyRecord, RowResult } from '../../src/domain/types.js';
import { LockTimeoutError } from '../../src/store/errors.js';
import { job } from './fixtures.js';
import type { StoreHarness } from './store-contract.js';

const row = (n: number, outcome: RowResult['outcome']): RowResult => ({ row: n, name: `P${n}`, email: `p${n}@x.org`, outcome });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function runtimeContract(h: () => StoreHarness): void {
  describe('jobs', () => {
    it('creates a job once per idempotency key', async () => {
      const { store, other } = h();
      const a = h().tenant('jobs');
      const first = await store.createJobOnce(job(a, h().id('j1')), 'csv:F1:hash1');
      const again = await other.createJobOnce(job(a, h().id('j2')), 'csv:F1:hash1');
      expect(first.created).toBe(true);
      expect(again).toEqual({ job: first.job, created: false });
      expect((await store.createJobOnce(job(h().tenant('jobs-b'), h().id('j3')), 'csv:F1:hash1')).created).toBe(true);
      expect(await store.getJob(h().tenant('jobs-b'), first.job.id)).toBeUndefined();
    });

    it('lists jobs newest first, up to the limit', async () => {
      const { store } = h();
      const a = h().tenant('jobs-list');
      const ids = [h().id('old'), h().id('mid'), h().id('new')];
      const times = ['2026-11-01T10:00:00Z', '2026-11-02T10:00:00Z', '2026-11-03T10:00:00Z'];
      for (const i of [1, 0, 2]) await store.createJobOnce(job(a, ids[i], times[i]), `k${i}`);
      expect((await store.listJobs(a, 2)).map((j) => j.id)).toEqual([ids[2], ids[1]]);
      expect(await store.listJobs(h().tenant('jobs-list-b'), 10)).toEqual([]);
    });

    it('records rows and adds to the counts, and a stale update never erases progress', async () => {
      const { store } = h();
      const a = h().tenant('rows');
      const { job: j } = await store.createJobOnce({ ...job(a, h().id('rows')), counts: { total: 3, processed: 0, issued: 0, skipped: 0, failed: 0 } }, 'rows');
      await store.recordRows(a, j.id, [row(2, 'issued'), row(3, 'failed')], { processed: 2, issued: 1, failed: 1 });
      await store.recordRows(a, j.id, [row(4, 'skipped')], { processed: 1, skipped: 1 });
      expect((await store.getRows(a, j.id)).map((r) => [r.row, r.outcome])).toEqual([[2, 'issued'], [3, 'failed'], [4, 'skipped']]);
      // From an offset: only what was recorded after it (how delivery reads a running job's new rows).
      expect((await store.getRows(a, j.id, { offset: 2 })).map((r) => r.row)).toEqual([4]);
      expect(await store.getRows(a, j.id, { offset: 3 })).toEqual([]);
      expect((await store.getRows(a, j.id, { offset: 1, limit: 1 })).map((r) => r.row)).toEqual([3]);
      expect((await store.getRows(a, j.id, { limit: 2 })).map((r) => r.row)).toEqual([2, 3]);
      expect(await store.getRows(a, j.id, { limit: 0 })).toEqual([]);
      await store.updateJob({ ...j, state: 'running' }); // j still holds the counts from before any row
      expect(await store.getJob(a, j.id)).toMatchObject({ state: 'running', counts: { total: 3, processed: 3, issued: 1, skipped: 1, failed: 1 } });
      expect(await store.getRows(h().tenant('rows-b'), j.id)).toEqual([]);
      const ghost = h().id('no-such-job');
      await expect(store.recordRows(a, ghost, [row(2, 'issued')], { processed: 1 })).rejects.toThrow(/does not exist/);
      expect(await store.getRows(a, ghost)).toEqual([]); // nothing recorded for it
    });

    it('records a large batch of rows in order', async () => {
      const { store } = h();
      const a = h().tenant('rows-big');
      const { job: j } = await store.createJobOnce(job(a, h().id('big')), 'big');
      const rows = Array.from({ length: 2500 }, (_, i) => row(i + 2, 'issued'));
      await store.recordRows(a, j.id, rows, { total: 2500, processed: 2500, issued: 2500 });
      const back = await store.getRows(a, j.id);
      expect(back.map((r) => r.row)).toEqual(rows.map((r) => r.row));
      expect((await store.getJob(a, j.id))?.counts).toEqual({ total: 2500, processed: 2500, issued: 2500, skipped: 0, failed: 0 });
    });

    it('lists unfinished jobs across tenants until they end', async () => {
      const { store } = h();
      const [a, b] = [h().tenant('unf-a'), h().tenant('unf-b')];
      const ja = (await store.createJobOnce(job(a, h().id('ua')), 'u')).job;
      const jb = (await store.createJobOnce(job(b, h().id('ub')), 'u')).job;
      await store.updateJob({ ...jb, state: 'running' });
      const mine = async () => (await store.listUnfinishedJobs()).filter((j) => j.tenantId === a || j.tenantId === b).map((j) => [j.id, j.state]);
      expect(await mine()).toEqual(expect.arrayContaining([[ja.id, 'queued'], [jb.id, 'running']]));
      await store.updateJob({ ...ja, state: 'done', finishedAt: '2026-11-29T08:00:00Z' });
      await store.updateJob({ ...jb, state: 'cancelled' });
      expect(await mine()).toEqual([]);
      expect((await store.getJob(a, ja.id))?.finishedAt).toBe('2026-11-29T08:00:00Z');
    });
  });

  describe('roles, issuer keys, audit', () => {
    it('grants and removes the issuer role per tenant', async () => {
      const { store } = h();
      const [a, b] = [h().tenant('roles'), h().tenant('roles-b')];
      await store.addIssuer(a, 'U2');
      await store.addIssuer(a, 'U1');
      await store.addIssuer(a, 'U2');
      expect(await store.listIssuers(a)).toEqual(['U1', 'U2']);
      expect(await store.isIssuer(b, 'U1')).toBe(false);
      await store.removeIssuer(a, 'U1');
      expect(await store.isIssuer(a, 'U1')).toBe(false);
      expect(await store.isIssuer(a, 'U2')).toBe(true);
    });

    it('keeps the first issuer key written, even when two processes race', async () => {
      const { store, other } = h();
      const a = h().tenant('key');
      const key = (keyId: string): IssuerKeyRecord => ({ tenantId: a, controller: 'did:key:z6Mk', keyId, publicKeyMultibase: 'z6Mk', encryptedSecretKey: 'AAAA', createdAt: '2026-11-29T07:00:00Z' });
      const [k1, k2] = await Promise.all([store.putIssuerKeyOnce(key('k1')), other.putIssuerKeyOnce(key('k2'))]);
      expect(k1.keyId).toBe(k2.keyId);
      expect((await store.putIssuerKeyOnce(key('k3'))).keyId).toBe(k1.keyId);
      expect((await store.getIssuerKey(a))?.keyId).toBe(k1.keyId);
      expect(await store.getIssuerKey(h().tenant('key-b'))).toBeUndefined();
    });

    it('lists audit entries newest first, up to the limit', async () => {
      const { store } = h();
      const a = h().tenant('audit');
      for (const action of ['group.create', 'team.add', 'credential.revoke']) {
        await store.appendAudit({ at: '2026-11-29T07:00:00Z', tenantId: a, actor: 'U1', action });
      }
      expect((await store.listAudit(a, 2)).map((e) => e.action)).toEqual(['credential.revoke', 'team.add']);
      expect(await store.listAudit(h().tenant('audit-b'), 10)).toEqual([]);
    });
  });

  describe('blobs and short-lived state', () => {
    it('keeps blobs per tenant, byte for byte, until their time-to-live', async () => {
      const { store } = h();
      const [a, b] = [h().tenant('blob'), h().tenant('blob-b')];
      const csv = Buffer.from([0xef, 0xbb, 0xbf, 0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x00, 0xff]);
      await store.putBlob(a, 'csv:F1', csv);
      await store.putBlob(a, 'tmp', Buffer.from('x'), 1);
      expect(await store.getBlob(a, 'csv:F1')).toEqual(csv);
      expect(await store.getBlob(b, 'csv:F1')).toBeUndefined();
      await h().advance(1100);
      expect(await store.getBlob(a, 'tmp')).toBeUndefined();
      expect(await store.getBlob(a, 'csv:F1')).toEqual(csv);
    });

    it('claims a key once until it expires', async () => {
      const { store, other } = h();
      const [a, b] = [h().tenant('once'), h().tenant('once-b')];
      expect(await store.claimOnce(a, 'evt:Ev1', 1)).toBe(true);
      expect(await other.claimOnce(a, 'evt:Ev1', 1)).toBe(false);
      expect(await store.claimOnce(b, 'evt:Ev1', 1)).toBe(true);
      await h().advance(1100);
      expect(await store.claimOnce(a, 'evt:Ev1', 1)).toBe(true);
    });

    it('keeps conversation state as JSON until it expires or is deleted', async () => {
      const { store } = h();
      const [a, b] = [h().tenant('state'), h().tenant('state-b')];
      await store.putState(a, 'form:1', { groupId: 'g1', rows: [1, 2] }, 1);
      await store.putState(a, 'form:2', 'kept', 60);
      expect(await store.getState(a, 'form:1')).toEqual({ groupId: 'g1', rows: [1, 2] });
      expect(await store.getState(b, 'form:1')).toBeUndefined();
      await store.deleteState(a, 'form:2');
      expect(await store.getState(a, 'form:2')).toBeUndefined();
      await h().advance(1100);
      expect(await store.getState(a, 'form:1')).toBeUndefined();
      await expect(store.putState(a, 'bad', 1, 0)).rejects.toThrow(/positive number of seconds/);
    });
  });

  describe('locks', () => {
    it('never lets two holders overlap, across connections', async () => {
      const { store, other } = h();
      const a = h().tenant('lock');
      const events: string[] = [];
      const work = (who: string) => async () => { events.push(`${who}+`); await pause(60); events.push(`${who}-`); return who; };
      const results = await Promise.all([store.withLock(a, 'issue', 5000, work('A'), 3000), other.withLock(a, 'issue', 5000, work('B'), 3000)]);
      expect(results).toEqual(['A', 'B']);
      expect([events.slice(0, 2), events.slice(2)].map((pair) => pair[0][0] === pair[1][0])).toEqual([true, true]);
    });

    it('gives up with LockTimeoutError, releases after a failure, and is per tenant', async () => {
      const { store, other } = h();
      const [a, b] = [h().tenant('lock2'), h().tenant('lock2-b')];
      let release!: () => void;
      const held = store.withLock(a, 'n', 5000, () => new Promise<void>((r) => (release = r)));
      await pause(20);
      await expect(other.withLock(a, 'n', 5000, async () => 'never', 150)).rejects.toThrow(LockTimeoutError);
      expect(await other.withLock(b, 'n', 5000, async () => 'other tenant', 150)).toBe('other tenant');
      release();
      await held;
      await expect(store.withLock(a, 'n', 5000, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
      expect(await other.withLock(a, 'n', 5000, async () => 'free again', 150)).toBe('free again');
      await expect(store.withLock(a, 'n', 0, async () => 'no ttl')).rejects.toThrow(/positive number of milliseconds/);
    });

    it('lets a lock lapse after its time-to-live so a stuck holder cannot block forever', async () => {
      const { store, other } = h();
      const a = h().tenant('lock3');
      let release!: () => void;
      const stuck = store.withLock(a, 'n', 300, () => new Promise<void>((r) => (release = r)));
      await pause(20);
      await h().advance(400);
      expect(await other.withLock(a, 'n', 5000, async () => 'taken over', 500)).toBe('taken over');
      release();
      await stuck;
    });
  });
}
