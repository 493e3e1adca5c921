/** @module test/intake/refusals — files that are refused as a whole, each with a message that says what to do. */
import { describe, expect, it } from '@jest/globals';
import { checkFileSize, IntakeError, previewCsv } from '../../src/intake/index.js';
import { chunked, refusal } from './helpers.js';

const EXPORT = 'export it as CSV (UTF-8)';

describe('files that are not CSV text', () => {
  it.each([
    ['an XLSX renamed .csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]), 'spreadsheet'],
    ['an old XLS file', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'Excel'],
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'PNG'],
    ['text with NUL bytes', Buffer.from('Name,Email\n\0\0\0Ann,ann@example.org\n'), 'spreadsheet/binary'],
    ['UTF-16 text', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name,Email\n', 'utf16le')]), 'UTF-16'],
    ['Windows-1252 text (Excel "CSV")', Buffer.from('Name,Email\nJos\xe9 N\xfa\xf1ez,jose@example.org\n', 'latin1'), 'not UTF-8'],
  ])('refuses %s', async (_what, bytes, hint) => {
    const err = await refusal(bytes);
    expect(err.code).toBe('not_text');
    expect(err.message).toContain(hint);
    expect(err.message).toContain(EXPORT);
  });

  it('refuses a binary stream from its first chunk', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(100_000, 7)]);
    expect((await refusal(chunked(png, 4096))).code).toBe('not_text');
  });
});

describe('empty files', () => {
  it.each([
    ['zero bytes', Buffer.alloc(0)],
    ['only a byte order mark', Buffer.from('\uFEFF')],
    ['only blank lines', Buffer.from('\r\n\n  \n')],
  ])('refuses %s and says what a CSV needs', async (_what, bytes) => {
    const err = await refusal(bytes);
    expect(err.code).toBe('empty');
    expect(err.message).toMatch(/empty.*header row \(for example Name,Email\)/);
  });

  it('refuses a file of empty cells: it has no header row', async () => {
    const err = await refusal(',,,\n,,\n');
    expect(err.code).toBe('empty');
    expect(err.message).toContain('no header row');
  });

  it('accepts a header with no rows, and counts zero rows', async () => {
    const preview = await previewCsv(Buffer.from('Name,Email\n'));
    expect(preview.totalRows).toBe(0);
    expect(preview.sample).toEqual([]);
  });
});

describe('missing columns', () => {
  it('lists the headers found and the recognised email headers', async () => {
    const err = await refusal('Name,Mail Addr,Grade\nAnn,ann@example.org,A\n');
    expect(err.code).toBe('missing_email_column');
    expect(err.message).toContain('The headers in this file are: "Name", "Mail Addr", "Grade"');
    expect(err.message).toContain('Email, E-mail address, Email address, Recipient email, Student email');
  });

  it('lists the headers found and the recognised name headers', async () => {
    const err = await refusal('Who,Email\nAnn,ann@example.org\n');
    expect(err.code).toBe('missing_name_column');
    expect(err.message).toContain('"Who", "Email"');
    expect(err.message).toContain('Full name, Recipient name, Student name');
    expect(err.message).toContain('First name and Last name');
  });

  it('says when both are missing', async () => {
    const err = await refusal('a,b\n1,2\n');
    expect(err.message).toMatch(/^No name column and no email column found/);
  });

  it('refuses a mapping that names a column the file does not have', async () => {
    const err = await refusal('Name,Email\nAnn,ann@example.org\n', { mapping: { email: 'Work email' } });
    expect(err.code).toBe('missing_email_column');
    expect(err.message).toContain('The mapping uses column "Work email" for the email, but the file has no such column');
  });
});

describe('limits', () => {
  const csv = 'Name,Email\n' + 'Ann Lee,ann@example.org\n'.repeat(100);

  it('refuses a buffer over the size limit, giving both sizes', async () => {
    const err = await refusal(Buffer.alloc(3 * 1024 * 1024, 'a'), { limits: { maxBytes: 2 * 1024 * 1024 } });
    expect(err.code).toBe('too_large');
    expect(err.message).toBe('The file is 3 MB; the limit is 2 MB. Split it into smaller CSV files and upload them one by one.');
  });

  it('refuses a stream as soon as it passes the size limit', async () => {
    const err = await refusal(chunked(csv, 100), { limits: { maxBytes: 1000 } });
    expect(err.code).toBe('too_large');
    expect(err.message).toContain('larger than 0 MB');
  });

  it('refuses by the announced size before downloading', () => {
    expect(() => checkFileSize(11 * 1024 * 1024, { maxBytes: 10 * 1024 * 1024 })).toThrow(new IntakeError('too_large', 'The file is 11 MB; the limit is 10 MB. Split it into smaller CSV files and upload them one by one.'));
    expect(() => checkFileSize(10 * 1024 * 1024, { maxBytes: 10 * 1024 * 1024 })).not.toThrow();
  });

  it('refuses more rows than the limit and accepts exactly the limit', async () => {
    const err = await refusal(csv, { limits: { maxRows: 99 } });
    expect(err.code).toBe('too_many_rows');
    expect(err.message).toBe('The file has more than 99 rows, the limit. Split it into files of at most 99 rows and upload them one by one.');
    expect((await previewCsv(Buffer.from(csv), { limits: { maxRows: 100 } })).totalRows).toBe(100);
  });
});

describe('broken CSV', () => {
  it('refuses a quote that is never closed, naming the row', async () => {
    const err = await refusal('Name,Email\nAnn,ann@example.org\n"Bo Chen,bo@example.org\nCara,cara@example.org\n');
    expect(err.code).toBe('malformed');
    expect(err.message).toMatch(/never closed/);
    expect(err.message).toMatch(/row 3/);
  });
});

describe('sniffing a trickling stream', () => {
  it('finds binary content past the header line even when chunks are tiny', async () => {
    const bytes = Buffer.concat([Buffer.from('Name,Email\nAnn,ann@example.org\n'), Buffer.from([0, 0, 0, 1, 2, 3])]);
    expect((await refusal(chunked(bytes, 1))).code).toBe('not_text');
  });
});
