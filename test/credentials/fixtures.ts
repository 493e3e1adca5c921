/** @module test/credentials/fixtures — a group, an issuer and credential inputs for the credentials tests. */
import type { Group } from '../../src/domain/types.js';
import type { CredentialInput } from '../../src/credentials/index.js';

export const BASE_URL = 'https://credbot.example.edu';
export const TENANT = 'slack:T0CRED';
export const ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

export function group(over: Partial<Group> = {}): Group {
  return {
    id: 'grp-1',
    tenantId: TENANT,
    name: 'Spring cohort',
    courseName: 'Intro to Data Science',
    courseDescription: 'Twelve weeks of statistics and Python.',
    courseLink: 'https://learn.example.edu/courses/ds101',
    criteria: 'Completed all labs and the final project.',
    expiry: { kind: 'none' },
    allowDuplicates: false,
    customAttributes: ['grade', 'hours'],
    language: 'en',
    createdBy: 'U1',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...over,
  };
}

export function input(issuerId: string, over: Partial<CredentialInput> = {}): CredentialInput {
  return {
    id: '0b8e3f4e-5a51-4c4a-9a57-6f0f6f1c2d3e',
    publicBaseUrl: BASE_URL,
    tenantId: TENANT,
    issuer: { id: issuerId, name: 'Example University', url: 'https://example.edu', email: 'badges@example.edu' },
    group: group(),
    recipient: { name: 'Ann Lee', email: ' Ann.Lee@Example.org ' },
    attributes: { grade: 'A', hours: '40' },
    issuedOn: '2026-03-01T10:00:00Z',
    statusListId: 'list-1',
    statusListIndex: 4242,
    image: 'https://credbot.example.edu/images/ds101.png',
    ...over,
  };
}
