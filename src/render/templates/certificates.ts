/**
 * @module render/templates/certificates — certificate layouts (classic, modern) for a landscape page.
 * Coordinates are PDF points with y growing downwards; the PDF backend flips them.
 */
import { safeColour, textColourOn, type Layout, type LayoutNode } from '../layout.js';
import type { TemplateInput } from './input.js';

export interface Page {
  width: number;
  height: number;
}

/** Double frame, corner diamonds, serif type, everything centred. */
export function classicLayout(page: Page, input: TemplateInput): Layout {
  const { width: W, height: H } = page;
  const primary = safeColour(input.colours.primary, '#1f4e79');
  const secondary = safeColour(input.colours.secondary, '#c8963e');
  const ink = safeColour(input.colours.text, '#1f2937');
  const cx = W / 2;
  const textWidth = W - 200;
  const nodes: LayoutNode[] = [
    { type: 'rect', x: 18, y: 18, width: W - 36, height: H - 36, stroke: primary, strokeWidth: 6 },
    { type: 'rect', x: 32, y: 32, width: W - 64, height: H - 64, stroke: secondary, strokeWidth: 1.5 },
  ];
  for (const [x, y] of [[32, 32], [W - 32, 32], [32, H - 32], [W - 32, H - 32]] as const) {
    nodes.push({ type: 'path', d: `M${x},${y - 12} L${x + 12},${y} L${x},${y + 12} L${x - 12},${y} Z`, fill: secondary });
  }
  let y = 56;
  if (input.logo) {
    nodes.push({ type: 'image', href: input.logo, x: cx - 40, y, width: 80, height: 64 });
    y += 74;
  } else y += 24;
  nodes.push({ type: 'text', text: input.text.title, x: 100, y, width: textWidth, height: 60, style: 'serif-bold', colour: primary, maxSize: 42, minSize: 18, maxLines: 2, align: 'middle', lineHeight: 1.1 });
  y += 72;
  if (input.text.subtitle) nodes.push({ type: 'text', text: input.text.subtitle, x: 100, y, width: textWidth, height: 26, style: 'serif', colour: ink, maxSize: 17, minSize: 10, maxLines: 1, align: 'middle' });
  y += 34;
  nodes.push(
    { type: 'text', text: '{{recipient.name}}', x: 90, y, width: W - 180, height: 84, style: 'serif-bold', colour: ink, maxSize: 46, minSize: 12, maxLines: 3, align: 'middle', lineHeight: 1.12 },
    { type: 'rect', x: cx - 180, y: y + 92, width: 360, height: 1.5, fill: secondary },
  );
  y += 106;
  if (input.text.body) nodes.push({ type: 'text', text: input.text.body, x: 110, y, width: W - 220, height: 72, style: 'serif', colour: ink, maxSize: 17, minSize: 9, maxLines: 3, align: 'middle', lineHeight: 1.3 });
  const footY = H - 118;
  const colWidth = 240;
  for (const [x, text] of [[90, input.text.footer], [W - 90 - colWidth, '{{issuer.name}}']] as const) {
    if (!text) continue;
    nodes.push(
      { type: 'text', text, x, y: footY, width: colWidth, height: 40, style: 'serif', colour: ink, maxSize: 15, minSize: 8, maxLines: 2, align: 'middle' },
      { type: 'rect', x: x + 20, y: footY + 44, width: colWidth - 40, height: 1, fill: ink, opacity: 0.6 },
    );
  }
  nodes.push({ type: 'text', text: 'Credential ID {{credential.id}}', x: 100, y: H - 62, width: W - 200, height: 14, style: 'sans', colour: ink, maxSize: 8, minSize: 5, maxLines: 1, align: 'middle' });
  return { width: W, height: H, background: '#fffdf8', nodes };
}

/** A coloured side panel with the title, a clean sans-serif body, an accent bar under the name. */
export function modernLayout(page: Page, input: TemplateInput): Layout {
  const { width: W, height: H } = page;
  const primary = safeColour(input.colours.primary, '#1f4e79');
  const secondary = safeColour(input.colours.secondary, '#c8963e');
  const ink = safeColour(input.colours.text, '#1f2937');
  const onPrimary = textColourOn(primary);
  const panel = Math.round(W * 0.3);
  const nodes: LayoutNode[] = [
    { type: 'rect', x: 0, y: 0, width: panel, height: H, fill: primary },
    { type: 'rect', x: panel, y: 0, width: 8, height: H, fill: secondary },
  ];
  if (input.logo) nodes.push({ type: 'image', href: input.logo, x: 40, y: 48, width: 96, height: 80 });
  nodes.push(
    { type: 'text', text: input.text.title, x: 40, y: H / 2 - 90, width: panel - 80, height: 180, style: 'sans-bold', colour: onPrimary, maxSize: 34, minSize: 14, maxLines: 4, align: 'start', lineHeight: 1.15 },
    { type: 'text', text: '{{issuer.name}}', x: 40, y: H - 110, width: panel - 80, height: 44, style: 'sans', colour: onPrimary, maxSize: 14, minSize: 8, maxLines: 2, align: 'start' },
  );
  const left = panel + 60;
  const width = W - left - 60;
  let y = 110;
  if (input.text.subtitle) nodes.push({ type: 'text', text: input.text.subtitle, x: left, y, width, height: 24, style: 'sans', colour: ink, maxSize: 16, minSize: 9, maxLines: 1, align: 'start' });
  y += 40;
  nodes.push(
    { type: 'text', text: '{{recipient.name}}', x: left, y, width, height: 110, style: 'sans-bold', colour: ink, maxSize: 44, minSize: 12, maxLines: 3, align: 'start', lineHeight: 1.12 },
    { type: 'rect', x: left, y: y + 124, width: 90, height: 6, fill: secondary },
  );
  y += 150;
  if (input.text.body) nodes.push({ type: 'text', text: input.text.body, x: left, y, width, height: 110, style: 'sans', colour: ink, maxSize: 17, minSize: 9, maxLines: 4, align: 'start', lineHeight: 1.35 });
  if (input.text.footer) nodes.push({ type: 'text', text: input.text.footer, x: left, y: H - 110, width, height: 22, style: 'sans', colour: ink, maxSize: 13, minSize: 8, maxLines: 1, align: 'start' });
  nodes.push({ type: 'text', text: 'Credential ID {{credential.id}}', x: left, y: H - 76, width, height: 14, style: 'sans', colour: ink, maxSize: 8, minSize: 5, maxLines: 1, align: 'start' });
  return { width: W, height: H, background: '#ffffff', nodes };
}
