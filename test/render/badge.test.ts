import { beforeAll, describe, expect, it } from '@jest/globals';
import { defaultDesign, renderBadgePng, renderDesignPreview, RenderError, sampleValues, sanitizeSvg, TEMPLATES } from '../../src/render/index.js';
import { layoutToSvg } from '../../src/render/svg-backend.js';
import { findTemplate } from '../../src/render/templates/catalogue.js';
import { decodePng, differingPixels, type Pixels } from './helpers.js';

const NAMES = ["Zoë Ñúñez-O'Brien", '李小龍', 'محمد عبد الله', 'Nguyễn Thị Minh Khai', '김민준'];
const RIBBON = { x: 60, y: 355, width: 480, height: 70 }; // the circle badge's name ribbon, in pixels at 600×600
const values = sampleValues();

describe('badge templates', () => {
  it.each(TEMPLATES.filter((t) => t.kind === 'badge').map((t) => t.id))('%s renders a 600×600 PNG with a transparent outside and a drawn middle', async (template) => {
    const image = decodePng(await renderBadgePng(defaultDesign('badge', { template }), values));
    expect([image.width, image.height]).toEqual([600, 600]);
    expect(image.rgba[3]).toBe(0); // top-left corner is outside every shape
    expect(image.rgba[(300 * 600 + 300) * 4 + 3]).toBe(255);
  });

  it('renders larger when asked', async () => {
    const image = decodePng(await renderBadgePng(defaultDesign('badge'), values, { size: 1200 }));
    expect([image.width, image.height]).toEqual([1200, 1200]);
  });

  it('uses the design colours', async () => {
    const image = decodePng(await renderBadgePng(defaultDesign('badge', { colours: { primary: '#b00020', secondary: '#00695c', text: '#000' } }), values));
    const at = (x: number, y: number) => [...image.rgba.slice((y * 600 + x) * 4, (y * 600 + x) * 4 + 3)];
    expect(at(300, 60)).toEqual([0xb0, 0x00, 0x20]); // inner shape, above the title
    expect(at(300, 8)).toEqual([0x00, 0x69, 0x5c]); // outer ring
  });
});

describe('names in every script are drawn', () => {
  let blank: Pixels;
  beforeAll(async () => {
    blank = decodePng(await renderBadgePng(defaultDesign('badge'), { ...values, 'recipient.name': '' }));
  });

  it.each(NAMES)('%s puts ink on the ribbon', async (name) => {
    const image = decodePng(await renderBadgePng(defaultDesign('badge'), { ...values, 'recipient.name': name }));
    expect(differingPixels(image, blank, RIBBON)).toBeGreaterThan(400);
  });

  it('a 120-character name stays inside the ribbon (nothing drawn beyond its ends)', async () => {
    const long = 'Maximiliana Alexandra Friederike Wilhelmina von Hohenzollern-Sigmaringen und Sachsen-Coburg-Gotha-Wittelsbach y Borbón S';
    const image = decodePng(await renderBadgePng(defaultDesign('badge'), { ...values, 'recipient.name': long }));
    expect(differingPixels(image, blank, RIBBON)).toBeGreaterThan(2000);
    expect(differingPixels(image, blank, { x: 0, y: 340, width: 40, height: 100 })).toBe(0);
    expect(differingPixels(image, blank, { x: 560, y: 340, width: 40, height: 100 })).toBe(0);
  });
});

describe('values are text, never markup', () => {
  it('escapes a name such as <script> & Co in the SVG and still renders it', async () => {
    const entry = findTemplate('badge-circle')!;
    const layout = entry.build(defaultDesign('badge'));
    const filled = { ...layout, nodes: layout.nodes.map((n) => (n.type === 'text' ? { ...n, text: n.text.replace('{{recipient.name}}', '<script>alert(1)</script> & Co') } : n)) };
    const svg = layoutToSvg(filled);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(svg).not.toContain('<script>');
    const image = decodePng(await renderBadgePng(defaultDesign('badge'), { ...values, 'recipient.name': '<script>alert(1)</script> & Co' }));
    expect(image.width).toBe(600);
  });
});

