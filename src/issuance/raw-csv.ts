/**
 * @module issuance/raw-csv — the uploaded CSV's cells exactly as typed, numbered the way intake numbers
 * rows. Intake drops the cells of a row it refuses; the results file still shows what the row said, and
 * the failed-rows file gives the rows back in their original columns so staff can fix and re-upload.
 */
import { Readable } from 'node:stream';
import { parse, type Info } from 'csv-parse';
import { detectDelimiter, headerLine } from '../intake/sniff.js';

export interface RawRecord {
  /** Spreadsheet row number, as intake counts it (the n-th record is row n). */
  row: number;
  cells: string[];
}

/** Same parser settings as intake (detected delimiter, BOM, relaxed quotes and column counts, blank lines counted). */
export async function* rawRecords(csv: Buffer): AsyncGenerator<RawRecord> {
  const head = new TextDecoder().decode(csv.subarray(0, 64 * 1024));
  const delimiter = detectDelimiter(headerLine(head, true) ?? '');
  const parser = Readable.from([csv]).pipe(
    parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      if (record.every((c) => c.trim() === '')) continue;
      yield { row: info.records, cells: record };
    }
  } finally {
    parser.destroy();
  }
}

/** Looks rows up in a forward-only walk over the raw records (callers ask in increasing row order). */
export class RawRowCursor {
  private readonly it: AsyncGenerator<RawRecord>;
  private current: RawRecord | undefined;

  constructor(csv: Buffer) {
    this.it = rawRecords(csv);
  }

  async at(row: number): Promise<string[] | undefined> {
    while (!this.current || this.current.row < row) {
      const next = await this.it.next();
      if (next.done) return undefined;
      this.current = next.value;
    }
    return this.current.row === row ? this.current.cells : undefined;
  }

  async close(): Promise<void> {
    await this.it.return(undefined);
  }
}
