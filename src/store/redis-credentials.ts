/**
 * @module store/redis-credentials — credentials and status lists in Redis: the batch write with its
 * atomic duplicate claim, the public lookup by id, and the revocation bitstrings.
 */
import type { Cluster, Command, Redis } from 'ioredis';
import type { CredentialRecord, NewCredentialRecord, TenantId } from '../domain/types.js';
import { NotFoundError } from './errors.js';
import { credIndexKey, tenantKeys } from './redis-keys.js';
import { CLAIM_CREDENTIALS, SETTLE_CREDENTIALS } from './redis-credential-scripts.js';
import { PackWriter } from './redis-pack.js';
import { type Cmd, isCluster, runScript, send } from './redis-scripts.js';
import { execTransactions, keyPrefixOf } from './redis-transactions.js';
import { evalCommand, hsetRecords } from './redis-wire.js';
import { checkAllocationCount, checkCredentials, checkListSize, checkStatusIndex, STATUS_CANDIDATES, statusCandidates, whole } from './rules.js';

type PutResult = { stored: string[]; existing: string[]; duplicates: { id: string; heldBy: string }[] };

/** Splits a batch where an id repeats: each part is stored in its own MULTI/EXEC, in order (see CLAIM_CREDENTIALS). */
function runsOfUniqueIds(creds: NewCredentialRecord[]): NewCredentialRecord[][] {
  const runs: NewCredentialRecord[][] = [[]];
  let ids = new Set<string>();
  for (const c of creds) {
    if (ids.has(c.id)) {
      runs.push([]);
      ids = new Set();
    }
    ids.add(c.id);
    runs[runs.length - 1]!.push(c);
  }
  return runs;
}

/**
 * One run's MULTI/EXEC block: the claim script (ids and emails only), a plain HSET of every record,
 * then the settle script (redis-transactions.ts). On a single server the claim script also writes the
 * public index entries; on a cluster they live in other slots, so the caller writes them afterwards.
 * Encoded here (redis-wire.ts), so ioredis does not add the client's key prefix: the keys carry it.
 */
function runBlock(keyPrefix: string, tenant: TenantId, run: NewCredentialRecord[], allowDuplicates: boolean, cluster: boolean): Command[] {
  const k = tenantKeys(tenant);
  const groupNumber = new Map<string, number>();
  const keys = [k.creds, k.credentialFixes];
  const claims = new PackWriter(run.length * 80);
  for (const c of run) {
    let g = groupNumber.get(c.groupId);
    if (g === undefined) {
      groupNumber.set(c.groupId, (g = groupNumber.size + 1));
      keys.push(k.groupCreds(c.groupId), k.groupEmails(c.groupId));
    }
    claims.u32(g).string(c.id).string(c.emailKey);
  }
  if (!cluster) for (const c of run) keys.push(credIndexKey(c.id));
  const claimArgs = [allowDuplicates ? '1' : '0', run.length, groupNumber.size, tenant, claims.done()];
  return [
    evalCommand(CLAIM_CREDENTIALS, keys.map((key) => keyPrefix + key), claimArgs),
    hsetRecords(keyPrefix + k.creds, run),
    evalCommand(SETTLE_CREDENTIALS, [keyPrefix + k.creds, keyPrefix + k.credentialFixes], []),
  ];
}

/** The claim script's reply: one letter per credential ('s', 'e', 'd'), then who holds each duplicate's claim. */
function outcomesOf(reply: unknown): string[] {
  const [codes, ...holders] = reply as string[];
  let d = 0;
  return [...codes!].map((code) => (code === 'd' ? `d${holders[d++]}` : code));
}

/**
 * One round trip: per run of unique ids (the whole batch, in practice) one MULTI/EXEC that claims,
 * stores and settles atomically.
 */
export async function putCredentials(client: Redis | Cluster, tenant: TenantId, creds: NewCredentialRecord[], allowDuplicates: boolean): Promise<PutResult> {
  checkCredentials(tenant, creds);
  const result: PutResult = { stored: [], existing: [], duplicates: [] };
  if (creds.length === 0) return result;
  const cluster = isCluster(client);
  const keyPrefix = keyPrefixOf(client);
  const runs = runsOfUniqueIds(creds);
  const replies = await execTransactions(client, runs.map((run) => runBlock(keyPrefix, tenant, run, allowDuplicates, cluster)));
  const outcomes = replies.flatMap(([claimed]) => outcomesOf(claimed));
  outcomes.forEach((o, i) => {
    const id = creds[i]!.id;
    if (o === 's') result.stored.push(id);
    else if (o === 'e') result.existing.push(id);
    else result.duplicates.push({ id, heldBy: o.slice(1) });
  });
  if (cluster) {
    const dup = new Set(result.duplicates.map((d) => d.id));
    await send(client, [creds.filter((c) => !dup.has(c.id)).map((c): Cmd => ['set', credIndexKey(c.id), tenant, 'NX'])]);
    // An entry left by an earlier try of this batch that stopped half way, for a duplicate: removed.
    if (dup.size > 0) await send(client, [[...dup].map((id): Cmd => ['del', credIndexKey(id)])]);
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
  // The candidates (8 per index) as one packed argument instead of thousands of numbers.
  const candidates = new PackWriter(4 * STATUS_CANDIDATES * count);
  for (const c of statusCandidates(listSize, random, count)) candidates.u32(c);
  return (await runScript(client, 'cbAllocateStatusIndexes', [key], [listSize, count, candidates.done()])) as number[];
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
