/**
 * @module intake/read — stream a CSV into ParsedRows. Memory stays flat: rows are yielded as they are
 * parsed; only a number per distinct email (a 48-bit hash -> first row) is kept for the duplicate check.
 *
 * Row numbers are spreadsheet rows: the n-th record of the file is row n (header = row 1 when the file
 * starts with it). Blank lines count as rows, as a spreadsheet shows them; a quoted value spanning
 * several lines is still one row. These are not text-editor line numbers.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse, type Info } from 'csv-parse';
import { normalizeEmail } from '../domain/email.js';
import { mapHeaders } from './headers.js';
import { resolveLimits, type HeaderInfo, type IntakeOptions, type ReadSummary } from './options.js';
import { buildLayout, parseRecord, type RowLayout } from './row.js';
import { checkText, detectDelimiter, headerLine } from './sniff.js';
import { GuardedSource } from './source.js';
import { IntakeError, type ParsedRow } from './types.js';

/** Trims header cells, drops trailing empty ones, and makes repeated headers unique ("Grade", "Grade (2)"). */
function cleanHeaders(cells: string[]): string[] {
  const headers = cells.map((c) => c.replace(/^\uFEFF/, '').trim());
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  const seen = new Map<string, number>();
  return headers.map((h) => {
    if (h === '') return h;
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return n === 1 ? h : `${h} (${n})`;
  });
}

/** Excel's `sep=;` hint line, as parsed with the delimiter it names: `['sep=', '']`. */
function isSepLine(record: string[]): boolean {
  return /^sep=$/i.test(record[0]!.trim()) && record.slice(1).every((c) => c === '');
}

function malformed(err: CsvError, row: number): IntakeError {
  const why =
    err.code === 'CSV_QUOTE_NOT_CLOSED' || err.code === 'CSV_MAX_RECORD_SIZE'
      ? `a quoted value that starts near row ${row} is never closed (a " without its closing ")`
      : `the CSV cannot be read near row ${row} (${err.message})`;
  return new IntakeError('malformed', `The file is not valid CSV: ${why}. Fix the quotes in that row, or export the file again as CSV (UTF-8).`);
}

/**
 * A 53-bit number for an email key (cyrb53): far smaller than the string, and a chance of about one in
 * two million that two of 100,000 addresses collide (the cost of which is one wrong duplicate warning).
 */
