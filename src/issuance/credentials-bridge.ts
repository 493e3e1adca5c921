/**
 * @module issuance/credentials-bridge — the engine's and the web pages' door to credentials/: builds
 * and signs batches (through the one signing function, off the main thread), publishes status lists
 * (signed lazily, cached until the next revocation; kept in memory per store version) and verifies
 * credentials against them.
 */
import type { IssuerInfo } from '../credentials/build.js';
import { computeExpiry } from '../credentials/expiry.js';
import { getOrCreateIssuerKey } from '../credentials/keys.js';
import { closeSigningPool, issueCredentials } from '../credentials/sign.js';
import { signStatusList, STATUS_LIST_SIZE } from '../credentials/status-list.js';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from '../credentials/types.js';
import { parseStatusListPath } from '../credentials/urls.js';
import { verifyCredential } from '../credentials/verify.js';
import { VerifyThread } from '../credentials/verify-thread.js';
import type { Group, TenantId } from '../domain/types.js';
import type { Store } from '../store/port.js';
import type { KnownStatusListVersion, WebCredentials } from '../web/routes.js';
import { statusListMarker } from './batch.js';
import type { CredentialSigner, GroupSigner } from './signer.js';
import { StatusListCache } from './status-list-cache.js';
import type { IssuanceConfig } from './types.js';

/** Status lists are named `list-1`, `list-2`, … per tenant; a new one starts when the previous is full. */
const listIdOf = (n: number) => `list-${n}`;
const LIST_ID = /^list-[1-9]\d{0,5}$/;

export class CredentialsBridge implements CredentialSigner, WebCredentials {
  readonly statusListSize = STATUS_LIST_SIZE;
  private readonly base: string;
  /** Verified lists by version: a page view then reads a version number instead of the ~22 KB list. */
  private readonly lists = new StatusListCache();
  private verifyThread: VerifyThread | undefined;

  constructor(
    private readonly store: Store,
    private readonly config: IssuanceConfig,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.base = config.publicBaseUrl.replace(/\/+$/, '');
  }

  private key(tenant: TenantId) {
    return getOrCreateIssuerKey(this.store, tenant, {
      encryptionKey: this.config.keyEncryptionKey,
      configuredSecretKey: this.config.issuerSecretKey,
      now: this.clock,
    });
  }

  private issuerInfo(id: string): IssuerInfo {
    const p = this.config.issuer;
    return { id, name: p.name, ...(p.url ? { url: p.url } : {}), ...(p.email ? { email: p.email } : {}), ...(p.logoUrl ? { image: p.logoUrl } : {}) };
  }

  async forGroup(tenant: TenantId, group: Group): Promise<GroupSigner> {
    const signer = await this.key(tenant);
    const issuer = this.issuerInfo(signer.controller);
    return {
      statusListSize: this.statusListSize,
      expiryFor: (issuedOn) => computeExpiry(group.expiry, issuedOn),
      signBatch: (drafts) => issueCredentials({ publicBaseUrl: this.base, tenantId: tenant, issuer, group }, drafts, signer, { now: this.clock() }),
    };
  }

  async signStatusList(tenant: TenantId, listId: string, bits: Buffer): Promise<Record<string, unknown>> {
    const now = this.clock();
    const vc = await signStatusList({ publicBaseUrl: this.base, tenantId: tenant, listId, bits, validFrom: now.toISOString() }, await this.key(tenant), now);
    return vc as Record<string, unknown>;
  }

  statusListIds(): (n: number) => string {
    return listIdOf;
  }

  /**
   * The published list (deep-frozen: shared by every request until its version changes). Kept in
   * memory per version; `knownVersion` is the list's version when the caller already read it from the
   * store for this request (the page reads it with the credential), else it is read here, first.
   */
  async statusListCredential(tenant: string, listId: string, knownVersion?: number): Promise<Record<string, unknown> | undefined> {
    if (!LIST_ID.test(listId) || !tenant || /[{}]/.test(tenant)) return undefined;
    const version = knownVersion ?? (await this.store.getStatusListVersion(tenant, listId));
    return this.lists.get(tenant, listId, version, () => this.storedOrSigned(tenant, listId));
  }

  /** The stored list, or signed now over the current bits (a list nobody revoked from yet). */
  private async storedOrSigned(tenant: string, listId: string): Promise<Record<string, unknown> | undefined> {
    const cached = await this.store.getStatusListCredential(tenant, listId);
    if (cached) return cached;
    if (!(await this.store.getBlob(tenant, statusListMarker(listId)))) return undefined; // no credential points at this list
    return this.store.withLock(tenant, `status-list:${listId}`, 30_000, async () => {
      const again = await this.store.getStatusListCredential(tenant, listId);
      if (again) return again;
      const bits = await this.store.getStatusBits(tenant, listId, this.statusListSize);
      const vc = await this.signStatusList(tenant, listId, bits);
      await this.store.putStatusListCredential(tenant, listId, vc);
      return vc;
    });
  }

  /**
   * Verifies with the status list from the store (only our own URLs are answered: offline, no
   * fetching). `statusList`: the version of the list the stored record names, read with the record.
   */
  verify(signed: Record<string, unknown>, now: Date = this.clock(), statusList?: KnownStatusListVersion) {
    return verifyCredential(signed, {
      now: () => now,
      proofCheck: this.verifyThread?.check, // on its own thread once started (startVerifyThread), else here
      statusLists: async (url) => {
        if (!url.startsWith(`${this.base}/status/`)) return undefined;
        const where = parseStatusListPath(url.slice(this.base.length));
        if (!where) return undefined;
        // The signed credential says which list; the version read with the record counts only for that list.
        const known = statusList?.tenant === where.tenant && statusList.listId === where.listId ? statusList.version : undefined;
        return this.statusListCredential(where.tenant, where.listId, known);
      },
    });
  }

  async issuerProfile(tenant: string): Promise<Record<string, unknown> | undefined> {
    if (!tenant || /[{}]/.test(tenant)) return undefined;
    const key = await this.store.getIssuerKey(tenant);
    if (!key) return undefined;
    const info = this.issuerInfo(key.controller);
    return {
      '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
      id: key.controller,
      type: ['Profile'],
      name: info.name,
      ...(info.url ? { url: info.url } : {}),
      ...(info.email ? { email: info.email } : {}),
      ...(info.image ? { image: { id: info.image, type: 'Image' } } : {}),
    };
  }

  /**
   * Moves the pages' proof checks to a thread of their own (see verify-thread.ts); call at
   * application start. Without it, verification runs in the calling thread.
   */
  startVerifyThread(): void {
    this.verifyThread ??= new VerifyThread();
  }

  async close(): Promise<void> {
    const thread = this.verifyThread;
    this.verifyThread = undefined;
    await thread?.close();
    await closeSigningPool();
  }
}

export function createCredentialSigner(deps: { store: Store; config: IssuanceConfig; clock?: () => Date }): CredentialsBridge {
  return new CredentialsBridge(deps.store, deps.config, deps.clock);
}
