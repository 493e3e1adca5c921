/** @module intake/fields — the checks on one cell: email address, issue date, name, with reasons a person can act on. */
import { z } from 'zod';

/** The pattern `z.email()` checks (zod's practical email regex), tested directly: a zod parse per row cost ~1 µs. */
export const PRACTICAL_EMAIL: RegExp = z.regexes.email;

/** Why `email` is not a usable address, or undefined when it is. Never echoes the address (messages may be logged). */
export function emailProblem(email: string): string | undefined {
  if (email === '') return 'the email address is missing';
  if (/\s/.test(email)) return 'the email address contains a space';
  if (email.toLowerCase().startsWith('mailto:')) return 'the email address starts with "mailto:"; remove it';
  const at = email.indexOf('@');
  if (at < 0) return 'the email address has no @';
  if (email.includes('@', at + 1)) return 'the email address has more than one @ (one address per row)';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local === '') return 'the email address has nothing before the @';
  if (domain === '') return 'the email address has nothing after the @';
  if (/[,;]/.test(email)) return 'the email address contains a comma or semicolon (one address per row)';
  if (!domain.includes('.')) return 'the email domain (after the @) has no dot, e.g. example.org';
  if (domain.startsWith('.') || domain.endsWith('.') || domain.includes('..')) return 'the email domain has a misplaced dot';
  if (local.length > 64 || email.length > 254) return 'the email address is too long';
  if (!PRACTICAL_EMAIL.test(email)) return 'the email address is not valid (check for typos and unusual characters)';
  return undefined;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function realDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

/**
 * Issue dates are ISO: `YYYY-MM-DD` (also `YYYY/MM/DD`, and an ISO date-time whose date part is kept).
 * `DD/MM/YYYY` and `MM/DD/YYYY` are refused, because `03/07/2026` means different days in different
 * countries and a credential must not carry a guessed date. The message names the ISO form when it is certain.
 */
export function parseIssueDate(value: string): { date: string } | { problem: string } {
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (!realDate(y, m, d)) return { problem: `the issue date "${value}" is not a real date` };
    return { date: `${y}-${pad(m)}-${pad(d)}` };
  }
  const local = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (local) {
    const [a, b, y] = [Number(local[1]), Number(local[2]), Number(local[3])];
    const sure = a > 12 && realDate(y, b, a) ? `${y}-${pad(b)}-${pad(a)}` : b > 12 && realDate(y, a, b) ? `${y}-${pad(a)}-${pad(b)}` : undefined;
    return {
      problem: sure
        ? `the issue date "${value}" must be written as YYYY-MM-DD: ${sure}`
        : `the issue date "${value}" is ambiguous (day/month or month/day?); write it as YYYY-MM-DD, e.g. ${y}-${pad(b)}-${pad(a)} or ${y}-${pad(a)}-${pad(b)}`,
    };
  }
  return { problem: `the issue date "${value}" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-07` };
}

/** Trims and collapses inner whitespace (tabs, newlines, non-breaking spaces) to one space. */
export function cleanName(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
