/**
 * @module credentials — Open Badges 3.0 credentials: build, sign, verify, revoke.
 *
 * Public API (everything else in this folder is internal):
 * - `buildCredential(input: CredentialInput): OpenBadgeCredential` — unsigned VC 2.0
 *   OpenBadgeCredential: hashed+salted email identity, achievement (criteria, image, course link as
 *   `alignment`, custom attributes as `achievement.resultDescription` + `credentialSubject.result`),
 *   `validUntil` from the group's expiry rule, a BitstringStatusListEntry.
 * - `computeExpiry(rule: ExpiryRule, issuedOn: string): string | undefined` — pure; month-end clamped.
 * - `signCredentials<T>(unsigned: T[], signer: IssuerSigner, opts?: SignOptions): Promise<SignedCredential<T>[]>`
 *   — THE signing door (eddsa-rdfc-2022, `proof` as a one-element array), worker pool for batches.
 *   `startSigningPool()` starts the threads early (optional); `closeSigningPool()` stops them on shutdown.
 * - `getOrCreateIssuerKey(store, tenant, opts: IssuerKeyOptions): Promise<IssuerSigner>` — per-tenant
 *   Ed25519 key, did:key issuer, secret AES-256-GCM encrypted at rest, decrypted signer cached.
 * - `verifyCredential(vc, opts?: VerifyOptions): Promise<VerificationResult>` — proof, revocation
 *   bit (status lists from a callback) and expiry (injected clock).
 * - `buildStatusListCredential`, `signStatusList(input, signer)`, `statusAt(listVc, index)`,
 *   `withBit(bits, index, value)`, `STATUS_LIST_SIZE` — revocation lists.
 * - `offlineDocumentLoader(opts?)` — bundled contexts + did:key (+ status lists); never fetches.
 * - URLs: `credentialUrl`, `achievementUrl`, `statusListUrl`, `parseStatusListPath`.
 * - Identity helpers: `hashEmail`, `emailMatches`.
 */
export { buildCredential, type CredentialInput, type IssuerInfo } from './build.js';
export { computeExpiry } from './expiry.js';
export { signCredentials, startSigningPool, closeSigningPool, type SignOptions } from './sign.js';
export { IssuerSigner } from './signer.js';
export { getOrCreateIssuerKey, issuerPublicKey, type IssuerKeyOptions, type IssuerKeyStore } from './keys.js';
export { KeyEncryptionError, parseEncryptionKey } from './key-crypto.js';
export { verifyCredential, type VerificationResult, type VerifyOptions } from './verify.js';
export { STATUS_LIST_SIZE, buildStatusListCredential, signStatusList, statusAt, withBit, type StatusListInput } from './status-list.js';
export { offlineDocumentLoader, UnknownDocumentError, bundledContextUrls, type StatusListSource } from './document-loader.js';
export { didKeyFor, resolveDidKey } from './did-key.js';
export { credentialUrl, achievementUrl, statusListUrl, parseStatusListPath } from './urls.js';
export { hashEmail, emailMatches, type IdentityObject } from './identity.js';
export type * from './types.js';
export { VC_V2_CONTEXT, OB_V3_CONTEXT } from './types.js';
