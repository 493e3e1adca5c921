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

/**
 * Issue date and expiry of each row, worked out once per distinct issue date of the batch (most rows
 * have none, so they share "now"): the expiry rule is a function of the issue date alone.
 * A rule that cannot apply to a row (a fixed date before its issue date) fails the row.
 */
class BatchDates {
  private readonly today: string;
  private readonly expiries = new Map<string, { expiresOn?: string; problem?: string }>();

  constructor(now: Date, private readonly signer: GroupSigner) {
    this.today = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** A date from the file is a day; the credential gets that day at 00:00 UTC. */
  issuedOn(row: SourceRow): string {
    return row.issuedOn ? `${row.issuedOn}T00:00:00Z` : this.today;
  }

  /** The row's expiry, or undefined with an error added to the row. */
  expiresOn(row: SourceRow, issuedOn: string): string | undefined {
    let known = this.expiries.get(issuedOn);
    if (!known) {
      try {
        known = { expiresOn: this.signer.expiryFor(issuedOn) };
      } catch (err) {
        known = { problem: (err as Error).message };
      }
      this.expiries.set(issuedOn, known);
    }
    if (known.problem !== undefined) row.errors.push(`Row ${row.row}: ${known.problem}; change the row's issue date or the group's expiry.`);
    return known.expiresOn;
  }
}

export async function signBatch(ctx: JobContext, rows: SourceRow[], env: BatchEnv): Promise<SignedBatch> {
  const dates = new BatchDates(env.clock(), env.signer);
  const dated = rows
    .filter((r) => r.recipient !== undefined && r.errors.length === 0)
    .map((r) => {
      const issuedOn = dates.issuedOn(r);
      return { r, issuedOn, expiresOn: dates.expiresOn(r, issuedOn) };
    });
  const valid = dated.filter((d) => d.r.errors.length === 0);
  const slots = valid.length > 0 ? await env.statusLists.allocate(env.store, ctx.tenantId, valid.length, env.random) : [];
  // Literals for either shape, not a conditional spread (which builds each draft the slow way); a
  // draft without an expiry has no expiresOn key at all, as the signing threads receive it.
  const drafts: CredentialDraft[] = valid.map(({ r, issuedOn, expiresOn }, i) => {
    const id = credentialIdFor(ctx.jobId, r.row);
    const { listId, index } = slots[i]!;
    return expiresOn
      ? { id, recipient: r.recipient!, attributes: r.attributes, issuedOn, expiresOn, statusListId: listId, statusListIndex: index }
      : { id, recipient: r.recipient!, attributes: r.attributes, issuedOn, statusListId: listId, statusListIndex: index };
  });
  const signed = drafts.length > 0 ? await env.signer.signBatch(drafts) : [];
  const records = new Map<number, NewCredentialRecord>();
  drafts.forEach((d, i) => {
    // One object literal (no conditional spread): V8 serializes such a record in its fast path.
    // An undefined expiresOn is left out of the stored JSON, as an absent one is.
    records.set(valid[i]!.r.position, {
      id: d.id,
      tenantId: ctx.tenantId,
      groupId: ctx.group.id,
      jobId: ctx.jobId,
      recipient: d.recipient,
      emailKey: normalizeEmail(d.recipient.email),
      issuedOn: d.issuedOn,
      expiresOn: d.expiresOn,
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
  // Object literals, not spreads of a shared base: JSON.stringify (recordRows) is several times faster on them.
  const results: RowResult[] = batch.rows.map((r) => {
    const rec = batch.records.get(r.position);
    if (!rec) {
      counts.failed++;
      return { row: r.row, name: r.name, email: r.email, outcome: 'failed', reason: r.errors.join(' ') || 'This row could not be read.' };
    }
    const holder = heldBy.get(rec.id);
    if (holder !== undefined) {
      counts.skipped++;
      return { row: r.row, name: r.name, email: r.email, outcome: 'skipped', reason: `already holds this credential (${holder})` };
    }
    counts.issued++; // stored now, or already stored by an earlier run of this batch
    return { row: r.row, name: r.name, email: r.email, outcome: 'issued', credentialId: rec.id, url: credentialUrl(env.publicBaseUrl, rec.id) };
  });
  await env.store.recordRows(ctx.tenantId, ctx.jobId, results, counts);
  return counts;
}
