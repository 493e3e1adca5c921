/**
 * @module render/templates/badges — badge shapes (circle, shield, hexagon) on a 600×600 canvas:
 * an outer shape in the secondary colour, the inner shape in the primary colour, logo on top,
 * course title in the middle, the recipient's name on a ribbon, and a small footer line.
 */
import { safeColour, textColourOn, type Layout, type LayoutNode, type ShapeNode } from '../layout.js';
import type { TemplateInput } from './input.js';

export const BADGE_SIZE = 600;

type Shape = (inset: number) => ShapeNode;

const circle: Shape = (inset) => ({ type: 'ellipse', cx: 300, cy: 300, rx: 296 - inset, ry: 296 - inset });

const shield: Shape = (i) => ({
  type: 'path',
  d:
    `M${60 + i},${24 + i} H${540 - i} V${290 - i * 0.2} ` +
    `C${540 - i},${440 - i * 0.8} ${430 - i * 0.6},${530 - i} 300,${580 - i * 1.4} ` +
    `C${170 + i * 0.6},${530 - i} ${60 + i},${440 - i * 0.8} ${60 + i},${290 - i * 0.2} Z`,
});

const hexagon: Shape = (inset) => {
  const r = 298 - inset;
  const points = [0, 1, 2, 3, 4, 5].map((k) => {
    const angle = (Math.PI / 3) * k - Math.PI / 2;
    return `${(300 + r * Math.cos(angle)).toFixed(2)},${(300 + r * Math.sin(angle)).toFixed(2)}`;
  });
  return { type: 'path', d: `M${points.join(' L')} Z` };
};

const SHAPES = { circle, shield, hexagon } as const;
export type BadgeShape = keyof typeof SHAPES;

/** Text boxes per shape: the shield is narrower at the bottom, the hexagon at top and bottom. */
const BOXES: Record<BadgeShape, { logoY: number; titleY: number; ribbonY: number; footerY: number; inner: number }> = {
  circle: { logoY: 82, titleY: 190, ribbonY: 352, footerY: 452, inner: 380 },
  shield: { logoY: 62, titleY: 170, ribbonY: 330, footerY: 430, inner: 400 },
  hexagon: { logoY: 92, titleY: 196, ribbonY: 352, footerY: 450, inner: 360 },
};

export function badgeLayout(shape: BadgeShape, input: TemplateInput): Layout {
  const primary = safeColour(input.colours.primary, '#1f4e79');
  const secondary = safeColour(input.colours.secondary, '#c8963e');
  const onPrimary = textColourOn(primary);
  const box = BOXES[shape];
  const left = (BADGE_SIZE - box.inner) / 2;
  const nodes: LayoutNode[] = [
    { ...SHAPES[shape](0), fill: secondary },
    { ...SHAPES[shape](18), fill: primary },
    { ...SHAPES[shape](30), stroke: onPrimary, strokeWidth: 2, opacity: 0.35 },
  ];
  if (input.logo) nodes.push({ type: 'image', href: input.logo, x: 250, y: box.logoY, width: 100, height: 96 });
  nodes.push(
    { type: 'text', text: input.text.title, x: left, y: box.titleY, width: box.inner, height: 140, style: 'sans-bold', colour: onPrimary, maxSize: 50, minSize: 18, maxLines: 3, align: 'middle', lineHeight: 1.15 },
    { type: 'rect', x: 30, y: box.ribbonY, width: 540, height: 84, fill: secondary },
    { type: 'rect', x: 30, y: box.ribbonY + 6, width: 540, height: 72, fill: '#ffffff', opacity: 0.94 },
  );
  if (input.text.subtitle) {
    nodes.push({ type: 'text', text: input.text.subtitle, x: 60, y: box.ribbonY + 8, width: 480, height: 68, style: 'sans-bold', colour: primary, maxSize: 36, minSize: 11, maxLines: 3, align: 'middle', lineHeight: 1.1 });
  }
  if (input.text.footer) {
    nodes.push({ type: 'text', text: input.text.footer, x: left + 30, y: box.footerY, width: box.inner - 60, height: 40, style: 'sans', colour: onPrimary, maxSize: 20, minSize: 10, maxLines: 2, align: 'middle' });
  }
  return { width: BADGE_SIZE, height: BADGE_SIZE, nodes };
}
