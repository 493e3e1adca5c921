/** @module test/intake/helpers — small builders for CSV intake tests. */
import { Readable } from 'node:stream';
import { readRows, type IntakeOptions, type ParsedRow } from '../../src/intake/index.js';

/** A stream that hands the bytes over in small pieces, to cut through quotes and multi-byte characters. */
export function chunked(content: string | Buffer, size = 7): NodeJS.ReadableStream {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
  return Readable.from(pieces);
}

export async function allRows(content: string | Buffer | NodeJS.ReadableStream, opts: IntakeOptions = {}): Promise<ParsedRow[]> {
  const source = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const rows: ParsedRow[] = [];
  for await (const row of readRows(source, opts)) rows.push(row);
  return rows;
}

/** The IntakeError a read throws (fails the test when none is thrown). */
export async function refusal(content: string | Buffer | NodeJS.ReadableStream, opts: IntakeOptions = {}): Promise<{ code: string; message: string }> {
  try {
    await allRows(content, opts);
  } catch (err) {
    if (err instanceof Error && err.name === 'IntakeError') return err as unknown as { code: string; message: string };
    throw err;
  }
  throw new Error('expected the file to be refused');
}