describe('placeholders that cannot be filled', () => {
  it('refuse to render a credential with a typo or a missing value, naming them', async () => {
    const design = defaultDesign('badge', { text: { title: '{{group.course_nme}}', footer: '{{custom.grade}}' } });
    await expect(renderBadgePng(design, values)).rejects.toThrow('The design cannot be filled in: unknown placeholders {{group.course_nme}}; no value for {{custom.grade}}.');
  });

  it('still preview, with sample values for custom attributes', async () => {
    const design = defaultDesign('badge', { text: { title: 'Grade {{custom.grade}}', footer: '{{group.course_nme}}' } });
    const image = decodePng(await renderDesignPreview(design));
    expect([image.width, image.height]).toEqual([600, 600]);
  });
});

describe('uploaded SVG badges', () => {
  const uploaded = sanitizeSvg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 300"><rect width="300" height="300" fill="#fff"/><text x="150" y="150" text-anchor="middle" font-size="30" fill="#000">{{recipient.name}}</text></svg>');

  it('fill their placeholders with escaped values and render at the badge size', async () => {
    if (!uploaded.ok) throw new Error(uploaded.reason);
    const design = defaultDesign('badge', { template: 'custom-svg', svg: uploaded.svg });
    const blank = decodePng(await renderBadgePng(design, { 'recipient.name': '' }));
    const image = decodePng(await renderBadgePng(design, { 'recipient.name': '李小龍 <&>' }));
    expect([image.width, image.height]).toEqual([600, 600]);
    expect(differingPixels(image, blank, { x: 100, y: 240, width: 400, height: 80 })).toBeGreaterThan(300);
  });

  it('refuse a stored SVG that is not safe', async () => {
    const design = defaultDesign('badge', { template: 'custom-svg', svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><script/></svg>' });
    await expect(renderBadgePng(design, values)).rejects.toThrow(/script/);
  });
});

describe('wrong input', () => {
  it('says which template does not exist, and that a certificate is not a badge', async () => {
    await expect(renderBadgePng(defaultDesign('badge', { template: 'badge-star' }), values)).rejects.toThrow('There is no template called "badge-star".');
    await expect(renderBadgePng(defaultDesign('certificate'), values)).rejects.toThrow(RenderError);
    await expect(renderBadgePng(defaultDesign('badge', { template: 'certificate-modern-a4' }), values)).rejects.toThrow(/is for a certificate/);
  });

  it('refuses a logo that is not an image data URL', async () => {
    await expect(renderBadgePng(defaultDesign('badge', { logo: 'https://example.org/logo.png' }), values)).rejects.toThrow(/data: URL/);
    await expect(renderBadgePng(defaultDesign('badge', { logo: 'data:image/png;base64,AAAA' }), values)).rejects.toThrow(/not a PNG/);
  });
});

describe('text in the SVG', () => {
  const node = { type: 'text' as const, x: 100, y: 0, width: 400, height: 60, style: 'sans' as const, colour: '#000', maxSize: 20, minSize: 8, maxLines: 1, align: 'start' as const };

  it('names the font of each script run, so Arabic in regular text is not drawn with the bold face', () => {
    const svg = layoutToSvg({ width: 600, height: 60, nodes: [{ ...node, text: 'Awarded to محمد' }] });
    expect(svg).toContain(`font-weight="normal"`);
    expect(svg).toContain(`<tspan font-family="'Noto Sans'">Awarded to </tspan><tspan font-family="'Noto Sans Arabic'">محمد</tspan>`);
  });

  it('starts a right-to-left line at the right edge of its box', () => {
    expect(layoutToSvg({ width: 600, height: 60, nodes: [{ ...node, text: 'محمد عبد الله' }] })).toContain('x="500" y=');
    expect(layoutToSvg({ width: 600, height: 60, nodes: [{ ...node, text: 'Zoë' }] })).toContain('x="100" y=');
  });
});
