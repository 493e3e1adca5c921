/**
 * @module credentials/verify — what a credential's page and the bot report: is the proof valid,
 * is it revoked (the status-list bit), has it expired (validUntil against an injected clock).
 * A revoked credential still has a valid signature, so the status result is read separately.
 */
import { offlineDocumentLoader, type StatusListSource } from './document-loader.js';
import { verifyWithLibrary, type Json } from './libs.js';

export interface VerifyOptions {
  /** Returns the published status-list credential for a URL (from the store); needed for revocation. */
  statusLists?: StatusListSource;
  now?: () => Date;
  /** Why it was revoked, as recorded by the issuer (the status list has only the bit); shown when revoked. */
  revokedReason?: string;
}

export interface VerificationResult {
  status: 'valid' | 'revoked' | 'expired' | 'invalid';
  signatureValid: boolean;
  revoked: boolean;
  revokedReason?: string;
  expired: boolean;
  errors: string[];
}

function messages(error: unknown): string[] {
  if (!error) return [];
  if (Array.isArray(error)) return error.flatMap(messages);
  const e = error as { message?: string; errors?: unknown[]; cause?: unknown };
  const nested = e.errors?.length ? e.errors.flatMap(messages) : [];
  return nested.length ? nested : [e.message ?? String(error)];
}

/** Why this is not even a signed credential, before any cryptography (the library's errors are cryptic here). */
function shapeProblem(vc: Record<string, unknown>): string | undefined {
  if (!vc || typeof vc !== 'object' || Array.isArray(vc)) return 'Not a verifiable credential: expected a JSON object';
  if (!Array.isArray(vc['@context'])) return 'Not a verifiable credential: "@context" must be an array';
  if (!Array.isArray(vc.type) || !vc.type.includes('VerifiableCredential')) return 'Not a verifiable credential: "type" must include "VerifiableCredential"';
  if (vc.proof === undefined || (Array.isArray(vc.proof) && vc.proof.length === 0)) return 'The credential is not signed: it has no "proof"';
  return undefined;
}

interface StatusResult {
  verified: boolean;
  error?: unknown;
  results?: { verified: boolean; status: boolean }[];
}

/**
 * Verifies the Data Integrity proof with @digitalbazaar/vc, then the revocation bit and expiry.
 * `revokedReason` comes from the caller (the store knows it; the status list does not).
 */
export async function verifyCredential(credential: object, opts: VerifyOptions = {}): Promise<VerificationResult> {
  const vc = credential as Record<string, unknown>;
  const problem = shapeProblem(vc);
  if (problem) return { status: 'invalid', signatureValid: false, revoked: false, expired: false, errors: [problem] };
  const now = opts.now?.() ?? new Date();
  const errors: string[] = [];
  const validUntil = typeof vc.validUntil === 'string' ? new Date(vc.validUntil) : undefined;
  const expired = validUntil !== undefined && !Number.isNaN(validUntil.getTime()) && validUntil.getTime() < now.getTime();
  // The library also rejects expired credentials; check the proof at issue time so an expired
  // credential is reported as "expired" with a valid signature rather than "invalid".
  const checkAt = expired && typeof vc.validFrom === 'string' ? new Date(vc.validFrom) : now;
  const hasStatus = vc.credentialStatus !== undefined;
  const documentLoader = offlineDocumentLoader({ statusLists: opts.statusLists });

  let signatureValid = false;
  let revoked = false;
  let statusFailed = false;
  try {
    const result = await verifyWithLibrary({ credential: vc as Json, documentLoader, now: checkAt, checkStatus: hasStatus && !!opts.statusLists });
    const status = result.statusResult as StatusResult | undefined;
    signatureValid = result.verified || (status !== undefined && !status.verified);
    if (!signatureValid) errors.push(...messages(result.error ?? result.results?.map((r) => (r as { error?: unknown }).error)));
    if (status) {
      statusFailed = !status.verified;
      if (statusFailed) errors.push(...messages(status.error).map((m) => `Status check failed: ${m}`));
      revoked = status.verified && (status.results ?? []).some((r) => r.status);
    } else if (hasStatus && !opts.statusLists && signatureValid) {
      errors.push('Revocation was not checked: no status list source was given');
    }
  } catch (e) {
    errors.push(...messages(e));
  }
  if (expired) errors.push(`Expired on ${vc.validUntil as string}`);
  if (revoked) errors.push('Revoked by the issuer');

  const status: VerificationResult['status'] = !signatureValid || statusFailed ? 'invalid' : revoked ? 'revoked' : expired ? 'expired' : 'valid';
  return { status, signatureValid, revoked, ...(revoked && opts.revokedReason ? { revokedReason: opts.revokedReason } : {}), expired, errors };
}
