/**
 * @module store/redis-pack — one growing Buffer, written in pieces: many values packed into ONE script
 * argument (read in Lua with `struct.unpack`), and the wire bytes of the commands the store encodes
 * itself (redis-wire.ts). A batch's ids and emails as 500 separate arguments cost the main thread a
 * string write per argument in ioredis and Redis a bulk string each; packed, they are one argument.
 *
 * Packed layout: unsigned big-endian integers (`u32`, Lua `>I4`) and length-prefixed strings (`>I4c0`).
 */

/** Most UTF-8 bytes a JS string of this length can need (a UTF-16 unit never takes more than 3). */
const maxUtf8 = (s: string) => 3 * s.length;

export class PackWriter {
  private buf: Buffer;
  private at = 0;

  constructor(sizeHint = 4096) {
    this.buf = Buffer.allocUnsafe(Math.max(64, sizeHint));
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + bytes));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  u32(n: number): this {
    this.room(4);
    this.buf.writeUInt32BE(n, this.at);
    this.at += 4;
    return this;
  }

  /** A length-prefixed UTF-8 string (`>I4c0`). */
  string(s: string): this {
    const start = this.open();
    this.text(s);
    return this.close(start);
  }

  /**
   * Starts a length-prefixed value written in pieces (`text`, `bytes`, `unwrite`); `close` with what
   * this returns fills in its length.
   */
  open(): number {
    this.u32(0);
    return this.at;
  }

  close(start: number): this {
    this.buf.writeUInt32BE(this.at - start, start - 4);
    return this;
  }

  /** UTF-8 text, no length prefix (a piece of an open value). */
  text(s: string): this {
    this.room(maxUtf8(s));
    this.at += this.buf.write(s, this.at);
    return this;
  }

  /** Raw bytes, no length prefix (a piece of an open value). */
  bytes(b: Uint8Array): this {
    this.room(b.byteLength);
    this.buf.set(b, this.at);
    this.at += b.byteLength;
    return this;
  }

  /** Takes back the last `n` bytes written (e.g. the closing brace of a JSON object, to append a field). */
  unwrite(n: number): this {
    this.at -= n;
    return this;
  }

  /** The packed bytes (a view: the writer must not be used afterwards). */
  done(): Buffer {
    return this.buf.subarray(0, this.at);
  }
}
