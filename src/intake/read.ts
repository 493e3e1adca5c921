/**
 * @module intake/read — stream a CSV into ParsedRows. Memory stays flat: rows are yielded as they are
 * parsed; only a number per distinct email (a 48-bit hash -> first row) is kept for the duplicate check.
 *
 * Row numbers are spreadsheet rows: the n-th record of the file is row n (header = row 1 when the file
 * starts with it). Blank lines count as rows, as a spreadsheet shows them; a quoted value spanning
 * several lines is still one row. These are not text-editor line numbers.
 */
import { CsvError, type Info } from 'csv-parse';
import { normalizeEmail } from '../domain/email.js';
import { mapHeaders } from './headers.js';
import { resolveLimits, type HeaderInfo, type IntakeOptions, type ReadSummary } from './options.js';
import { recordBatches } from './records.js';
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

/** Turns records into rows: skips blank and `sep=` lines, reads the header, numbers and checks each row. */
class RowReader {
  layout: RowLayout | undefined;
  checks: RowChecks | undefined;
  spreadsheetRow = 0;
  totalRows = 0;

  constructor(
    private readonly opts: IntakeOptions,
    private readonly delimiter: string,
    private readonly maxRows: number,
  ) {}

  /** The row this record is, or undefined for a blank line or the header. */
  next(record: string[]): ParsedRow | undefined {
    this.spreadsheetRow++;
    if (record.every((c) => c.trim() === '')) return undefined; // blank line, or only delimiters
    if (this.layout === undefined) {
      if (isSepLine(record)) return undefined; // counted as a row, as a text view and the raw cells show it
      const headers = cleanHeaders(record);
      const mapping = mapHeaders(headers, this.opts.mapping);
      this.layout = buildLayout(headers, mapping, this.opts.requiredAttributes);
      this.checks = new RowChecks(this.layout, this.opts);
      const missingAttributeColumns = this.layout.required.filter((r) => r.header === undefined).map((r) => r.key);
      const header: HeaderInfo = { delimiter: this.delimiter, headers, mapping, headerRow: this.spreadsheetRow, missingAttributeColumns };
      this.opts.onHeader?.(header);
      return undefined;
    }
    if (++this.totalRows > this.maxRows) {
      throw new IntakeError(
        'too_many_rows',
        `The file has more than ${this.maxRows.toLocaleString('en')} rows, the limit. Split it into files of at most ${this.maxRows.toLocaleString('en')} rows and upload them one by one.`,
      );
    }
    const { parsed: row, email } = parseRecord(record, this.spreadsheetRow, this.layout);
    this.checks!.inFile(row, email);
    return row;
  }
}

/**
 * The rows of a CSV file, a batch at a time (at most a few hundred rows: memory stays flat). Throws
 * IntakeError for a file-level problem (not text, empty, no name or email column, too big, too many
 * rows, broken quoting); a bad row is yielded with `errors`, never thrown. The return value holds the
 * content hash. Size and row limits are checked as the file streams, so a stream can throw after some
 * rows: preview the file before acting on its rows.
 */
export async function* readRowBatches(source: NodeJS.ReadableStream | Buffer, opts: IntakeOptions = {}): AsyncGenerator<ParsedRow[], ReadSummary, undefined> {
  const limits = resolveLimits(opts.limits);
  const bytes = new GuardedSource(source, limits.maxBytes);
  const { head, complete } = await bytes.head();
  if (head.length === 0) throw new IntakeError('empty', 'The file is empty. Upload a CSV with a header row (for example Name,Email) and one row per recipient.');
  checkText(head, complete);
  const delimiter = detectDelimiter(headerLine(new TextDecoder().decode(head), true) ?? '');

  const records = recordBatches(source, bytes, delimiter);
  const reader = new RowReader(opts, delimiter, limits.maxRows);
  let pending: ParsedRow[] = []; // rows waiting for their `alreadyIssued` lookups
  const lookupBatch = Math.max(1, opts.lookupBatchSize ?? 200);
  try {
    for await (const batch of records.batches) {
      const rows: ParsedRow[] = [];
      try {
        for (const record of batch) {
          const row = reader.next(record);
          if (row) rows.push(row);
        }
      } catch (err) {
        // The rows before the one that failed still come out first, as they would row by row.
        if (rows.length > 0 && !reader.checks?.needsLookup) yield rows;
        throw err;
      }
      if (!reader.checks?.needsLookup) {
        if (rows.length > 0) yield rows;
        continue;
      }
      pending.push(...rows);
      while (pending.length >= lookupBatch) {
        const ready = pending.slice(0, lookupBatch);
        pending = pending.slice(lookupBatch);
        await reader.checks.issuedBefore(ready);
        yield ready;
      }
    }
    if (pending.length > 0) {
      await reader.checks!.issuedBefore(pending);
      yield pending;
    }
  } catch (err) {
    // The parser may fail before its buffered records were read: its own count says where it stopped.
    if (err instanceof CsvError) throw malformed(err, ((err as unknown as Info).records ?? reader.spreadsheetRow) + 1);
    throw err;
  } finally {
    await records.close();
    await bytes.close();
  }
  if (reader.layout === undefined) throw new IntakeError('empty', 'The file has no header row. Upload a CSV with a header row (for example Name,Email) and one row per recipient.');
  return { contentHash: bytes.contentHash(), bytes: bytes.bytes, totalRows: reader.totalRows };
}

/** The rows of a CSV file one by one (see readRowBatches). The return value holds the content hash. */
export async function* readRows(source: NodeJS.ReadableStream | Buffer, opts: IntakeOptions = {}): AsyncGenerator<ParsedRow, ReadSummary, undefined> {
  const batches = readRowBatches(source, opts);
  try {
    for (;;) {
      const next = await batches.next();
      if (next.done) return next.value;
      yield* next.value;
    }
  } finally {
    await batches.return(undefined as unknown as ReadSummary);
  }
}
