/**
 * @module core/forms/validation — zod results as per-field errors, worded for the person typing,
 * plus the small checks several forms share.
 */
import type { z } from 'zod';

/** The first problem of each field, keyed by field id (the form shows it under the field). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !(field in out)) out[field] = issue.message;
  }
  return out;
}

export const trimmed = (v: string | undefined) => (v ?? '').trim();

export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** YYYY-MM-DD that is a real calendar date. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
