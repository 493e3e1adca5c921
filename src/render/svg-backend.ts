/** @module render/svg-backend — draws a filled Layout as an SVG document (then resvg makes the PNG). */
import { fitText } from './fit.js';
import { familyOf, splitRuns, svgFontFamily, svgFontWeight } from './fonts.js';
import type { Layout, LayoutNode, TextNode } from './layout.js';
import { escapeXml } from './xml.js';

const num = (n: number) => (Math.round(n * 100) / 100).toString();

function paint(node: { fill?: string; stroke?: string; strokeWidth?: number; opacity?: number }): string {
  return [
    `fill="${escapeXml(node.fill ?? 'none')}"`,
    node.stroke ? `stroke="${escapeXml(node.stroke)}" stroke-width="${num(node.strokeWidth ?? 1)}"` : '',
    // fill-/stroke-opacity, not opacity: same look for a single shape, without an offscreen layer per shape.
    node.opacity !== undefined ? `fill-opacity="${num(node.opacity)}" stroke-opacity="${num(node.opacity)}"` : '',
  ].filter(Boolean).join(' ');
}

/** Where the baselines of a fitted text box go: lines centred vertically in the box. */
export function baselines(node: TextNode, size: number, count: number): number[] {
  const advance = size * (node.lineHeight ?? 1.2);
  const top = node.y + (node.height - advance * count) / 2;
  // 0.35 em below a line's middle puts the middle of capitals and x-height on it.
  return Array.from({ length: count }, (_, i) => top + advance * i + advance / 2 + size * 0.35);
}

/** 'start' means the reading side: a line whose first letter is Arabic/Hebrew starts at the right edge. */
export function lineAlign(node: TextNode, line: string): TextNode['align'] {
  if (node.align !== 'start') return node.align;
  const firstLetter = /\p{L}/u.exec(line)?.[0] ?? '';
  return /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(firstLetter) ? 'end' : 'start';
}

export function anchorX(node: TextNode, align: TextNode['align'] = node.align): number {
  return align === 'start' ? node.x : align === 'end' ? node.x + node.width : node.x + node.width / 2;
}

function textToSvg(node: TextNode): string {
  const fitted = fitText(node.text, { ...node, lineHeight: node.lineHeight ?? 1.2 });
  const ys = baselines(node, fitted.size, fitted.lines.length);
  const attrs = `font-family="${escapeXml(svgFontFamily(node.style))}" font-weight="${svgFontWeight(node.style)}" font-size="${num(fitted.size)}" fill="${escapeXml(node.colour)}"`;
  return fitted.lines
    .map((line, i) => {
      const align = lineAlign(node, line);
      // Each run names its font: resvg's own fallback picks the first face with the glyph, whatever its weight.
      const runs = splitRuns(line, node.style).map((run) => `<tspan font-family="'${escapeXml(familyOf(run.file))}'">${escapeXml(run.text)}</tspan>`);
      return `<text x="${num(anchorX(node, align))}" y="${num(ys[i]!)}" ${attrs} text-anchor="${align}">${runs.join('')}</text>`;
    })
    .join('');
}

function nodeToSvg(node: LayoutNode): string {
  switch (node.type) {
    case 'rect':
      return `<rect x="${num(node.x)}" y="${num(node.y)}" width="${num(node.width)}" height="${num(node.height)}" ${paint(node)}/>`;
    case 'ellipse':
      return `<ellipse cx="${num(node.cx)}" cy="${num(node.cy)}" rx="${num(node.rx)}" ry="${num(node.ry)}" ${paint(node)}/>`;
    case 'path':
      return `<path d="${escapeXml(node.d)}" ${paint(node)}/>`;
    case 'image':
      return `<image href="${escapeXml(node.href)}" x="${num(node.x)}" y="${num(node.y)}" width="${num(node.width)}" height="${num(node.height)}" preserveAspectRatio="xMidYMid meet"/>`;
    case 'text':
      return textToSvg(node);
  }
}

export function layoutToSvg(layout: Layout): string {
  const background = layout.background ? `<rect width="100%" height="100%" fill="${escapeXml(layout.background)}"/>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(layout.width)}" height="${num(layout.height)}" viewBox="0 0 ${num(layout.width)} ${num(layout.height)}">` +
    background +
    layout.nodes.map(nodeToSvg).join('') +
    '</svg>'
  );
}
