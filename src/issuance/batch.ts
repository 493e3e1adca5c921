/**
 * @module issuance/batch — one batch of rows: allocate status indexes, build and sign (off the main
 * thread, serialized there), then commit: store the credentials in one round trip (duplicates refused atomically) and
 * record the row results with the counts. Signing a batch may overlap the previous batch's commit;
 * commits happen one at a time, in row order, so `counts.processed` always marks a clean prefix.
 */
import { credentialUrl } from '../credentials/urls.js';
import { normalizeEmail } from '../domain/email.js';
import type { JobCounts, NewCredentialRecord, RowResult } from '../domain/types.js';
import type { Store } from '../store/port.js';
import { credentialIdFor } from './ids.js';
import type { CredentialDraft, GroupSigner } from './signer.js';
import type { JobContext, SourceRow } from './types.js';

export interface BatchEnv {
  store: Store;
  signer: GroupSigner;
  random: () => number;
  clock: () => Date;
  publicBaseUrl: string;
  /** Picks the status list to issue into (advances when one is full). */
  statusLists: StatusListCursor;
}

/** A batch whose credentials are signed, ready to commit. */
export interface SignedBatch {
  rows: SourceRow[];
  records: Map<number, NewCredentialRecord>; // by position
}

/** Walks a tenant's status lists: list n is used until it is full, then n+1. */
export class StatusListCursor {
  private n = 1;
  private marked = 0;

  constructor(
    private readonly listId: (n: number) => string,
    private readonly listSize: number,
  ) {}

  /** `count` status slots, claimed a batch at a time (one store round trip unless a list fills up). */
  async allocate(store: Store, tenant: string, count: number, random: () => number): Promise<{ listId: string; index: number }[]> {
    const slots: { listId: string; index: number }[] = [];
    while (slots.length < count) {
      const listId = this.listId(this.n);
      if (this.marked !== this.n) {
        // Marks the list as in use, so the web publishes it (and only lists that exist).
        await store.putBlob(tenant, statusListMarker(listId), Buffer.from('1'));
        this.marked = this.n;
      }
      const want = count - slots.length;
      const got = await store.allocateStatusIndexes(tenant, listId, this.listSize, want, random);
      for (const index of got) slots.push({ listId, index });
      if (got.length < want) this.n++; // this list is full
    }
    return slots;
  }
}

/** Blob that says a tenant's status list has been issued into. */
export const statusListMarker = (listId: string): string => `status-list-in-use:${listId}`;

function issuedOnOf(row: SourceRow, now: Date): string {
  // A date from the file is a day; the credential gets that day at 00:00 UTC.
  return row.issuedOn ? `${row.issuedOn}T00:00:00Z` : now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The row's expiry from the group's rule; a rule that cannot apply to this row (a fixed date before its issue date) fails the row. */
function expiryOf(r: SourceRow, issuedOn: string, signer: GroupSigner): string | undefined {
  try {
    return signer.expiryFor(issuedOn);
  } catch (err) {
    r.errors.push(`Row ${r.row}: ${(err as Error).message}; change the row's issue date or the group's expiry.`);
    return undefined;
  }
}

export async function signBatch(ctx: JobContext, rows: SourceRow[], env: BatchEnv): Promise<SignedBatch> {
  const now = env.clock();
  const dated = rows
    .filter((r) => r.recipient !== undefined && r.errors.length === 0)
    .map((r) => {
      const issuedOn = issuedOnOf(r, now);
      return { r, issuedOn, expiresOn: expiryOf(r, issuedOn, env.signer) };
    });
  const valid = dated.filter((d) => d.r.errors.length === 0);
  const slots = valid.length > 0 ? await env.statusLists.allocate(env.store, ctx.tenantId, valid.length, env.random) : [];
  const drafts: CredentialDraft[] = valid.map(({ r, issuedOn, expiresOn }, i) => ({
    id: credentialIdFor(ctx.jobId, r.row),
    recipient: r.recipient!,
    attributes: r.attributes,
    issuedOn,
    ...(expiresOn ? { expiresOn } : {}),
    statusListId: slots[i]!.listId,
    statusListIndex: slots[i]!.index,
  }));
  const signed = drafts.length > 0 ? await env.signer.signBatch(drafts) : [];
  const records = new Map<number, NewCredentialRecord>();
  drafts.forEach((d, i) => {
    records.set(valid[i]!.r.position, {
      id: d.id,
      tenantId: ctx.tenantId,
      groupId: ctx.group.id,
      jobId: ctx.jobId,
      recipient: d.recipient,
      emailKey: normalizeEmail(d.recipient.email),
      issuedOn: d.issuedOn,
      ...(d.expiresOn ? { expiresOn: d.expiresOn } : {}),
      attributes: d.attributes,
      status: 'issued',
      statusListId: d.statusListId,
      statusListIndex: d.statusListIndex,
      signed: signed[i]!,
    });
  });
  return { rows, records };
}

/** Stores the batch's credentials and records one result per row. Returns the counts it added. */
export async function commitBatch(ctx: JobContext, batch: SignedBatch, env: BatchEnv): Promise<JobCounts> {
  const records = [...batch.records.values()];
  const put = await env.store.putCredentials(ctx.tenantId, records, { allowDuplicates: ctx.group.allowDuplicates });
  const heldBy = new Map(put.duplicates.map((d) => [d.id, d.heldBy]));
  const counts: JobCounts = { total: 0, processed: batch.rows.length, issued: 0, skipped: 0, failed: 0 };
  const results: RowResult[] = batch.rows.map((r) => {
    const base = { row: r.row, name: r.name, email: r.email };
    const rec = batch.records.get(r.position);
    if (!rec) {
      counts.failed++;
      return { ...base, outcome: 'failed', reason: r.errors.join(' ') || 'This row could not be read.' };
    }
    const holder = heldBy.get(rec.id);
    if (holder !== undefined) {
      counts.skipped++;
      return { ...base, outcome: 'skipped', reason: `already holds this credential (${holder})` };
    }
    counts.issued++; // stored now, or already stored by an earlier run of this batch
    return { ...base, outcome: 'issued', credentialId: rec.id, url: credentialUrl(env.publicBaseUrl, rec.id) };
  });
  await env.store.recordRows(ctx.tenantId, ctx.jobId, results, counts);
  return counts;
}
