/**
 * @module store/memory-claims — the memory store's two-step claims (leaseClaims / confirmClaims), on the
 * same map as claimOnce: a key holds `true` once taken for good, or its lease owner's name while leased.
 */
import type { ClaimLease } from './port.js';

/** claimOnce's map: `true` = taken (claimOnce or confirmed), a string = leased to that owner. */
export type ClaimMap = Map<string, { value: true | string; expiresAt?: number }>;

/** The key's value unless it has expired (an expired one is removed, as Redis would). */
function current(claims: ClaimMap, key: string, now: number): true | string | undefined {
  const e = claims.get(key);
  if (e?.expiresAt !== undefined && e.expiresAt <= now) {
    claims.delete(key);
    return undefined;
  }
  return e?.value;
}

export function leaseClaims(claims: ClaimMap, keys: string[], owner: string, leaseMs: number, now: number): ClaimLease[] {
  return keys.map((key): ClaimLease => {
    const held = current(claims, key, now);
    if (held === true) return { state: 'done' };
    if (held !== undefined && held !== owner) return { state: 'held', msLeft: Math.max(1, claims.get(key)!.expiresAt! - now) };
    claims.set(key, { value: owner, expiresAt: now + leaseMs });
    return { state: 'granted' };
  });
}

export function confirmClaims(claims: ClaimMap, keys: string[], owner: string, expiresAt: number, now: number): void {
  for (const key of keys) {
    const held = current(claims, key, now);
    if (held === undefined || held === owner) claims.set(key, { value: true, expiresAt });
  }
}
