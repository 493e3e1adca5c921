/**
 * @module render/pdf-backend — draws a filled Layout on a PDF page with pdf-lib. Fonts are the shipped
 * files, embedded as subsets; each line is split into runs of one font (Latin, Arabic, CJK), and
 * fontkit's layout shapes each run (Arabic joining forms, right-to-left glyph order).
 */
import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import { fitText } from './fit.js';
import { cachedFontkit, fontBytes, runWidth, splitRuns, visualOrder } from './fonts.js';
import { parseHexColour, type Layout, type LayoutNode, type TextNode } from './layout.js';
import { anchorX, baselines, lineAlign } from './svg-backend.js';
import { decodeImageDataUrl } from './logo.js';

function colour(hex: string | undefined) {
  const parsed = hex ? parseHexColour(hex) : null;
  return parsed ? rgb(parsed[0] / 255, parsed[1] / 255, parsed[2] / 255) : undefined;
}

class PageDrawer {
  private readonly fonts = new Map<string, Promise<PDFFont>>();
  private readonly images = new Map<string, Promise<PDFImage>>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly page: PDFPage,
    private readonly height: number,
  ) {}

  private font(file: string): Promise<PDFFont> {
    let font = this.fonts.get(file);
    if (!font) {
      font = this.doc.embedFont(fontBytes(file), { subset: true });
      this.fonts.set(file, font);
    }
    return font;
  }

  private image(href: string): Promise<PDFImage> {
    let image = this.images.get(href);
    if (!image) {
      const { mime, bytes } = decodeImageDataUrl(href);
      image = mime === 'image/png' ? this.doc.embedPng(bytes) : this.doc.embedJpg(bytes);
      this.images.set(href, image);
    }
    return image;
  }

  async draw(node: LayoutNode): Promise<void> {
    const H = this.height;
    switch (node.type) {
      case 'rect':
        this.page.drawRectangle({
          x: node.x, y: H - node.y - node.height, width: node.width, height: node.height,
          color: colour(node.fill), borderColor: colour(node.stroke), borderWidth: node.stroke ? (node.strokeWidth ?? 1) : 0,
          opacity: node.opacity, borderOpacity: node.opacity,
        });
        return;
      case 'ellipse':
        this.page.drawEllipse({
          x: node.cx, y: H - node.cy, xScale: node.rx, yScale: node.ry,
          color: colour(node.fill), borderColor: colour(node.stroke), borderWidth: node.stroke ? (node.strokeWidth ?? 1) : 0,
          opacity: node.opacity, borderOpacity: node.opacity,
        });
        return;
      case 'path':
        // drawSvgPath takes SVG (y-down) coordinates from the given origin: the page's top-left corner.
        this.page.drawSvgPath(node.d, {
          x: 0, y: H, color: colour(node.fill), borderColor: colour(node.stroke),
          borderWidth: node.stroke ? (node.strokeWidth ?? 1) : 0, opacity: node.opacity, borderOpacity: node.opacity,
        });
        return;
      case 'image': {
        const image = await this.image(node.href);
        const scale = Math.min(node.width / image.width, node.height / image.height);
        const w = image.width * scale;
        const h = image.height * scale;
        this.page.drawImage(image, { x: node.x + (node.width - w) / 2, y: H - node.y - node.height + (node.height - h) / 2, width: w, height: h });
        return;
      }
      case 'text':
        await this.drawText(node);
        return;
    }
  }

  private async drawText(node: TextNode): Promise<void> {
    const H = this.height;
    const fitted = fitText(node.text, { ...node, lineHeight: node.lineHeight ?? 1.2 });
    const ys = baselines(node, fitted.size, fitted.lines.length);
    const color = colour(node.colour);
    for (const [i, line] of fitted.lines.entries()) {
      const runs = visualOrder(splitRuns(line, node.style));
      const widths = runs.map((run) => runWidth(run, fitted.size));
      const total = widths.reduce((a, b) => a + b, 0);
      const align = lineAlign(node, line);
      const anchor = anchorX(node, align);
      let x = align === 'start' ? anchor : align === 'end' ? anchor - total : anchor - total / 2;
      for (const [j, run] of runs.entries()) {
        const font = await this.font(run.file);
        this.page.drawText(run.text, { x, y: H - ys[i]!, size: fitted.size, font, color });
        x += widths[j]!;
      }
    }
  }
}

/** A one-page PDF of the layout (page size = layout size, in points). */
export async function layoutToPdf(layout: Layout, meta: { title: string; author?: string; now?: Date }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(cachedFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  doc.setTitle(meta.title);
  if (meta.author) doc.setAuthor(meta.author);
  doc.setCreator('Credbot');
  doc.setProducer('Credbot (pdf-lib)');
  const now = meta.now ?? new Date(0);
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  const page = doc.addPage([layout.width, layout.height]);
  if (layout.background) page.drawRectangle({ x: 0, y: 0, width: layout.width, height: layout.height, color: colour(layout.background) });
  const drawer = new PageDrawer(doc, page, layout.height);
  for (const node of layout.nodes) await drawer.draw(node);
  return doc.save();
}

/** A PDF page holding one full-page PNG (for certificates designed as uploaded SVGs). */
export async function pngToPdf(png: Uint8Array, page: { width: number; height: number }, meta: { title: string; now?: Date }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(meta.title);
  doc.setCreator('Credbot');
  const now = meta.now ?? new Date(0);
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  const pdfPage = doc.addPage([page.width, page.height]);
  const image = await doc.embedPng(png);
  pdfPage.drawImage(image, { x: 0, y: 0, width: page.width, height: page.height });
  return doc.save();
}
