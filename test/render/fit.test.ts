import { describe, expect, it } from '@jest/globals';
import { fitText } from '../../src/render/fit.js';
import { measureText, missingGlyphs, splitRuns, visualOrder, type FontStyle } from '../../src/render/fonts.js';
import type { TextNode } from '../../src/render/layout.js';
import { defaultDesign, TEMPLATES } from '../../src/render/index.js';
import { findTemplate } from '../../src/render/templates/catalogue.js';

const NAMES = ["Zoë Ñúñez-O'Brien", '李小龍', 'محمد عبد الله', 'Nguyễn Thị Minh Khai', '김민준'];
const LONG_NAME = 'Maximiliana Alexandra Friederike Wilhelmina von Hohenzollern-Sigmaringen und Sachsen-Coburg-Gotha-Wittelsbach y Borbón S';

function nameBox(templateId: string): TextNode {
  const entry = findTemplate(templateId)!;
  const layout = entry.build(defaultDesign(entry.kind, { template: templateId }));
  return layout.nodes.find((n): n is TextNode => n.type === 'text' && n.text.includes('{{recipient.name}}'))!;
}

describe('fonts cover the names people have', () => {
  it.each(['sans', 'sans-bold', 'serif', 'serif-bold'] as FontStyle[])('every character of the four scripts has a glyph in %s (no .notdef)', (style) => {
    for (const name of NAMES) expect({ name, missing: missingGlyphs(name, style) }).toEqual({ name, missing: [] });
  });

  it('detects a character no shipped font has', () => {
    expect(missingGlyphs('A\u{1F600}', 'sans')).toEqual(['\u{1F600}']);
  });

  it('draws each script with its own font and keeps an Arabic name in one right-to-left run', () => {
    expect(splitRuns('Zoë 李小龍 محمد عبد الله', 'serif').map((r) => [r.text, r.file])).toEqual([
      ['Zoë ', 'NotoSerif-Regular.ttf'],
      ['李小龍 ', 'DroidSansFallback-CJK.ttf'],
      ['محمد عبد الله', 'NotoSansArabic-Regular.ttf'],
    ]);
    const arabicOnly = visualOrder(splitRuns('محمد عبد الله', 'sans'));
    expect(arabicOnly).toHaveLength(1);
    expect(arabicOnly[0]!.rtl).toBe(true);
  });
});

describe('fitText', () => {
  it('keeps a short name on one line at the design size', () => {
    const box = nameBox('certificate-classic-a4');
    expect(fitText("Zoë Ñúñez-O'Brien", { ...box, lineHeight: box.lineHeight ?? 1.2 })).toEqual({ size: box.maxSize, lines: ["Zoë Ñúñez-O'Brien"] });
  });

  it('shrinks a name that is a little too long instead of overflowing', () => {
    const box = nameBox('badge-circle');
    const name = 'Bartholomew Montgomery-Fitzgerald';
    const fitted = fitText(name, { ...box, lineHeight: box.lineHeight ?? 1.2 });
    expect(fitted.lines).toEqual([name]);
    expect(fitted.size).toBeLessThan(box.maxSize);
    expect(measureText(name, box.style, fitted.size)).toBeLessThanOrEqual(box.width);
  });

  it.each(TEMPLATES.map((t) => t.id))('fits a 120-character name inside the name box of %s, every word kept', (id) => {
    expect(LONG_NAME).toHaveLength(120);
    const box = nameBox(id);
    const lineHeight = box.lineHeight ?? 1.2;
    const fitted = fitText(LONG_NAME, { ...box, lineHeight });
    expect(fitted.lines.join(' ')).toBe(LONG_NAME);
    expect(fitted.size).toBeGreaterThanOrEqual(box.minSize);
    for (const line of fitted.lines) expect(measureText(line, box.style, fitted.size)).toBeLessThanOrEqual(box.width);
    expect(fitted.lines.length * fitted.size * lineHeight).toBeLessThanOrEqual(box.height + 0.001);
  });

  it('wraps CJK text without spaces between characters', () => {
    const fitted = fitText('李'.repeat(60), { style: 'sans', width: 200, height: 100, maxSize: 30, minSize: 10, maxLines: 3, lineHeight: 1.2 });
    expect(fitted.lines.length).toBeGreaterThan(1);
    expect(fitted.lines.join('')).toBe('李'.repeat(60));
  });

  it('as a last resort cuts with an ellipsis rather than overflow', () => {
    const fitted = fitText('word '.repeat(200), { style: 'sans', width: 100, height: 20, maxSize: 12, minSize: 10, maxLines: 1, lineHeight: 1.2 });
    expect(fitted.lines).toHaveLength(1);
    expect(fitted.lines[0]!.endsWith('…')).toBe(true);
    expect(measureText(fitted.lines[0]!, 'sans', fitted.size)).toBeLessThanOrEqual(100);
  });
});
