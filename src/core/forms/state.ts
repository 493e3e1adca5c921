/**
 * @module core/forms/state — a form's context lives in the store under a short key (Slack's
 * private_metadata holds at most 3,000 characters, so only the key travels with the form).
 */
import type { DesignKind, TenantId, UserId } from '../../domain/types.js';
import type { ConversationRef, MessageRef } from '../chat-port.js';
import type { CoreContext } from '../context.js';

/** Forms stay answerable for a day: long enough for a coffee break, short enough to forget. */
export const FORM_TTL_SECONDS = 24 * 3600;

export interface FormState {
  formId: string;
  createdBy: UserId;
  /** Where the form was opened from: results and previews are posted there. */
  conversation?: ConversationRef;
  /** group form: the group being edited. */
  groupId?: string;
  /** design form: the design being edited (absent for new designs and copies). */
  designId?: string;
  /** design form: the kind chosen in the command, which narrows the template list. */
  kind?: DesignKind;
  /** issue form: recipient rows shown. */
  rows?: number;
  /** group form opened from a CSV preview: the preview to update once the group exists. */
  csvKey?: string;
  previewRef?: MessageRef;
  /** issue form: the job it started (a second submit finds it here). */
  jobId?: string;
}

const keyOf = (stateKey: string) => `form:${stateKey}`;

export async function saveFormState(ctx: CoreContext, tenant: TenantId, stateKey: string, state: FormState): Promise<void> {
  await ctx.store.putState(tenant, keyOf(stateKey), state, FORM_TTL_SECONDS);
}

export async function loadFormState(ctx: CoreContext, tenant: TenantId, stateKey: string): Promise<FormState | undefined> {
  return ctx.store.getState<FormState>(tenant, keyOf(stateKey));
}

export async function dropFormState(ctx: CoreContext, tenant: TenantId, stateKey: string): Promise<void> {
  await ctx.store.deleteState(tenant, keyOf(stateKey));
}

/** The answer when a form's state has expired or never existed. */
export const EXPIRED_FORM = 'This form has expired. Run the command again to open a new one.';
