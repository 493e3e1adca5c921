/**
 * @module credentials/json-bytes — writes JSON text as UTF-8 straight into one growing byte buffer,
 * byte for byte what `Buffer.from(JSON.stringify(…))` gives, without making the JSON string first.
 * Strings that need no escaping (nearly all) are encoded in a loop here; any other string goes
 * through JSON.stringify, so escaping stays JSON.stringify's own.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export class JsonBytes {
  private buf: Uint8Array;
  private node: Buffer;
  /** Bytes written so far. */
  length = 0;

  constructor(capacity = 64 * 1024) {
    this.buf = new Uint8Array(capacity);
    this.node = Buffer.from(this.buf.buffer);
  }

  get capacity(): number {
    return this.buf.length;
  }

  /** Room for `n` more bytes. */
  private room(n: number): Uint8Array {
    if (this.length + n > this.buf.length) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
      bigger.set(this.buf.subarray(0, this.length));
      this.buf = bigger;
      this.node = Buffer.from(bigger.buffer);
    }
    return this.buf;
  }

  /** ASCII text as it is: keys and punctuation (constants of the caller). */
  ascii(s: string): void {
    const buf = this.room(s.length);
    let o = this.length;
    for (let i = 0; i < s.length; i++) buf[o++] = s.charCodeAt(i);
    this.length = o;
  }

  byte(b: number): void {
    this.room(1)[this.length++] = b;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length).set(b, this.length);
    this.length += b.length;
  }

  /** A string as JSON.stringify writes it, quotes included. */
  string(s: string): void {
    const n = s.length;
    const buf = this.room(3 * n + 2); // UTF-8 takes at most 3 bytes per UTF-16 unit (4 per surrogate pair)
    let o = this.length;
    buf[o++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c < 0x20 || c === QUOTE || c === BACKSLASH) return this.text(JSON.stringify(s)); // escaped: JSON.stringify's way
        buf[o++] = c;
      } else if (c < 0x800) {
        buf[o++] = 0xc0 | (c >> 6);
        buf[o++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        buf[o++] = 0xe0 | (c >> 12);
        buf[o++] = 0x80 | ((c >> 6) & 0x3f);
        buf[o++] = 0x80 | (c & 0x3f);
      } else {
        const d = c <= 0xdbff ? s.charCodeAt(i + 1) : 0;
        if (!(d >= 0xdc00 && d <= 0xdfff)) return this.text(JSON.stringify(s)); // lone surrogate: JSON.stringify writes \udXXX
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        buf[o++] = 0xf0 | (cp >> 18);
        buf[o++] = 0x80 | ((cp >> 12) & 0x3f);
        buf[o++] = 0x80 | ((cp >> 6) & 0x3f);
        buf[o++] = 0x80 | (cp & 0x3f);
        i++;
      }
    }
    buf[o++] = QUOTE;
    this.length = o;
  }

  /** JSON text (well-formed, as JSON.stringify returns it) as UTF-8. */
  text(s: string): void {
    this.room(3 * s.length);
    this.length += this.node.write(s, this.length, 'utf8');
  }

  /** A copy of bytes written (its own memory, not a view of this buffer). */
  slice(start: number, end: number): Uint8Array {
    return this.buf.slice(start, end);
  }

  /** Forgets everything from `start` on. */
  truncate(start: number): void {
    this.length = start;
  }
}
