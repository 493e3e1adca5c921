/**
 * @module store/redis-keys — every Redis key Credbot uses, in one place.
 *
 * All of a tenant's keys carry the tenant as a hash tag, `cb:{<tenant>}:…`, so Redis Cluster puts
 * them in one slot and the multi-key Lua scripts and MULTI/EXEC below stay legal there.
 * The variable part (an id or key) always comes last, so two kinds of key can never collide.
 *
 *   key                                type    holds
 *   cb:{T}:designs                     HASH    design id -> Design JSON
 *   cb:{T}:groups                      HASH    group id -> Group JSON
 *   cb:{T}:creds                       HASH    credential id -> CredentialRecord JSON
 *   cb:{T}:gcreds:<group id>           LIST    the group's credential ids, in issue order (count, paging)
 *   cb:{T}:gemails:<group id>          HASH    emailKey -> credential id that holds it (the duplicate claim)
 *   cb:{T}:credfix                     HASH    exists only inside the MULTI/EXEC that stores a batch: credential
 *                                              id -> record to put back, or '' to remove (redis-credentials.ts)
 *   cb:{T}:salloc:<status list id>     STRING  bitmap, 1 = index handed out (allocateStatusIndex)
 *   cb:{T}:sbits:<status list id>      STRING  bitmap, 1 = revoked: the published bitstring (SETBIT, bit 0 = MSB of byte 0)
 *   cb:{T}:svc:<status list id>        STRING  signed status-list credential JSON
 *   cb:{T}:svcver                      HASH    status list id -> version: HINCRBY in the same MULTI as each
 *                                              svc write, so a process caching a verified list sees a revocation
 *                                              made elsewhere on its next read (redis-status-versions.ts)
 *   cb:{T}:jobs                        ZSET    job ids scored by createdAt (ms): listJobs newest first
 *   cb:{T}:job:<job id>                HASH    json -> Job JSON without counts; total, processed, issued,
 *                                              skipped, failed -> integers (HINCRBY from recordRows)
 *   cb:{T}:jobrows:<job id>            LIST    RowResult JSON, in the order recorded
 *   cb:{T}:jobkey:<idempotency key>    STRING  job id holding that key (created with the job, atomically)
 *   cb:{T}:unfinished                  SET     ids of jobs not done / failed / cancelled
 *   cb:{T}:delivery                    HASH    `<credential id>:<channel>` -> DeliveryRecord JSON (latest outcome)
 *   cb:{T}:dlvpending                  HASH    job id -> how many of its rows delivery has queued; a job is here
 *                                              until it is finished and all of them are (redis-delivery-progress.ts)
 *   cb:{T}:issuers                     SET     user ids with the issuer (team member) role
 *   cb:{T}:issuerkey                   STRING  IssuerKeyRecord JSON, first writer wins
 *   cb:{T}:audit                       LIST    AuditEntry JSON, newest first (LPUSH)
 *   cb:{T}:blob:<key>                  STRING  raw bytes, optional expiry
 *   cb:{T}:once:<key>                  STRING  "1" with an expiry (claimOnce: SET NX EX; confirmClaims), or
 *                                              `lease:<owner>` with a short one (leaseClaims, redis-claims.ts)
 *   cb:{T}:state:<key>                 STRING  JSON with an expiry
 *   cb:{T}:lock:<name>                 STRING  random owner token with an expiry (SET NX PX)
 *
 * Global keys (lookups that start without a tenant):
 *   cb:credidx:{<credential id>}       STRING  tenant id (SET NX). Public verification knows only the id.
 *                                              Tagged by id, so these spread over the cluster.
 *   cb:tenants                         SET     tenant ids that ever created a job (or marked one for delivery):
 *                                              listUnfinishedJobs walks each tenant's `unfinished` set, which
 *                                              changes atomically with the job itself (same slot, same script);
 *                                              listDeliveryPending each tenant's `dlvpending`.
 */
import type { TenantId } from '../domain/types.js';
import { checkTenant } from './rules.js';

export const TENANTS_KEY = 'cb:tenants';

export const credIndexKey = (credentialId: string): string => `cb:credidx:{${credentialId}}`;

/** The key builders for one tenant. */
export function tenantKeys(tenant: TenantId) {
  checkTenant(tenant);
  const p = `cb:{${tenant}}:`;
  return {
    prefix: p,
    designs: `${p}designs`,
    groups: `${p}groups`,
    creds: `${p}creds`,
    groupCreds: (groupId: string) => `${p}gcreds:${groupId}`,
    groupEmails: (groupId: string) => `${p}gemails:${groupId}`,
    credentialFixes: `${p}credfix`,
    statusAllocated: (listId: string) => `${p}salloc:${listId}`,
    statusBits: (listId: string) => `${p}sbits:${listId}`,
    statusVc: (listId: string) => `${p}svc:${listId}`,
    statusVersions: `${p}svcver`,
    jobs: `${p}jobs`,
    job: (jobId: string) => `${p}job:${jobId}`,
    jobRows: (jobId: string) => `${p}jobrows:${jobId}`,
    jobKey: (idempotencyKey: string) => `${p}jobkey:${idempotencyKey}`,
    unfinished: `${p}unfinished`,
    issuers: `${p}issuers`,
    delivery: `${p}delivery`,
    deliveryPending: `${p}dlvpending`,
    issuerKey: `${p}issuerkey`,
    audit: `${p}audit`,
    blob: (key: string) => `${p}blob:${key}`,
    once: (key: string) => `${p}once:${key}`,
    state: (key: string) => `${p}state:${key}`,
    lock: (name: string) => `${p}lock:${name}`,
  };
}

export type TenantKeys = ReturnType<typeof tenantKeys>;
