/**
 * @module issuance/engine — what the conversation core (and the console, Slack, Teams) may ask
 * of the issuing engine. Implemented in this folder; the core depends only on this interface.
 */
import type { Job, Recipient, RowResult, TenantId, UserId } from '../domain/types.js';
import type { ColumnMapping } from '../intake/types.js';

export interface CsvJobRequest {
  tenantId: TenantId;
  groupId: string;
  startedBy: UserId;
  fileId: string;
  fileName: string;
  /** The CSV bytes as stored by `Store.putBlob` under this key (kept until the job ends). */
  blobKey: string;
  contentHash: string;
  /** Overrides the guessed mapping. */
  mapping?: Partial<ColumnMapping>;
  /** Serializable ConversationRef to report back to. */
  conversation?: Record<string, unknown>;
  /**
   * Rows in the file, when a preview of these same bytes already counted them (the chat flow's
   * preview does): the job then starts issuing at once instead of reading the whole file first.
   */
  totalRows?: number;
}

export interface FormJobRequest {
  tenantId: TenantId;
  groupId: string;
  startedBy: UserId;
  /** Unique per submission (the form's state key): re-submitting the same form does not issue twice. */
  submissionId: string;
  recipients: { recipient: Recipient; attributes: Record<string, string> }[];
  issuedOn?: string; // YYYY-MM-DD, default today
  conversation?: Record<string, unknown>;
}

export type JobListener = (job: Job) => void | Promise<void>;

/** More columns for the results file, worked out a page of rows at a time (delivery adds its own). */
export interface ExtraColumns {
  header: string[];
  /** One array of cells per row of the page, in the page's order. */
  cells(rows: RowResult[]): Promise<(string | number | undefined)[][]>;
}

export interface IssuanceEngine {
  /** Starts (or returns the existing) job for this source and group. Never issues twice. */
  startCsvJob(req: CsvJobRequest): Promise<{ job: Job; created: boolean }>;
  startFormJob(req: FormJobRequest): Promise<{ job: Job; created: boolean }>;
  getJob(tenant: TenantId, jobId: string): Promise<Job | undefined>;
  listJobs(tenant: TenantId, limit: number): Promise<Job[]>;
  rows(tenant: TenantId, jobId: string): Promise<RowResult[]>;
  /** One line per input row: row, name, email, outcome, credential URL or reason (then any extra columns). Formula-safe. */
  resultsCsv(tenant: TenantId, jobId: string, extra?: ExtraColumns): Promise<Buffer>;
  /** Only the rows that failed, in the original columns plus an `error` column, to fix and re-upload. */
  failedRowsCsv(tenant: TenantId, jobId: string): Promise<Buffer | undefined>;
  /** Called (throttled by the caller) as a job moves, and once when it ends. */
  onProgress(listener: JobListener): void;
  onFinished(listener: JobListener): void;
  revoke(tenant: TenantId, credentialId: string, reason: string, by: UserId): Promise<{ ok: true } | { ok: false; reason: string }>;
  close(): Promise<void>;
}
