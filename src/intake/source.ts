/** @module intake/source — bytes in: a Buffer or a stream, counted against the size limit and hashed as they pass. */
import { createHash, type Hash } from 'node:crypto';
import { headerLine } from './sniff.js';
import { IntakeError, type IntakeLimits } from './types.js';

/** Enough to hold any sane header row; past this the sniffing stops waiting for a line end. */
const HEAD_BYTES = 64 * 1024;
/** Sniff at least this much for binary content, however small the stream's chunks are. */
const SNIFF_BYTES = 8 * 1024;

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** Refuses a file by its announced size, before downloading it (the chat platform tells the size). */
export function checkFileSize(size: number, limits: Pick<IntakeLimits, 'maxBytes'>): void {
  if (size > limits.maxBytes) {
    throw new IntakeError(
      'too_large',
      `The file is ${megabytes(size)}; the limit is ${megabytes(limits.maxBytes)}. Split it into smaller CSV files and upload them one by one.`,
    );
  }
}

async function* chunksOf(source: NodeJS.ReadableStream | Buffer): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(source)) {
    // Slice big buffers so the parser sees the same chunked flow as from a stream.
    for (let i = 0; i < source.length; i += HEAD_BYTES) yield source.subarray(i, i + HEAD_BYTES);
    return;
  }
  for await (const chunk of source as AsyncIterable<Buffer | string>) {
    yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  }
}

/** The file's bytes, read once: size-checked and hashed on the way, with the first bytes held back for sniffing. */
export class GuardedSource {
  private readonly hash: Hash = createHash('sha256');
  private readonly iterator: AsyncIterator<Buffer>;
  private held: Buffer[] = [];
  private ended = false;
  bytes = 0;

  constructor(
    source: NodeJS.ReadableStream | Buffer,
    private readonly maxBytes: number,
  ) {
    if (Buffer.isBuffer(source)) checkFileSize(source.length, { maxBytes });
    this.iterator = chunksOf(source)[Symbol.asyncIterator]();
  }

  private async next(): Promise<Buffer | undefined> {
    const { value, done } = await this.iterator.next();
    if (done) {
      this.ended = true;
      return undefined;
    }
    this.bytes += value.length;
    if (this.bytes > this.maxBytes) {
      await this.iterator.return?.(undefined);
      throw new IntakeError(
        'too_large',
        `The file is larger than ${megabytes(this.maxBytes)}, the limit. Split it into smaller CSV files and upload them one by one.`,
      );
    }
    this.hash.update(value);
    return value;
  }

  /** Reads at least 8 KB and until the header line is complete (at most 64 KB, or to the end). `complete`: the head is the whole file. */
  async head(): Promise<{ head: Buffer; complete: boolean }> {
    const decoder = new TextDecoder('utf-8');
    let text = '';
    while (!this.ended && this.bytes < HEAD_BYTES) {
      const chunk = await this.next();
      if (chunk === undefined) break;
      this.held.push(chunk);
      text += decoder.decode(chunk, { stream: true });
      if (this.bytes >= SNIFF_BYTES && headerLine(text) !== undefined) break;
    }
    return { head: Buffer.concat(this.held), complete: this.ended };
  }

  /** Every chunk, the held-back head first. */
  async *chunks(): AsyncGenerator<Buffer> {
    const held = this.held;
    this.held = [];
    yield* held;
    for (let chunk = await this.next(); chunk !== undefined; chunk = await this.next()) yield chunk;
  }

  /** sha256 hex of every byte read; complete once `chunks()` has run to the end. */
  contentHash(): string {
    return this.hash.copy().digest('hex');
  }

  async close(): Promise<void> {
    if (!this.ended) await this.iterator.return?.(undefined);
  }
}

/** sha256 hex of a file's bytes, streamed: with the file id it makes an issuance job idempotent. */
export async function hashContent(source: NodeJS.ReadableStream | Buffer): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of chunksOf(source)) hash.update(chunk);
  return hash.digest('hex');
}
