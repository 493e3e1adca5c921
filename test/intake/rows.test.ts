/** @module test/intake/rows — each row is checked on its own, with the row number and column a spreadsheet shows. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { z } from 'zod';
import { PRACTICAL_EMAIL } from '../../src/intake/fields.js';
import { emailProblem, parseIssueDate, previewCsv } from '../../src/intake/index.js';
import { allRows } from './helpers.js';

describe('row errors', () => {
  it('names the row and the column, and keeps the good rows', async () => {
    const csv = [
      'Name,Email,Issue date,Grade',
      'Ann Lee,ann@example.org,2026-03-07,A', // row 2: good
      ',bo@example.org,,B', // row 3: no name
      'Cara Diaz,cara@example,,C', // row 4: email without a dot in the domain
      'Dev Patel,dev@example.org,07/03/2026,D', // row 5: ambiguous date
      'Eve Stone,eve@example.org,,E', // row 6: good, no date
    ].join('\n');
    const rows = await allRows(csv);
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    expect(rows.map((r) => r.recipient?.name)).toEqual(['Ann Lee', undefined, undefined, undefined, 'Eve Stone']);
    expect(rows[0]!.issuedOn).toBe('2026-03-07');
    expect(rows.flatMap((r) => r.errors)).toEqual([
      { row: 3, column: 'Name', code: 'missing_name', message: 'Row 3, column "Name": the name is missing.' },
      { row: 4, column: 'Email', code: 'invalid_email', message: 'Row 4, column "Email": the email domain (after the @) has no dot, e.g. example.org.' },
      {
        row: 5,
        column: 'Issue date',
        code: 'bad_date',
        message: 'Row 5, column "Issue date": the issue date "07/03/2026" is ambiguous (day/month or month/day?); write it as YYYY-MM-DD, e.g. 2026-03-07 or 2026-07-03.',
      },
    ]);
  });

  it('counts a multi-line quoted row as one spreadsheet row', async () => {
    const csv = 'Name,Email,Comment\n"Ann\nLee",ann@example.org,"one\ntwo\nthree"\nBo Chen,not-an-email,\n';
    const rows = await allRows(csv);
    expect(rows[1]!.errors[0]).toMatchObject({ row: 3, column: 'Email', code: 'invalid_email' });
  });

  it('names the first-name column when a first + last name row has no name', async () => {
    const rows = await allRows('First name,Last name,Email\n  ,  ,ann@example.org\nCher,,cher@example.org\n');
    expect(rows[0]!.errors).toEqual([{ row: 2, column: 'First name', code: 'missing_name', message: 'Row 2, column "First name": the name is missing.' }]);
    expect(rows[1]!.recipient).toEqual({ name: 'Cher', email: 'cher@example.org' });
  });

  it('trims cells and collapses the spaces inside names', async () => {
    const rows = await allRows('Name,Email,Grade\n"  Ann \t  Marie\u00a0 Lee ","  ann@example.org ",  A+  \n');
    expect(rows[0]!.recipient).toEqual({ name: 'Ann Marie Lee', email: 'ann@example.org' });
    expect(rows[0]!.attributes).toEqual({ grade: 'A+' });
    // The cells as written, for a "rows to fix" file in the original columns.
    expect(rows[0]!.cells).toEqual(['  Ann \t  Marie\u00a0 Lee ', '  ann@example.org ', '  A+  ']);
  });

  it('warns when a row has more values than headers (an unquoted comma)', async () => {
    const rows = await allRows('Name,Email,Grade\nLee, Ann,ann@example.org,A\n');
    expect(rows[0]!.errors[0]).toMatchObject({ code: 'invalid_email', column: 'Email' });
    expect(rows[0]!.warnings[0]).toMatchObject({ row: 2, code: 'extra_values' });
    expect(rows[0]!.warnings[0]!.message).toContain('unquoted comma');
  });

  it('previews counts and keeps only the first issues', async () => {
    const body = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? `P${i},p${i}@example.org` : `P${i},broken`)).join('\n');
    const preview = await previewCsv(Buffer.from(`Name,Email\n${body}\n`), { maxIssues: 3, sampleSize: 2 });
    expect([preview.totalRows, preview.validRows, preview.errorRows, preview.warningRows]).toEqual([50, 25, 25, 0]);
    expect(preview.errors.map((e) => e.row)).toEqual([3, 5, 7]);
    expect(preview.sample.map((r) => r.row)).toEqual([2, 3]);
  });
});

describe('email check', () => {
  it.each(['ann@example.org', 'ann.lee+badges@mail.example.co.uk', "o'brien@example.ie", 'ANN_LEE-2@Example.ORG'])('accepts %s', (email) => {
    expect(emailProblem(email)).toBeUndefined();
  });

  it.each([
    ['', 'missing'],
    ['ann example.org', 'space'],
    ['ann.example.org', 'no @'],
    ['ann@@example.org', 'more than one @'],
    ['@example.org', 'nothing before'],
    ['ann@', 'nothing after'],
    ['ann@example', 'no dot'],
    ['ann@example.org.', 'misplaced dot'],
    ['ann@example..org', 'misplaced dot'],
    ['ann@example,org', 'comma'],
    ['mailto:ann@example.org', 'mailto'],
    ['ann..lee@example.org', 'not valid'],
    ['ann@example.c', 'not valid'],
    [`${'a'.repeat(65)}@example.org`, 'too long'],
  ])('refuses "%s" (%s)', (email, reason) => {
    expect(emailProblem(email)).toContain(reason);
  });

  it('judges an address exactly as zod\'s z.email() does (its pattern is tested directly, per row)', () => {
    const zodEmail = z.email();
    const chars = [...'aZ09._+-\'@"ë例 ,;:()[]\\!#'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 24 }).map((cs) => cs.join('')), fc.constantFrom('', '.org', '.co.uk', '.c'), (local, tld) => {
      const email = `${local}${tld}`;
      expect(PRACTICAL_EMAIL.test(email)).toBe(zodEmail.safeParse(email).success);
    }), { numRuns: 3000 });
    for (const email of ['ann@example.org', 'a@b.co', 'ann@例え.jp', 'ann@xn--r8jz45g.jp', '"a"@x.org', 'a@x.org\n']) {
      expect(PRACTICAL_EMAIL.test(email)).toBe(zodEmail.safeParse(email).success);
    }
  });
});

describe('issue dates', () => {
  it.each([
    ['2026-03-07', '2026-03-07'],
    ['2026-3-7', '2026-03-07'],
    ['2026/03/07', '2026-03-07'],
    ['2026-03-07T09:30:00Z', '2026-03-07'],
    ['2024-02-29', '2024-02-29'],
  ])('accepts %s as %s', (value, date) => {
    expect(parseIssueDate(value)).toEqual({ date });
  });

  it.each([
    ['2026-02-29', 'not a real date'],
    ['2026-13-01', 'not a real date'],
    ['25/03/2026', 'must be written as YYYY-MM-DD: 2026-03-25'],
    ['03/25/2026', 'must be written as YYYY-MM-DD: 2026-03-25'],
    ['03/07/2026', 'ambiguous'],
    ['March 7, 2026', 'not a date'],
  ])('refuses %s', (value, problem) => {
    const result = parseIssueDate(value);
    expect('problem' in result && result.problem).toContain(problem);
  });
});
