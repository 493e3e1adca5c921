/**
 * @module render/logo — a design's logo (a data: URL) checked and turned into PNG or JPEG bytes.
 * SVG logos are sanitized and rasterized, so both backends only ever draw PNG/JPEG.
 */
import { RenderError } from './errors.js';
import { svgToPng } from './png.js';
import { sanitizeSvg } from './sanitize-svg.js';

const DATA_URL = /^data:(image\/(?:png|jpeg|jpg|svg\+xml))(;charset=[\w-]+)?(;base64)?,(.*)$/is;
const MAX_LOGO_BYTES = 2 * 1024 * 1024;

export function decodeImageDataUrl(href: string): { mime: 'image/png' | 'image/jpeg' | 'image/svg+xml'; bytes: Uint8Array } {
  const m = DATA_URL.exec(href.trim());
  if (!m) throw new RenderError('bad_logo', 'The logo must be a PNG, JPEG or SVG image given as a data: URL.');
  const mime = m[1]!.toLowerCase().replace('image/jpg', 'image/jpeg') as 'image/png' | 'image/jpeg' | 'image/svg+xml';
  const bytes = m[3] ? Buffer.from(m[4]!, 'base64') : Buffer.from(decodeURIComponent(m[4]!), 'utf8');
  if (bytes.length > MAX_LOGO_BYTES) throw new RenderError('bad_logo', `The logo is ${Math.round(bytes.length / 1024)} KB; the limit is 2 MB.`);
  const isPng = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  if (mime === 'image/png' && !isPng) throw new RenderError('bad_logo', 'The logo says it is a PNG but its bytes are not a PNG image.');
  if (mime === 'image/jpeg' && !isJpeg) throw new RenderError('bad_logo', 'The logo says it is a JPEG but its bytes are not a JPEG image.');
  return { mime, bytes: new Uint8Array(bytes) };
}

/** The logo as a PNG/JPEG data: URL, ready for a template; SVG logos are sanitized then rasterized at 512 px. */
export async function prepareLogo(logo: string | undefined): Promise<string | undefined> {
  if (!logo) return undefined;
  const { mime, bytes } = decodeImageDataUrl(logo);
  if (mime !== 'image/svg+xml') return logo;
  const checked = sanitizeSvg(Buffer.from(bytes).toString('utf8'));
  if (!checked.ok) throw new RenderError('bad_logo', `The SVG logo was refused: ${checked.reason}`);
  const png = await svgToPng(checked.svg, 512);
  return `data:image/png;base64,${png.toString('base64')}`;
}
