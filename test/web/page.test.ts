/**
 * @module test/web/page.test — the verification page over real HTTP, with credentials issued by the
 * real engine: status computed by verifying (valid, revoked with reason, expired, altered), what an
 * employer reads, safe headers, escaping, no email, unfurl tags, the LinkedIn link, local assets,
 * friendly 404s. Downloads are in page-downloads.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BASE, waitForJob } from '../issuance/harness.js';
import { pageFixture, type PageFixture } from './page-fixture.js';

let f: PageFixture;
const html: Record<string, string> = {};

beforeAll(async () => {
  f = await pageFixture();
  for (const [k, c] of Object.entries(f.creds)) html[k] = await (await get(`/credentials/${c.id}`)).text();
}, 90_000);

afterAll(async () => {
  await f?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${f.url}${path}`, { headers: { accept: 'text/html,application/xhtml+xml', ...headers } });
const meta = (page: string, key: string) => new RegExp(`<meta (?:property|name)="${key.replace(/:/g, ':')}" content="([^"]*)">`).exec(page)?.[1];
const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const statusWord = (page: string) => /<p class="status-word"[^>]*>([^<]+)</.exec(page)?.[1];

describe('the status, computed by verifying', () => {
  it('says Verified for a credential whose signature and status list check out', () => {
    expect(statusWord(html.valid!)).toBe('Verified');
    expect(html.valid).toContain('Signature: <span class="check-outcome">Passed');
    expect(html.valid).toContain('Revocation: <span class="check-outcome">Passed');
  });

  it('says Revoked with the issuer’s reason and date once the status-list bit is set', () => {
    expect(statusWord(html.revoked!)).toBe('Revoked');
    expect(html.revoked).toContain('Reason: Issued in error: the final project was not submitted.');
    expect(html.revoked).toContain('revoked this credential on 28 November 2026');
    expect(html.revoked).toContain('Revocation: <span class="check-outcome">Failed');
  });

  it('reads revocation from the signed status list, not from the stored flag', async () => {
    // The record says "issued" again, but the status list still has the bit: the page still says Revoked.
    const r = f.creds.revoked;
    await f.h.store.updateCredential({ ...r, status: 'issued' });
    try {
      expect(statusWord(await (await get(`/credentials/${r.id}`)).text())).toBe('Revoked');
    } finally {
      await f.h.store.updateCredential(r);
    }
  });

  it('does not take a stored "revoked" flag for a revocation the status list does not have', async () => {
    const v = f.creds.valid;
    await f.h.store.updateCredential({ ...v, status: 'revoked', revokedReason: 'not really' });
    try {
      expect(statusWord(await (await get(`/credentials/${v.id}`)).text())).toBe('Verified');
    } finally {
      await f.h.store.updateCredential(v);
    }
  });

  it('says Not verified (not Signature invalid) when the proof holds but the revocation list cannot be read', async () => {
    const { verifyCredential } = await import('../../src/credentials/verify.js');
    const { createHttpServer } = await import('../../src/web/http-server.js');
    const { webRoutes } = await import('../../src/web/routes.js');
    // The real verifier, with a status-list source that has lost the list.
    const credentials = {
      statusListCredential: f.h.credentials.statusListCredential.bind(f.h.credentials),
      issuerProfile: f.h.credentials.issuerProfile.bind(f.h.credentials),
      verify: (signed: Record<string, unknown>, now: Date) => verifyCredential(signed, { now: () => now, statusLists: async () => undefined }),
    };
    const server = createHttpServer(webRoutes({ store: f.h.store, publicBaseUrl: BASE, log: f.h.log, credentials }), f.h.log);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const page = await (await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/credentials/${f.creds.valid.id}`)).text();
      expect(statusWord(page)).toBe('Not verified');
      expect(page).toContain('Signature: <span class="check-outcome">Passed');
      expect(page).toContain('Revocation: <span class="check-outcome">Not checked');
      expect(page).not.toContain('linkedin.com');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('says Expired after validUntil, and that the signature is still genuine', () => {
    expect(statusWord(html.expired!)).toBe('Expired');
    expect(html.expired).toContain('expired on 15 January 2021');
    expect(html.expired).toContain('Signature: <span class="check-outcome">Passed');
  });

  it('says Signature invalid for a credential altered after signing, and vouches for nothing', () => {
    expect(statusWord(html.tampered!)).toBe('Signature invalid');
    expect(html.tampered).toContain('This credential claims that');
    expect(html.tampered).not.toContain('certifies that');
    expect(html.tampered).not.toContain('certificate.pdf');
    expect(html.tampered).not.toContain('linkedin.com');
  });
});

describe('what an employer reads', () => {
  it('shows the recipient, achievement, description, criteria, result, issuer and dates', () => {
    const page = html.valid!;
    expect(page).toContain('<h1 id="recipient-name" dir="auto">Zoë Ñúñez-O’Brien</h1>');
    expect(page).toContain('Data Science Foundations');
    expect(page).toContain('Twelve weeks of statistics');
    expect(page).toContain('<h3>Criteria</h3>\n<p dir="auto">Completed all twelve weekly labs');
    expect(page).toContain('<dt>Grade</dt><dd dir="auto">A</dd>');
    expect(page).toContain('<a href="https://example.edu" rel="noopener noreferrer">Example University</a>');
    expect(page).toContain('<dt>Issued on</dt><dd>27 November 2026</dd>');
    expect(page).toContain('<dt>Expires</dt><dd>Does not expire</dd>');
    expect(html.expired).toContain('<dt>Expired on</dt><dd>15 January 2021</dd>');
    expect(page).toMatch(/<img src="\/credentials\/[0-9a-f-]+\/badge\.png" width="600" height="600" alt="Badge for Data Science Foundations, awarded to Zoë Ñúñez-O’Brien">/);
  });

  it('has lang, landmarks and a skip link, and says the status in words beside a distinct icon', () => {
    for (const page of Object.values(html)) {
      expect(page).toContain('<html lang="en">');
      for (const tag of ['<header', '<main id="content"', '<footer']) expect(page).toContain(tag);
      expect(page).toContain('<a class="skip-link" href="#content">');
      expect(page).toMatch(/<h1 /);
    }
    expect(html.valid).toContain('<circle cx="12" cy="12" r="10"/><path d="m7.5'); // check mark
    expect(html.revoked).toContain('<path d="M8 2h8l6 6v8l-6 6H8l-6-6V8z"/>'); // octagon cross
    expect(html.expired).toContain('<path d="M12 6.5V12l3.5 2"/>'); // clock
  });

  it('never shows an email address, in clear or hashed', () => {
    for (const page of Object.values(html)) {
      expect(page).not.toMatch(/[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i);
      expect(page).not.toContain('sha256$');
    }
  });

  it('escapes names and course texts that look like HTML', async () => {
    await f.h.store.putGroup({ ...(await f.h.store.getGroup(f.tenantId, 'ds101'))!, id: 'xss', courseName: 'Safety <First> & "Co"', badgeDesignId: undefined, certificateDesignId: undefined });
    const { job } = await f.h.engine.startFormJob({
      tenantId: f.tenantId, groupId: 'xss', startedBy: 'U1', submissionId: 'xss-1', issuedOn: '2026-11-27',
      recipients: [{ recipient: { name: '<script>alert(1)</script> Eve', email: 'eve@example.org' }, attributes: { grade: '<b>A</b>' } }],
    });
    await waitForJob(f.h.store, f.tenantId, job.id);
    const [row] = await f.h.engine.rows(f.tenantId, job.id);
    const page = await (await get(`/credentials/${row!.credentialId}`)).text();
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Eve');
    expect(page).toContain('Safety &lt;First&gt; &amp; &quot;Co&quot;');
    expect(page).toContain('&lt;b&gt;A&lt;/b&gt;');
    expect(page).not.toMatch(/<script|<b>/);
    const badge = await get(`/credentials/${row!.credentialId}/badge.png`);
    expect(badge.status).toBe(200);
  }, 30_000);
});

describe('headers', () => {
  it('sends the strict CSP, nosniff, a referrer policy, and no caching of the page', async () => {
    const res = await get(`/credentials/${f.creds.valid.id}`);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; img-src 'self' data:; style-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('puts no inline style or script on the page (the CSP would block them)', () => {
    for (const page of Object.values(html)) expect(page).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });
});

describe('sharing', () => {
  it('unfurls: OpenGraph and Twitter tags with the absolute badge image URL', () => {
    const id = f.creds.valid.id;
    const page = html.valid!;
    expect(meta(page, 'og:title')).toBe('Zoë Ñúñez-O’Brien — Data Science Foundations');
    expect(meta(page, 'og:description')).toMatch(/^Verified credential: Data Science Foundations, awarded to Zoë Ñúñez-O’Brien by Example University/);
    expect(meta(page, 'og:image')).toBe(`${BASE}/credentials/${id}/badge.png`);
    expect(meta(page, 'og:url')).toBe(`${BASE}/credentials/${id}`);
    expect(meta(page, 'twitter:card')).toBe('summary_large_image');
    expect(meta(page, 'twitter:image')).toBe(`${BASE}/credentials/${id}/badge.png`);
    expect(meta(html.revoked!, 'og:description')).toMatch(/^Revoked credential:/);
  });

  it('links to LinkedIn’s add-certification form filled with name, issuer, dates, id and URL', () => {
    const href = /<a class="button button-linkedin" href="([^"]+)"/.exec(html.valid!)?.[1];
    expect(href).toBeDefined();
    const url = new URL(decode(href!));
    expect(url.origin + url.pathname).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME', name: 'Data Science Foundations', organizationName: 'Example University',
      issueYear: '2026', issueMonth: '11', certUrl: `${BASE}/credentials/${f.creds.valid.id}`, certId: f.creds.valid.id,
    });
  });

  it('adds the expiry month and year to the LinkedIn link when the credential expires', async () => {
    const { linkedInAddUrl } = await import('../../src/web/page/linkedin.js');
    const url = new URL(linkedInAddUrl({ name: 'First Aid', organizationName: 'Red Cross', issuedOn: '2020-01-15T00:00:00Z', expiresOn: '2021-01-15T00:00:00Z', certUrl: 'https://x.test/c/1', certId: '1' }));
    expect(url.searchParams.get('expirationYear')).toBe('2021');
    expect(url.searchParams.get('expirationMonth')).toBe('1');
  });

  it('offers no certificate download or LinkedIn link for a revoked credential, only its data', () => {
    expect(html.revoked).not.toContain('certificate.pdf');
    expect(html.revoked).not.toContain('linkedin.com');
    expect(html.revoked).toContain(`/credentials/${f.creds.revoked.id}.json`);
  });
});

describe('assets and 404s', () => {
  it('serves the stylesheet and fonts itself, versioned and cacheable for a year', async () => {
    const cssPath = /<link rel="stylesheet" href="([^"]+)">/.exec(html.valid!)![1]!;
    expect(cssPath).toMatch(/^\/assets\/page\.css\?v=[0-9a-f]{12}$/);
    const css = await get(cssPath);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const text = await css.text();
    expect(text).not.toMatch(/https?:\/\//); // nothing from another site
    const font = /url\("(\/assets\/fonts\/NotoSans-Regular\.ttf\?v=[0-9a-f]{12})"\)/.exec(text)?.[1];
    expect(font).toBeDefined();
    const res = await get(font!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('font/ttf');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    expect((await get('/assets/fonts/..%2F..%2Fpackage.json')).status).toBe(404);
  });

  it('answers an unknown credential with a friendly 404 page that carries the same safe headers', async () => {
    for (const path of ['/credentials/00000000-0000-4000-8000-000000000000', '/credentials/not-an-id', '/credentials/00000000-0000-4000-8000-000000000000/badge.png']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
      const page = await res.text();
      expect(page).toContain('We couldn’t find this credential');
      expect(page).toContain('<main id="content"');
    }
    const json = await fetch(`${f.url}/credentials/00000000-0000-4000-8000-000000000000`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
    expect(await json.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('the not-found page for any other path', () => {
  it('says the page was not found, in the same frame and with the same headers (GET only)', async () => {
    const { notFoundHandler } = await import('../../src/web/page/index.js');
    const { createHttpServer } = await import('../../src/web/http-server.js');
    const server = createHttpServer([], f.h.log, { notFound: notFoundHandler });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/no/such/page`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
      const page = await res.text();
      expect(page).toContain('We couldn’t find this page');
      expect(page).toContain('<main id="content"');
      const post = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/no/such/page`, { method: 'POST' });
      expect(post.status).toBe(404);
      expect(await post.text()).toBe('Not found'); // APIs keep their plain answer
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
