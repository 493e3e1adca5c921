/**
 * @module adapters/teams/make-icons — draws the Teams app icons from their SVG sources
 * (`manifests/teams/color.svg`, `outline.svg`) with resvg: colour 192x192, outline 32x32 white on
 * transparent, as Teams requires. The PNGs are committed; run `npx tsx adapters/teams/make-icons.ts`
 * after changing an SVG.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

export const MANIFEST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../manifests/teams');

export async function renderIcon(svgFile: string, size: number): Promise<Buffer> {
  const svg = await readFile(path.join(MANIFEST_DIR, svgFile), 'utf8');
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
  return Buffer.from(png);
}

export async function makeIcons(): Promise<void> {
  await writeFile(path.join(MANIFEST_DIR, 'color.png'), await renderIcon('color.svg', 192));
  await writeFile(path.join(MANIFEST_DIR, 'outline.png'), await renderIcon('outline.svg', 32));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await makeIcons();
  console.log(`Wrote color.png (192x192) and outline.png (32x32) in ${MANIFEST_DIR}`);
}
