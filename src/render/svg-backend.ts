/** @module render/svg-backend — draws a filled Layout as an SVG document (then resvg makes the PNG). */
import { fitText } from './fit.js';
import { svgFontFamily, svgFontWeight } from './fonts.js';
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

export function anchorX(node: TextNode): number {
  return node.align === 'start' ? node.x : node.align === 'end' ? node.x + node.width : node.x + node.width / 2;
}

function textToSvg(node: TextNode): string {
  const fitted = fitText(node.text, { ...node, lineHeight: node.lineHeight ?? 1.2 });
  const ys = baselines(node, fitted.size, fitted.lines.length);
  const attrs = `font-family="${escapeXml(svgFontFamily(node.style))}" font-weight="${svgFontWeight(node.style)}" font-size="${num(fitted.size)}" fill="${escapeXml(node.colour)}" text-anchor="${node.align}"`;
  return fitted.lines.map((line, i) => `<text x="${num(anchorX(node))}" y="${num(ys[i]!)}" ${attrs}>${escapeXml(line)}</text>`).join('');
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
