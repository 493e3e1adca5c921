/** @module render/values — placeholder values for one credential, from the domain records, dates formatted for people. */
import type { CredentialRecord, Group } from '../domain/types.js';

export interface ValuesInput {
  credential: Pick<CredentialRecord, 'id' | 'recipient' | 'issuedOn' | 'expiresOn' | 'attributes'>;
  group: Pick<Group, 'name' | 'courseName' | 'courseDescription' | 'language'>;
  issuerName: string;
}

/** A date (ISO 8601) as people read it in the group's language, e.g. "29 November 2026"; in UTC so it never shifts a day. */
export function formatDate(iso: string, language = 'en'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  }
}

/** Every placeholder value for one credential. No expiry gives an empty `credential.expires_on`, not a missing one. */
export function placeholderValuesFor(input: ValuesInput): Record<string, string> {
  const { credential, group, issuerName } = input;
  const values: Record<string, string> = {
    'recipient.name': credential.recipient.name,
    'group.name': group.name,
    'group.course_name': group.courseName,
    'group.course_description': group.courseDescription,
    'credential.id': credential.id,
    'credential.issued_on': formatDate(credential.issuedOn, group.language),
    'credential.expires_on': credential.expiresOn ? formatDate(credential.expiresOn, group.language) : '',
    'issuer.name': issuerName,
  };
  for (const [key, value] of Object.entries(credential.attributes)) values[`custom.${key}`] = value;
  return values;
}
