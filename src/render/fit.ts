/**
 * @module render/fit — fits text into a box: shrink the font on one line while it stays readable,
 * then wrap onto more lines at the largest size that fits, and only as a last resort (below the
 * minimum size) cut it with an ellipsis. Nothing overflows.
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

export function fitText(text: string, rules: FitRules): FittedText {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return { size: rules.maxSize, lines: [] };
  const maxSize = Math.min(rules.maxSize, rules.height / rules.lineHeight);
  // One line is best while it stays readable; below 60% of the design's size, two lines read better.
  const oneLineFloor = Math.max(rules.minSize, rules.maxSize * 0.6);
  for (let size = maxSize; size >= oneLineFloor; size -= STEP) {
    if (measureText(clean, rules.style, size) <= rules.width) return { size, lines: [clean] };
  }
  // Breaking inside a word is a last resort (needed for CJK, which has no spaces, and for huge words).
  for (const breakWords of [false, true]) {
    for (let size = maxSize; size >= rules.minSize; size -= STEP) {
      const maxLines = Math.min(rules.maxLines, Math.floor(rules.height / (size * rules.lineHeight)));
      if (maxLines < 1) continue;
      const wrapped = wrap(clean, rules.style, size, rules.width, breakWords);
      if (wrapped && wrapped.length <= maxLines) return { size, lines: wrapped };
    }
  }
  const size = Math.max(Math.min(rules.minSize, rules.height / rules.lineHeight), 1);
  const lines = Math.max(1, Math.min(rules.maxLines, Math.floor(rules.height / (size * rules.lineHeight))));
  const wrapped = wrap(clean, rules.style, size, rules.width, true)!;
  if (wrapped.length <= lines) return { size, lines: wrapped };
  const kept = wrapped.slice(0, lines);
  kept[lines - 1] = ellipsize(wrapped.slice(lines - 1).join(' '), rules.style, size, rules.width);
  return { size, lines: kept };
}

/**
 * Greedy wrap at spaces. A word wider than the box (or CJK text without spaces) breaks between
 * characters when `breakWords` is set; otherwise such a word makes the wrap fail (null).
 */
export function wrap(text: string, style: FontStyle, size: number, width: number, breakWords: boolean): string[] | null {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (measureText(candidate, style, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    if (measureText(word, style, size) <= width) {
      line = word;
      continue;
    }
    if (!breakWords) return null;
    for (const char of word) {
      if (line && measureText(line + char, style, size) > width) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function ellipsize(text: string, style: FontStyle, size: number, width: number): string {
  const chars = [...text];
  while (chars.length > 0 && measureText(chars.join('').trimEnd() + '…', style, size) > width) chars.pop();
  return chars.join('').trimEnd() + '…';
}
