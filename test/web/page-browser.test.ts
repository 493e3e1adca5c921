/**
 * @module test/web/page-browser.test — the verification page in a real headless Chromium (Debian's
 * `chromium`, driven by playwright-core): the right status for a valid, a revoked, an expired and an
 * altered credential, at desktop (1280) and phone (390) width; no request leaves 127.0.0.1; images
 * and the bot's own fonts load; the CSP blocks nothing; text contrast; no sideways scrolling.
 * Screenshots go to a temporary folder, or to docs/screenshots/ with CREDBOT_SCREENSHOTS=1.
 * Skipped, saying why, when /usr/bin/chromium is not installed (apt-get install -y chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { waitForJob } from '../issuance/harness.js';
import { pageFixture, type PageFixture } from './page-fixture.js';

// Browser globals, used only inside page.evaluate callbacks (they run in Chromium; tsconfig has no DOM lib).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare function getComputedStyle(el: any): { color: string; backgroundColor: string };

/** Debian's Chromium; CREDBOT_CHROMIUM points elsewhere (e.g. another distribution's path). */
const CHROMIUM = process.env.CREDBOT_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`Skipping the browser tests of the verification page: ${CHROMIUM} is missing (apt-get install -y chromium, or set CREDBOT_CHROMIUM).`);
const suite = haveChromium ? describe : describe.skip;

const SHOTS = process.env.CREDBOT_SCREENSHOTS === '1' ? path.resolve('docs/screenshots') : mkdtempSync(path.join(tmpdir(), 'credbot-shots-'));
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;
const EXPECTED = { valid: 'Verified', revoked: 'Revoked', expired: 'Expired', tampered: 'Signature invalid' } as const;

let f: PageFixture;
let browser: Browser;

beforeAll(async () => {
  if (!haveChromium) return;
  f = await pageFixture();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await f?.close();
});

interface Visit {
  page: Page;
  requests: string[];
  failed: string[];
  consoleErrors: string[];
  close(): Promise<void>;
}

async function visit(credentialId: string, size: keyof typeof WIDTHS): Promise<Visit> {
  const context = await browser.newContext({ viewport: WIDTHS[size], deviceScaleFactor: 1, acceptDownloads: true });
  const page = await context.newPage();
  const requests: string[] = [];
  const failed: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => void (r.status() >= 400 && failed.push(`${r.url()} ${r.status()}`)));
  page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
  await page.goto(`${f.url}/credentials/${credentialId}`, { waitUntil: 'networkidle' });
  await page.evaluate(() => document.fonts.ready);
  return { page, requests, failed, consoleErrors, close: () => context.close() };
}

/** WCAG contrast of an element's text against the first opaque background behind it. */
function contrastOf(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (el) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const ch = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * ch(r!) + 0.7152 * ch(g!) + 0.0722 * ch(b!);
    };
    let bg: number[] = [255, 255, 255];
    for (let n: any = el; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3]! > 0.99)) {
        bg = c.slice(0, 3);
        break;
      }
    }
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(bg)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}

