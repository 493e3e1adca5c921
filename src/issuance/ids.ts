/**
 * @module issuance/ids — the ids that make issuing idempotent: a job's idempotency key (same source,
 * same group: same job) and a credential id that is a pure function of (job, row), so re-running a
 * batch after a crash writes the same ids and the store recognises them.
 */
import { hash, randomUUID } from 'node:crypto';
import type { JobSource, TenantId } from '../domain/types.js';

function sha256(text: string): Buffer {
  return hash('sha256', text, 'buffer');
}

/** Hex digit → the same digit with the RFC 9562 variant bits (10xx) set. */
const VARIANT: Record<string, string> = Object.fromEntries([...'0123456789abcdef'].map((d, i) => [d, ((i & 0x3) | 0x8).toString(16)]));

/**
 * A UUID (RFC 9562 version 8, "custom") from the first 16 bytes of sha256(jobId:row): version
 * nibble 8, variant bits 10. Worked on the hex digest directly (once per credential: no Buffers).
 */
export function credentialIdFor(jobId: string, row: number): string {
  const h = hash('sha256', `${jobId}:${row}`, 'hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${VARIANT[h[16]!]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** What identifies "the same job": tenant + source + group. Hashed so a long file name cannot bloat keys. */
export function idempotencyKeyFor(tenant: TenantId, source: JobSource, groupId: string): string {
  const sourceKey = source.kind === 'csv' ? `csv:${source.fileId}:${source.contentHash}` : `form:${source.submissionId}`;
  return `issue:${sha256(JSON.stringify([tenant, sourceKey, groupId])).toString('hex').slice(0, 32)}`;
}

/** Where a job's plan (blob key, mapping, form rows) is kept: derived from the idempotency key, so it is written before the job exists. */
export function planKeyFor(idempotencyKey: string): string {
  return `issuance-plan:${idempotencyKey}`;
}

export function newJobId(): string {
  return randomUUID();
}
