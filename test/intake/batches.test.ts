/**
 * @module test/intake/batches.test — rows a batch at a time (what an issuing job reads) are the rows
 * one by one, whichever way the file is parsed, and a limit reached mid-file still lets the rows
 * before it out first.
 */
import { describe, expect, it } from '@jest/globals';
import { readRowBatches, readRows } from '../../src/intake/read.js';
import type { ParsedRow } from '../../src/intake/types.js';
import { chunked } from './helpers.js';

const plain = ['Name,Email,Grade', ...Array.from({ length: 600 }, (_, i) => (i % 50 === 7 ? `,p${i}@x.org,A` : `P ${i},p${i}@x.org,${'AB'[i % 2]}`))].join('\r\n');
const quoted = plain.replace('P 3,', '"P, 3",');

async function collect(source: Buffer | NodeJS.ReadableStream, maxRows?: number): Promise<{ rows: ParsedRow[]; error?: string }> {
  const rows: ParsedRow[] = [];
  try {
    for await (const batch of readRowBatches(source, { limits: maxRows ? { maxRows } : undefined })) {
      expect(batch.length).toBeGreaterThan(0);
      expect(batch.length).toBeLessThanOrEqual(256);
      rows.push(...batch);
    }
  } catch (err) {
    return { rows, error: (err as { code: string }).code };
  }
  return { rows };
}

describe('rows in batches', () => {
  it.each([['without quotes', plain], ['with quotes', quoted]])('are the rows one by one, from a file %s', async (_, csv) => {
    const one: ParsedRow[] = [];
    for await (const row of readRows(Buffer.from(csv))) one.push(row);
    expect(one).toHaveLength(600);
    expect((await collect(Buffer.from(csv))).rows).toEqual(one);
    expect((await collect(chunked(csv, 97))).rows).toEqual(one);
    expect(one.filter((r) => r.errors.length > 0).map((r) => r.row)).toEqual(Array.from({ length: 12 }, (_, k) => 9 + 50 * k));
  });

  it('let the rows before a limit out before refusing the file', async () => {
    for (const source of [Buffer.from(plain), Buffer.from(quoted), chunked(plain, 97)]) {
      const { rows, error } = await collect(source, 300);
      expect(error).toBe('too_many_rows');
      expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 300 }, (_, i) => i + 2));
    }
  });
});
