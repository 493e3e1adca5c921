/**
 * @module issuance/revoke — revoking a credential: flip its status bit, re-sign and cache the
 * status-list credential (what verifiers fetch), keep who, when and why, and audit it.
 */
import type { TenantId, UserId } from '../domain/types.js';
import type { Store } from '../store/port.js';
import type { CredentialSigner } from './signer.js';

export type RevokeResult = { ok: true } | { ok: false; reason: string };

export async function revokeCredential(
  env: { store: Store; signer: CredentialSigner; clock: () => Date },
  tenant: TenantId,
  credentialId: string,
  reason: string,
  by: UserId,
): Promise<RevokeResult> {
  const why = (reason ?? '').trim();
  if (why === '') return { ok: false, reason: 'Give a reason for revoking; recipients and verifiers see it.' };
  const cred = await env.store.getCredential(tenant, credentialId);
  if (!cred) return { ok: false, reason: `There is no credential "${credentialId}" in this workspace. Check the id (the last part of the credential's URL).` };
  // One revocation of a list at a time, so a re-signed list never misses a bit another process just set.
  return env.store.withLock(tenant, `status-list:${cred.statusListId}`, 30_000, async () => {
    const current = (await env.store.getCredential(tenant, credentialId))!;
    if (current.status === 'revoked') {
      return { ok: false, reason: `Credential "${credentialId}" was already revoked on ${current.revokedAt?.slice(0, 10) ?? 'an earlier date'} (${current.revokedReason ?? 'no reason given'}).` };
    }
    await env.store.setStatusBit(tenant, current.statusListId, current.statusListIndex, true);
    const bits = await env.store.getStatusBits(tenant, current.statusListId, env.signer.statusListSize);
    const vc = await env.signer.signStatusList(tenant, current.statusListId, bits);
    await env.store.putStatusListCredential(tenant, current.statusListId, vc);
    const at = env.clock().toISOString();
    await env.store.updateCredential({ ...current, status: 'revoked', revokedAt: at, revokedReason: why, revokedBy: by });
    await env.store.appendAudit({ at, tenantId: tenant, actor: by, action: 'credential.revoke', target: credentialId, detail: { reason: why } });
    return { ok: true } as const;
  }, 30_000);
}
