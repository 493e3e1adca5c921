/**
 * @module web/html — escaping and the security headers every public page carries. Values on pages
 * come from uploaded CSVs (names, grades): they are always escaped, and the CSP forbids scripts.
 */
import type { ServerResponse } from 'node:http';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** No scripts, no frames, no forms; inline styles only (the page has one <style> block); images from https. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS = {
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

export function sendHtml(res: ServerResponse, status: number, html: string, headOnly = false): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS });
  res.end(headOnly ? undefined : html);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json', headOnly = false): void {
  res.writeHead(status, {
    'content-type': `${contentType}; charset=utf-8`,
    'access-control-allow-origin': '*', // verifiers in browsers fetch credentials and status lists
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  });
  res.end(headOnly ? undefined : JSON.stringify(body, null, 2));
}

/** A whole page: one template, so every page has the same look and the same escaping rules. */
export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f4f6f8;color:#1b1f24}
main{max-width:42rem;margin:3rem auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:1.5rem;margin:.2rem 0 1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1.25rem}
dt{color:#57606a}dd{margin:0}
.status{display:inline-block;padding:.35rem .8rem;border-radius:999px;font-weight:600}
.valid{background:#dafbe1;color:#116329}.revoked,.invalid{background:#ffebe9;color:#a40e26}.expired{background:#fff8c5;color:#7d4e00}
footer{margin-top:1.5rem;font-size:.85rem;color:#57606a}
</style>
</head>
<body><main>
${body}
</main></body>
</html>`;
}

export function notFoundPage(what: string): string {
  return layout('Not found', `<h1>Not found</h1><p>${escapeHtml(what)}</p>`);
}
