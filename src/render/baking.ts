/**
 * @module render/baking — Open Badges 3.0 baking: the signed credential travels inside the badge PNG
 * as an uncompressed `iTXt` chunk with keyword `openbadgecredential`, placed before IEND.
 */
import { RenderError } from './errors.js';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const BAKING_KEYWORD = 'openbadgecredential';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

interface Chunk {
  type: string;
  data: Buffer;
  /** Offset of the chunk's length field in the PNG. */
  offset: number;
}

/** The chunks of a PNG; throws when the bytes are not a PNG or a chunk's CRC is wrong. */
export function readChunks(png: Uint8Array): Chunk[] {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new RenderError('bad_png', 'This file is not a PNG image.');
  const chunks: Chunk[] = [];
  let offset = 8;
  while (offset + 12 <= buf.length) {
    const length = buf.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > buf.length) throw new RenderError('bad_png', 'The PNG is truncated.');
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const crc = buf.readUInt32BE(offset + 8 + length);
    if (crc32(buf.subarray(offset + 4, offset + 8 + length)) !== crc) throw new RenderError('bad_png', `The PNG's ${type} chunk is damaged (CRC mismatch).`);
    chunks.push({ type, data: buf.subarray(offset + 8, offset + 8 + length), offset });
    offset = end;
    if (type === 'IEND') break;
  }
  if (chunks[chunks.length - 1]?.type !== 'IEND') throw new RenderError('bad_png', 'The PNG has no IEND chunk.');
  return chunks;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Bakes a signed credential into a badge PNG. Any credential baked before is replaced, so a badge
 * never carries two. The JSON is written compact (no spaces), UTF-8, uncompressed.
 */
export function bakePng(png: Uint8Array, signedCredential: string | Record<string, unknown>): Buffer {
  const json = typeof signedCredential === 'string' ? JSON.stringify(JSON.parse(signedCredential)) : JSON.stringify(signedCredential);
  const chunks = readChunks(png).filter((c) => !(c.type === 'iTXt' && keywordOf(c.data) === BAKING_KEYWORD));
  // iTXt: keyword \0, compression flag 0, method 0, empty language tag \0, empty translated keyword \0, text.
  const itxt = chunk('iTXt', Buffer.concat([Buffer.from(BAKING_KEYWORD, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(json, 'utf8')]));
  const parts: Buffer[] = [SIGNATURE];
  for (const c of chunks) {
    if (c.type === 'IEND') parts.push(itxt);
    parts.push(chunk(c.type, c.data));
  }
  return Buffer.concat(parts);
}

function keywordOf(data: Buffer): string {
  const nul = data.indexOf(0);
  return data.toString('latin1', 0, nul < 0 ? data.length : nul);
}

/** The credential baked into a PNG, parsed; null when the PNG carries none. */
export function readBakedCredential(png: Uint8Array): Record<string, unknown> | null {
  for (const c of readChunks(png)) {
    if (c.type !== 'iTXt' || keywordOf(c.data) !== BAKING_KEYWORD) continue;
    const data = c.data;
    const compressed = data[BAKING_KEYWORD.length + 1];
    const languageEnd = data.indexOf(0, BAKING_KEYWORD.length + 3);
    const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
    if (translatedEnd < 0) throw new RenderError('bad_png', 'The baked credential chunk is malformed.');
    if (compressed !== 0) throw new RenderError('bad_png', 'The baked credential is compressed, which Open Badges baking does not allow.');
    try {
      return JSON.parse(data.toString('utf8', translatedEnd + 1)) as Record<string, unknown>;
    } catch {
      throw new RenderError('bad_png', 'The baked credential is not valid JSON.');
    }
  }
  return null;
}
