/**
 * @module issuance/source-rows — a job's rows, streamed from where they were left: the uploaded CSV
 * (through intake, so memory stays flat) or the form's recipients. Both give the same SourceRow.
 */
import type { Group } from '../domain/types.js';
import { cleanName, emailProblem } from '../intake/fields.js';
import type { HeaderInfo } from '../intake/options.js';
import { readRowBatches } from '../intake/read.js';
import { IntakeError, type ParsedRow } from '../intake/types.js';
import type { Store } from '../store/port.js';
import { RawRowCursor } from './raw-csv.js';
import type { JobPlan, SourceRow } from './types.js';

type CsvPlan = Extract<JobPlan, { kind: 'csv' }>;
type FormPlan = Extract<JobPlan, { kind: 'form' }>;

export interface SourceOptions {
  /** Custom attribute keys the group's designs print: an empty one is a row error. */
  requiredAttributes?: string[];
  onHeader?: (h: HeaderInfo) => void;
}

export function intakeOptions(plan: CsvPlan, group: Group, opts: SourceOptions = {}) {
  // No `alreadyIssued` lookup: the store refuses duplicates atomically at write time, which also
  // covers a recipient issued by another job in the meantime.
  return { mapping: plan.mapping, allowDuplicates: group.allowDuplicates, requiredAttributes: opts.requiredAttributes, onHeader: opts.onHeader };
}

export async function csvBlob(store: Store, tenant: string, plan: CsvPlan): Promise<Buffer> {
  const bytes = await store.getBlob(tenant, plan.blobKey);
  if (!bytes) {
    throw new IntakeError('empty', 'The uploaded CSV is no longer available (it expired before the job could run). Upload the file again.');
  }
  return bytes;
}

/** Counts the rows of the source (and surfaces file-level refusals before anything is issued). */
export async function countRows(store: Store, tenant: string, plan: JobPlan, group: Group, opts: SourceOptions = {}): Promise<number> {
  if (plan.kind === 'form') return plan.recipients.length;
  let n = 0;
  for await (const rows of readRowBatches(await csvBlob(store, tenant, plan), intakeOptions(plan, group, opts))) n += rows.length;
  return n;
}

function formRow(entry: FormPlan['recipients'][number], position: number, issuedOn?: string): SourceRow {
  const row = position + 1;
  const name = cleanName(entry.recipient?.name ?? '');
  const email = (entry.recipient?.email ?? '').trim();
  const errors: string[] = [];
  if (name === '') errors.push(`Recipient ${row}, name: the name is missing; fill it in.`);
  const problem = emailProblem(email);
  if (problem) errors.push(`Recipient ${row}, email: ${problem}.`);
  const recipient = errors.length ? undefined : { name, email };
  return { position, row, name, email, recipient, attributes: entry.attributes ?? {}, issuedOn, errors };
}

async function* csvRowBatches(bytes: Buffer, plan: CsvPlan, group: Group, from: number, opts: SourceOptions): AsyncGenerator<SourceRow[]> {
  let header: HeaderInfo | undefined;
  const raw = new RawRowCursor(bytes);
  const cellOf = (cells: string[] | undefined, h: string) => (cells?.[header!.headers.indexOf(h)] ?? '').trim();
  let position = 0;
  try {
    const batches = readRowBatches(bytes, intakeOptions(plan, group, { ...opts, onHeader: (h) => ((header = h), opts.onHeader?.(h)) }));
    for await (const parsed of batches) {
      const out: SourceRow[] = [];
      for (const p of parsed) {
        if (position >= from) out.push(p.recipient && p.errors.length === 0 ? issuable(p, position) : await refused(p, position));
        position++;
      }
      if (out.length > 0) yield out;
    }
  } finally {
    await raw.close();
  }

  function issuable(p: ParsedRow, pos: number): SourceRow {
    return { position: pos, row: p.row, name: p.recipient!.name, email: p.recipient!.email, recipient: p.recipient, attributes: p.attributes, issuedOn: p.issuedOn, errors: [] };
  }

  /** A refused row: shows what its name and email cells said, as typed. */
  async function refused(p: ParsedRow, pos: number): Promise<SourceRow> {
    const errors = p.errors.map((e) => e.message);
    const cells = await raw.at(p.row);
    const name = header!.mapping.name.map((h) => cellOf(cells, h)).filter(Boolean).join(' ');
    return { position: pos, row: p.row, name, email: cellOf(cells, header!.mapping.email), attributes: p.attributes, issuedOn: p.issuedOn, errors };
  }
}

/** Every row from position `from` on, in source order, a batch of rows at a time (batch sizes vary). */
export async function* sourceRowBatches(store: Store, tenant: string, plan: JobPlan, group: Group, from: number, opts: SourceOptions = {}): AsyncGenerator<SourceRow[]> {
  if (plan.kind === 'form') {
    if (from < plan.recipients.length) yield plan.recipients.slice(from).map((r, i) => formRow(r, from + i, plan.issuedOn));
    return;
  }
  yield* csvRowBatches(await csvBlob(store, tenant, plan), plan, group, from, opts);
}
