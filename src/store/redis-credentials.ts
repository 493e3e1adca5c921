/**
 * @module store/redis-credentials — credentials and status lists in Redis: the batch write with its
 * atomic duplicate claim, the public lookup by id, and the revocation bitstrings.
 */
import type { Cluster, Redis } from 'ioredis';
import type { CredentialRecord, NewCredentialRecord, TenantId } from '../domain/types.js';
import { NotFoundError } from './errors.js';
import { credIndexKey, tenantKeys } from './redis-keys.js';
import { type Arg, type Cmd, isCluster, script, send } from './redis-scripts.js';
import { checkAllocationCount, checkCredentials, checkListSize, checkStatusIndex, statusCandidates, whole } from './rules.js';

type PutResult = { stored: string[]; existing: string[]; duplicates: { id: string; heldBy: string }[] };

/**
 * One round trip on a single server: the claim-and-store script, then SET NX of each public index
 * entry, in one pipeline. (The index keys live in other slots, so they cannot join the script.)
 * An index entry written for a credential that turned out to be a duplicate points at a tenant
 * that does not hold the id; findCredential checks, and the entries are removed here afterwards.
 */
/**
 * The record's JSON in the two parts the script joins: `{…the record's other fields…,"signed":`
 * and the signed credential. One that arrives as bytes (from the signing thread) goes as it is,
 * never parsed, re-encoded or copied here.
 */
function recordParts(c: NewCredentialRecord): [Buffer, string | Buffer] {
  const { signed, ...rest } = c;
  // As bytes: ioredis copies a Buffer argument as it is, but re-concatenates a string one into a new string first.
  const head = Buffer.from(JSON.stringify(rest).slice(0, -1) + ',"signed":'); // never `{}`: a record always has an id
  if (!(signed instanceof Uint8Array)) return [head, JSON.stringify(signed)];
  return [head, Buffer.from(signed.buffer, signed.byteOffset, signed.byteLength)];
}

export async function putCredentials(client: Redis | Cluster, tenant: TenantId, creds: NewCredentialRecord[], allowDuplicates: boolean): Promise<PutResult> {
  checkCredentials(tenant, creds);
  const result: PutResult = { stored: [], existing: [], duplicates: [] };
  if (creds.length === 0) return result;
  const k = tenantKeys(tenant);
  const groupNumber = new Map<string, number>();
  const keys = [k.creds];
  const args: Arg[] = [allowDuplicates ? '1' : '0', creds.length];
  for (const c of creds) {
    let g = groupNumber.get(c.groupId);
    if (g === undefined) {
      groupNumber.set(c.groupId, (g = groupNumber.size + 1));
      keys.push(k.groupCreds(c.groupId), k.groupEmails(c.groupId));
    }
    args.push(c.id, g, c.emailKey, ...recordParts(c));
  }
  const indexKeys = creds.map((c) => credIndexKey(c.id));
  // One command instead of one per credential where the keys may share a script (not on a cluster).
  const index: Cmd[] = isCluster(client) ? indexKeys.map((key) => ['set', key, tenant, 'NX']) : [script('cbSetEachNx', indexKeys, [tenant])];
  const [outcomes] = (await send(client, [[script('cbPutCredentials', keys, args)], index])) as [string[]];
  outcomes.forEach((o, i) => {
    const id = creds[i].id;
    if (o === 's') result.stored.push(id);
    else if (o === 'e') result.existing.push(id);
    else result.duplicates.push({ id, heldBy: o.slice(1) });
  });
  if (result.duplicates.length > 0) {
    // Only this call wrote these entries (ids are fresh uuids), so removing them is safe.
    await send(client, [result.duplicates.map((d): Cmd => ['del', credIndexKey(d.id)])]);
  }
  return result;
}

export async function getCredential(client: Redis | Cluster, tenant: TenantId, id: string): Promise<CredentialRecord | undefined> {
  const json = await client.hget(tenantKeys(tenant).creds, id);
  return json === null ? undefined : (JSON.parse(json) as CredentialRecord);
}

export async function findCredential(client: Redis | Cluster, id: string): Promise<CredentialRecord | undefined> {
  const tenant = await client.get(credIndexKey(id));
  return tenant === null ? undefined : getCredential(client, tenant, id);
}

export async function listCredentials(client: Redis | Cluster, tenant: TenantId, groupId: string, opts: { offset?: number; limit?: number } = {}): Promise<CredentialRecord[]> {
  const k = tenantKeys(tenant);
  const start = whole(opts.offset, 0);
  const limit = whole(opts.limit, Infinity);
  if (limit === 0) return [];
  const stop = limit === Infinity ? -1 : start + limit - 1;
  const ids = await client.lrange(k.groupCreds(groupId), start, stop);
  if (ids.length === 0) return [];
  const jsons = await client.hmget(k.creds, ...ids);
  return jsons.filter((j): j is string => j !== null).map((j) => JSON.parse(j) as CredentialRecord);
}

export async function updateCredential(client: Redis | Cluster, cred: CredentialRecord): Promise<void> {
  // HSET XX does not exist for hash fields: a script would be overkill, so check then write; the
  // only race is with a concurrent first store of the same id, which would write the same record.
  const k = tenantKeys(cred.tenantId);
  if (!(await client.hexists(k.creds, cred.id))) throw new NotFoundError('Credential', cred.id);
  await client.hset(k.creds, cred.id, JSON.stringify(cred));
}

export async function allocateStatusIndexes(client: Redis | Cluster, tenant: TenantId, listId: string, listSize: number, count: number, random: () => number): Promise<number[]> {
  checkListSize(listSize);
  checkAllocationCount(count);
  const key = tenantKeys(tenant).statusAllocated(listId);
  const [indexes] = (await send(client, [[script('cbAllocateStatusIndexes', [key], [listSize, count, ...statusCandidates(listSize, random, count)])]])) as [number[]];
  return indexes;
}

export async function setStatusBit(client: Redis | Cluster, tenant: TenantId, listId: string, index: number, value: boolean): Promise<void> {
  checkStatusIndex(index);
  await client.setbit(tenantKeys(tenant).statusBits(listId), index, value ? 1 : 0);
}

export async function getStatusBits(client: Redis | Cluster, tenant: TenantId, listId: string, listSize: number): Promise<Buffer> {
  checkListSize(listSize);
  const raw = await client.getrangeBuffer(tenantKeys(tenant).statusBits(listId), 0, listSize / 8 - 1);
  const out = Buffer.alloc(listSize / 8); // the stored string is shorter until the last bits are set
  raw.copy(out);
  return out;
}
