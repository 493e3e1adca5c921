/**
 * @module core/commands/issue — the issue form: open it (optionally with the group chosen),
 * "Add recipient", and submit, which starts a form job reported in the conversation it came from.
 */
import type { Group } from '../../domain/types.js';
import type { CoreContext } from '../context.js';
import type { CommandEvent, FormActionEvent, FormResult, FormSubmitEvent, Reply } from '../events.js';
import { DEFAULT_ROWS, issueForm, parseIssueForm } from '../forms/issue-form.js';
import { EXPIRED_FORM, loadFormState, saveFormState, type FormState } from '../forms/state.js';
import { ACTION, FORM, ISSUE_FIELDS, recipientField } from '../ids.js';
import type { JobReporter } from '../jobs/reporter.js';
import { startReportedJob } from '../jobs/start.js';
import { shortId } from '../jobs/target.js';
import { findGroup, requiredAttributes } from '../lookup.js';
import { count, failure, privately, success } from '../messages.js';
import type { Form } from '../ui.js';

const maxRows = (ctx: CoreContext) => ctx.limits.maxFormRecipients ?? 20;

export async function openIssueForm(ctx: CoreContext, event: CommandEvent, groupRef?: string): Promise<Reply> {
  const tenant = event.actor.tenantId;
  const groups = await ctx.store.listGroups(tenant);
  if (groups.length === 0) return privately(failure('There are no groups yet. Create one first with `/issue-credential group new`.'));
  let group: Group | undefined;
  if (groupRef !== undefined) {
    const found = await findGroup(ctx.store, tenant, groupRef);
    if (!found.ok) return privately(failure(found.problem));
    group = found.item;
  }
  const stateKey = ctx.newKey();
  const state: FormState = { formId: FORM.issue, createdBy: event.actor.userId, conversation: event.conversation, ...(group ? { groupId: group.id, rows: DEFAULT_ROWS } : {}) };
  await saveFormState(ctx, tenant, stateKey, state);
  return { kind: 'form', form: issueForm({ stateKey, groups, ...(group ? { group } : {}), rows: DEFAULT_ROWS, maxRows: maxRows(ctx), today: ctx.today() }) };
}

async function redraw(ctx: CoreContext, tenant: string, stateKey: string, group: Group, rows: number, values: Record<string, string>, errors?: Record<string, string>): Promise<Form> {
  const groups = await ctx.store.listGroups(tenant);
  return issueForm({ stateKey, groups, group, rows, maxRows: maxRows(ctx), today: ctx.today(), values, ...(errors ? { errors } : {}) });
}

/** "Add recipient": one more row, everything typed kept. */
export async function addRecipient(ctx: CoreContext, event: FormActionEvent): Promise<Form> {
  const tenant = event.actor.tenantId;
  const state = await loadFormState(ctx, tenant, event.stateKey);
  const group = state?.groupId ? await ctx.store.getGroup(tenant, state.groupId) : undefined;
  if (!state || !group || event.actionId !== ACTION.addRecipient) {
    const groups = await ctx.store.listGroups(tenant);
    return issueForm({ stateKey: event.stateKey, groups, rows: 0, maxRows: maxRows(ctx), today: ctx.today(), errors: { [ISSUE_FIELDS.group]: EXPIRED_FORM } });
  }
  const current = state.rows ?? DEFAULT_ROWS;
  if (current >= maxRows(ctx)) {
    return redraw(ctx, tenant, event.stateKey, group, current, event.values, {
      [recipientField.name(current)]: `At most ${maxRows(ctx)} recipients per form: upload a CSV to issue to more people.`,
    });
  }
  await saveFormState(ctx, tenant, event.stateKey, { ...state, rows: current + 1 });
  return redraw(ctx, tenant, event.stateKey, group, current + 1, event.values);
}

export async function submitIssueForm(ctx: CoreContext, reporter: JobReporter, event: FormSubmitEvent, state: FormState): Promise<FormResult> {
  const tenant = event.actor.tenantId;
  const chosen = (event.values[ISSUE_FIELDS.group] ?? '').trim() || state.groupId;
  const group = chosen ? await ctx.store.getGroup(tenant, chosen) : undefined;
  if (!group) return { kind: 'errors', errors: { [ISSUE_FIELDS.group]: 'Choose a group.' } };
  // First step, or the group was changed: show the recipient rows of this group.
  if (state.groupId !== group.id) {
    const rows = state.rows ?? DEFAULT_ROWS;
    await saveFormState(ctx, tenant, event.stateKey, { ...state, groupId: group.id, rows });
    return { kind: 'update', form: await redraw(ctx, tenant, event.stateKey, group, rows, event.values) };
  }

  const rows = state.rows ?? DEFAULT_ROWS;
  const required = await requiredAttributes(ctx.store, group);
  const parsed = await parseIssueForm(event.values, {
    group,
    rows,
    today: ctx.today(),
    requiredAttributes: required,
    heldBy: (emailKey) => ctx.store.findCredentialByEmail(tenant, group.id, emailKey),
  });
  if (!parsed.ok) return { kind: 'errors', errors: parsed.errors };
  const conversation = event.conversation ?? state.conversation;
  if (!conversation) return { kind: 'close', message: failure('I do not know where to report this job; run the command again from a conversation.') };

  // A double submit waits here, then finds the job already started.
  return ctx.store.withLock(tenant, `issue-form:${event.stateKey}`, 30_000, async () => {
    const latest = (await loadFormState(ctx, tenant, event.stateKey)) ?? state;
    if (latest.jobId) return { kind: 'close', message: success(`Already issuing (job ${shortId(latest.jobId)}).`) };
    const title = `Form → ${group.name}`;
    const { job, created } = await startReportedJob(ctx, reporter, {
      conversation,
      title,
      total: parsed.recipients.length,
      start: (reportTo) =>
        ctx.engine.startFormJob({
          tenantId: tenant,
          groupId: group.id,
          startedBy: event.actor.userId,
          submissionId: event.stateKey,
          recipients: parsed.recipients,
          issuedOn: parsed.issuedOn,
          conversation: reportTo,
        }),
    });
    await saveFormState(ctx, tenant, event.stateKey, { ...latest, jobId: job.id });
    if (created) await ctx.audit(event.actor, 'job.start', job.id, { groupId: group.id, source: 'form', recipients: parsed.recipients.length });
    return {
      kind: 'close',
      message: success(`Issuing ${count(parsed.recipients.length, 'credential')} to *${group.name}* (job ${shortId(job.id)}). Progress and results follow in the conversation.`),
    };
  });
}
