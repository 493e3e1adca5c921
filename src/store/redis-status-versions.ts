/**
 * @module store/redis-status-versions — signed status-list credentials in Redis with a version per
 * list, raised atomically with each write, so every process can tell from a few bytes whether the
 * list it verified and keeps in memory is still the published one.
 */
import type { Cluster, Redis } from 'ioredis';
import type { CredentialRecord, TenantId } from '../domain/types.js';
import { credIndexKey, tenantKeys } from './redis-keys.js';
import { send } from './redis-scripts.js';

/** The credential and its version in one MULTI (same tenant slot): a reader never sees the new list under the old version. */
export async function putStatusListCredential(client: Redis | Cluster, tenant: TenantId, listId: string, vc: Record<string, unknown>): Promise<void> {
  const k = tenantKeys(tenant);
  const replies = await client.multi().set(k.statusVc(listId), JSON.stringify(vc)).hincrby(k.statusVersions, listId, 1).exec();
  if (!replies) throw new Error(`Storing status list ${listId} was aborted`);
  for (const [err] of replies) if (err) throw err;
}

export async function getStatusListVersion(client: Redis | Cluster, tenant: TenantId, listId: string): Promise<number> {
  return Number((await client.hget(tenantKeys(tenant).statusVersions, listId)) ?? 0);
}

/**
 * The record and every list version of its tenant in one pipeline (the list id is inside the record,
 * so all versions come along: a tenant has a handful of lists of 131,072 credentials each).
 */
export async function findCredentialWithStatusVersion(
  client: Redis | Cluster,
  id: string,
): Promise<{ record: CredentialRecord; statusListVersion: number } | undefined> {
  const tenant = await client.get(credIndexKey(id));
  if (tenant === null) return undefined;
  const k = tenantKeys(tenant);
  const [json, versions] = (await send(client, [[['hget', k.creds, id], ['hgetall', k.statusVersions]]])) as [string | null, Record<string, string>];
  if (json === null) return undefined; // an index entry left by a duplicate (see putCredentials): as findCredential
  const record = JSON.parse(json) as CredentialRecord;
  return { record, statusListVersion: Number(versions[record.statusListId] ?? 0) };
}
