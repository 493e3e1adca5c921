/**
 * @module render/templates/catalogue — the built-in templates by id, as data for forms (`TEMPLATES`)
 * and as layout builders for the renderer.
 */
import type { DesignKind } from '../../domain/types.js';
import type { Layout } from '../layout.js';
import { badgeLayout, BADGE_SIZE } from './badges.js';
import { classicLayout, modernLayout } from './certificates.js';
import { PAGE_SIZES, type PageName, type TemplateInput } from './input.js';

export interface TemplateInfo {
  id: string;
  kind: DesignKind;
  label: string;
  /** Page size in PDF points for certificates; badges are 600×600 canvases. */
  page: { name: PageName | 'badge'; width: number; height: number };
}

interface TemplateEntry extends TemplateInfo {
  build: (input: TemplateInput) => Layout;
}

const badge = (shape: 'circle' | 'shield' | 'hexagon', label: string): TemplateEntry => ({
  id: `badge-${shape}`,
  kind: 'badge',
  label,
  page: { name: 'badge', width: BADGE_SIZE, height: BADGE_SIZE },
  build: (input) => badgeLayout(shape, input),
});

const certificate = (style: 'classic' | 'modern', name: PageName, label: string): TemplateEntry => ({
  id: `certificate-${style}-${name.toLowerCase()}`,
  kind: 'certificate',
  label,
  page: { name, ...PAGE_SIZES[name] },
  build: (input) => (style === 'classic' ? classicLayout : modernLayout)(PAGE_SIZES[name], input),
});

const ENTRIES: TemplateEntry[] = [
  badge('circle', 'Badge: circle'),
  badge('shield', 'Badge: shield'),
  badge('hexagon', 'Badge: hexagon'),
  certificate('classic', 'A4', 'Certificate: classic (A4 landscape)'),
  certificate('classic', 'Letter', 'Certificate: classic (US Letter landscape)'),
  certificate('modern', 'A4', 'Certificate: modern (A4 landscape)'),
  certificate('modern', 'Letter', 'Certificate: modern (US Letter landscape)'),
];

/** The built-in templates, for design forms: id, kind, label and page size. */
export const TEMPLATES: readonly TemplateInfo[] = ENTRIES.map(({ build: _build, ...info }) => Object.freeze(info));

export function findTemplate(id: string): TemplateEntry | undefined {
  return ENTRIES.find((entry) => entry.id === id);
}
