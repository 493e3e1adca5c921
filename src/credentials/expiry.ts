/**
 * @module credentials/expiry — when a credential stops being valid, from the group's expiry rule.
 * Pure: the issue time is passed in.
 */
import type { ExpiryRule } from '../domain/types.js';

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/**
 * The ISO 8601 date-time a credential issued at `issuedOn` expires, or undefined for `none`.
 * `after` keeps the time of day and clamps to the month's last day (31 Jan + 1 month = 28/29 Feb,
 * 29 Feb + 1 year = 28 Feb); `fixed` means valid through the end of that day (UTC).
 */
export function computeExpiry(rule: ExpiryRule, issuedOn: string): string | undefined {
  const issued = new Date(issuedOn);
  if (Number.isNaN(issued.getTime())) throw new Error(`Invalid issue date: "${issuedOn}"`);
  switch (rule.kind) {
    case 'none':
      return undefined;
    case 'after': {
      if (!Number.isInteger(rule.amount) || rule.amount <= 0) {
        throw new Error(`Expiry must be a whole number of ${rule.unit} greater than 0 (got ${rule.amount})`);
      }
      const months = rule.unit === 'years' ? rule.amount * 12 : rule.amount;
      const total = issued.getUTCMonth() + months;
      const year = issued.getUTCFullYear() + Math.floor(total / 12);
      const month = total % 12;
      const day = Math.min(issued.getUTCDate(), daysInMonth(year, month));
      const out = new Date(issued.getTime());
      out.setUTCFullYear(year, month, day);
      return out.toISOString().replace('.000Z', 'Z');
    }
    case 'fixed': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(rule.date);
      const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
      if (!m || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo - 1)) {
        throw new Error(`Expiry date must be a real date as YYYY-MM-DD (got "${rule.date}")`);
      }
      const end = `${rule.date}T23:59:59Z`;
      if (new Date(end).getTime() < issued.getTime()) {
        throw new Error(`Expiry date ${rule.date} is before the issue date ${issued.toISOString().slice(0, 10)}`);
      }
      return end;
    }
  }
}
