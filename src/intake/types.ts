/** @module intake/types — what CSV intake gives back: parsed rows, and a bounded preview. */
import type { Recipient } from '../domain/types.js';

/** A problem with one cell or row, worded for the person who will fix the file. */
export interface RowIssue {
  /** Row number as a spreadsheet shows it: the header is row 1, the first data row is row 2. */
  row: number;
  /** The CSV column header the issue is about, when there is one. */
  column?: string;
  code: string; // 'missing_name' | 'invalid_email' | 'bad_date' | 'missing_attribute' | 'duplicate_in_file' | 'already_issued' | …
  message: string;
}

/** How CSV headers were understood. */
export interface ColumnMapping {
  /** Header(s) used for the name; two when First name + Last name are joined. */
  name: string[];
  email: string;
  /** Optional per-row issue date column. */
  issuedOn?: string;
  /** Header -> custom attribute key (snake_case), for every other column. */
  attributes: Record<string, string>;
}

export interface ParsedRow {
  row: number;
  /** Present when the row is valid enough to issue. */
  recipient?: Recipient;
  attributes: Record<string, string>;
  issuedOn?: string;
  errors: RowIssue[];
  warnings: RowIssue[];
  /** The record's cells as read (untrimmed, header order), to write failed rows back out in the original columns. */
  cells?: string[];
}

export interface IntakeLimits {
  maxBytes: number; // default 10 MB
  maxRows: number; // default 100,000
}

/** A file-level refusal (not text, no email column, too big): nothing in it is issued. */
export class IntakeError extends Error {
  constructor(
    readonly code: 'not_text' | 'empty' | 'missing_name_column' | 'missing_email_column' | 'too_large' | 'too_many_rows' | 'malformed',
    message: string,
  ) {
    super(message);
    this.name = 'IntakeError';
  }
}

/** What the preview in chat shows. Bounded: it never keeps every row. */
export interface CsvPreview {
  delimiter: string;
  headers: string[];
  mapping: ColumnMapping;
  totalRows: number;
  validRows: number;
  errorRows: number;
  warningRows: number;
  /** The first few issues of each kind (the full list is in the results file). */
  errors: RowIssue[];
  warnings: RowIssue[];
  /** The first rows as understood, to show the user. */
  sample: ParsedRow[];
  /** sha256 hex of the file's bytes: with the file id it makes a job idempotent. */
  contentHash: string;
  /** Required custom attributes (from the group's designs) that no column provides. */
  missingAttributeColumns?: string[];
}
