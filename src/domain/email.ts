/** @module domain/email — the one way an email becomes a duplicate-check key. */

/** Lower-case and trim: `Ann@Example.org ` and `ann@example.org` are the same recipient. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
