/**
 * @module web/page/view — what the verification page shows, read from the signed credential itself
 * (what any verifier checks, not our records) plus the result of verifying it just now. The status
 * comes from verification; the store adds only what a status list cannot carry (why it was revoked).
 */
import type { CredentialRecord } from '../../domain/types.js';

export type PageStatus =
  | { kind: 'valid' }
  | { kind: 'revoked'; reason?: string; at?: string }
  | { kind: 'expired'; at?: string }
  /** `signatureValid` true: the proof holds but the revocation list could not be checked (not "Signature invalid"). */
  | { kind: 'invalid'; why: string; signatureValid: boolean };

/** One line of "how this was checked": each check passes, fails, or could not run. */
export interface Check {
  name: string;
  outcome: 'pass' | 'fail' | 'unknown';
  detail: string;
}

export interface CredentialPageView {
  id: string;
  recipientName: string;
  achievementName: string;
  description?: string;
  criteria?: string;
  courseUrl?: string;
  /** BCP 47 tag of the achievement's texts (the group's language). */
  language?: string;
  issuerName: string;
  issuerUrl?: string;
  issuedOn?: string;
  expiresOn?: string;
  results: { name: string; value: string }[];
  status: PageStatus;
  checks: Check[];
  checkedAt: Date;
}

/** What verification reported; `signatureValid` is there when credentials/verify gave its full result. */
export interface Verification {
  status: 'valid' | 'revoked' | 'expired' | 'invalid';
  errors: string[];
  signatureValid?: boolean;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
export const httpUrl = (u?: string): string | undefined => (u && /^https?:\/\/[^\s]+$/i.test(u) ? u : undefined);

/** "29 November 2026" (UTC, so a date never shifts by a day); the raw text when it is not a date. */
// One formatter for the process: toLocaleDateString builds a new one per call, which showed in profiles.
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function longDate(iso?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : LONG_DATE.format(d);
}

/** Attribute keys are snake_case (`final_grade`); people read "Final grade". */
function label(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Result';
}

/** A library message without stack-trace tails, short enough for a page. */
function plain(message: string): string {
  return message.replace(/\s+at\s.*$/s, '').slice(0, 200);
}

function statusOf(record: CredentialRecord, signed: Json, result: Verification): PageStatus {
  switch (result.status) {
    case 'valid':
      return { kind: 'valid' };
    case 'revoked':
      return { kind: 'revoked', reason: record.revokedReason, at: record.revokedAt };
    case 'expired':
      return { kind: 'expired', at: str(signed.validUntil) ?? record.expiresOn };
    default:
      return { kind: 'invalid', why: plain(result.errors[0] ?? 'The signature does not match the credential.'), signatureValid: signatureOk(result) };
  }
}

const statusCheckFailed = (result: Verification) => result.errors.some((e) => e.startsWith('Status check failed'));

/** Whether the proof held; from verification's own flag when it gives one. */
function signatureOk(result: Verification): boolean {
  return result.signatureValid ?? (result.status !== 'invalid' || statusCheckFailed(result));
}

function checksOf(status: PageStatus, result: Verification, checkedAt: Date, validUntil?: string): Check[] {
  const statusFailed = statusCheckFailed(result);
  const proofHolds = signatureOk(result);
  const signature: Check = proofHolds
    ? { name: 'Signature', outcome: 'pass', detail: 'The issuer’s digital signature matches: nothing was changed since it was issued.' }
    : { name: 'Signature', outcome: 'fail', detail: 'The digital signature does not match the content: this credential was altered or not issued as shown.' };
  const revocation: Check =
    status.kind === 'revoked'
      ? { name: 'Revocation', outcome: 'fail', detail: `The issuer revoked it${status.at ? ` on ${longDate(status.at)}` : ''}.` }
      : statusFailed || !proofHolds
        ? { name: 'Revocation', outcome: 'unknown', detail: 'The issuer’s revocation list could not be checked.' }
        : { name: 'Revocation', outcome: 'pass', detail: 'Not revoked: the issuer’s signed revocation list was checked.' };
  // A revoked or invalid credential may also be past its date: say so, whatever the headline status.
  const lapsed = status.kind === 'expired' || (validUntil !== undefined && new Date(validUntil).getTime() < checkedAt.getTime());
  const expiry: Check = !validUntil
    ? { name: 'Expiry', outcome: 'pass', detail: 'Does not expire.' }
    : lapsed
      ? { name: 'Expiry', outcome: 'fail', detail: `Expired on ${longDate(validUntil)}.` }
      : { name: 'Expiry', outcome: 'pass', detail: `Valid until ${longDate(validUntil)}.` };
  return [signature, revocation, expiry];
}

/** Who and what, as the signed credential names them: for titles and file names. */
export function namesOf(record: CredentialRecord): { recipientName: string; achievementName: string } {
  const subject = obj(record.signed.credentialSubject);
  // The name identity carries the display name in clear (the email identity is a salted hash, never shown).
  const nameId = list(subject.identifier).find((i) => i.identityType === 'name');
  return {
    recipientName: str(nameId?.identityHash) ?? record.recipient.name,
    achievementName: str(obj(subject.achievement).name) ?? str(record.signed.name) ?? 'Credential',
  };
}

export function pageViewOf(record: CredentialRecord, result: Verification, checkedAt: Date): CredentialPageView {
  const signed = record.signed;
  const subject = obj(signed.credentialSubject);
  const achievement = obj(subject.achievement);
  const issuer = obj(signed.issuer);
  const descriptions = new Map(list(achievement.resultDescription).map((d) => [str(d.id), str(d.name)]));
  const results = list(subject.result)
    .map((r) => ({ name: label(descriptions.get(str(r.resultDescription)) ?? ''), value: str(r.value) ?? '' }))
    .filter((r) => r.value !== '');
  const description = str(achievement.description);
  const criteria = str(obj(achievement.criteria).narrative);
  const status = statusOf(record, signed, result);
  const validUntil = str(signed.validUntil);
  return {
    id: record.id,
    ...namesOf(record),
    description,
    criteria: criteria && criteria !== description ? criteria : undefined,
    language: str(achievement.inLanguage),
    courseUrl: httpUrl(str(list(achievement.alignment)[0]?.targetUrl)),
    issuerName: str(issuer.name) ?? 'Unknown issuer',
    issuerUrl: httpUrl(str(issuer.url)),
    issuedOn: str(signed.validFrom),
    expiresOn: validUntil,
    results,
    status,
    checks: checksOf(status, result, checkedAt, validUntil),
    checkedAt,
  };
}
