/**
 * @module core/file-share/actions — the buttons on a CSV preview: choose the group (or create
 * one), Issue, Cancel. Issue starts exactly one job however often it is clicked: a lock and the
 * stored job id stop a double click, `claimOnce` a re-delivered click, and the engine's own
 * idempotency (file + content hash + group) a click long after.
 */
import type { Group } from '../../domain/types.js';
import { groupForm } from '../forms/group-form.js';
import { saveFormState } from '../forms/state.js';
import type { CoreContext } from '../context.js';
import type { ActionEvent, Reply } from '../events.js';
import { FORM, NEW_GROUP } from '../ids.js';
import type { JobReporter } from '../jobs/reporter.js';
import { startReportedJob } from '../jobs/start.js';
import { shortId } from '../jobs/target.js';
import { failure, privately } from '../messages.js';
import { refuseUnlessIssuer } from '../commands/guard.js';
import { cancelledMessage, previewMessage, startedMessage } from './preview-message.js';
import { groupChecks } from './share.js';
import { loadCsvState, parseOptionValue, saveCsvState, type CsvShareState } from './state.js';

const EXPIRED = 'This preview has expired. Upload the file again.';

/** Re-reads the stored file with the group's checks (missing attributes, already issued) and redraws the preview. */
export async function refreshPreview(ctx: CoreContext, key: string, state: CsvShareState, group: Group) {
  const tenant = state.conversation.tenantId;
  const bytes = await ctx.store.getBlob(tenant, state.blobKey);
  if (!bytes) return undefined;
  const preview = await ctx.intake.previewCsv(bytes, {
    limits: { maxBytes: ctx.limits.csvMaxBytes, maxRows: ctx.limits.csvMaxRows },
    ...(await groupChecks(ctx, group)),
  });
  const groups = await ctx.store.listGroups(tenant);
  return { preview, message: previewMessage({ key, fileName: state.fileName, preview, groups, group }) };
}

export async function chooseGroup(ctx: CoreContext, event: ActionEvent): Promise<Reply> {
  const refusal = await refuseUnlessIssuer(ctx, event.actor, 'issue credentials from a CSV');
  if (refusal) return privately(refusal);
  const tenant = event.actor.tenantId;
  const choice = parseOptionValue(event.value);
  const state = choice && (await loadCsvState(ctx, tenant, choice.key));
  if (!choice || !state) return privately(failure(EXPIRED));
  if (state.jobId || state.cancelled) return privately(failure('This file is already issued or cancelled; upload it again to start over.'));
  const previewRef = event.message ?? state.previewRef;

  if (choice.groupId === NEW_GROUP) {
    // The group form; once the group exists, the preview is updated with it.
    const stateKey = ctx.newKey();
    await saveFormState(ctx, tenant, stateKey, {
      formId: FORM.group,
      createdBy: event.actor.userId,
      conversation: event.conversation,
      csvKey: choice.key,
      ...(previewRef ? { previewRef } : {}),
    });
    const designs = await ctx.store.listDesigns(tenant);
    return { kind: 'form', form: groupForm({ stateKey, designs, editing: false }) };
  }
  const group = await ctx.store.getGroup(tenant, choice.groupId);
  if (!group) return privately(failure('That group no longer exists. Choose another.'));
  const refreshed = await refreshPreview(ctx, choice.key, state, group);
  if (!refreshed) return privately(failure(EXPIRED));
  await saveCsvState(ctx, tenant, choice.key, { ...state, groupId: group.id, validRows: refreshed.preview.validRows, ...(previewRef ? { previewRef } : {}) });
  return { kind: 'update', message: refreshed.message };
}

export async function issueCsv(ctx: CoreContext, reporter: JobReporter, event: ActionEvent): Promise<Reply> {
  const refusal = await refuseUnlessIssuer(ctx, event.actor, 'issue credentials');
  if (refusal) return privately(refusal);
  const tenant = event.actor.tenantId;
  const key = event.value;
  if (event.eventId && !(await ctx.store.claimOnce(tenant, `click:${event.eventId}`, 600))) return { kind: 'none' };

  return ctx.store.withLock(tenant, `csv-issue:${key}`, 60_000, async (): Promise<Reply> => {
    const state = await loadCsvState(ctx, tenant, key);
    if (!state) return privately(failure(EXPIRED));
    if (state.cancelled) return privately(failure('This file was cancelled; upload it again to issue it.'));
    if (state.jobId) return privately(failure(`Already issuing this file (job ${shortId(state.jobId)}). Run \`/issue-credential status ${shortId(state.jobId)}\` to follow it.`));
    const group = state.groupId ? await ctx.store.getGroup(tenant, state.groupId) : undefined;
    if (!group) return privately(failure('Choose a group in the list first, then click Issue.'));
    if (state.validRows === 0) return privately(failure(`No row of ${state.fileName} can be issued to ${group.name}: fix the errors listed above and upload the file again.`));

    const { job, created } = await startReportedJob(ctx, reporter, {
      conversation: state.conversation,
      title: `${state.fileName} → ${group.name}`,
      total: state.totalRows,
      start: (reportTo) =>
        ctx.engine.startCsvJob({
          tenantId: tenant,
          groupId: group.id,
          startedBy: event.actor.userId,
          fileId: state.fileId,
          fileName: state.fileName,
          blobKey: state.blobKey,
          contentHash: state.contentHash,
          conversation: reportTo,
          totalRows: state.totalRows, // the preview read these same bytes
        }),
    });
    await saveCsvState(ctx, tenant, key, { ...state, jobId: job.id });
    if (created) await ctx.audit(event.actor, 'job.start', job.id, { groupId: group.id, source: 'csv', fileName: state.fileName, rows: state.totalRows });
    return { kind: 'update', message: startedMessage(state.fileName, group, state.validRows, event.actor.displayName ?? event.actor.userId) };
  });
}

export async function cancelCsv(ctx: CoreContext, event: ActionEvent): Promise<Reply> {
  const refusal = await refuseUnlessIssuer(ctx, event.actor, 'cancel a CSV upload');
  if (refusal) return privately(refusal);
  const tenant = event.actor.tenantId;
  return ctx.store.withLock(tenant, `csv-issue:${event.value}`, 60_000, async (): Promise<Reply> => {
    const state = await loadCsvState(ctx, tenant, event.value);
    if (!state) return privately(failure(EXPIRED));
    if (state.jobId) return privately(failure(`Too late to cancel: issuing already started (job ${shortId(state.jobId)}).`));
    await saveCsvState(ctx, tenant, event.value, { ...state, cancelled: true });
    await ctx.audit(event.actor, 'csv.cancel', state.fileId, { fileName: state.fileName });
    return { kind: 'update', message: cancelledMessage(state.fileName, event.actor.displayName ?? event.actor.userId) };
  });
}
