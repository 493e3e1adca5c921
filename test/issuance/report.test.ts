/**
 * @module test/issuance/report.test — the results file read a page of rows at a time is the same file
 * as built from all rows at once, in row order, each row once — also when the store's rows are not in
 * row order (then the file is built the thorough way).
 */
import { describe, expect, it } from '@jest/globals';
import type { RowResult } from '../../src/domain/types.js';
import { jobResultsCsv, orderedRows, resultsCsv } from '../../src/issuance/report.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { job } from '../store/fixtures.js';

const row = (n: number): RowResult => (n % 3 === 0
  ? { row: n, name: `=Name ${n}`, email: `p${n}@x.org`, outcome: 'failed', reason: `Row ${n}, column "Email": "quoted", bad` }
  : { row: n, name: `Name, ${n}`, email: `p${n}@x.org`, outcome: 'issued', credentialId: `c${n}`, url: `https://x.test/credentials/c${n}` });

async function storeWith(order: number[]) {
  const store = new MemoryStore();
  const { job: j } = await store.createJobOnce(job('t', 'job-1'), 'k');
  for (let i = 0; i < order.length; i += 4) await store.recordRows('t', j.id, order.slice(i, i + 4).map(row), { processed: 4 });
  return { store, jobId: j.id };
}

describe('results file, page by page', () => {
  it('is the same file as built from every row at once (23 rows, pages of 5, a partial last page)', async () => {
    const { store, jobId } = await storeWith(Array.from({ length: 23 }, (_, i) => i + 2));
    const paged = await jobResultsCsv(store, 't', jobId, undefined, 5);
    expect(paged.toString('utf8')).toBe(resultsCsv(await orderedRows(store, 't', jobId)).toString('utf8'));
    const lines = paged.toString('utf8').split('\r\n');
    expect(lines[0]).toBe('row,name,email,outcome,credential_url,reason');
    expect(lines).toHaveLength(1 + 23 + 1); // header, rows, the empty string after the last CRLF
    expect(lines[2]).toBe(`3,'=Name 3,p3@x.org,failed,,"Row 3, column ""Email"": ""quoted"", bad"`);
  });

  it('an exact multiple of the page size and an empty job both end cleanly', async () => {
    const ten = await storeWith(Array.from({ length: 10 }, (_, i) => i + 2));
    expect((await jobResultsCsv(ten.store, 't', ten.jobId, undefined, 5)).toString('utf8').split('\r\n')).toHaveLength(12);
    const none = await storeWith([]);
    expect((await jobResultsCsv(none.store, 't', none.jobId, undefined, 5)).toString('utf8')).toBe('row,name,email,outcome,credential_url,reason\r\n');
  });

  it('adds extra columns a page at a time (how delivery adds its column), the cells of each row on its line', async () => {
    const { store, jobId } = await storeWith(Array.from({ length: 12 }, (_, i) => i + 2));
    const pages: number[][] = [];
    const csv = await jobResultsCsv(store, 't', jobId, {
      header: ['delivery'],
      cells: async (rows) => (pages.push(rows.map((r) => r.row)), rows.map((r) => [`=sent to ${r.email}`])),
    }, 5);
    expect(pages).toEqual([[2, 3, 4, 5, 6], [7, 8, 9, 10, 11], [12, 13]]);
    const lines = csv.toString('utf8').split('\r\n');
    expect(lines[0]).toBe('row,name,email,outcome,credential_url,reason,delivery');
    expect(lines[1]).toBe(`2,"Name, 2",p2@x.org,issued,https://x.test/credentials/c2,,'=sent to p2@x.org`);
  });

  it('rows stored out of order or twice still give row order, each row once', async () => {
    const { store, jobId } = await storeWith([2, 3, 4, 5, 9, 8, 6, 7, 7, 10]);
    const rows = (await jobResultsCsv(store, 't', jobId, undefined, 3)).toString('utf8').split('\r\n').slice(1, -1).map((l) => Number(l.split(',')[0]));
    expect(rows).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
