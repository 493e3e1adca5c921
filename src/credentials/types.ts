/**
 * @module credentials/types — the JSON shapes of what this module issues: an Open Badges 3.0
 * `OpenBadgeCredential` (VC data model 2.0) and its Data Integrity proof.
 */
import type { IdentityObject } from './identity.js';

export interface ImageRef {
  id: string;
  type: 'Image';
  caption?: string;
}

export interface IssuerProfile {
  /** `did:key:z6Mk…` of the tenant's issuer key. */
  id: string;
  type: ['Profile'];
  name: string;
  url?: string;
  email?: string;
  image?: ImageRef;
}

export interface ResultDescription {
  id: string;
  type: ['ResultDescription'];
  name: string;
  resultType: 'Result';
}

export interface Achievement {
  id: string;
  type: ['Achievement'];
  name: string;
  description: string;
  criteria: { narrative: string };
  image?: ImageRef;
  achievementType?: string;
  humanCode?: string;
  tag?: string[];
  /** The course page, as an OB 3.0 alignment. */
  alignment?: { type: ['Alignment']; targetName: string; targetUrl: string; targetDescription?: string }[];
  /** Declares the custom attributes (grade, hours, …) whose values are in `credentialSubject.result`. */
  resultDescription?: ResultDescription[];
  inLanguage: string;
}

export interface ResultEntry {
  type: ['Result'];
  resultDescription: string;
  value: string;
}

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  statusListIndex: string;
  statusListCredential: string;
}

export interface OpenBadgeCredential {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  issuer: IssuerProfile;
  validFrom: string;
  validUntil?: string;
  name: string;
  credentialSubject: {
    type: ['AchievementSubject'];
    identifier: IdentityObject[];
    achievement: Achievement;
    result?: ResultEntry[];
  };
  credentialStatus: BitstringStatusListEntry;
}

export interface DataIntegrityProofJson {
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-rdfc-2022';
  created?: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  proofValue: string;
}

/** A signed credential: `proof` is an array with one proof, as the official OB 3.0 schema requires. */
export type SignedCredential<T = OpenBadgeCredential> = T & { proof: DataIntegrityProofJson[] };

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
