/**
 * @module credentials/build — turns a group, a recipient and their attributes into an unsigned
 * OpenBadgeCredential. Every term used is defined by the VC 2.0 or OB 3.0.3 context, so JSON-LD
 * safe mode accepts any attribute key or value (they are strings inside `result`, never terms).
 */
import type { Group, Recipient, TenantId } from '../domain/types.js';
import { computeExpiry } from './expiry.js';
import { newSalt, recipientIdentifiers } from './identity.js';
import { allKeys, attributeKeys, extraKeys, resultDescriptions, resultValues, type AttributeKeys } from './results.js';
import { sharedPart } from './serialize.js';
import { OB_V3_CONTEXT, VC_V2_CONTEXT, type Achievement, type OpenBadgeCredential, type ResultDescription, type ResultEntry } from './types.js';
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

/** The parts of a credential that stay the same for a whole batch. */
export type SharedInput = Pick<CredentialInput, 'publicBaseUrl' | 'tenantId' | 'issuer' | 'group' | 'image' | 'achievementType' | 'humanCode' | 'tags'>;
/** One recipient's part. */
export type RecipientInput = Omit<CredentialInput, keyof SharedInput>;

const NONE = Symbol('none');

/** Remembers a pure function's last result: a batch repeats the same issue date, expiry and status list. Errors are not remembered. */
function lastOf<T>(fn: (value: string) => T): (value: string) => T {
  let lastIn: unknown = NONE;
  let lastOut: T;
  return (value) => {
    if (value === lastIn) return lastOut;
    lastOut = fn(value);
    lastIn = value;
    return lastOut;
  };
}

function isoDateTime(value: string, what: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`${what} must be an ISO 8601 date-time (got "${value}")`);
  return d.toISOString().replace('.000Z', 'Z');
}
const issueDate = lastOf((value) => isoDateTime(value, 'Issue date'));
const expiryDate = lastOf((value) => isoDateTime(value, 'Expiry date'));

function issuerOf(issuer: IssuerInfo): OpenBadgeCredential['issuer'] {
  const out: OpenBadgeCredential['issuer'] = { id: issuer.id, type: ['Profile'], name: issuer.name };
  if (issuer.url) out.url = issuer.url;
  if (issuer.email) out.email = issuer.email;
  if (issuer.image) out.image = { id: issuer.image, type: 'Image' };
  return out;
}

function achievementOf(shared: SharedInput, descriptions: ResultDescription[]): Achievement {
  const { group } = shared;
  const out: Achievement = {
    id: achievementUrl(shared.publicBaseUrl, group.id),
    type: ['Achievement'],
    name: group.courseName,
    description: group.courseDescription,
    criteria: { narrative: group.criteria?.trim() || group.courseDescription },
  } as Achievement;
  if (shared.image) out.image = { id: shared.image, type: 'Image' };
  if (shared.achievementType) out.achievementType = shared.achievementType;
  if (shared.humanCode) out.humanCode = shared.humanCode;
  if (shared.tags?.length) out.tag = shared.tags;
  if (group.courseLink) out.alignment = [{ type: ['Alignment'], targetName: group.courseName, targetUrl: group.courseLink }];
  if (descriptions.length) out.resultDescription = descriptions;
  out.inLanguage = group.language;
  return out;
}

const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});

/**
 * A builder for many credentials of one batch. The issuer and achievement objects are built once
 * and shared, deep-frozen, by every credential it returns (one achievement per set of attribute
 * keys): the fast signing path then turns each into RDF once per batch, and serialize.ts renders
 * each one's JSON once. Output is exactly `buildCredential`'s.
 */
export function credentialBuilder(shared: SharedInput): (recipient: RecipientInput) => OpenBadgeCredential {
  const issuer = sharedPart(issuerOf(shared.issuer));
  const achievementId = achievementUrl(shared.publicBaseUrl, shared.group.id);
  const declared = shared.group.customAttributes;
  const declaredSet = new Set(declared);
  const withKeys = (names: readonly string[]) => {
    const keys = attributeKeys(achievementId, names);
    return { keys, achievement: sharedPart(achievementOf(shared, resultDescriptions(keys))) };
  };
  let declaredOnly: { keys: AttributeKeys; achievement: Achievement } | undefined;
  const withExtras = new Map<string, { keys: AttributeKeys; achievement: Achievement }>();
  const expiryOf = lastOf((validFrom) => computeExpiry(shared.group.expiry, validFrom));
  return (input) => {
    const attributes = input.attributes ?? NO_ATTRIBUTES;
    const extra = extraKeys(declaredSet, attributes);
    let found = extra ? withExtras.get(JSON.stringify(extra)) : declaredOnly; // JSON: unambiguous, [] is not [""]
    if (!found) {
      found = withKeys(extra ? declared.concat(extra) : declared);
      if (extra) withExtras.set(JSON.stringify(extra), found);
      else declaredOnly = found;
    }
    return assemble(shared, input, issuer, found.achievement, resultValues(found.keys, attributes), expiryOf);
  };
}

export function buildCredential(input: CredentialInput): OpenBadgeCredential {
  const attributes = input.attributes ?? NO_ATTRIBUTES;
  const keys = attributeKeys(achievementUrl(input.publicBaseUrl, input.group.id), allKeys(input.group.customAttributes, attributes));
  const values = resultValues(keys, attributes);
  return assemble(input, input, issuerOf(input.issuer), achievementOf(input, resultDescriptions(keys)), values, (validFrom) => computeExpiry(input.group.expiry, validFrom));
}

function assemble(
  shared: SharedInput,
  input: RecipientInput,
  issuer: OpenBadgeCredential['issuer'],
  achievement: Achievement,
  values: ResultEntry[],
  expiryOf: (validFrom: string) => string | undefined,
): OpenBadgeCredential {
  const { recipient, statusListIndex } = input;
  if (!recipient.name.trim()) throw new Error('Recipient name is empty');
  if (!recipient.email.includes('@')) throw new Error('Recipient email is not an email address');
  if (!Number.isInteger(statusListIndex) || statusListIndex < 0) {
    throw new Error(`Status list index must be a whole number ≥ 0 (got ${statusListIndex})`);
  }
  const validFrom = issueDate(input.issuedOn);
  const expiry = input.expiresOn ?? expiryOf(validFrom);
  const statusUrl = statusListUrl(shared.publicBaseUrl, shared.tenantId, input.statusListId);
  const id = credentialUrl(shared.publicBaseUrl, input.id);
  const validUntil = expiry ? expiryDate(expiry) : undefined;
  const identifier = recipientIdentifiers(recipient, input.salt ?? newSalt());
  // Object literals of fixed shapes (no spreads): the optional keys are where the library puts them.
  const credentialSubject: OpenBadgeCredential['credentialSubject'] = values.length
    ? { type: ['AchievementSubject'], identifier, achievement, result: values }
    : { type: ['AchievementSubject'], identifier, achievement };
  const credentialStatus: OpenBadgeCredential['credentialStatus'] = {
    id: `${statusUrl}#${statusListIndex}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(statusListIndex),
    statusListCredential: statusUrl,
  };
  const name = shared.group.courseName;
  const type: OpenBadgeCredential['type'] = ['VerifiableCredential', 'OpenBadgeCredential'];
  return validUntil === undefined
    ? { '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT], id, type, issuer, validFrom, name, credentialSubject, credentialStatus }
    : { '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT], id, type, issuer, validFrom, validUntil, name, credentialSubject, credentialStatus };
}
