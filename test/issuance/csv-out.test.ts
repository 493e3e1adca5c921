/** @module test/issuance/csv-out.test — the files staff open: formula cells defused, RFC 4180 quoting, stable credential ids. */
import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { csvFile, csvLine, formulaSafe, quoteField } from '../../src/issuance/csv-out.js';
import { createHash } from 'node:crypto';
import { credentialIdFor } from '../../src/issuance/ids.js';

describe('formula-safe CSV', () => {
  it('prefixes a quote to every cell a spreadsheet would evaluate', () => {
    for (const v of ['=1+1', '+33 6 12', '-2', '@SUM(A1)', '\tx', '\rx']) expect(formulaSafe(v)).toBe(`'${v}`);
    for (const v of ['Ann', '1+1', 'a=b', '', "'=x"]) expect(formulaSafe(v)).toBe(v);
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says, one CRLF-ended line per record', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', 3, undefined])).toBe('"a,b","say ""hi""","two\nlines",3,\r\n');
    const file = csvFile(['name', 'note'], [['=cmd|"/c calc"!A1', 'ok, fine']]);
    expect(parse(file.toString('utf8'), { columns: true })).toEqual([{ name: `'=cmd|"/c calc"!A1`, note: 'ok, fine' }]);
  });

  it('writes each cell of a line formula-safe, then quoted when needed, whatever it holds', () => {
    const cell = fc.oneof(fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\r', '\n', '\t', '=', '+', '-', '@', 'é') }), fc.integer(), fc.constant(undefined));
    fc.assert(fc.property(fc.array(cell, { maxLength: 6 }), (cells) => {
      expect(csvLine(cells)).toBe(cells.map((c) => quoteField(formulaSafe(c === undefined ? '' : String(c)))).join(',') + '\r\n');
    }), { numRuns: 2000 });
  });
});

describe('credential ids', () => {
  it('are the same UUID for the same job and row (a re-run batch writes the same ids), different otherwise', () => {
    const id = credentialIdFor('job-1', 7);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(credentialIdFor('job-1', 7)).toBe(id);
    expect(credentialIdFor('job-1', 8)).not.toBe(id);
    expect(credentialIdFor('job-2', 7)).not.toBe(id);
  });

  it('never change across versions: a job resumed after an upgrade must find the ids it already stored', () => {
    // The first 16 bytes of sha256("<job>:<row>") with the version and variant bits set, as bytes.
    const reference = (job: string, row: number) => {
      const b = createHash('sha256').update(`${job}:${row}`).digest().subarray(0, 16);
      b[6] = (b[6]! & 0x0f) | 0x80;
      b[8] = (b[8]! & 0x3f) | 0x80;
      const h = b.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    };
    for (let row = 2; row < 3000; row++) expect(credentialIdFor('0b8e3f4e-5a51-4c4a-9a57-6f0f6f1c2d3e', row)).toBe(reference('0b8e3f4e-5a51-4c4a-9a57-6f0f6f1c2d3e', row));
    expect(credentialIdFor('job-1', 7)).toBe('8cee7ead-2177-8804-af82-0e75c53a4001'); // pinned
  });
});
