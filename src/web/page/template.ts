/**
 * @module web/page/template — the verification page of one credential: status first (words and an
 * icon, never colour alone), then who received what from whom and when, the downloads, what the
 * achievement is, and how the status was checked. Every value is escaped.
 */
import { icons } from './icons.js';
import { pageShell } from './layout.js';
import { escapeHtml as e } from './respond.js';
import { longDate, type Check, type CredentialPageView, type PageStatus } from './view.js';

export interface PageLinks {
  /** Absolute URLs: what unfurlers and LinkedIn are given. */
  pageUrl: string;
  badgeImageUrl: string;
  /** Same-origin paths: what the browser loads and downloads. */
  badgePath: string;
  certificatePath: string;
  jsonPath: string;
  linkedInUrl: string;
  /** File names offered by the download links. */
  badgeFile: string;
  certificateFile: string;
  jsonFile: string;
}

const WORD: Record<PageStatus['kind'], string> = { valid: 'Verified', revoked: 'Revoked', expired: 'Expired', invalid: 'Signature invalid' };

/** The status in one or two words; a sound signature whose revocation list could not be read is not called invalid. */
const word = (s: PageStatus) => (s.kind === 'invalid' && s.signatureValid ? 'Not verified' : WORD[s.kind]);

function checkedAtText(at: Date): string {
  const time = at.toISOString().slice(11, 16);
  return `${longDate(at.toISOString())} at ${time} UTC`;
}

function statusBanner(v: CredentialPageView): string {
  const s = v.status;
  const checked = `<span class="status-checked">Checked ${e(checkedAtText(v.checkedAt))}.</span>`;
  let icon: string;
  let text: string;
  switch (s.kind) {
    case 'valid':
      icon = icons.check('status-icon');
      text = `This credential is genuine: ${e(v.issuerName)} issued it, it has not been changed, and it has not been revoked.`;
      break;
    case 'revoked':
      icon = icons.cross('status-icon');
      text = `${e(v.issuerName)} revoked this credential${s.at ? ` on ${e(longDate(s.at))}` : ''}. It is no longer valid.${s.reason ? ` <span class="status-reason">Reason: ${e(s.reason)}</span>` : ''}`;
      break;
    case 'expired':
      icon = icons.clock('status-icon');
      text = `This credential expired on ${e(longDate(s.at))}. Its signature is genuine, but it is no longer current.`;
      break;
    case 'invalid':
      icon = icons.cross('status-icon');
      text = `This credential could not be verified, so do not rely on it. <span class="status-reason">${e(s.why)}</span>`;
      break;
  }
  return `<section class="status status-${s.kind}" aria-labelledby="status-word">
${icon}
<div class="status-text">
<p class="status-word" id="status-word">${word(s)}</p>
<p>${text} ${checked}</p>
</div>
</section>`;
}

/** Words that never vouch for more than was verified: an altered credential only "claims". */
function eyebrow(v: CredentialPageView): string {
  if (v.status.kind === 'invalid') return 'This credential claims that';
  if (v.status.kind === 'revoked') return `${e(v.issuerName)} awarded this credential to`;
  return `${e(v.issuerName)} certifies that`;
}

function facts(v: CredentialPageView): string {
  const issuer = v.issuerUrl ? `<a href="${e(v.issuerUrl)}" rel="noopener noreferrer">${e(v.issuerName)}</a>` : e(v.issuerName);
  const rows: [string, string][] = [
    ['Issued by', issuer],
    ['Issued on', e(longDate(v.issuedOn))],
    [v.status.kind === 'expired' ? 'Expired on' : 'Expires', v.expiresOn ? e(longDate(v.expiresOn)) : 'Does not expire'],
  ];
  const id = `<div class="fact-wide"><dt>Credential ID</dt><dd class="mono">${e(v.id)}</dd></div>`;
  return `<dl class="facts">\n${rows.map(([k, val]) => `<div><dt>${k}</dt><dd>${val}</dd></div>`).join('\n')}\n${id}\n</dl>`;
}

/** Downloads and sharing only while the credential holds; anyone may still fetch the signed JSON to check it. */
function actions(v: CredentialPageView, l: PageLinks): string {
  const json = `<a class="button" href="${e(l.jsonPath)}" download="${e(l.jsonFile)}">${icons.code()}<span>Credential data (JSON)</span></a>`;
  if (v.status.kind === 'revoked' || v.status.kind === 'invalid') {
    return `<div class="actions" role="group" aria-label="Credential data">${json}</div>`;
  }
  const linkedIn =
    v.status.kind === 'valid'
      ? `<a class="button button-linkedin" href="${e(l.linkedInUrl)}" rel="noopener noreferrer">${icons.share()}<span>Add to LinkedIn profile</span></a>`
      : '';
  return `<div class="actions" role="group" aria-label="Downloads and sharing">
<a class="button button-primary" href="${e(l.certificatePath)}" download="${e(l.certificateFile)}">${icons.download()}<span>Certificate (PDF)</span></a>
<a class="button" href="${e(l.badgePath)}" download="${e(l.badgeFile)}">${icons.download()}<span>Badge (PNG)</span></a>
${json}
${linkedIn}
</div>`;
}

