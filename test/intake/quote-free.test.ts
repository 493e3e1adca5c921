/**
 * @module test/intake/quote-free.test — a file without quotes is split directly instead of by
 * csv-parse: on random quote-free files (mixed line endings, blank lines, BOMs, characters beyond
 * ASCII, broken UTF-8) both give the same records.
 */
import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { isQuoteFree, quoteFreeRecords } from '../../src/intake/quote-free.js';

const byCsvParse = (csv: Buffer, delimiter: string) =>
  parse(csv, { delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
const byQuoteFree = (csv: Buffer, delimiter: string, batchSize?: number, sliceBytes?: number) => [...quoteFreeRecords(csv, delimiter, batchSize, sliceBytes)].flat();

const pieces = ['a', 'Ann Lee', 'zoë@例え.jp', '𝄞', ' ', '', ',', ';', '\t', '\r', '\n', '\r\n', '\n\n', '\uFEFF', 'sep=;'].map((s) => Buffer.from(s));
const brokenUtf8 = [Buffer.from([0xff]), Buffer.from([0xe2, 0x82]), Buffer.from([0xc3])];
const file = fc.tuple(fc.boolean(), fc.array(fc.constantFrom(...pieces, ...brokenUtf8), { maxLength: 40 }))
  .map(([bom, parts]) => Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), ...parts]));

describe('quote-free records', () => {
  it('are the records csv-parse gives, for any quote-free file', () => {
    // Tiny slices, so that files are decoded in many pieces as big ones are.
    fc.assert(fc.property(file, fc.constantFrom(',', ';', '\t'), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 12 }), (csv, delimiter, batchSize, sliceBytes) => {
      expect(isQuoteFree(csv)).toBe(true);
      expect(byQuoteFree(csv, delimiter, batchSize, sliceBytes)).toEqual(byCsvParse(csv, delimiter));
    }), { numRuns: 5000 });
  });

  it('come in batches of the size asked for', () => {
    const csv = Buffer.from('Name,Email\n' + Array.from({ length: 10 }, (_, i) => `P${i},p${i}@x.org`).join('\n'));
    expect([...quoteFreeRecords(csv, ',', 4)].map((b) => b.length)).toEqual([4, 4, 3]);
  });

  it('are not used for a file with a quote anywhere', () => {
    expect(isQuoteFree(Buffer.from('Name,Email\n"Lee, Ann",ann@x.org\n'))).toBe(false);
    expect(isQuoteFree(Buffer.from('Name,Email\nAnn "Jo" Lee,ann@x.org\n'))).toBe(false);
  });
});
