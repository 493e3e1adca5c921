/**
 * @module delivery/email-template — a group's email (subject and body with placeholders as in designs)
 * filled for one credential: a plain-text part and an HTML part. Staff write plain text; the HTML part
 * is that text escaped, so a name such as `<script>` or `Tom & Jerry` shows as typed and runs nothing.
 */
import type { Group } from '../domain/types.js';
import { fillPlaceholders, findPlaceholders, isKnownPlaceholder, type PlaceholderValues } from '../render/index.js';

export const DEFAULT_SUBJECT = 'Your credential: {{group.course_name}}';

export const DEFAULT_BODY = [
  'Hello {{recipient.name}},',
  '',
  'Congratulations! {{issuer.name}} has issued you a credential for {{group.course_name}}.',
  '',
  'It is a verifiable Open Badges 3.0 credential: anyone can check it at the link below, and you can add it to your profile or digital wallet.',
].join('\n');

/** Besides the design placeholders, an email may place the verification link itself. */
export const LINK_PLACEHOLDER = 'credential.url';

/** The content id the HTML part uses for the inline badge image (`<img src="cid:…">`). */
export const BADGE_CID = 'badge@credbot';

export interface FilledEmail {
  subject: string;
  text: string;
  html: string;
}

/** Problems in a template a person typed (for forms): unknown placeholders such as `{{recipent.name}}`. */
export function checkEmailTemplate(template: string): string | undefined {
  const unknown = findPlaceholders(template).filter((n) => n !== LINK_PLACEHOLDER && !isKnownPlaceholder(n));
  return unknown.length ? `Unknown placeholders ${unknown.map((n) => `{{${n}}}`).join(', ')}. Run \`/issue-credential attributes\` to see the ones you can use.` : undefined;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function fill(template: string, values: PlaceholderValues, link: string): string {
  const withLink = template.replace(/\{\{\s*credential\.url\s*\}\}/g, link);
  return fillPlaceholders(withLink, values, { escape: 'none' }).text;
}

/** Plain text to HTML paragraphs; the verification link (and only it) becomes a link. */
function textToHtml(text: string, link: string): string {
  return text
    .split(/\n{2,}/)
    .map((para) => escapeHtml(para).split(escapeHtml(link)).join(`<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`).replace(/\n/g, '<br>'))
    .map((para) => `<p style="margin:0 0 16px">${para}</p>`)
    .join('\n');
}

export interface EmailInput {
  group: Pick<Group, 'emailSubject' | 'emailBody'>;
  values: PlaceholderValues;
  /** The public verification page of the credential. */
  link: string;
  /** Whether a badge image goes inline (cid `BADGE_CID`). */
  withBadge: boolean;
  courseName: string;
  /** BCP 47 tag of the group's language, for the HTML part (screen readers pick the voice by it). */
  language?: string;
}

/** The subject, the plain-text part and the HTML part of one credential's email. */
export function fillEmail(input: EmailInput): FilledEmail {
  const { link } = input;
  // A subject is one header line: line breaks a template or a value might bring are flattened.
  const subject = fill(input.group.emailSubject?.trim() || DEFAULT_SUBJECT, input.values, link).replace(/[\r\n]+/g, ' ').trim();
  const body = fill(input.group.emailBody?.trim() || DEFAULT_BODY, input.values, link).replace(/\r\n?/g, '\n').trim();
  // The link is always there, even when a custom body forgets it: it is what the email is for.
  const text = body.includes(link) ? `${body}\n` : `${body}\n\nView and verify your credential:\n${link}\n`;
  const badge = input.withBadge
    ? `<p style="margin:0 0 16px"><img src="cid:${BADGE_CID}" alt="${escapeHtml(`Badge: ${input.courseName}`)}" width="200" height="200" style="display:block;border:0"></p>\n`
    : '';
  const html = [
    '<!doctype html>',
    `<html lang="${escapeHtml(input.language ?? 'en')}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;max-width:600px">',
    badge + textToHtml(body, link),
    `<p style="margin:24px 0"><a href="${escapeHtml(link)}" style="background:#1f4e79;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">View your credential</a></p>`,
    `<p style="margin:0;font-size:12px;color:#555555">Or open this link: <a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
