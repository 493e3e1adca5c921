/**
 * @module credentials/build — turns a group, a recipient and their attributes into an unsigned
 * OpenBadgeCredential. Every term used is defined by the VC 2.0 or OB 3.0.3 context, so JSON-LD
 * safe mode accepts any attribute key or value (they are strings inside `result`, never terms).
 */
import type { Group, Recipient, TenantId } from '../domain/types.js';
import { computeExpiry } from './expiry.js';
import { newSalt, recipientIdentifiers } from './identity.js';
import {
  OB_V3_CONTEXT,
  VC_V2_CONTEXT,
  type Achievement,
  type OpenBadgeCredential,
  type ResultDescription,
  type ResultEntry,
} from './types.js';
import { achievementUrl, credentialUrl, statusListUrl } from './urls.js';

/** The issuer as shown in every credential; `id` is the tenant key's `did:key` controller. */
export interface IssuerInfo {
  id: string;
  name: string;
  url?: string;
  email?: string;
  /** Logo URL (https: or data:). */
  image?: string;
}

export interface CredentialInput {
  /** The credential's own id (uuid); its public URL is `${publicBaseUrl}/credentials/${id}`. */
  id: string;
  publicBaseUrl: string;
  tenantId: TenantId;
  issuer: IssuerInfo;
  group: Group;
  recipient: Recipient;
  /** Custom attribute values by key (`grade` → `A`); keys need not be declared on the group. */
  attributes?: Record<string, string>;
  /** ISO 8601 date-time. */
  issuedOn: string;
  /** Overrides the group's expiry rule when given. */
  expiresOn?: string;
  statusListId: string;
  statusListIndex: number;
  /** Badge image URL (https: or data:). */
  image?: string;
  achievementType?: string;
  humanCode?: string;
  tags?: string[];
  /** Salt of the hashed email; random when absent. */
  salt?: string;
}

function isoDateTime(value: string, what: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`${what} must be an ISO 8601 date-time (got "${value}")`);
  return d.toISOString().replace('.000Z', 'Z');
}

/** Declared keys first (the group's order), then any extra keys the row carried. */
function attributeKeys(group: Group, attributes: Record<string, string>): string[] {
  const keys = [...group.customAttributes];
  for (const k of Object.keys(attributes)) if (!keys.includes(k)) keys.push(k);
  return keys;
}

function results(achievementId: string, group: Group, attributes: Record<string, string>) {
  const descriptions: ResultDescription[] = [];
  const values: ResultEntry[] = [];
  for (const key of attributeKeys(group, attributes)) {
    const id = `${achievementId}#attribute-${encodeURIComponent(key)}`;
    descriptions.push({ id, type: ['ResultDescription'], name: key, resultType: 'Result' });
    // Own keys only: a declared attribute named like an Object.prototype member ("__proto__", "constructor") has no value unless the row gave one.
    const value = Object.hasOwn(attributes, key) ? attributes[key] : undefined;
    if (value !== undefined && value !== '') values.push({ type: ['Result'], resultDescription: id, value });
  }
  return { descriptions, values };
}

export function buildCredential(input: CredentialInput): OpenBadgeCredential {
  const { group, recipient, issuer } = input;
  if (!recipient.name.trim()) throw new Error('Recipient name is empty');
  if (!recipient.email.includes('@')) throw new Error('Recipient email is not an email address');
  if (!Number.isInteger(input.statusListIndex) || input.statusListIndex < 0) {
    throw new Error(`Status list index must be a whole number ≥ 0 (got ${input.statusListIndex})`);
  }
  const validFrom = isoDateTime(input.issuedOn, 'Issue date');
  const expiry = input.expiresOn ?? computeExpiry(group.expiry, validFrom);
  const achievementId = achievementUrl(input.publicBaseUrl, group.id);
  const { descriptions, values } = results(achievementId, group, input.attributes ?? {});

  const achievement: Achievement = {
    id: achievementId,
    type: ['Achievement'],
    name: group.courseName,
    description: group.courseDescription,
    criteria: { narrative: group.criteria?.trim() || group.courseDescription },
    ...(input.image ? { image: { id: input.image, type: 'Image' as const } } : {}),
    ...(input.achievementType ? { achievementType: input.achievementType } : {}),
    ...(input.humanCode ? { humanCode: input.humanCode } : {}),
    ...(input.tags?.length ? { tag: input.tags } : {}),
    ...(group.courseLink
      ? { alignment: [{ type: ['Alignment'] as ['Alignment'], targetName: group.courseName, targetUrl: group.courseLink }] }
      : {}),
    ...(descriptions.length ? { resultDescription: descriptions } : {}),
    inLanguage: group.language,
  };

  const statusUrl = statusListUrl(input.publicBaseUrl, input.tenantId, input.statusListId);
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: credentialUrl(input.publicBaseUrl, input.id),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {
      id: issuer.id,
      type: ['Profile'],
      name: issuer.name,
      ...(issuer.url ? { url: issuer.url } : {}),
      ...(issuer.email ? { email: issuer.email } : {}),
      ...(issuer.image ? { image: { id: issuer.image, type: 'Image' as const } } : {}),
    },
    validFrom,
    ...(expiry ? { validUntil: isoDateTime(expiry, 'Expiry date') } : {}),
    name: group.courseName,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: recipientIdentifiers(recipient, input.salt ?? newSalt()),
      achievement,
      ...(values.length ? { result: values } : {}),
    },
    credentialStatus: {
      id: `${statusUrl}#${input.statusListIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(input.statusListIndex),
      statusListCredential: statusUrl,
    },
  };
}
