import { describe, expect, it } from '@jest/globals';
import { deflateSync } from 'node:zlib';
import { defaultDesign, renderBadgePng, renderCertificatePdf, renderDesignPreview, sampleValues, sanitizeSvg, TEMPLATES } from '../../src/render/index.js';
import { decodePng, inspectPdf, shownGlyphIds } from './helpers.js';

const ALL_SCRIPTS = "Zoë Ñúñez-O'Brien 李小龍 محمد عبد الله Nguyễn Thị Minh Khai 김민준";
const values = { ...sampleValues(), 'recipient.name': ALL_SCRIPTS };
const certificates = TEMPLATES.filter((t) => t.kind === 'certificate');

describe('certificate templates', () => {
  it('come in two layouts, each in A4 and US Letter landscape', () => {
    expect(certificates.map((t) => [t.id, t.page.name])).toEqual([
      ['certificate-classic-a4', 'A4'],
      ['certificate-classic-letter', 'Letter'],
      ['certificate-modern-a4', 'A4'],
      ['certificate-modern-letter', 'Letter'],
    ]);
  });

  it.each(certificates.map((t) => [t.id, t.page.width, t.page.height] as const))('%s renders one landscape page of %p × %p points', async (template, width, height) => {
    const pdf = await inspectPdf(await renderCertificatePdf(defaultDesign('certificate', { template }), values));
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]!.width).toBeCloseTo(width, 1);
    expect(pdf.pages[0]!.height).toBeCloseTo(height, 1);
    expect(pdf.title).toBe(`Default certificate — ${ALL_SCRIPTS}`);
  });

  it.each(certificates.map((t) => t.id))('%s embeds subsetted fonts for all four scripts (and Korean) and shows no .notdef glyph', async (template) => {
    const bytes = await renderCertificatePdf(defaultDesign('certificate', { template }), values);
    const pdf = await inspectPdf(bytes);
    const serif = template.includes('classic');
    expect(pdf.fonts).toEqual(expect.arrayContaining([serif ? 'NotoSerif-Bold' : 'NotoSans-Bold', 'NotoSansArabic-Bold', 'DroidSansFallback', 'NanumGothic']));
    const glyphs = await shownGlyphIds(bytes);
    expect(glyphs.length).toBeGreaterThan(100);
    expect(glyphs).not.toContain(0);
    expect(bytes.length).toBeLessThan(200_000); // subsets, not the 2 MB CJK font
  });

  it('is reproducible: same design and values, same bytes', async () => {
    const design = defaultDesign('certificate');
    expect(Buffer.from(await renderCertificatePdf(design, values)).equals(Buffer.from(await renderCertificatePdf(design, values)))).toBe(true);
  });

  it('refuses to issue with an unfilled placeholder', async () => {
    const design = defaultDesign('certificate', { text: { title: 'Certificate', body: 'Grade {{custom.grade}}' } });
    await expect(renderCertificatePdf(design, sampleValues())).rejects.toThrow('no value for {{custom.grade}}');
  });
});

/** A 2×2 red PNG, built by hand so the test needs no image file. */
function tinyPng(): string {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    let c = 0xffffffff;
    for (const byte of Buffer.concat([head.subarray(4), data])) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    crc.writeUInt32BE((c ^ 0xffffffff) >>> 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
  const rows = Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0]);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

describe('logos', () => {
  it('draws a PNG logo on the certificate and the badge', async () => {
    const logo = tinyPng();
    const pdf = await renderCertificatePdf(defaultDesign('certificate', { logo }), values);
    expect(Buffer.from(pdf).toString('latin1')).toContain('/Subtype /Image');
    const badge = decodePng(await renderBadgePng(defaultDesign('badge', { logo }), sampleValues()));
    const i = (130 * 600 + 300) * 4; // middle of the logo box
    expect([...badge.rgba.slice(i, i + 3)]).toEqual([255, 0, 0]);
  });

  it('rasterizes an SVG logo after sanitizing it, and refuses a hostile one', async () => {
    const svg = (inner: string) => `data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${inner}</svg>`).toString('base64')}`;
    const badge = decodePng(await renderBadgePng(defaultDesign('badge', { logo: svg('<rect width="10" height="10" fill="#00ff00"/>') }), sampleValues()));
    const i = (130 * 600 + 300) * 4;
    expect([...badge.rgba.slice(i, i + 3)]).toEqual([0, 255, 0]);
    await expect(renderCertificatePdf(defaultDesign('certificate', { logo: svg('<image href="https://evil.example/t.png"/>') }), values)).rejects.toThrow(/SVG logo was refused/);
  });
});

describe('previews and uploaded certificates', () => {
  it('previews a certificate as a 1000-pixel-wide PNG of the page proportions', async () => {
    const image = decodePng(await renderDesignPreview(defaultDesign('certificate', { template: 'certificate-modern-letter' })));
    expect(image.width).toBe(1000);
    expect(image.height).toBe(Math.round((1000 * 612) / 792));
  });

  it('turns an uploaded SVG certificate into an A4-wide PDF page', async () => {
    const checked = sanitizeSvg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 297 210"><rect width="297" height="210" fill="#eef"/><text x="20" y="100" font-size="16">{{recipient.name}}</text></svg>');
    if (!checked.ok) throw new Error(checked.reason);
    const pdf = await inspectPdf(await renderCertificatePdf(defaultDesign('certificate', { template: 'custom-svg', svg: checked.svg }), values));
    expect(pdf.pages[0]!.width).toBeCloseTo(841.89, 1);
    expect(pdf.pages[0]!.height).toBeCloseTo((841.89 * 210) / 297, 0);
  });
});
