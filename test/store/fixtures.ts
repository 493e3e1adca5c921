/** @module test/store/fixtures — small factories for store records, so each test states only what it is about. */
import type { CredentialRecord, Design, Group, Job, TenantId } from '../../src/domain/types.js';

const AT = '2026-11-29T07:00:00.000Z';

export function design(tenantId: TenantId, id: string, name: string): Design {
  return {
    id, tenantId, kind: 'badge', name, template: 'badge-circle',
    colours: { primary: '#1f4e79', secondary: '#ffffff', text: '#000000' },
    text: { title: '{{group.course_name}}' }, createdBy: 'U1', createdAt: AT, updatedAt: AT,
  };
}

export function group(tenantId: TenantId, id: string, name: string, allowDuplicates = false): Group {
  return {
    id, tenantId, name, courseName: name, courseDescription: 'A course', expiry: { kind: 'none' },
    allowDuplicates, customAttributes: ['grade'], language: 'en', createdBy: 'U1', createdAt: AT, updatedAt: AT,
  };
}

export function credential(tenantId: TenantId, id: string, groupId: string, email: string, index = 0): CredentialRecord {
  return {
    id, tenantId, groupId, recipient: { name: `Person ${id}`, email }, emailKey: email.trim().toLowerCase(),
    issuedOn: AT, attributes: { grade: 'A' }, status: 'issued', statusListId: 'list-1', statusListIndex: index,
    signed: { type: ['VerifiableCredential', 'OpenBadgeCredential'], id: `urn:uuid:${id}` },
  };
}

export function job(tenantId: TenantId, id: string, createdAt = AT, state: Job['state'] = 'queued'): Job {
  return {
    id, tenantId, groupId: 'g1', source: { kind: 'form', submissionId: `sub-${id}` }, startedBy: 'U1', state,
    counts: { total: 0, processed: 0, issued: 0, skipped: 0, failed: 0 }, createdAt, updatedAt: createdAt,
    conversation: { channel: 'C1', thread: '1700000000.000100' },
  };
}

/** A deliberately poor random source: a tiny cycle of values, so candidate indexes collide a lot. */
export function weakRandom(values = [0.1, 0.5, 0.1, 0.9]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}
