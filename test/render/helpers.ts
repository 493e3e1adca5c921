/** @module test/render/helpers — decoding PNGs and PDFs the renderer made, so tests look at real output. */
import * as upngModule from '@pdf-lib/upng';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';

// pdf-lib's own PNG decoder: CommonJS with `exports.default`, which loaders wrap once or twice.
type Upng = { decode: (b: ArrayBuffer) => { width: number; height: number }; toRGBA8: (i: unknown) => ArrayBuffer[] };
const UPNG: Upng = (() => {
  let candidate: unknown = upngModule;
  while (candidate && typeof (candidate as Upng).decode !== 'function') candidate = (candidate as { default?: unknown }).default;
  return candidate as Upng;
})();

export interface Pixels {
  width: number;
  height: number;
  rgba: Uint8Array;
}

export function decodePng(png: Uint8Array): Pixels {
  const copy = png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer;
  const image = UPNG.decode(copy);
  return { width: image.width, height: image.height, rgba: new Uint8Array(UPNG.toRGBA8(image)[0]!) };
}

/** How many pixels differ between two same-sized images inside a rectangle. */
export function differingPixels(a: Pixels, b: Pixels, box: { x: number; y: number; width: number; height: number }): number {
  let count = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const i = (y * a.width + x) * 4;
      if (Math.abs(a.rgba[i]! - b.rgba[i]!) + Math.abs(a.rgba[i + 1]! - b.rgba[i + 1]!) + Math.abs(a.rgba[i + 2]! - b.rgba[i + 2]!) > 30) count++;
    }
  }
  return count;
}

/** Page sizes and the base names of the fonts a PDF embeds. */
export async function inspectPdf(bytes: Uint8Array): Promise<{ pages: { width: number; height: number }[]; fonts: string[]; title?: string }> {
  const doc = await PDFDocument.load(bytes);
  const fonts = new Set<string>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('Font')) {
      const base = object.get(PDFName.of('BaseFont'));
      if (base) fonts.add(base.toString().replace(/^\/([A-Z]{6}\+)?/, '').replace(/-\d+$/, ''));
    }
  }
  return { pages: doc.getPages().map((p) => p.getSize()), fonts: [...fonts].sort(), title: doc.getTitle() };
}

/** Glyph ids of every text-showing operator (`<…> Tj`) on the first page; id 0 is .notdef, the empty box. */
export async function shownGlyphIds(bytes: Uint8Array): Promise<number[]> {
  const { inflateSync } = await import('node:zlib');
  const doc = await PDFDocument.load(bytes);
  const contents = doc.getPages()[0]!.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
  const ids: number[] = [];
  for (const stream of streams) {
    if (!(stream instanceof PDFRawStream)) continue;
    const raw = Buffer.from(stream.getContents());
    const text = (stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') ? inflateSync(raw) : raw).toString('latin1');
    for (const m of text.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) {
      for (let i = 0; i < m[1]!.length; i += 4) ids.push(parseInt(m[1]!.slice(i, i + 4), 16));
    }
  }
  return ids;
}
