/**
 * @module core/create-core — `createCore(deps)`: the conversation core every adapter talks to.
 * It routes inbound events to handlers, turns unexpected failures into a clear message (never
 * silence), and reports jobs through the chat port of each tenant's platform.
 */
import { LockTimeoutError } from '../store/errors.js';
import { submitDesignForm } from './commands/designs.js';
import { refuseUnlessIssuer } from './commands/guard.js';
import { submitGroupForm } from './commands/groups.js';
import { addRecipient, submitIssueForm } from './commands/issue.js';
import { createContext, type CoreContext } from './context.js';
import type { CoreDeps } from './deps.js';
import { runCommand } from './dispatch.js';
import type { ActionEvent, ConversationCore, FormActionEvent, FormResult, FormSubmitEvent, Reply } from './events.js';
import { cancelCsv, chooseGroup, issueCsv, refreshPreview } from './file-share/actions.js';
import { handleFileShare } from './file-share/share.js';
import { loadCsvState, saveCsvState } from './file-share/state.js';
import { EXPIRED_FORM, dropFormState, loadFormState, type FormState } from './forms/state.js';
import { parseCommand } from './grammar.js';
import { helpMessage } from './help.js';
import { ACTION, FORM } from './ids.js';
import { JobReporter } from './jobs/reporter.js';
import { failure, privately } from './messages.js';
import type { Form, Message } from './ui.js';

export interface Core extends ConversationCore {
  /** Resolves once every job started by this process has been reported (the console waits on it before exiting). */
  whenIdle(): Promise<void>;
}

function problemMessage(err: unknown): Message {
  if (err instanceof LockTimeoutError) return failure('Still working on your previous click. Try again in a moment.');
  // The engine refused the request itself (group deleted meanwhile, nothing to issue): its message says what to do.
  if ((err as { code?: string }).code === 'issuance_input') return failure((err as Error).message);
  return failure(`Something went wrong on my side: ${(err as Error).message}. Nothing was issued by this request; try again, or run \`/issue-credential status\`.`);
}

export function createCore(deps: CoreDeps): Core {
  const ctx = createContext(deps);
  const reporter = new JobReporter(ctx);
  reporter.attach(deps.engine);

  /** Unexpected errors become a message the user can act on, and a log line for us. */
  async function guarded<T>(what: string, fn: () => Promise<T>, onError: (m: Message) => T): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      ctx.log.error(`${what} failed`, { error: (err as Error).message });
      return onError(problemMessage(err));
    }
  }

  return {
    handleCommand: (event) =>
      guarded('command', async () => {
        if (event.eventId && !(await ctx.store.claimOnce(event.actor.tenantId, `command:${event.eventId}`, 600))) return { kind: 'none' } as Reply;
        return runCommand(ctx, event, parseCommand(event.text));
      }, (m) => privately(m)),

    handleFormSubmit: (event) => guarded('form submission', () => submitForm(ctx, reporter, event), (m) => ({ kind: 'close', message: m }) as FormResult),

    handleFormAction: (event) => guarded('form action', () => formAction(ctx, event), (m) => ({ formId: event.formId, title: 'Error', submitLabel: 'Close', fields: [], stateKey: event.stateKey, errors: { form: m.text } }) as Form),

    handleAction: (event) => guarded('action', () => action(ctx, reporter, event), (m) => privately(m)),

    handleFileShare: (event) => guarded('file share', () => handleFileShare(ctx, event), (m) => privately(m)),

    whenIdle: () => reporter.whenIdle(),
  };
}

async function submitForm(ctx: CoreContext, reporter: JobReporter, event: FormSubmitEvent): Promise<FormResult> {
  const tenant = event.actor.tenantId;
  const state = await loadFormState(ctx, tenant, event.stateKey);
  if (!state || state.formId !== event.formId) return { kind: 'close', message: failure(EXPIRED_FORM) };
  const doing = event.formId === FORM.issue ? 'issue credentials' : event.formId === FORM.group ? 'create groups' : 'create designs';
  const refusal = await refuseUnlessIssuer(ctx, event.actor, doing);
  if (refusal) return { kind: 'close', message: refusal };
  switch (event.formId) {
    case FORM.group: {
      const { result, group } = await submitGroupForm(ctx, event, state);
      if (group) {
        await dropFormState(ctx, tenant, event.stateKey);
        if (state.csvKey) await continueCsvPreview(ctx, state, group.id);
      }
      return result;
    }
    case FORM.design: {
      const result = await submitDesignForm(ctx, event, state);
      if (result.kind === 'close') await dropFormState(ctx, tenant, event.stateKey);
      return result;
    }
    case FORM.issue:
      return submitIssueForm(ctx, reporter, event, state);
    default:
      return { kind: 'close', message: failure(`Unknown form “${event.formId}”.`) };
  }
}

/** A group created from a CSV preview's "New group…": the preview now shows that group chosen. */
async function continueCsvPreview(ctx: CoreContext, form: FormState, groupId: string): Promise<void> {
  const tenant = form.conversation?.tenantId;
  if (!tenant || !form.csvKey) return;
  const state = await loadCsvState(ctx, tenant, form.csvKey);
  const group = await ctx.store.getGroup(tenant, groupId);
  if (!state || !group || state.jobId) return;
  const refreshed = await refreshPreview(ctx, form.csvKey, state, group);
  if (!refreshed) return;
  const previewRef = form.previewRef ?? state.previewRef;
  await saveCsvState(ctx, tenant, form.csvKey, { ...state, groupId, validRows: refreshed.preview.validRows, ...(previewRef ? { previewRef } : {}) });
  const port = ctx.portFor(tenant);
  if (!port) return;
  if (previewRef) await port.updateMessage(previewRef, refreshed.message);
  else await port.postMessage(state.conversation, refreshed.message);
}

async function formAction(ctx: CoreContext, event: FormActionEvent): Promise<Form> {
  if (event.actionId === ACTION.addRecipient) return addRecipient(ctx, event);
  const state = await loadFormState(ctx, event.actor.tenantId, event.stateKey);
  return {
    formId: event.formId,
    title: 'Unknown action',
    submitLabel: 'Close',
    fields: [],
    stateKey: event.stateKey,
    errors: { form: state ? `Unknown form action “${event.actionId}”.` : EXPIRED_FORM },
  };
}

async function action(ctx: CoreContext, reporter: JobReporter, event: ActionEvent): Promise<Reply> {
  switch (event.actionId) {
    case ACTION.csvGroup:
      return chooseGroup(ctx, event);
    case ACTION.csvIssue:
      return issueCsv(ctx, reporter, event);
    case ACTION.csvCancel:
      return cancelCsv(ctx, event);
    default:
      return privately({ ...helpMessage(), text: `That button (${event.actionId}) is not one I know. ${helpMessage().text}`, tone: 'error' });
  }
}
