/** @module intake/options — what a caller tells CSV intake: limits, mapping override, group checks. */
import type { ColumnMapping, IntakeLimits } from './types.js';

export const DEFAULT_LIMITS: IntakeLimits = { maxBytes: 10 * 1024 * 1024, maxRows: 100_000 };

export interface IntakeOptions {
  limits?: Partial<IntakeLimits>;
  /** Headers the user chose; each given field replaces the guess. `issuedOn: ''` means "no issue date column". */
  mapping?: Partial<ColumnMapping>;
  /** Custom attribute keys (snake_case) the group's designs use: an empty value is a row error. */
  requiredAttributes?: string[];
  /** Whether the group may issue a second credential to the same email. Default false. */
  allowDuplicates?: boolean;
  /** Does this normalized email already hold the group's credential? Looked up in concurrent batches. */
  alreadyIssued?: (emailKey: string) => Promise<boolean>;
  /** How many `alreadyIssued` lookups run at once (one batch of rows). Default 200. */
  lookupBatchSize?: number;
  /** Called once, after the header row is read, before the first row is yielded. */
  onHeader?: (header: HeaderInfo) => void;
}

/** What the header row told us. */
export interface HeaderInfo {
  delimiter: string;
  headers: string[];
  mapping: ColumnMapping;
  /** Row number of the header as a spreadsheet shows it (1 unless the file starts with blank lines). */
  headerRow: number;
  /** Required attributes that no column provides (every row will miss them). */
  missingAttributeColumns: string[];
}

/** What `readRows` returns once every row has been yielded. */
export interface ReadSummary {
  contentHash: string;
  bytes: number;
  totalRows: number;
}

export function resolveLimits(limits?: Partial<IntakeLimits>): IntakeLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}
