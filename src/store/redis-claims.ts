/**
 * @module store/redis-claims — two-step claims (leaseClaims / confirmClaims) on claimOnce's keys
 * (`once:<key>`): "1" once taken for good, `lease:<owner>` with a short expiry while leased. Each step is one
 * Lua script over all its keys (one tenant, one cluster slot; the scripts are in redis-scripts.ts), so a
 * lease that lapsed is taken over by one process only. And putDeliveriesIfAbsent: an HSETNX per record, in
 * one round trip.
 */
import type { Cluster, Redis } from 'ioredis';
import type { DeliveryRecord, TenantId } from '../domain/types.js';
import type { ClaimLease } from './port.js';
import { tenantKeys } from './redis-keys.js';
import { runScript, send } from './redis-scripts.js';
import { checkId, leaseMsOf, ttlSecondsOf } from './rules.js';

type Client = Redis | Cluster;

export async function leaseClaims(client: Client, tenant: TenantId, keys: string[], owner: string, leaseMs: number): Promise<ClaimLease[]> {
  checkId('A claim owner', owner);
  keys.forEach((k) => checkId('A claim key', k));
  const ms = leaseMsOf(leaseMs);
  if (keys.length === 0) return [];
  const tk = tenantKeys(tenant);
  const replies = (await runScript(client, 'cbLeaseClaims', keys.map(tk.once), [owner, ms])) as number[];
  return replies.map((r): ClaimLease => (r === 0 ? { state: 'granted' } : r < 0 ? { state: 'done' } : { state: 'held', msLeft: r }));
}

export async function confirmClaims(client: Client, tenant: TenantId, keys: string[], owner: string, ttlSeconds: number): Promise<void> {
  checkId('A claim owner', owner);
  const ttl = ttlSecondsOf(ttlSeconds);
  if (keys.length === 0) return;
  const tk = tenantKeys(tenant);
  await runScript(client, 'cbConfirmClaims', keys.map(tk.once), [owner, ttl]);
}

export async function putDeliveriesIfAbsent(client: Client, tenant: TenantId, records: DeliveryRecord[]): Promise<void> {
  records.forEach((r) => checkId('A credential id', r.credentialId));
  if (records.length === 0) return;
  const key = tenantKeys(tenant).delivery;
  await send(client, [records.map((r) => ['hsetnx', key, `${r.credentialId}:${r.channel}`, JSON.stringify(r)])]);
}