/**
 * The course texts are in the group's language; screen readers pronounce them right when told.
 * (Names and course texts may be right-to-left: they carry dir="auto" so Arabic reads correctly.)
 */
function textLang(v: CredentialPageView): string {
  return v.language && !/^en(-|$)/i.test(v.language) ? ` lang="${e(v.language)}"` : '';
}

function about(v: CredentialPageView): string {
  const parts: string[] = [];
  const lang = textLang(v);
  if (v.description) parts.push(`<p dir="auto"${lang}>${e(v.description)}</p>`);
  if (v.criteria) parts.push(`<h3>Criteria</h3>\n<p dir="auto"${lang}>${e(v.criteria)}</p>`);
  if (v.results.length) {
    parts.push(`<h3>Results</h3>\n<dl class="results">${v.results.map((r) => `<div><dt>${e(r.name)}</dt><dd dir="auto">${e(r.value)}</dd></div>`).join('')}</dl>`);
  }
  if (v.courseUrl) parts.push(`<p class="course-link"><a href="${e(v.courseUrl)}" rel="noopener noreferrer">Course page</a></p>`);
  if (!parts.length) return '';
  return `<section class="panel" aria-labelledby="about-title">
<h2 id="about-title">About this achievement</h2>
${parts.join('\n')}
</section>`;
}

const CHECK_WORD: Record<Check['outcome'], string> = { pass: 'Passed', fail: 'Failed', unknown: 'Not checked' };

function checks(v: CredentialPageView): string {
  const icon = (c: Check) =>
    c.outcome === 'pass' ? icons.check('check-icon') : c.outcome === 'unknown' ? icons.unknown('check-icon') : c.name === 'Expiry' ? icons.clock('check-icon') : icons.cross('check-icon');
  const items = v.checks
    .map((c) => `<li class="check check-${c.outcome}">${icon(c)}<div><p class="check-name">${e(c.name)}: <span class="check-outcome">${CHECK_WORD[c.outcome]}</span></p><p>${e(c.detail)}</p></div></li>`)
    .join('\n');
  return `<section class="panel" aria-labelledby="checks-title">
<h2 id="checks-title">How this was checked</h2>
<ul class="checks">
${items}
</ul>
<p class="muted">This is an Open Badges 3.0 credential, signed by the issuer (Ed25519, Data Integrity eddsa-rdfc-2022). Any Open Badges verifier can check the credential data on its own.</p>
</section>`;
}

function openGraph(v: CredentialPageView, l: PageLinks, title: string, description: string): string {
  const alt = `Badge: ${v.achievementName}, awarded to ${v.recipientName} by ${v.issuerName}`;
  const tags: [string, string, string][] = [
    ['property', 'og:type', 'website'],
    ['property', 'og:site_name', v.issuerName],
    ['property', 'og:title', title],
    ['property', 'og:description', description],
    ['property', 'og:url', l.pageUrl],
    ['property', 'og:image', l.badgeImageUrl],
    ['property', 'og:image:type', 'image/png'],
    ['property', 'og:image:width', '600'],
    ['property', 'og:image:height', '600'],
    ['property', 'og:image:alt', alt],
    ['name', 'twitter:card', 'summary_large_image'],
    ['name', 'twitter:title', title],
    ['name', 'twitter:description', description],
    ['name', 'twitter:image', l.badgeImageUrl],
    ['name', 'twitter:image:alt', alt],
  ];
  return [`<link rel="canonical" href="${e(l.pageUrl)}">`, ...tags.map(([attr, key, value]) => `<meta ${attr}="${key}" content="${e(value)}">`)].join('\n');
}

export function credentialPage(v: CredentialPageView, l: PageLinks): string {
  const title = `${v.recipientName} — ${v.achievementName}`;
  const issued = v.issuedOn ? ` on ${longDate(v.issuedOn)}` : '';
  const description = `${word(v.status)} credential: ${v.achievementName}, awarded to ${v.recipientName} by ${v.issuerName}${issued}.`;
  const alt = `Badge for ${v.achievementName}, awarded to ${v.recipientName}`;
  const main = `${statusBanner(v)}
<article class="credential" aria-labelledby="recipient-name">
<div class="credential-badge"><img src="${e(l.badgePath)}" width="600" height="600" alt="${e(alt)}"></div>
<div class="credential-body">
<p class="eyebrow">${eyebrow(v)}</p>
<h1 id="recipient-name" dir="auto">${e(v.recipientName)}</h1>
<p class="earned">${v.status.kind === 'revoked' ? 'for' : 'has earned'} <span class="achievement-name" dir="auto"${textLang(v)}>${e(v.achievementName)}</span></p>
${facts(v)}
${actions(v, l)}
</div>
</article>
${about(v)}
${checks(v)}`;
  return pageShell({
    title: `${title} | ${v.issuerName}`,
    description,
    head: openGraph(v, l, title, description),
    main,
    issuerName: v.issuerName,
    bodyClass: `is-${v.status.kind}`,
  });
}
