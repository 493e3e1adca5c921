/**
 * @module render/placeholders — `{{recipient.name}}`-style placeholders: find them, fill them, and say
 * which ones could not be filled instead of leaving a silent blank on a certificate.
 */
import { escapeXml } from './xml.js';

/** Placeholders every design may use; `custom.<key>` adds the group's own attributes (grade, hours, …). */
export const KNOWN_PLACEHOLDERS = [
  'recipient.name',
  'group.name',
  'group.course_name',
  'group.course_description',
  'credential.id',
  'credential.issued_on',
  'credential.expires_on',
  'issuer.name',
] as const;

/** Flat values keyed by placeholder name: `{ 'recipient.name': 'Zoë', 'custom.grade': 'A' }`. */
export type PlaceholderValues = Readonly<Record<string, string | undefined>>;

// Whitespace inside the braces is tolerated (`{{ recipient.name }}`), as people type it that way.
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;
const CUSTOM_KEY = /^custom\.[a-z0-9_]+$/;

export function isKnownPlaceholder(name: string): boolean {
  return (KNOWN_PLACEHOLDERS as readonly string[]).includes(name) || CUSTOM_KEY.test(name);
}

/** Every distinct placeholder name in a text or an SVG, in order of first appearance. */
export function findPlaceholders(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) seen.add(match[1]!);
  return [...seen];
}

export interface FillResult {
  text: string;
  /** Names that are not placeholders Credbot knows (typos such as `recipent.name`); left in the text as typed. */
  unknown: string[];
  /** Known names that had no value; left in the text as typed so the gap is visible. */
  missing: string[];
}

export interface FillOptions {
  /** `xml` (default) escapes values for SVG/XML; `none` for drawing text directly (PDF). */
  escape?: 'xml' | 'none';
}

/** Replaces placeholders with values. An empty string is a value (e.g. no expiry date); `undefined` is missing. */
export function fillPlaceholders(text: string, values: PlaceholderValues, options: FillOptions = {}): FillResult {
  const unknown = new Set<string>();
  const missing = new Set<string>();
  const escape = options.escape === 'none' ? (v: string) => v : escapeXml;
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    if (!isKnownPlaceholder(name)) {
      unknown.add(name);
      return whole;
    }
    const value = values[name];
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    return escape(value.normalize('NFC'));
  });
  return { text: filled, unknown: [...unknown], missing: [...missing] };
}

/** Sample values for previews: every known placeholder plus the given custom keys. */
export function sampleValues(customKeys: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {
    'recipient.name': 'Nguyễn Thị Minh Khai',
    'group.name': 'Spring cohort',
    'group.course_name': 'Introduction to Data Science',
    'group.course_description': 'Twelve weeks of statistics, Python and data visualisation.',
    'credential.id': '00000000-0000-4000-8000-000000000000',
    'credential.issued_on': '29 November 2026',
    'credential.expires_on': '29 November 2028',
    'issuer.name': 'Example University',
  };
  for (const key of customKeys) values[key.startsWith('custom.') ? key : `custom.${key}`] = `(${key.replace(/^custom\./, '')})`;
  return values;
}
