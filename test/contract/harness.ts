/**
 * @module test/contract/harness — what an adapter must provide to run the shared adapter contract
 * suite (`adapter-contract.ts`). Each adapter (console, Slack, Teams) implements it over its own
 * real wire: typed lines for the console, signed HTTP requests to `/slack/events` for Slack,
 * activities POSTed to `/api/messages` for Teams. Everything the suite observes is normalized to
 * the small shapes below, read back from what the platform would really have received.
 */

/** A message as a user sees it (read back from the fake platform's record of API calls). */
export interface SeenMessage {
  /** All visible text of the message, flattened (fallback text + blocks/card text). */
  text: string;
  /** The thread it was posted in (Slack thread_ts, Teams root message id, console file thread). */
  threadId?: string;
  /** Only the acting user sees it. */
  ephemeral?: boolean;
  /** Buttons and selects on the message, as the core defined them. */
  actions: SeenAction[];
}

export interface SeenAction {
  kind: 'button' | 'select';
  actionId: string;
  label: string;
  /** The button's value, or every option value of a select. */
  values: string[];
  /** Option labels of a select, in the same order as `values`. */
  optionLabels?: string[];
}

export interface SeenField {
  id: string;
  label: string;
  type: 'text' | 'email' | 'date' | 'select' | 'multiline' | 'checkbox';
  required: boolean;
  initial?: string;
  options?: { label: string; value: string }[];
}

/** The form (modal / dialog / console questionnaire) currently open for a user. */
export interface SeenForm {
  formId: string;
  title: string;
  fields: SeenField[];
  /** Buttons inside the form (e.g. `issue.add_recipient`). */
  actions: { actionId: string; label: string }[];
}

export type FormOutcome =
  /** The form closed; `messages` are any texts shown to the user because of it. */
  | { kind: 'closed' }
  /** The form stays open with per-field errors (keyed by field id). */
  | { kind: 'errors'; errors: Record<string, string> }
  /** The form was replaced by its next step. */
  | { kind: 'updated'; form: SeenForm };

export interface SeenFile {
  name: string;
  content: Buffer;
  threadId?: string;
}

/** One user of the workspace/tenant under test. */
export interface ContractUser {
  /** `/issue-credential <text>` (Slack), a message to the bot (Teams), a typed line (console). */
  sendCommand(text: string): Promise<void>;
  /** Shares a CSV where the bot is. Resolves with the thread the bot must answer in. */
  shareCsv(name: string, content: string | Buffer): Promise<{ threadId?: string }>;
  /**
   * Clicks the button (or picks `value` in the select) with this action id on the newest message
   * this user can see that has it. A button's own value is sent unless `value` is given.
   */
  click(actionId: string, value?: string): Promise<void>;
  /** Fills the currently open form with `values` (other fields keep their initial values) and submits it. */
  submitForm(values: Record<string, string>): Promise<FormOutcome>;
  /** Uses a button inside the open form (e.g. "Add recipient") and resolves with the redrawn form. */
  formAction(actionId: string, values?: Record<string, string>): Promise<SeenForm>;
  /** The form currently open for this user, if any. */
  currentForm(): Promise<SeenForm | undefined>;
  /** Every message this user can see so far, oldest first; an updated message appears once, as updated. */
  messages(): Promise<SeenMessage[]>;
}

export interface ContractSession {
  /** Holds the issuer (team member) role, e.g. an admin listed in CREDBOT_ADMINS. */
  issuer: ContractUser;
  /** Holds no role at all. */
  stranger: ContractUser;
  /** Files the bot uploaded (results CSV, failed rows CSV, CSV templates, design previews), oldest first. */
  uploadedFiles(): Promise<SeenFile[]>;
  /** Waits until background work (issuance jobs and their progress/summary posts) has settled. */
  settle(): Promise<void>;
  /** Verifies a credential as an outside verifier would: its signature and its revocation status. */
  verifyCredential(credentialIdOrUrl: string): Promise<{ verified: boolean; revoked: boolean }>;
  teardown(): Promise<void>;
}

export interface ContractHarness {
  /** Shown in test titles: 'console', 'Slack', 'Teams'. */
  name: string;
  /** A fresh bot with an empty store for each test. */
  setup(): Promise<ContractSession>;
}
