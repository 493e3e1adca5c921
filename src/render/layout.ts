/**
 * @module render/layout — a design page as plain drawing primitives. Templates produce a Layout;
 * the SVG backend (badge PNGs, previews) and the PDF backend (certificates) both draw it, so one
 * template gives the same picture in both.
 */
import type { FontStyle } from './fonts.js';

interface Paint {
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  opacity?: number;
}

export type ShapeNode =
  | ({ type: 'rect'; x: number; y: number; width: number; height: number } & Paint)
  | ({ type: 'ellipse'; cx: number; cy: number; rx: number; ry: number } & Paint)
  /** An SVG path in page coordinates (y grows downwards). */
  | ({ type: 'path'; d: string } & Paint);

export type LayoutNode =
  | ShapeNode
  | TextNode
  | { type: 'image'; href: string; x: number; y: number; width: number; height: number };

/** A text box; `text` may hold placeholders until the render step fills them. */
export interface TextNode {
  type: 'text';
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  style: FontStyle;
  colour: string;
  maxSize: number;
  minSize: number;
  maxLines: number;
  align: 'start' | 'middle' | 'end';
  /** Line advance as a multiple of the font size; 1.2 when absent. */
  lineHeight?: number;
}

export interface Layout {
  width: number;
  height: number;
  /** Page background; absent means transparent (badges). */
  background?: string;
  nodes: LayoutNode[];
}

/** Black or white, whichever reads better on a background colour (WCAG relative luminance). */
export function textColourOn(background: string): string {
  const rgb = parseHexColour(background);
  if (!rgb) return '#111827';
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.3 ? '#111827' : '#ffffff';
}

/** `#rgb` or `#rrggbb` → [r, g, b] in 0..255; null for anything else. */
export function parseHexColour(colour: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!m) return null;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** A safe colour for output: a valid hex colour, or the fallback. */
export function safeColour(colour: string | undefined, fallback: string): string {
  return colour && parseHexColour(colour) ? colour.trim() : fallback;
}
