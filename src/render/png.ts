/** @module render/png — SVG → PNG through resvg, with only the shipped fonts (never the system's). */
import { renderAsync } from '@resvg/resvg-js';
import { fontFiles } from './fonts.js';

let files: string[] | undefined;

/**
 * Renders an SVG to a PNG `width` pixels wide (height follows the SVG's aspect ratio). `fonts`
 * narrows the font files loaded (resvg reads them on every render); all shipped fonts by default.
 */
export async function svgToPng(svg: string, width: number, fonts?: string[]): Promise<Buffer> {
  files ??= fontFiles();
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: Math.round(width) },
    font: { loadSystemFonts: false, fontFiles: fonts ?? files, defaultFontFamily: 'Noto Sans', sansSerifFamily: 'Noto Sans', serifFamily: 'Noto Serif' },
    // Relative or file paths never load: sanitized SVGs have none, and this keeps it so.
    logLevel: 'off',
  });
  return image.asPng();
}