suite('the verification page in Chromium', () => {
  for (const size of Object.keys(WIDTHS) as (keyof typeof WIDTHS)[]) {
    for (const kind of Object.keys(EXPECTED) as (keyof typeof EXPECTED)[]) {
      it(`shows "${EXPECTED[kind]}" for the ${kind} credential at ${size} width, with nothing fetched from elsewhere`, async () => {
        const v = await visit(f.creds[kind].id, size);
        try {
          const { page } = v;
          expect((await page.locator('.status-word').innerText()).trim()).toBe(EXPECTED[kind]);
          expect(await page.locator('h1').innerText()).toBe(f.creds[kind].recipient.name);

          // Every request went to the bot on 127.0.0.1 and succeeded; the CSP blocked nothing.
          expect(v.requests.length).toBeGreaterThanOrEqual(3); // page, stylesheet, badge (+ fonts)
          for (const url of v.requests) expect(new URL(url).hostname).toBe('127.0.0.1');
          expect(v.failed).toEqual([]);
          expect(v.consoleErrors).toEqual([]);

          // The badge image loaded and has alternative text; the bot's own font is in use.
          const img = await page.$eval('.credential-badge img', (i: any) => ({ ok: i.complete && i.naturalWidth >= 600, alt: i.getAttribute('alt') as string | null }));
          expect(img.ok).toBe(true);
          expect(img.alt).toMatch(/^Badge for .+, awarded to /);
          expect(v.requests.some((u) => u.includes('/assets/fonts/NotoSans-Regular.ttf'))).toBe(true);
          expect(await page.evaluate(() => [...document.fonts].some((ff: any) => ff.family.includes('Credbot Sans') && ff.status === 'loaded'))).toBe(true);

          // Readable: no sideways scrolling on a phone, and text contrast of at least 4.5:1.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTHS[size].width);
          for (const sel of ['.status-word', '.status-text p:last-child', 'h1', '.eyebrow', '.facts dt', '.facts dd', '.button', '.check p + p', '.site-footer p', '.brand'])
            expect(await contrastOf(page, sel)).toBeGreaterThanOrEqual(4.5);

          const shot = await page.screenshot({ path: path.join(SHOTS, `${kind === 'tampered' ? 'invalid' : kind}-${size}.png`), fullPage: size === 'phone' });
          expect(shot.readUInt32BE(16)).toBe(WIDTHS[size].width);
        } finally {
          await v.close();
        }
      }, 60_000);
    }
  }

  it('downloads the certificate PDF with a file name a person recognises', async () => {
    const v = await visit(f.creds.valid.id, 'desktop');
    try {
      const [download] = await Promise.all([v.page.waitForEvent('download'), v.page.getByRole('link', { name: 'Certificate (PDF)' }).click()]);
      expect(download.suggestedFilename()).toBe('Data Science Foundations - Zoë Ñúñez-O’Brien - certificate.pdf');
      const file = await download.path();
      expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      await v.close();
    }
  }, 60_000);

  it('draws names in any script with the bot’s own fonts, loading Arabic, CJK and Hangul fonts only when needed', async () => {
    const name = 'محمد عبد الله 李小龍 김민준';
    const { job } = await f.h.engine.startFormJob({
      tenantId: f.tenantId, groupId: 'ds101', startedBy: 'U1', submissionId: 'scripts-1', issuedOn: '2026-11-27',
      recipients: [{ recipient: { name, email: 'scripts@example.org' }, attributes: { grade: 'A' } }],
    });
    await waitForJob(f.h.store, f.tenantId, job.id);
    const [row] = await f.h.engine.rows(f.tenantId, job.id);
    const v = await visit(row!.credentialId!, 'phone');
    const latin = await visit(f.creds.valid.id, 'phone');
    try {
      expect(await v.page.locator('h1').innerText()).toBe(name);
      const fonts = (visit: Visit) => visit.requests.filter((u) => u.includes('/assets/fonts/')).map((u) => new URL(u).pathname.slice('/assets/fonts/'.length));
      expect(fonts(v)).toEqual(expect.arrayContaining(['NotoSansArabic-Bold.ttf', 'DroidSansFallback-CJK.ttf', 'NanumGothic-Hangul.ttf']));
      expect(fonts(latin).sort()).toEqual(['NotoSans-Bold.ttf', 'NotoSans-Regular.ttf']);
      expect(v.failed).toEqual([]);
      // The name's glyphs come from a loaded web font, not from whatever the machine has.
      expect(await v.page.evaluate(() => [...document.fonts].filter((ff: any) => ff.status === 'loaded').length)).toBeGreaterThanOrEqual(4);
    } finally {
      await v.close();
      await latin.close();
    }
  }, 60_000);

  it('shows the friendly not-found page for an unknown credential, in the same frame', async () => {
    const context = await browser.newContext({ viewport: WIDTHS.phone });
    try {
      const page = await context.newPage();
      const res = await page.goto(`${f.url}/credentials/00000000-0000-4000-8000-000000000000`, { waitUntil: 'networkidle' });
      expect(res?.status()).toBe(404);
      expect(await page.locator('h1').innerText()).toBe('We couldn’t find this credential');
      expect(await page.locator('header, main, footer').count()).toBe(3);
    } finally {
      await context.close();
    }
  }, 60_000);
});
