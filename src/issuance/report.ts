/**
 * @module issuance/report — a job's report as files staff open in a spreadsheet: the results (one line
 * per input row, in row order) and the failed rows in their original columns plus `error`, ready to fix
 * and upload again. Both are formula-safe (csv-out.ts).
 */
import type { Job, RowResult, TenantId } from '../domain/types.js';
import type { Store } from '../store/port.js';
import { csvFile, csvLine } from './csv-out.js';
import { rawRecords } from './raw-csv.js';
import type { ExtraColumns } from './engine.js';
import type { JobPlan } from './types.js';

export const RESULTS_HEADER = ['row', 'name', 'email', 'outcome', 'credential_url', 'reason'] as const;

/** Where the failed-rows file is kept once a job ends, so it outlives the uploaded CSV. */
export const failedRowsKey = (jobId: string): string => `failed-rows:${jobId}`;

/** Row results in row order; a row recorded twice (never expected) counts once. */
export async function orderedRows(store: Store, tenant: TenantId, jobId: string): Promise<RowResult[]> {
  const byRow = new Map<number, RowResult>();
  for (const r of await store.getRows(tenant, jobId)) if (!byRow.has(r.row)) byRow.set(r.row, r);
  return [...byRow.values()].sort((a, b) => a.row - b.row);
}

const resultCells = (r: RowResult) => [r.row, r.name, r.email, r.outcome, r.url ?? '', r.reason ?? ''];

export function resultsCsv(rows: RowResult[]): Buffer {
  return csvFile(RESULTS_HEADER, rows.map(resultCells));
}

const RESULTS_PAGE = 5000;

/**
 * The results file of a job, read a page of rows at a time: a 100,000-row job's results never sit in
 * memory as objects all at once (measured: ~60 MB less at the peak). Rows are recorded in row order,
 * each once; should the store ever hold them otherwise, they are put in order first (all in memory).
 */
export async function jobResultsCsv(store: Store, tenant: TenantId, jobId: string, extra?: ExtraColumns, pageSize = RESULTS_PAGE): Promise<Buffer> {
  const parts: Buffer[] = [Buffer.from(csvLine([...RESULTS_HEADER, ...(extra?.header ?? [])]))];
  const addPage = async (page: RowResult[]) => {
    const more = extra ? await extra.cells(page) : [];
    parts.push(Buffer.from(page.map((r, i) => csvLine([...resultCells(r), ...(more[i] ?? [])])).join(''), 'utf8'));
  };
  let last = 0;
  pages: for (let offset = 0; ; offset += pageSize) {
    const page = await store.getRows(tenant, jobId, { offset, limit: pageSize });
    for (const r of page) {
      if (r.row <= last) break pages;
      last = r.row;
    }
    await addPage(page);
    if (page.length < pageSize) return Buffer.concat(parts);
  }
  // Out of order or repeated: the thorough way.
  parts.length = 1;
  const all = await orderedRows(store, tenant, jobId);
  for (let i = 0; i < all.length; i += pageSize) await addPage(all.slice(i, i + pageSize));
  return Buffer.concat(parts);
}

/** The failed rows of a CSV job with their original cells (from the uploaded file) plus `error`. */
async function failedFromCsv(csv: Buffer, failed: Map<number, string>): Promise<Buffer> {
  let header: string[] | undefined;
  const lines: string[][] = [];
  for await (const rec of rawRecords(csv)) {
    if (!header) {
      if (/^sep=$/i.test(rec.cells[0]!.trim()) && rec.cells.slice(1).every((c) => c === '')) continue; // Excel's `sep=;` hint
      header = rec.cells;
      continue;
    }
    const error = failed.get(rec.row);
    if (error === undefined) continue;
    const cells = header.map((_, i) => rec.cells[i] ?? '');
    lines.push([...cells, error]);
  }
  return csvFile([...(header ?? []), 'error'], lines);
}

/** Builds the failed-rows file from what the job still has; without its source, from the row results. */
export async function buildFailedRowsCsv(store: Store, job: Job, plan: JobPlan | undefined): Promise<Buffer | undefined> {
  const failed = (await orderedRows(store, job.tenantId, job.id)).filter((r) => r.outcome === 'failed');
  if (failed.length === 0) return undefined;
  if (plan?.kind === 'csv') {
    const csv = await store.getBlob(job.tenantId, plan.blobKey);
    if (csv) return failedFromCsv(csv, new Map(failed.map((r) => [r.row, r.reason ?? ''])));
  }
  if (plan?.kind === 'form') {
    const keys = [...new Set(plan.recipients.flatMap((r) => Object.keys(r.attributes ?? {})))];
    return csvFile(['name', 'email', ...keys, 'error'], failed.map((r) => {
      const attrs = plan.recipients[r.row - 1]?.attributes ?? {};
      return [r.name, r.email, ...keys.map((k) => attrs[k] ?? ''), r.reason ?? ''];
    }));
  }
  return csvFile(['name', 'email', 'error'], failed.map((r) => [r.name, r.email, r.reason ?? '']));
}

/** Saves the failed-rows file when the job ends (the uploaded CSV may expire after that). */
export async function storeFailedRowsCsv(store: Store, job: Job, plan: JobPlan): Promise<void> {
  const csv = await buildFailedRowsCsv(store, job, plan);
  if (csv) await store.putBlob(job.tenantId, failedRowsKey(job.id), csv);
}
