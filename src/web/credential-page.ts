/**
 * @module web/credential-page — the public page of one credential: who received what from whom,
 * when, and whether it holds right now (computed by verifying it). Never shows an email: the
 * recipient is named, the email exists only as a salted hash inside the credential.
 */
import { escapeHtml, layout } from './html.js';

export type CredentialState =
  | { kind: 'valid' }
  | { kind: 'revoked'; reason?: string; at?: string }
  | { kind: 'expired'; at?: string }
  | { kind: 'invalid'; why: string };

export interface CredentialView {
  recipientName: string;
  achievementName: string;
  achievementDescription?: string;
  criteria?: string;
  issuerName: string;
  issuerUrl?: string;
  validFrom?: string;
  validUntil?: string;
  results: { name: string; value: string }[];
  state: CredentialState;
  jsonUrl: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Reads what the page shows from the signed credential itself (what a verifier checks), not from our records. */
export function viewOf(signed: Json, fallbackName: string, state: CredentialState, jsonUrl: string): CredentialView {
  const subject = obj(signed.credentialSubject);
  const achievement = obj(subject.achievement);
  const issuer = obj(signed.issuer);
  const ids = Array.isArray(subject.identifier) ? (subject.identifier as Json[]) : [];
  const nameId = ids.find((i) => obj(i).identityType === 'name');
  const descriptions = new Map(
    (Array.isArray(achievement.resultDescription) ? (achievement.resultDescription as Json[]) : []).map((d) => [str(d.id), str(d.name)]),
  );
  const results = (Array.isArray(subject.result) ? (subject.result as Json[]) : []).map((r) => ({
    name: descriptions.get(str(r.resultDescription)) ?? 'Result',
    value: str(r.value) ?? '',
  }));
  return {
    recipientName: str(nameId?.identityHash) ?? fallbackName,
    achievementName: str(achievement.name) ?? str(signed.name) ?? 'Credential',
    achievementDescription: str(achievement.description),
    criteria: str(obj(achievement.criteria).narrative),
    issuerName: str(issuer.name) ?? 'Unknown issuer',
    issuerUrl: str(issuer.url),
    validFrom: str(signed.validFrom),
    validUntil: str(signed.validUntil),
    results,
    state,
    jsonUrl,
  };
}

function day(iso?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function statusBadge(s: CredentialState): string {
  switch (s.kind) {
    case 'valid':
      return '<span class="status valid">Valid</span>';
    case 'revoked':
      return `<span class="status revoked">Revoked</span>${s.reason ? ` <span>Reason: ${escapeHtml(s.reason)}</span>` : ''}${s.at ? ` <span>(${escapeHtml(day(s.at))})</span>` : ''}`;
    case 'expired':
      return `<span class="status expired">Expired</span>${s.at ? ` <span>on ${escapeHtml(day(s.at))}</span>` : ''}`;
    case 'invalid':
      return `<span class="status invalid">Signature invalid</span> <span>${escapeHtml(s.why)}</span>`;
  }
}

const safeHttpUrl = (u?: string) => (u && /^https?:\/\//i.test(u) ? u : undefined);

export function credentialPage(v: CredentialView): string {
  const issuerUrl = safeHttpUrl(v.issuerUrl);
  const issuer = issuerUrl ? `<a href="${escapeHtml(issuerUrl)}" rel="noopener">${escapeHtml(v.issuerName)}</a>` : escapeHtml(v.issuerName);
  const rows = [
    ['Status', statusBadge(v.state)],
    ['Awarded to', escapeHtml(v.recipientName)],
    ['Achievement', escapeHtml(v.achievementName)],
    ...(v.achievementDescription ? [['Description', escapeHtml(v.achievementDescription)]] : []),
    ...(v.criteria && v.criteria !== v.achievementDescription ? [['Criteria', escapeHtml(v.criteria)]] : []),
    ['Issued by', issuer],
    ['Issued on', escapeHtml(day(v.validFrom))],
    ...(v.validUntil ? [['Valid until', escapeHtml(day(v.validUntil))]] : []),
    ...v.results.map((r) => [escapeHtml(r.name), escapeHtml(r.value)]),
  ];
  const body = `<p>${escapeHtml(v.issuerName)} certifies that</p>
<h1>${escapeHtml(v.recipientName)} — ${escapeHtml(v.achievementName)}</h1>
<dl>
${rows.map(([k, val]) => `<dt>${k}</dt><dd>${val}</dd>`).join('\n')}
</dl>
<footer>This is an Open Badges 3.0 credential; its status was checked by verifying its signature and revocation list just now. <a href="${escapeHtml(v.jsonUrl)}">Credential data (JSON)</a></footer>`;
  return layout(`${v.recipientName} — ${v.achievementName}`, body);
}
