/**
 * @module render/render — a Design plus one recipient's values → badge PNG, certificate PDF, or a
 * preview PNG. Placeholders that cannot be filled stop the render (a credential never ships with
 * a silent blank); previews show them as typed instead.
 */
import type { Design } from '../domain/types.js';
import { RenderError } from './errors.js';
import { fontFilesFor } from './fonts.js';
import type { Layout, TextNode } from './layout.js';
import { prepareLogo } from './logo.js';
import { layoutToPdf, pngToPdf } from './pdf-backend.js';
import { fillPlaceholders, findPlaceholders, sampleValues, type PlaceholderValues } from './placeholders.js';
import { svgToPng } from './png.js';
import { sanitizeSvg } from './sanitize-svg.js';
import { layoutToSvg } from './svg-backend.js';
import { PAGE_SIZES } from './templates/input.js';
import { findTemplate } from './templates/catalogue.js';

export interface BadgeOptions {
  /** Width and height of the PNG in pixels; 600 when absent. */
  size?: number;
  /** Refuse to render when a placeholder has no value (default true). */
  strict?: boolean;
}

export interface CertificateOptions {
  strict?: boolean;
  /** The PDF's creation date (metadata); the Unix epoch when absent, so output is reproducible. */
  now?: Date;
}

function checkFilled(unknown: Set<string>, missing: Set<string>): void {
  const parts: string[] = [];
  if (unknown.size) parts.push(`unknown placeholders ${[...unknown].map((n) => `{{${n}}}`).join(', ')}`);
  if (missing.size) parts.push(`no value for ${[...missing].map((n) => `{{${n}}}`).join(', ')}`);
  if (parts.length) throw new RenderError('unfilled_placeholders', `The design cannot be filled in: ${parts.join('; ')}.`);
}

async function filledLayout(design: Design, values: PlaceholderValues, strict: boolean): Promise<Layout> {
  const template = findTemplate(design.template);
  if (!template) throw new RenderError('unknown_template', `There is no template called "${design.template}".`);
  if (template.kind !== design.kind) throw new RenderError('wrong_kind', `The template "${design.template}" is for a ${template.kind}, but the design is a ${design.kind}.`);
  const layout = template.build({ colours: design.colours, text: design.text, logo: await prepareLogo(design.logo) });
  const unknown = new Set<string>();
  const missing = new Set<string>();
  const nodes = layout.nodes.map((node) => {
    if (node.type !== 'text') return node;
    const filled = fillPlaceholders(node.text, values, { escape: 'none' });
    filled.unknown.forEach((n) => unknown.add(n));
    filled.missing.forEach((n) => missing.add(n));
    return { ...node, text: filled.text };
  });
  if (strict) checkFilled(unknown, missing);
  return { ...layout, nodes };
}

/** An uploaded SVG design with values filled in (XML-escaped), checked again so no value can add a reference. */
function filledCustomSvg(design: Design, values: PlaceholderValues, strict: boolean): string {
  if (!design.svg) throw new RenderError('bad_svg', 'The design is an uploaded SVG but has no SVG stored.');
  const filled = fillPlaceholders(design.svg, values);
  if (strict) checkFilled(new Set(filled.unknown), new Set(filled.missing));
  const checked = sanitizeSvg(filled.text);
  if (!checked.ok) throw new RenderError('bad_svg', checked.reason);
  return checked.svg;
}

/** A filled layout as a PNG, loading only the fonts its text needs. */
function layoutToPng(layout: Layout, width: number): Promise<Buffer> {
  const texts = layout.nodes.filter((n): n is TextNode => n.type === 'text');
  return svgToPng(layoutToSvg(layout), width, fontFilesFor(texts));
}

function expectKind(design: Design, kind: Design['kind']): void {
  if (design.kind !== kind) throw new RenderError('wrong_kind', `The design "${design.name}" is a ${design.kind}, not a ${kind}.`);
}

/** The badge image for one recipient: a square PNG, 600×600 unless `opts.size` says otherwise. */
export async function renderBadgePng(design: Design, values: PlaceholderValues, opts: BadgeOptions = {}): Promise<Buffer> {
  expectKind(design, 'badge');
  const size = opts.size ?? 600;
  const strict = opts.strict ?? true;
  if (design.template === 'custom-svg') return svgToPng(filledCustomSvg(design, values, strict), size);
  return layoutToPng(await filledLayout(design, values, strict), size);
}

/** The certificate for one recipient: a one-page landscape PDF with embedded, subsetted fonts. */
export async function renderCertificatePdf(design: Design, values: PlaceholderValues, opts: CertificateOptions = {}): Promise<Uint8Array> {
  expectKind(design, 'certificate');
  const strict = opts.strict ?? true;
  const title = `${design.name} — ${values['recipient.name'] ?? ''}`.trim();
  if (design.template === 'custom-svg') {
    // Uploaded certificate SVGs are rasterized at about 216 dpi on an A4-wide page of the SVG's proportions.
    const png = await svgToPng(filledCustomSvg(design, values, strict), 2526);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    return pngToPdf(png, { width: PAGE_SIZES.A4.width, height: (PAGE_SIZES.A4.width * height) / width }, { title, now: opts.now });
  }
  return layoutToPdf(await filledLayout(design, values, strict), { title, author: values['issuer.name'], now: opts.now });
}

/** A PNG preview of any design filled with sample values (unknown placeholders stay visible as typed). */
export async function renderDesignPreview(design: Design, values?: PlaceholderValues): Promise<Buffer> {
  const text = design.template === 'custom-svg' ? (design.svg ?? '') : Object.values(design.text).join(' ');
  const sample = values ?? sampleValues(findPlaceholders(text).filter((n) => n.startsWith('custom.')));
  if (design.kind === 'badge') return renderBadgePng(design, sample, { strict: false });
  if (design.template === 'custom-svg') return svgToPng(filledCustomSvg(design, sample, false), 1000);
  return layoutToPng(await filledLayout(design, sample, false), 1000);
}
