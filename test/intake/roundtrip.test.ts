/** @module test/intake/roundtrip — whatever a spreadsheet writes (any text, delimiter, line ending, chunking) reads back the same. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { cleanName } from '../../src/intake/index.js';
import { allRows, chunked } from './helpers.js';

/** Quotes a cell the way spreadsheets do when it holds the delimiter, a quote, a line break or edge spaces. */
function cell(value: string, delimiter: string): string {
  return /["\r\n]|^\s|\s$/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

const text = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !s.includes('\0'));
const person = fc.record({ name: text, local: fc.stringMatching(/^[a-z][a-z0-9._+-]{0,10}[a-z0-9]$/), grade: text });

describe('round trip', () => {
  it('reads back every name, email and attribute that was written', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(person, { minLength: 1, maxLength: 20 }),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.integer({ min: 1, max: 64 }),
        async (people, delimiter, eol, bom, chunkSize) => {
          fc.pre(people.every((p) => !p.local.includes('..')));
          const lines = [['Name', 'Email', 'Grade'], ...people.map((p, i) => [p.name, `${p.local}${i}@example.org`, p.grade])];
          const csv = (bom ? '\uFEFF' : '') + lines.map((l) => l.map((v) => cell(v, delimiter)).join(delimiter)).join(eol) + eol;
          const rows = await allRows(chunked(csv, chunkSize));
          expect(rows.map((r) => r.row)).toEqual(people.map((_, i) => i + 2));
          rows.forEach((row, i) => {
            const p = people[i]!;
            expect(row.attributes).toEqual({ grade: p.grade.trim() });
            const name = cleanName(p.name);
            if (name === '') expect(row.errors.map((e) => e.code)).toEqual(['missing_name']);
            else expect(row.recipient).toEqual({ name, email: `${p.local}${i}@example.org` });
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
