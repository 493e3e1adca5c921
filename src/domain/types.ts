/** @module domain/types — the words staff use (design, group, credential, job), as plain data. */

/** A tenant is one Slack workspace (`slack:T…` / `slack:E…` for Grid), one Teams tenant (`teams:<guid>`) or the local console (`console:local`). */
export type TenantId = string;

/** A platform user id, unique within a tenant (Slack `U…`, Teams AAD object id, `local` in the console). */
export type UserId = string;

export type DesignKind = 'badge' | 'certificate';

export interface DesignColours {
  primary: string; // '#1f4e79'
  secondary: string;
  text: string;
}

/** Text lines of a design; each may hold placeholders such as `{{recipient.name}}` or `{{custom.grade}}`. */
export interface DesignText {
  title: string;
  subtitle?: string;
  body?: string;
  footer?: string;
}

export interface Design {
  id: string;
  tenantId: TenantId;
  kind: DesignKind;
  name: string;
  /** A built-in template id (e.g. `badge-circle`, `certificate-classic-a4`) or `custom-svg`. */
  template: string;
  /** The sanitized SVG when `template === 'custom-svg'`. */
  svg?: string;
  colours: DesignColours;
  text: DesignText;
  /** A logo as a data: URL (uploaded, or fetched once from a URL and stored). */
  logo?: string;
  createdBy: UserId;
  createdAt: string; // ISO 8601
  updatedAt: string;
}

/** When a credential stops being valid. */
export type ExpiryRule =
  | { kind: 'none' }
  | { kind: 'after'; amount: number; unit: 'months' | 'years' }
  | { kind: 'fixed'; date: string }; // YYYY-MM-DD

/** The people who completed one achievement (usually a course). */
export interface Group {
  id: string;
  tenantId: TenantId;
  name: string;
  courseName: string;
  courseDescription: string;
  courseLink?: string;
  /** What a recipient had to do; defaults to the course description when absent. */
  criteria?: string;
  badgeDesignId?: string;
  certificateDesignId?: string;
  expiry: ExpiryRule;
  /** Default false: one credential per normalized email per group. */
  allowDuplicates: boolean;
  /** Declared custom attribute keys (`grade`, `hours`, …), normalized to snake_case. */
  customAttributes: string[];
  /** BCP 47 language tag of the credential text, e.g. `en`. */
  language: string;
  /** Email each recipient their credential (default: on, when the bot has a mail server). */
  deliverEmail?: boolean;
  /** Also send a direct message when the recipient's email belongs to a workspace member (default on). */
  deliverChat?: boolean;
  /** Subject of the email, with placeholders as in designs; absent: a built-in subject. */
  emailSubject?: string;
  /** Plain-text body of the email, with placeholders; the verification link is always added. Absent: a built-in text. */
  emailBody?: string;
  /** Attach the certificate PDF to the email (default on when the group has a certificate design). */
  attachCertificate?: boolean;
  createdBy: UserId;
  createdAt: string;
  updatedAt: string;
}

export interface Recipient {
  name: string;
  email: string;
}

export type CredentialStatus = 'issued' | 'revoked';

/** One issued credential as stored. Whether it has expired is computed from `expiresOn`, never stored. */
export interface CredentialRecord {
  id: string; // uuid; public URL is `${PUBLIC_BASE_URL}/credentials/${id}`
  tenantId: TenantId;
  groupId: string;
  jobId?: string;
  recipient: Recipient;
  /** Lower-cased, trimmed email: the duplicate check key. */
  emailKey: string;
  issuedOn: string; // ISO 8601 date-time
  expiresOn?: string;
  attributes: Record<string, string>;
  status: CredentialStatus;
  revokedAt?: string;
  revokedReason?: string;
  revokedBy?: UserId;
  statusListId: string;
  statusListIndex: number;
  /** The signed OpenBadgeCredential JSON. */
  signed: Record<string, unknown>;
}

/**
 * A credential on its way into the store. The issuing engine hands `signed` over as the signing
 * thread's UTF-8 JSON: Redis keeps those bytes as they are, the memory store parses them.
 */
export type NewCredentialRecord = Omit<CredentialRecord, 'signed'> & { signed: Record<string, unknown> | Uint8Array };

/** Where a job's rows came from. `key` is what makes a job idempotent. */
export type JobSource =
  | { kind: 'csv'; fileId: string; fileName: string; contentHash: string }
  | { kind: 'form'; submissionId: string };

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export type RowOutcome = 'issued' | 'skipped' | 'failed';

/** What happened to one input row; row numbers are the CSV's line-of-data numbers as a user sees them (header = row 1). */
export interface RowResult {
  row: number;
  name: string;
  email: string;
  outcome: RowOutcome;
  credentialId?: string;
  url?: string;
  reason?: string;
}

export interface JobCounts {
  total: number;
  processed: number;
  issued: number;
  skipped: number;
  failed: number;
}

export interface Job {
  id: string;
  tenantId: TenantId;
  groupId: string;
  source: JobSource;
  startedBy: UserId;
  state: JobState;
  counts: JobCounts;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  error?: string;
  /** Opaque, serializable reference to the conversation to report back to (kept so a restarted process can still post). */
  conversation?: Record<string, unknown>;
}

/** A tenant's issuer key: the secret is encrypted at rest (AES-256-GCM with the configured key). */
export interface IssuerKeyRecord {
  tenantId: TenantId;
  /** did:key-style or URL controller id used as the credential's issuer id. */
  controller: string;
  keyId: string;
  publicKeyMultibase: string;
  /** base64 of iv | tag | ciphertext; never logged. */
  encryptedSecretKey: string;
  createdAt: string;
}

export type DeliveryChannel = 'email' | 'chat';

/**
 * What happened to telling a recipient: `queued` (waiting or being retried), `sent` (the mail server
 * or chat platform accepted it), `refused` (the mail server said no: `detail` holds its reply),
 * `failed` (still not delivered after every retry), `skipped` (switched off, no address, not a member).
 */
export type DeliveryOutcome = 'queued' | 'sent' | 'refused' | 'failed' | 'skipped';

/** The latest delivery outcome of one credential on one channel. */
export interface DeliveryRecord {
  credentialId: string;
  channel: DeliveryChannel;
  outcome: DeliveryOutcome;
  /** The server's reply when refused or failed, or why it was skipped. */
  detail?: string;
  /** Attempts made so far for the latest send (a resend starts again at 0). */
  attempts: number;
  at: string; // ISO 8601
}

export interface AuditEntry {
  at: string;
  tenantId: TenantId;
  actor: UserId;
  action: string; // 'group.create', 'credential.revoke', 'team.add', …
  target?: string;
  detail?: Record<string, unknown>;
}