function emailHash(key: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Adds the cross-row warnings: the same email earlier in the file, and a recipient who already holds the credential. */
class RowChecks {
  private readonly firstRowByEmail = new Map<number, number>();

  constructor(
    private readonly layout: RowLayout,
    private readonly opts: IntakeOptions,
  ) {}

  get needsLookup(): boolean {
    return this.opts.alreadyIssued !== undefined && !this.opts.allowDuplicates;
  }

  private warn(row: ParsedRow, code: string, what: string): void {
    const column = this.layout.headers[this.layout.emailCol]!;
    row.warnings.push({ row: row.row, column, code, message: `Row ${row.row}, column "${column}": ${what}.` });
  }

  inFile(row: ParsedRow, email: string | undefined): void {
    if (email === undefined) return;
    const hash = emailHash(normalizeEmail(email));
    const first = this.firstRowByEmail.get(hash);
    if (first === undefined) this.firstRowByEmail.set(hash, row.row);
    else this.warn(row, 'duplicate_in_file', `the same email as row ${first} (case and spaces ignored); both rows are listed, check it is not a mistake`);
  }

  /** One concurrent lookup per distinct email in the batch, instead of one awaited lookup per row. */
  async issuedBefore(batch: ParsedRow[]): Promise<void> {
    const lookup = this.opts.alreadyIssued;
    if (!lookup || this.opts.allowDuplicates) return;
    const keys = [...new Set(batch.flatMap((r) => (r.recipient ? [normalizeEmail(r.recipient.email)] : [])))];
    const answers = new Map(await Promise.all(keys.map(async (k) => [k, await lookup(k)] as const)));
    for (const row of batch) {
      if (row.recipient && answers.get(normalizeEmail(row.recipient.email))) {
        this.warn(row, 'already_issued', "this recipient already holds this group's credential and the group does not allow duplicates, so no second one will be issued");
      }
    }
  }
}

/**
 * Streams the rows of a CSV file. Throws IntakeError for a file-level problem (not text, empty, no name
 * or email column, too big, too many rows, broken quoting); a bad row is yielded with `errors`, never thrown.
 * The generator's return value holds the content hash. Size and row limits are checked as the file
 * streams, so a stream can throw after some rows: preview the file before acting on its rows.
 */
export async function* readRows(source: NodeJS.ReadableStream | Buffer, opts: IntakeOptions = {}): AsyncGenerator<ParsedRow, ReadSummary, undefined> {
  const limits = resolveLimits(opts.limits);
  const bytes = new GuardedSource(source, limits.maxBytes);
  const { head, complete } = await bytes.head();
  if (head.length === 0) throw new IntakeError('empty', 'The file is empty. Upload a CSV with a header row (for example Name,Email) and one row per recipient.');
  checkText(head, complete);
  const delimiter = detectDelimiter(headerLine(new TextDecoder().decode(head), true) ?? '');

  // Blank lines are kept as records so that counting records gives the spreadsheet row. csv-parse's
  // `info: true` would give the same count (info.records) at a cost per row; its `info.lines` is a
  // text-line number, and counts a CRLF inside a quoted value twice.
  const parser = parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  const feeding = pipeline(Readable.from(bytes.chunks()), parser).catch(() => undefined); // errors surface through the parser
  let layout: RowLayout | undefined;
  let checks: RowChecks | undefined;
  let spreadsheetRow = 0;
  let totalRows = 0;
  let batch: ParsedRow[] = [];
  const batchSize = Math.max(1, opts.lookupBatchSize ?? 200);
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      spreadsheetRow++;
      if (record.every((c) => c.trim() === '')) continue; // blank line, or only delimiters
      if (layout === undefined) {
        if (isSepLine(record)) continue; // counted as a row, as a text view and the raw cells show it
        const headers = cleanHeaders(record);
        const mapping = mapHeaders(headers, opts.mapping);
        layout = buildLayout(headers, mapping, opts.requiredAttributes);
        checks = new RowChecks(layout, opts);
        const missingAttributeColumns = layout.required.filter((r) => r.header === undefined).map((r) => r.key);
        const header: HeaderInfo = { delimiter, headers, mapping, headerRow: spreadsheetRow, missingAttributeColumns };
        opts.onHeader?.(header);
        continue;
      }
      if (++totalRows > limits.maxRows) {
        throw new IntakeError(
          'too_many_rows',
          `The file has more than ${limits.maxRows.toLocaleString('en')} rows, the limit. Split it into files of at most ${limits.maxRows.toLocaleString('en')} rows and upload them one by one.`,
        );
      }
      const { parsed: row, email } = parseRecord(record, spreadsheetRow, layout);
      checks!.inFile(row, email);
      if (!checks!.needsLookup) {
        yield row;
        continue;
      }
      batch.push(row);
      if (batch.length >= batchSize) {
        await checks!.issuedBefore(batch);
        yield* batch;
        batch = [];
      }
    }
    if (batch.length > 0) {
      await checks!.issuedBefore(batch);
      yield* batch;
    }
  } catch (err) {
    // The parser may fail before its buffered records were read: its own count says where it stopped.
    if (err instanceof CsvError) throw malformed(err, ((err as unknown as Info).records ?? spreadsheetRow) + 1);
    throw err;
  } finally {
    parser.destroy();
    await feeding;
    await bytes.close();
  }
  if (layout === undefined) throw new IntakeError('empty', 'The file has no header row. Upload a CSV with a header row (for example Name,Email) and one row per recipient.');
  return { contentHash: bytes.contentHash(), bytes: bytes.bytes, totalRows };
}
