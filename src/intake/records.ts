/**
 * @module intake/records — the file's records, a batch at a time: split directly when the whole file
 * is at hand and holds no quote (quote-free.ts), else parsed by csv-parse as the bytes stream in.
 * Either way every byte passes through the guarded source, so the size limit and the content hash
 * see the whole file.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { isQuoteFree, quoteFreeRecords } from './quote-free.js';
import type { GuardedSource } from './source.js';

/** Records per batch: enough to make a batch's overhead small, few enough to keep memory flat. */
const BATCH = 256;

export interface RecordBatches {
  batches: AsyncIterable<string[][]>;
  close(): Promise<void>;
}

async function* quoteFree(bytes: GuardedSource, csv: Buffer, delimiter: string): AsyncGenerator<string[][]> {
  for await (const _ of bytes.chunks()); // size and hash, as on the streamed path
  yield* quoteFreeRecords(csv, delimiter, BATCH);
}

/** A parse error comes after the records read before it, as it would record by record. */
async function* grouped(records: AsyncIterable<string[]>): AsyncGenerator<string[][]> {
  let batch: string[][] = [];
  let failure: { error: unknown } | undefined;
  try {
    for await (const record of records) {
      batch.push(record);
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    failure = { error };
  }
  if (batch.length > 0) yield batch;
  if (failure) throw failure.error;
}

export function recordBatches(source: NodeJS.ReadableStream | Buffer, bytes: GuardedSource, delimiter: string): RecordBatches {
  if (Buffer.isBuffer(source) && isQuoteFree(source)) {
    return { batches: quoteFree(bytes, source, delimiter), close: async () => undefined };
  }
  // Blank lines are kept as records so that counting records gives the spreadsheet row. csv-parse's
  // `info: true` would give the same count (info.records) at a cost per row; its `info.lines` is a
  // text-line number, and counts a CRLF inside a quoted value twice.
  const parser = parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  const feeding = pipeline(Readable.from(bytes.chunks()), parser).catch(() => undefined); // errors surface through the parser
  return {
    batches: grouped(parser as AsyncIterable<string[]>),
    close: async () => {
      parser.destroy();
      await feeding;
    },
  };
}
