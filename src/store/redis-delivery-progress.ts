/**
 * @module store/redis-delivery-progress — how far delivery has queued each job's rows, in one hash per
 * tenant (`dlvpending`: job id -> offset). A job stays in it until it is finished and every row is
 * queued, so a process that starts finds the jobs a stopped (or crashed) one left half-queued without
 * walking every job.
 */
import type { Cluster, Redis } from 'ioredis';
import type { TenantId } from '../domain/types.js';
import { TENANTS_KEY, tenantKeys } from './redis-keys.js';
import { type Cmd, script, send } from './redis-scripts.js';
import { checkDeliveryOffset, checkId } from './rules.js';

type Client = Redis | Cluster;

/** The tenant is registered first, so listDeliveryPending always finds the job once it is marked. */
export async function markDeliveryPending(client: Client, tenant: TenantId, jobId: string): Promise<void> {
  checkId('A job id', jobId);
  await send(client, [[['sadd', TENANTS_KEY, tenant]], [['hsetnx', tenantKeys(tenant).deliveryPending, jobId, 0]]]);
}

export async function getDeliveryOffset(client: Client, tenant: TenantId, jobId: string): Promise<number | undefined> {
  const offset = await client.hget(tenantKeys(tenant).deliveryPending, jobId);
  return offset === null ? undefined : Number(offset);
}

export async function advanceDeliveryOffset(client: Client, tenant: TenantId, jobId: string, offset: number): Promise<void> {
  checkId('A job id', jobId);
  checkDeliveryOffset(offset);
  await send(client, [[['sadd', TENANTS_KEY, tenant]], [script('cbRaiseDeliveryOffset', [tenantKeys(tenant).deliveryPending], [jobId, offset])]]);
}

export async function clearDeliveryPending(client: Client, tenant: TenantId, jobId: string): Promise<void> {
  await client.hdel(tenantKeys(tenant).deliveryPending, jobId);
}

/** One read of the tenant set, then every tenant's hash in one pipeline (per node on a cluster). */
export async function listDeliveryPending(client: Client): Promise<{ tenantId: TenantId; jobId: string; offset: number }[]> {
  const tenants = await client.smembers(TENANTS_KEY);
  if (tenants.length === 0) return [];
  const hashes = (await send(client, [tenants.map((t): Cmd => ['hgetall', tenantKeys(t).deliveryPending])])) as Record<string, string>[];
  return tenants.flatMap((tenantId, i) => Object.entries(hashes[i] ?? {}).map(([jobId, offset]) => ({ tenantId, jobId, offset: Number(offset) })));
}
