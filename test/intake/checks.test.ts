/** @module test/intake/checks — duplicates in the file, recipients who already hold the credential, required attributes. */
import { describe, expect, it } from '@jest/globals';
import { previewCsv } from '../../src/intake/index.js';
import { allRows } from './helpers.js';

describe('the same email twice in the file', () => {
  it('warns on the later row, naming the earlier one, and still lists both', async () => {
    const csv = 'Name,Email\nAnn Lee,Ann@Example.org\nBo Chen,bo@example.org\nAnn L.,  ann@example.ORG \n';
    const rows = await allRows(csv);
    expect(rows.map((r) => r.recipient?.name)).toEqual(['Ann Lee', 'Bo Chen', 'Ann L.']);
    expect(rows[0]!.warnings).toEqual([]);
    expect(rows[2]!.warnings).toEqual([
      {
        row: 4,
        column: 'Email',
        code: 'duplicate_in_file',
        message: 'Row 4, column "Email": the same email as row 2 (case and spaces ignored); both rows are listed, check it is not a mistake.',
      },
    ]);
  });

  it('still finds the duplicate when the later row has another error', async () => {
    const rows = await allRows('Name,Email\nAnn,ann@example.org\n,ann@example.org\n');
    expect(rows[1]!.errors[0]!.code).toBe('missing_name');
    expect(rows[1]!.warnings[0]!.code).toBe('duplicate_in_file');
  });
});

describe('recipients who already hold the credential', () => {
  const csv = 'Name,Email\n' + Array.from({ length: 30 }, (_, i) => `P${i},P${i}@example.org`).join('\n') + '\nAgain,p3@example.org\n';

  it('warns for each, looking emails up in concurrent batches, once per distinct email', async () => {
    const asked: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const alreadyIssued = async (key: string) => {
      asked.push(key);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return key === 'p3@example.org' || key === 'p17@example.org';
    };
    const rows = await allRows(csv, { alreadyIssued, lookupBatchSize: 10 });
    const warned = rows.filter((r) => r.warnings.some((w) => w.code === 'already_issued')).map((r) => r.row);
    expect(warned).toEqual([5, 19, 32]);
    expect(rows[0]!.row).toBe(2);
    expect(rows.find((r) => r.row === 5)!.warnings[0]!.message).toBe(
      "Row 5, column \"Email\": this recipient already holds this group's credential and the group does not allow duplicates, so no second one will be issued.",
    );
    expect(maxInFlight).toBeGreaterThan(1);
    expect(new Set(asked).size).toBe(30);
    expect(asked).toContain('p3@example.org'); // normalized keys, not the file's spelling
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 31 }, (_, i) => i + 2)); // order kept
  });

  it('does not look up anything when the group allows duplicates', async () => {
    let calls = 0;
    const rows = await allRows(csv, { allowDuplicates: true, alreadyIssued: async () => (++calls, true) });
    expect(calls).toBe(0);
    expect(rows.some((r) => r.warnings.some((w) => w.code === 'already_issued'))).toBe(false);
  });

  it('does not look up rows whose email is invalid', async () => {
    const asked: string[] = [];
    await allRows('Name,Email\nAnn,ann@example\nBo,bo@example.org\n', { alreadyIssued: async (k) => (asked.push(k), false) });
    expect(asked).toEqual(['bo@example.org']);
  });

  it('fails the read when the lookup fails, rather than hiding it', async () => {
    await expect(allRows(csv, { alreadyIssued: async () => Promise.reject(new Error('store down')) })).rejects.toThrow('store down');
  });
});

describe('attributes the design needs', () => {
  it('makes an empty value an error on that row and column', async () => {
    const rows = await allRows('Name,Email,Final Grade,Hours\nAnn,ann@example.org,A,\nBo,bo@example.org, ,3\n', { requiredAttributes: ['final_grade'] });
    expect(rows[0]!.recipient).toBeDefined();
    expect(rows[1]!.recipient).toBeUndefined();
    expect(rows[1]!.errors).toEqual([
      { row: 3, column: 'Final Grade', code: 'missing_attribute', message: 'Row 3, column "Final Grade": the value is empty, and the group\'s design uses it as "final_grade".' },
    ]);
  });

  it('reports a required attribute that no column provides', async () => {
    const preview = await previewCsv(Buffer.from('Name,Email\nAnn,ann@example.org\n'), { requiredAttributes: ['grade'] });
    expect(preview.missingAttributeColumns).toEqual(['grade']);
    expect(preview.errors).toEqual([
      { row: 2, code: 'missing_attribute', message: 'Row 2: no value for "grade", which the group\'s design uses; add a "grade" column.' },
    ]);
  });

  it('uses the mapped key, so a renamed column satisfies the design', async () => {
    const preview = await previewCsv(Buffer.from('Name,Email,Mark\nAnn,ann@example.org,A\n'), {
      requiredAttributes: ['grade'],
      mapping: { attributes: { Mark: 'grade' } },
    });
    expect(preview.validRows).toBe(1);
    expect(preview.sample[0]!.attributes).toEqual({ grade: 'A' });
  });
});
