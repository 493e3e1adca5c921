/**
 * @module render/fit — fits text into a box: shrink the font on one line while it stays readable,
 * then wrap onto more lines at the largest size that fits, and only as a last resort (below the
 * minimum size) cut it with an ellipsis. Nothing overflows.
 *
 * Widths scale linearly with the font size, so each word is measured once (at size 1, cached) and
 * sizes are tried with arithmetic; the chosen lines are then measured for real before they are kept.
 */
import { measureText, type FontStyle } from './fonts.js';

export interface FitRules {
  style: FontStyle;
  width: number;
  height: number;
  maxSize: number;
  minSize: number;
  maxLines: number;
  /** Line advance as a multiple of the font size. */
  lineHeight: number;
}

export interface FittedText {
  size: number;
  lines: string[];
}

const STEP = 0.5;
const CACHE_LIMIT = 20_000;
const unitWidths = new Map<string, number>();

/** Width of text at font size 1 (cached: the same words come back for every recipient). */
export function unitWidth(text: string, style: FontStyle): number {
  const key = `${style}\u0000${text}`;
  let width = unitWidths.get(key);
  if (width === undefined) {
    width = measureText(text, style, 1);
    if (unitWidths.size >= CACHE_LIMIT) unitWidths.clear();
    unitWidths.set(key, width);
  }
  return width;
}

const fitsWidth = (line: string, style: FontStyle, size: number, width: number) => unitWidth(line, style) * size <= width + 1e-6;

export function fitText(text: string, rules: FitRules): FittedText {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return { size: rules.maxSize, lines: [] };
  const maxSize = Math.min(rules.maxSize, rules.height / rules.lineHeight);
  // One line is best while it stays readable; below 60% of the design's size, more lines read better.
  const oneLineFloor = Math.max(rules.minSize, rules.maxSize * 0.6);
  const oneLineSize = Math.min(maxSize, Math.floor((rules.width / unitWidth(clean, rules.style)) / STEP) * STEP);
  if (oneLineSize >= oneLineFloor) return { size: oneLineSize, lines: [clean] };
  // Breaking inside a word is a last resort (needed for CJK, which has no spaces, and for huge words).
  for (const breakWords of [false, true]) {
    for (let size = maxSize; size >= rules.minSize; size -= STEP) {
      const maxLines = Math.min(rules.maxLines, Math.floor(rules.height / (size * rules.lineHeight) + 1e-9));
      if (maxLines < 1) continue;
      const wrapped = wrap(clean, rules.style, size, rules.width, breakWords, maxLines);
      if (wrapped && wrapped.length <= maxLines && wrapped.every((line) => fitsWidth(line, rules.style, size, rules.width))) return { size, lines: wrapped };
    }
  }
  const size = Math.max(Math.min(rules.minSize, rules.height / rules.lineHeight), 1);
  const lines = Math.max(1, Math.min(rules.maxLines, Math.floor(rules.height / (size * rules.lineHeight))));
  const wrapped = wrap(clean, rules.style, size, rules.width, true, lines)!;
  const kept = wrapped.slice(0, lines);
  if (wrapped.length > lines || kept.some((line) => !fitsWidth(line, rules.style, size, rules.width))) {
    kept[lines - 1] = ellipsize(clean.slice(kept.slice(0, lines - 1).join(' ').length).trim(), rules.style, size, rules.width);
  }
  return { size, lines: kept };
}

/**
 * Greedy wrap at spaces, from per-word widths. A word wider than the box (or CJK text without
 * spaces) breaks between characters when `breakWords` is set; otherwise such a word makes the
 * wrap fail (null). Stops early once it has more than `limit` lines: that size has already failed.
 */
export function wrap(text: string, style: FontStyle, size: number, width: number, breakWords: boolean, limit = Infinity): string[] | null {
  const space = unitWidth(' ', style) * size;
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  const push = () => {
    if (line) lines.push(line);
    line = '';
    lineWidth = 0;
  };
  for (const word of text.split(' ')) {
    if (lines.length > limit) return lines;
    const wordWidth = unitWidth(word, style) * size;
    if (line && lineWidth + space + wordWidth <= width) {
      line += ` ${word}`;
      lineWidth += space + wordWidth;
      continue;
    }
    push();
    if (wordWidth <= width) {
      line = word;
      lineWidth = wordWidth;
      continue;
    }
    if (!breakWords) return null;
    for (const char of word) {
      const charWidth = unitWidth(char, style) * size;
      if (line && lineWidth + charWidth > width) push();
      line += char;
      lineWidth += charWidth;
    }
  }
  push();
  return lines;
}

function ellipsize(text: string, style: FontStyle, size: number, width: number): string {
  const chars = [...text];
  const fits = (n: number) => fitsWidth(chars.slice(0, n).join('').trimEnd() + '…', style, size, width);
  // Binary search for the longest prefix that fits with the ellipsis: text can be thousands of characters.
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return chars.slice(0, low).join('').trimEnd() + '…';
}
