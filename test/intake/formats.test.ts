/** @module test/intake/formats — every CSV flavour people export is read the same way. */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { hashContent, previewCsv, readRows } from '../../src/intake/index.js';
import { allRows, chunked } from './helpers.js';

const people = (rows: { recipient?: { name: string; email: string } }[]) => rows.map((r) => r.recipient);

describe('accepted CSV formats', () => {
  it('reads UTF-8 with a byte order mark, and hashes every byte including it', async () => {
    const csv = Buffer.from('\uFEFFName,Email\nAnn Lee,ann@example.org\n', 'utf8');
    const preview = await previewCsv(csv);
    expect(preview.headers).toEqual(['Name', 'Email']);
    expect(preview.mapping.name).toEqual(['Name']);
    expect(preview.sample[0]!.recipient).toEqual({ name: 'Ann Lee', email: 'ann@example.org' });
    expect(preview.contentHash).toBe(createHash('sha256').update(csv).digest('hex'));
    expect(await hashContent(chunked(csv))).toBe(preview.contentHash);
  });

  it('reads the same rows from comma, semicolon and tab files', async () => {
    const expected = [{ name: 'Ann Lee', email: 'ann@example.org' }, { name: 'Bo Chen', email: 'bo@example.org' }];
    for (const d of [',', ';', '\t']) {
      const csv = `Name${d}Email${d}Grade\nAnn Lee${d}ann@example.org${d}A\nBo Chen${d}bo@example.org${d}B\n`;
      const preview = await previewCsv(Buffer.from(csv));
      expect(preview.delimiter).toBe(d);
      expect(people(preview.sample)).toEqual(expected);
      expect(preview.sample[1]!.attributes).toEqual({ grade: 'B' });
    }
  });

  it('finds the delimiter from the header line without counting delimiters inside quotes', async () => {
    const csv = '"Name, as printed";"Email";"Notes, comma, comma"\n"Lee, Ann";ann@example.org;"a, b"\n';
    const preview = await previewCsv(Buffer.from(csv), { mapping: { name: ['Name, as printed'] } });
    expect(preview.delimiter).toBe(';');
    expect(preview.sample[0]!.recipient).toEqual({ name: 'Lee, Ann', email: 'ann@example.org' });
    expect(preview.sample[0]!.attributes).toEqual({ notes_comma_comma: 'a, b' });
  });

  it('keeps commas, doubled quotes and newlines inside quoted fields', async () => {
    const csv = 'Name,Email,Comment\n"Lee, Ann",ann@example.org,"She said ""well done"", twice"\n"Bo\nChen",bo@example.org,"line one\nline two"\n';
    const rows = await allRows(csv);
    expect(people(rows)).toEqual([{ name: 'Lee, Ann', email: 'ann@example.org' }, { name: 'Bo Chen', email: 'bo@example.org' }]);
    expect(rows[0]!.attributes.comment).toBe('She said "well done", twice');
    expect(rows[1]!.attributes.comment).toBe('line one\nline two');
  });

  it('reads Windows line endings (CRLF), also inside quoted fields', async () => {
    const rows = await allRows('Name,Email,Hours\r\n"Ann\r\nLee",ann@example.org,12\r\nBo Chen,bo@example.org,3\r\n');
    expect(people(rows)).toEqual([{ name: 'Ann Lee', email: 'ann@example.org' }, { name: 'Bo Chen', email: 'bo@example.org' }]);
    expect(rows.map((r) => r.attributes.hours)).toEqual(['12', '3']);
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('skips blank lines and rows of empty cells, counting them as spreadsheet rows', async () => {
    const csv = '\n\nName,Email\n\nAnn Lee,ann@example.org\n,,\n  \nBo Chen,bo@example.org\n\n\n';
    const preview = await previewCsv(Buffer.from(csv));
    expect(preview.totalRows).toBe(2);
    expect(preview.errorRows).toBe(0);
    // Spreadsheet rows: 1-2 blank, 3 header, 4 blank, 5 Ann, 6 ",,", 7 spaces, 8 Bo.
    expect(preview.sample.map((r) => r.row)).toEqual([5, 8]);
  });

  it('ignores trailing empty headers and extra empty cells', async () => {
    const csv = 'Name,Email,Grade,,,\nAnn Lee,ann@example.org,A,,,,,\nBo Chen,bo@example.org,B\n';
    const preview = await previewCsv(Buffer.from(csv));
    expect(preview.headers).toEqual(['Name', 'Email', 'Grade']);
    expect(preview.mapping.attributes).toEqual({ Grade: 'grade' });
    expect(preview.warnings).toEqual([]);
    expect(preview.sample.map((r) => r.attributes)).toEqual([{ grade: 'A' }, { grade: 'B' }]);
  });

  it('reads a stream cut in the middle of quotes and multi-byte characters', async () => {
    const csv = '\uFEFFNom complet;Courriel\n"Zoë ""Zo"" Ångström";zoe@example.org\n"José\r\nNúñez";jose@example.org\n';
    const rows = await allRows(chunked(csv, 3), { mapping: { name: ['Nom complet'], email: 'Courriel' } });
    expect(people(rows)).toEqual([{ name: 'Zoë "Zo" Ångström', email: 'zoe@example.org' }, { name: 'José Núñez', email: 'jose@example.org' }]);
  });

  it('returns the content hash and row count when the stream ends', async () => {
    const csv = 'Name,Email\nAnn,ann@example.org\n';
    const gen = readRows(chunked(csv));
    let next = await gen.next();
    while (!next.done) next = await gen.next();
    expect(next.value).toEqual({ contentHash: createHash('sha256').update(csv).digest('hex'), bytes: csv.length, totalRows: 1 });
  });
});

describe('stopping early', () => {
  it('releases the source when the reader stops after the first row', async () => {
    const source = Readable.from((function* () {
      yield 'Name,Email\n';
      for (let i = 0; i < 100_000; i++) yield `P${i},p${i}@example.org\n`;
    })());
    const seen: number[] = [];
    for await (const row of readRows(source)) {
      seen.push(row.row);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([2, 3, 4]);
    expect(source.destroyed).toBe(true);
  });
});

describe("Excel's sep= line", () => {
  it('uses the delimiter it names and reads the header from the next line', async () => {
    const preview = await previewCsv(Buffer.from('sep=;\r\nName;Email;Grade, with comma\r\nAnn Lee;ann@example.org;A, B\r\n'));
    expect(preview.delimiter).toBe(';');
    expect(preview.headers).toEqual(['Name', 'Email', 'Grade, with comma']);
    expect(preview.sample[0]).toMatchObject({ row: 3, recipient: { name: 'Ann Lee', email: 'ann@example.org' }, attributes: { grade_with_comma: 'A, B' } });
  });
});
