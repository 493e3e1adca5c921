/**
 * @module issuance/signer — the narrow view of `credentials/` the engine needs: build and sign a batch
 * for one group, and re-sign a status list. Kept as an interface so the runner reads as the steps of
 * issuing; `credentials-bridge.ts` implements it with the real Open Badges code.
 */
import type { Group, Recipient, TenantId } from '../domain/types.js';

export interface CredentialDraft {
  id: string;
  recipient: Recipient;
  attributes: Record<string, string>;
  /** ISO 8601 date-time. */
  issuedOn: string;
  expiresOn?: string;
  statusListId: string;
  statusListIndex: number;
}

/** Everything that stays the same for a whole job: the group, the tenant's issuer key, the status list size. */
export interface GroupSigner {
  readonly statusListSize: number;
  /** ISO date-time of expiry for a credential issued at `issuedOn`, or undefined (the group's expiry rule). */
  expiryFor(issuedOn: string): string | undefined;
  /**
   * Builds and signs (off the main thread), same order as the drafts: each signed credential as its
   * UTF-8 JSON, stored as it is (the main thread never parses or re-encodes it).
   */
  signBatch(drafts: CredentialDraft[]): Promise<Uint8Array[]>;
}

export interface CredentialSigner {
  /** Bits per status list (every list of the tenant has this size). */
  readonly statusListSize: number;
  forGroup(tenant: TenantId, group: Group): Promise<GroupSigner>;
  /** Signs the status-list credential of `listId` over the given bitstring (revocation). */
  signStatusList(tenant: TenantId, listId: string, bits: Buffer): Promise<Record<string, unknown>>;
  /** The list a tenant issues into first; more lists follow when it fills up. */
  statusListIds(tenant: TenantId): (n: number) => string;
  close(): Promise<void>;
}
