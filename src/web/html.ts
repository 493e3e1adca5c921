/**
 * @module web/html — JSON responses of the public web (status lists, issuer profile, health) with the
 * security headers every public response carries. Pages and their headers live in web/page.
 */
import type { ServerResponse } from 'node:http';
export { escapeHtml } from './page/respond.js';

/** JSON is never rendered as a page: nothing may load from it, and it may not be framed. */
export const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json', headOnly = false): void {
  res.writeHead(status, {
    'content-type': `${contentType}; charset=utf-8`,
    'access-control-allow-origin': '*', // verifiers in browsers fetch credentials and status lists
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  });
  res.end(headOnly ? undefined : JSON.stringify(body, null, 2));
}
