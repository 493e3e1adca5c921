/**
 * @module issuance/ids — the ids that make issuing idempotent: a job's idempotency key (same source,
 * same group: same job) and a credential id that is a pure function of (job, row), so re-running a
 * batch after a crash writes the same ids and the store recognises them.
 */
import { hash, randomUUID } from 'node:crypto';
import type { JobSource, TenantId } from '../domain/types.js';

/** One-shot: a Hash object per id was a measurable share of the issuing thread's garbage. */
function sha256(text: string): Buffer {
  return hash('sha256', text, 'buffer');
}

/** A UUID (RFC 9562 version 8, "custom") from the first 16 bytes of sha256(jobId:row). */
export function credentialIdFor(jobId: string, row: number): string {
  const b = sha256(`${jobId}:${row}`).subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80; // version 8
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC variant
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
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
