/**
 * @module render/fonts — the font files shipped under assets/fonts, which font draws which character,
 * and text measurement. Both the PNG (resvg) and the PDF (pdf-lib) renderers use these, so a size
 * chosen here fits in both.
 */
import fontkit from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export type FontStyle = 'sans' | 'sans-bold' | 'serif' | 'serif-bold';

/** File names in assets/fonts; the first entry of each chain is the style's own font, then fallbacks. */
const CHAINS: Record<FontStyle, string[]> = {
  sans: ['NotoSans-Regular.ttf', 'NotoSansArabic-Regular.ttf', 'DroidSansFallback-CJK.ttf', 'NanumGothic-Hangul.ttf'],
  'sans-bold': ['NotoSans-Bold.ttf', 'NotoSansArabic-Bold.ttf', 'DroidSansFallback-CJK.ttf', 'NanumGothic-Hangul.ttf'],
  serif: ['NotoSerif-Regular.ttf', 'NotoSansArabic-Regular.ttf', 'DroidSansFallback-CJK.ttf', 'NanumGothic-Hangul.ttf'],
  'serif-bold': ['NotoSerif-Bold.ttf', 'NotoSansArabic-Bold.ttf', 'DroidSansFallback-CJK.ttf', 'NanumGothic-Hangul.ttf'],
};

/** The CSS font-family list an SVG uses for a style (resvg falls back per character through it). */
export function svgFontFamily(style: FontStyle): string {
  const first = style.startsWith('serif') ? "'Noto Serif'" : "'Noto Sans'";
  return `${first}, 'Noto Sans Arabic', 'Droid Sans Fallback', 'NanumGothic'`;
}

export function svgFontWeight(style: FontStyle): 'bold' | 'normal' {
  return style.endsWith('-bold') ? 'bold' : 'normal';
}

/** assets/fonts, found from this file (src/ or dist/src/) or else from the working directory. */
export function fontsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../assets/fonts'), path.resolve(here, '../../../assets/fonts'), path.resolve('assets/fonts')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'NotoSans-Regular.ttf')));
  if (!found) throw new Error(`Credbot's fonts were not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Absolute paths of every shipped font file, for resvg's `fontFiles`. */
export function fontFiles(): string[] {
  const dir = fontsDir();
  return [...new Set(Object.values(CHAINS).flat())].map((file) => path.join(dir, file));
}

const bytesCache = new Map<string, Uint8Array>();
const fontCache = new Map<string, Font>();

export function fontBytes(file: string): Uint8Array {
  let bytes = bytesCache.get(file);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(path.join(fontsDir(), file)));
    bytesCache.set(file, bytes);
  }
  return bytes;
}

function fontkitFont(file: string): Font {
  let font = fontCache.get(file);
  if (!font) {
    font = fontkit.create(fontBytes(file));
    fontCache.set(file, font);
  }
  return font;
}

/**
 * A stand-in for fontkit that pdf-lib can register: it hands back the already-parsed font for the
 * shipped font bytes. pdf-lib would otherwise re-parse each font (and its big kerning tables) for
 * every PDF, which costs more than drawing the whole certificate.
 */
export const cachedFontkit = {
  create(bytes: Uint8Array, postscriptName?: string): Font {
    for (const [file, cached] of bytesCache) if (cached === bytes) return fontkitFont(file);
    return fontkit.create(bytes, postscriptName);
  },
};

/** The font files that drawing these texts needs (resvg loads only these: the CJK font is large). */
export function fontFilesFor(texts: { text: string; style: FontStyle }[]): string[] {
  const dir = fontsDir();
  const files = new Set<string>();
  for (const { text, style } of texts) {
    files.add(CHAINS[style][0]!);
    for (const run of splitRuns(text, style)) files.add(run.file);
  }
  return [...files].map((file) => path.join(dir, file));
}

/** The family name inside a font file, e.g. 'Noto Sans Arabic'. */
export function familyOf(file: string): string {
  return fontkitFont(file).familyName ?? 'Noto Sans';
}

/** A stretch of text drawn with one font file. */
export interface TextRun {
  text: string;
  file: string;
  rtl: boolean;
}

const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const NEUTRAL_CHAR = /[\s\p{P}\p{S}\p{N}]/u;

/**
 * Splits text into runs of one font each, first font of the chain that has the glyph. Neutral
 * characters (spaces, punctuation, digits) stay in the current run so "عبد الله" is one run.
 */
export function splitRuns(text: string, style: FontStyle): TextRun[] {
  const chain = CHAINS[style];
  const runs: TextRun[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    const last = runs[runs.length - 1];
    if (last && NEUTRAL_CHAR.test(char) && fontkitFont(last.file).hasGlyphForCodePoint(cp)) {
      last.text += char;
      continue;
    }
    const file = chain.find((f) => fontkitFont(f).hasGlyphForCodePoint(cp)) ?? chain[0]!;
    if (last && last.file === file) last.text += char;
    else runs.push({ text: char, file, rtl: RTL_CHAR.test(char) });
  }
  return runs.flatMap(detachSpaces);
}

/** Spaces at the edges of a right-to-left run sit between runs: kept inside, shaping would move them to the wrong side. */
function detachSpaces(run: TextRun): TextRun[] {
  if (!run.rtl) return [run];
  const m = /^(\s*)(.*?)(\s*)$/su.exec(run.text)!;
  return [
    ...(m[1] ? [{ text: m[1], file: run.file, rtl: false }] : []),
    { ...run, text: m[2]! },
    ...(m[3] ? [{ text: m[3], file: run.file, rtl: false }] : []),
  ];
}

/** Visual order of runs on one line: right-to-left lines (first strong character RTL) reverse the runs. */
export function visualOrder(runs: TextRun[]): TextRun[] {
  const firstStrong = runs.find((r) => /[\p{L}]/u.test(r.text));
  return firstStrong?.rtl ? [...runs].reverse() : runs;
}

export function runWidth(run: TextRun, size: number): number {
  const font = fontkitFont(run.file);
  return (font.layout(run.text).advanceWidth / font.unitsPerEm) * size;
}

/** Width of text at a font size, in the same units as the size (points for PDF, SVG user units). */
export function measureText(text: string, style: FontStyle, size: number): number {
  return splitRuns(text, style).reduce((sum, run) => sum + runWidth(run, size), 0);
}

/**
 * Characters that would print as the .notdef box: fontkit shapes each run exactly as pdf-lib does
 * when it encodes text, and any glyph id 0 is reported with the characters it came from.
 */
export function missingGlyphs(text: string, style: FontStyle): string[] {
  const missing = new Set<string>();
  for (const run of splitRuns(text, style)) {
    for (const glyph of fontkitFont(run.file).layout(run.text).glyphs) {
      if (glyph.id === 0) glyph.codePoints.forEach((cp) => missing.add(String.fromCodePoint(cp)));
    }
  }
  return [...missing];
}
