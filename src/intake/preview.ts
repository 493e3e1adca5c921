/** @module intake/preview — what the bot shows after an upload: mapping, counts, the first issues and rows. */
import type { HeaderInfo, IntakeOptions } from './options.js';
import { readRows } from './read.js';
import type { CsvPreview, RowIssue } from './types.js';

export interface PreviewOptions extends IntakeOptions {
  /** How many errors, and how many warnings, to keep. Default 20 each. */
  maxIssues?: number;
  /** How many rows to keep as a sample. Default 5. */
  sampleSize?: number;
}

/**
 * Reads the whole file once and keeps only bounded lists. Counts: `validRows` + `errorRows` = `totalRows`;
 * `warningRows` counts rows with at least one warning (valid or not). Throws IntakeError for a file-level refusal.
 */
export async function previewCsv(source: NodeJS.ReadableStream | Buffer, opts: PreviewOptions = {}): Promise<CsvPreview> {
  const maxIssues = opts.maxIssues ?? 20;
  const sampleSize = opts.sampleSize ?? 5;
  let header: HeaderInfo | undefined;
  const rows = readRows(source, {
    ...opts,
    onHeader: (h) => {
      header = h;
      opts.onHeader?.(h);
    },
  });

  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const sample: CsvPreview['sample'] = [];
  let validRows = 0;
  let errorRows = 0;
  let warningRows = 0;
  let next = await rows.next();
  while (!next.done) {
    const row = next.value;
    if (row.errors.length > 0) errorRows++;
    else validRows++;
    if (row.warnings.length > 0) warningRows++;
    for (const e of row.errors) if (errors.length < maxIssues) errors.push(e);
    for (const w of row.warnings) if (warnings.length < maxIssues) warnings.push(w);
    if (sample.length < sampleSize) sample.push(row);
    next = await rows.next();
  }
  const summary = next.value;
  return {
    delimiter: header!.delimiter,
    headers: header!.headers,
    mapping: header!.mapping,
    totalRows: summary.totalRows,
    validRows,
    errorRows,
    warningRows,
    errors,
    warnings,
    sample,
    contentHash: summary.contentHash,
    missingAttributeColumns: header!.missingAttributeColumns,
  };
}
