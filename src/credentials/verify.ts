/**
 * @module credentials/verify — what a credential's page and the bot report: is the proof valid,
 * is it revoked (the status-list bit), has it expired (validUntil against an injected clock).
 * A revoked credential still has a valid signature, so the status result is read separately.
 */
import { offlineDocumentLoader, type DocumentLoader, type StatusListSource } from './document-loader.js';
import { fastProofValid, fastRevoked } from './fast-verify.js';
import { verifyWithLibrary, type Json } from './libs.js';
import type { ProofCheck } from './verify-thread.js';

export interface VerifyOptions {
  /** Returns the published status-list credential for a URL (from the store); needed for revocation. */
  statusLists?: StatusListSource;
  now?: () => Date;
  /** Why it was revoked, as recorded by the issuer (the status list has only the bit); shown when revoked. */
  revokedReason?: string;
  /** Where the fast proof check runs (default: in this thread; the pages pass their VerifyThread's `check`). */
  proofCheck?: ProofCheck;
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

interface Verdict {
  signatureValid: boolean;
  revoked: boolean;
  statusFailed: boolean;
  errors: string[];
}

/** The proof and (when asked) the status list, through @digitalbazaar/vc: the reference, and the words for every failure. */
async function libraryVerdict(vc: Json, documentLoader: DocumentLoader, checkAt: Date, checkStatus: boolean): Promise<Verdict> {
  const verdict: Verdict = { signatureValid: false, revoked: false, statusFailed: false, errors: [] };
  try {
    const result = await verifyWithLibrary({ credential: vc, documentLoader, now: checkAt, checkStatus });
    const status = result.statusResult as StatusResult | undefined;
    verdict.signatureValid = result.verified || (status !== undefined && !status.verified);
    if (!verdict.signatureValid) verdict.errors.push(...messages(result.error ?? result.results?.map((r) => (r as { error?: unknown }).error)));
    if (status) {
      verdict.statusFailed = !status.verified;
      if (verdict.statusFailed) verdict.errors.push(...messages(status.error).map((m) => `Status check failed: ${m}`));
      verdict.revoked = status.verified && (status.results ?? []).some((r) => r.status);
    }
  } catch (e) {
    verdict.errors.push(...messages(e));
  }
  return verdict;
}

/**
 * Verifies the Data Integrity proof (fast path for our own credentials, else @digitalbazaar/vc), then
 * the revocation bit and expiry.
 * `revokedReason` comes from the caller (the store knows it; the status list does not).
 */
export async function verifyCredential(credential: object, opts: VerifyOptions = {}): Promise<VerificationResult> {
  const vc = credential as Record<string, unknown>;
  const problem = shapeProblem(vc);
  if (problem) return { status: 'invalid', signatureValid: false, revoked: false, expired: false, errors: [problem] };
  const now = opts.now?.() ?? new Date();
  const validUntil = typeof vc.validUntil === 'string' ? new Date(vc.validUntil) : undefined;
  const expired = validUntil !== undefined && !Number.isNaN(validUntil.getTime()) && validUntil.getTime() < now.getTime();
  // The library also rejects expired credentials; check the proof at issue time so an expired
  // credential is reported as "expired" with a valid signature rather than "invalid".
  const checkAt = expired && typeof vc.validFrom === 'string' ? new Date(vc.validFrom) : now;
  const hasStatus = vc.credentialStatus !== undefined;
  const documentLoader = offlineDocumentLoader({ statusLists: opts.statusLists });

  // Fast path first (our own credentials: no JSON-LD); it only ever confirms, the library words any failure.
  const checkStatus = hasStatus && !!opts.statusLists;
  const fastSignature = await (opts.proofCheck ?? fastProofValid)(vc as Json, checkAt);
  const fastRevocation = fastSignature && checkStatus ? await fastRevoked(vc as Json, opts.statusLists!, documentLoader) : undefined;
  const verdict: Verdict =
    fastSignature && (!checkStatus || fastRevocation !== undefined)
      ? { signatureValid: true, revoked: fastRevocation === true, statusFailed: false, errors: [] }
      : await libraryVerdict(vc as Json, documentLoader, checkAt, checkStatus);
  const { signatureValid, revoked, statusFailed } = verdict;
  const errors = verdict.errors;
  if (hasStatus && !opts.statusLists && signatureValid) errors.push('Revocation was not checked: no status list source was given');
  if (expired) errors.push(`Expired on ${vc.validUntil as string}`);
  if (revoked) errors.push('Revoked by the issuer');

  const status: VerificationResult['status'] = !signatureValid || statusFailed ? 'invalid' : revoked ? 'revoked' : expired ? 'expired' : 'valid';
  return { status, signatureValid, revoked, ...(revoked && opts.revokedReason ? { revokedReason: opts.revokedReason } : {}), expired, errors };
}
