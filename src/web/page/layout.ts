/**
 * @module web/page/layout — the frame every public page shares: language, viewport, the bot's own
 * stylesheet, landmarks (header, main, footer) and a skip link; and the friendly "not found" page.
 */
import { assetUrl } from './assets.js';
import { icons } from './icons.js';
import { escapeHtml } from './respond.js';

export interface Shell {
  title: string;
  description: string;
  /** Extra tags for <head> (OpenGraph, canonical); already escaped. */
  head?: string;
  /** The content of <main>; already escaped. */
  main: string;
  /** Who the header names next to the site's mark (the issuer), if anyone. */
  issuerName?: string;
  /** A class on <body> (the page's status, for styling only). */
  bodyClass?: string;
}

export function pageShell(s: Shell): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(s.title)}</title>
<meta name="description" content="${escapeHtml(s.description)}">
<meta name="color-scheme" content="light">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl('/assets/page.css')}">
${s.head ?? ''}
</head>
<body${s.bodyClass ? ` class="${escapeHtml(s.bodyClass)}"` : ''}>
<a class="skip-link" href="#content">Skip to content</a>
<header class="site-header">
<div class="wrap site-header-inner">
<span class="brand">${icons.shield('brand-mark')}<span>Credential verification</span></span>
${s.issuerName ? `<span class="header-issuer">${escapeHtml(s.issuerName)}</span>` : ''}
</div>
</header>
<main id="content" class="wrap">
${s.main}
</main>
<footer class="site-footer">
<div class="wrap">
<p>This page checks the credential’s digital signature and the issuer’s revocation list each time it is opened.</p>
<p>Open Badges 3.0 · W3C Verifiable Credentials · Served by Credbot</p>
</div>
</footer>
</body>
</html>`;
}

/** A 404 that helps: what may have gone wrong and what to do, in the same frame as every page. */
export function notFoundPage(what: 'credential' | 'page' = 'credential'): string {
  return pageShell({
    title: what === 'credential' ? 'Credential not found' : 'Page not found',
    description: `No ${what} has this address.`,
    main: `<section class="not-found" aria-labelledby="nf-title">
${icons.unknown('not-found-icon')}
<h1 id="nf-title">We couldn’t find this ${what}</h1>
<p>No ${what} has this address. This can happen when:</p>
<ul>
<li>the link was cut short when it was copied or wrapped in an email: check that you have the whole address;</li>
<li>the address was typed by hand and a character is wrong.</li>
</ul>
<p>If you were given this link as proof of a qualification, ask the person who shared it, or the organisation that issued it, for the correct link.</p>
</section>`,
  });
}
