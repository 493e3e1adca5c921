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
import { shareable } from './rdf-credential.js';
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

/** The parts of a credential that stay the same for a whole batch. */
export type SharedInput = Pick<CredentialInput, 'publicBaseUrl' | 'tenantId' | 'issuer' | 'group' | 'image' | 'achievementType' | 'humanCode' | 'tags'>;
/** One recipient's part. */
export type RecipientInput = Omit<CredentialInput, keyof SharedInput>;

function issuerOf(issuer: IssuerInfo): OpenBadgeCredential['issuer'] {
  return {
    id: issuer.id,
    type: ['Profile'],
    name: issuer.name,
    ...(issuer.url ? { url: issuer.url } : {}),
    ...(issuer.email ? { email: issuer.email } : {}),
    ...(issuer.image ? { image: { id: issuer.image, type: 'Image' as const } } : {}),
  };
}

function achievementOf(shared: SharedInput, descriptions: ResultDescription[]): Achievement {
  const { group } = shared;
  return {
    id: achievementUrl(shared.publicBaseUrl, group.id),
    type: ['Achievement'],
    name: group.courseName,
    description: group.courseDescription,
    criteria: { narrative: group.criteria?.trim() || group.courseDescription },
    ...(shared.image ? { image: { id: shared.image, type: 'Image' as const } } : {}),
    ...(shared.achievementType ? { achievementType: shared.achievementType } : {}),
    ...(shared.humanCode ? { humanCode: shared.humanCode } : {}),
    ...(shared.tags?.length ? { tag: shared.tags } : {}),
    ...(group.courseLink
      ? { alignment: [{ type: ['Alignment'] as ['Alignment'], targetName: group.courseName, targetUrl: group.courseLink }] }
      : {}),
    ...(descriptions.length ? { resultDescription: descriptions } : {}),
    inLanguage: group.language,
  };
}

/**
 * A builder for many credentials of one batch. The issuer and achievement objects are built once
 * and shared, deep-frozen, by every credential it returns (one per set of attribute keys): the fast
 * signing path then turns each into RDF once per batch instead of once per credential. Output is
 * exactly `buildCredential`'s.
 */
export function credentialBuilder(shared: SharedInput): (recipient: RecipientInput) => OpenBadgeCredential {
  const issuer = shareable(issuerOf(shared.issuer));
  const achievements = new Map<string, Achievement>();
  const achievementId = achievementUrl(shared.publicBaseUrl, shared.group.id);
  return (input) => {
    const attributes = input.attributes ?? {};
    const { descriptions, values } = results(achievementId, shared.group, attributes);
    const keys = JSON.stringify(descriptions.map((d) => d.name)); // unambiguous: [] is not [""]
    let achievement = achievements.get(keys);
    if (!achievement) achievements.set(keys, (achievement = shareable(achievementOf(shared, descriptions))));
    return assemble({ ...shared, ...input }, issuer, achievement, values);
  };
}

export function buildCredential(input: CredentialInput): OpenBadgeCredential {
  const { descriptions, values } = results(achievementUrl(input.publicBaseUrl, input.group.id), input.group, input.attributes ?? {});
  return assemble(input, issuerOf(input.issuer), achievementOf(input, descriptions), values);
}

function assemble(input: CredentialInput, issuer: OpenBadgeCredential['issuer'], achievement: Achievement, values: ResultEntry[]): OpenBadgeCredential {
  const { group, recipient } = input;
  if (!recipient.name.trim()) throw new Error('Recipient name is empty');
  if (!recipient.email.includes('@')) throw new Error('Recipient email is not an email address');
  if (!Number.isInteger(input.statusListIndex) || input.statusListIndex < 0) {
    throw new Error(`Status list index must be a whole number ≥ 0 (got ${input.statusListIndex})`);
  }
  const validFrom = isoDateTime(input.issuedOn, 'Issue date');
  const expiry = input.expiresOn ?? computeExpiry(group.expiry, validFrom);
  const statusUrl = statusListUrl(input.publicBaseUrl, input.tenantId, input.statusListId);
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: credentialUrl(input.publicBaseUrl, input.id),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer,
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
