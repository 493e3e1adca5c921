/**
 * @module adapters/console/session — one person at the terminal, line by line: commands (with or
 * without `/issue-credential`), `upload <path>`, forms asked field by field, and numbered choices
 * for buttons and selects. Lines are fed in order, so piped input scripts the whole conversation.
 */
import { randomUUID } from 'node:crypto';
import type { ConversationRef, MessageRef } from '../../src/core/chat-port.js';
import type { Actor, ConversationCore, FormResult, Reply } from '../../src/core/events.js';
import { CONSOLE_TENANT, CONSOLE_USER } from '../../src/core/roles.js';
import type { Field, Form, Message } from '../../src/core/ui.js';
import type { ConsoleChatPort } from './chat-port.js';
import { choicesOf, choicesText, fieldQuestion, pickChoice, readAnswer, type Choice } from './render.js';
import { fileShareFromPath } from './upload.js';

export interface ConsoleSessionOptions {
  core: ConversationCore & { whenIdle?(): Promise<void> };
  port: ConsoleChatPort;
  /** Default `local`, the console's admin. */
  userId?: string;
  tenantId?: string;
  /** Ask again after a validation error (a person typing); otherwise a rejected form fails the run (a script). */
  interactive: boolean;
  /** Relative `upload` paths start here. */
  cwd?: string;
  newId?: () => string;
}

type Pending =
  | { kind: 'idle' }
  | { kind: 'form'; form: Form; values: Record<string, string>; queue: Field[]; step: 'fields' | 'actions' }
  | { kind: 'choice'; choices: Choice[]; ref: MessageRef };

export const CONSOLE_HELP = 'Console: `upload <path>` shares a CSV file; `wait` waits for running jobs; `quit` leaves. Buttons and lists are numbered: type the number or the name.';

export class ConsoleSession {
  /** Any command failed (refused, not found, rejected form, failed job): the exit code is then 1. */
  failed = false;
  pending: Pending = { kind: 'idle' };
  /** A script's form was rejected: the lines after it were its answers, so running them as commands would do harm. */
  halted = false;
  /** What the last submitted form answered (the contract suite reads it). */
  lastFormResult?: FormResult;
  readonly actor: Actor;
  readonly conversation: ConversationRef;
  private readonly newId: () => string;

  constructor(private readonly opts: ConsoleSessionOptions) {
    this.actor = { tenantId: opts.tenantId ?? CONSOLE_TENANT, userId: opts.userId ?? CONSOLE_USER };
    this.conversation = { tenantId: this.actor.tenantId, channelId: 'terminal' };
    this.newId = opts.newId ?? randomUUID;
  }

  /** The field being asked now, if a form is open. */
  currentField(): Field | undefined {
    return this.pending.kind === 'form' && this.pending.step === 'fields' ? this.pending.queue[0] : undefined;
  }

  /** Handles one typed line. Resolves `quit` when the user asked to leave. */
  async line(raw: string): Promise<'quit' | void> {
    const text = raw.replace(/\r$/, '');
    const p = this.pending;
    if (p.kind === 'form') return p.step === 'fields' ? this.answerField(p, text) : this.chooseFormStep(p, text);
    if (p.kind === 'choice') {
      const choice = text.trim() ? pickChoice(p.choices, text) : undefined;
      this.pending = { kind: 'idle' };
      if (choice) return this.click(choice, p.ref);
      if (!text.trim() || /^skip$/i.test(text.trim())) return;
    }
    return this.command(text);
  }

  /** Input ended: a half-filled form is a failure; running jobs are waited for. Returns the exit code. */
  async finish(): Promise<number> {
    if (this.pending.kind === 'form') {
      this.fail(`Input ended before the form “${this.pending.form.title}” was finished.`);
      this.pending = { kind: 'idle' };
    }
    await this.opts.core.whenIdle?.();
    return this.failed ? 1 : 0;
  }

  private halt(): void {
    this.halted = true;
    this.print('Stopping here: the next input lines were answers for that form.');
  }

  private print(text: string): void {
    this.opts.port.write(text);
  }

  private fail(text: string): void {
    this.failed = true;
    this.print(this.opts.port.render({ text, blocks: [{ type: 'text', text }], tone: 'error' }));
  }

  private async command(text: string): Promise<'quit' | void> {
    const trimmed = text.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const word = trimmed.split(/\s+/)[0]!.toLowerCase();
    if (word === 'quit' || word === 'exit') return 'quit';
    if (word === 'wait') {
      await this.opts.core.whenIdle?.();
      return;
    }
    if (word === 'upload') return this.upload(trimmed.slice(word.length).trim().replace(/^["']|["']$/g, ''));
    const reply = await this.opts.core.handleCommand({ actor: this.actor, conversation: this.conversation, text: trimmed });
    await this.show(reply);
    if (/^(\/issue-credentials?\s+)?help\b/i.test(trimmed)) this.print(this.opts.port.render({ text: CONSOLE_HELP, blocks: [{ type: 'context', text: CONSOLE_HELP }] }));
  }

  private async upload(path: string): Promise<void> {
    const share = fileShareFromPath(path, { cwd: this.opts.cwd ?? process.cwd(), actor: this.actor, conversation: this.conversation, id: this.newId() });
    if ('problem' in share) return this.fail(share.problem);
    const reply = await this.opts.core.handleFileShare(share.event);
    await this.show(reply, undefined, share.event.conversation);
  }

  /** Shows a reply: prints messages (numbering their buttons), opens forms, updates the message clicked. */
  private async show(reply: Reply, from?: MessageRef, where: ConversationRef = this.conversation): Promise<void> {
    switch (reply.kind) {
      case 'none':
        return;
      case 'message': {
        const shown = this.opts.port.show(where, reply.message, reply.visibility === 'ephemeral' ? this.actor.userId : undefined);
        if (reply.message.tone === 'error') this.failed = true;
        return this.offerChoices(reply.message, shown.ref);
      }
      case 'update': {
        if (reply.message.tone === 'error') this.failed = true;
        if (!from) {
          const shown = this.opts.port.show(where, reply.message);
          return this.offerChoices(reply.message, shown.ref);
        }
        await this.opts.port.updateMessage(from, reply.message);
        return this.offerChoices(reply.message, from);
      }
      case 'form':
        return this.openForm(reply.form, {});
      default: {
        const never: never = reply;
        throw new Error(`Unknown reply ${JSON.stringify(never)}`);
      }
    }
  }

  private offerChoices(message: Message, ref: MessageRef): void {
    const choices = choicesOf(message);
    if (!choices.length) return;
    this.print(`${choicesText(choices)}\nChoose a number (or press Enter to skip):`);
    this.pending = { kind: 'choice', choices, ref };
  }

  private async click(choice: Choice, ref: MessageRef): Promise<void> {
    const reply = await this.opts.core.handleAction({
      actor: this.actor,
      conversation: ref.conversation,
      message: ref,
      actionId: choice.actionId,
      value: choice.value,
      eventId: this.newId(),
    });
    await this.show(reply, ref, ref.conversation);
  }

  private async openForm(form: Form, values: Record<string, string>, onlyNew = false): Promise<void> {
    const queue = form.fields.filter((f) => !onlyNew || !(f.id in values));
    this.print(`\n${this.opts.port.render({ text: form.title, blocks: [{ type: 'text', text: `*${form.title}*` }] })}  (Enter keeps the [current] value, "-" clears it)`);
    for (const [id, error] of Object.entries(form.errors ?? {})) {
      if (!queue.some((f) => f.id === id)) this.print(this.opts.port.render({ text: error, blocks: [{ type: 'text', text: `✗ ${error}` }], tone: 'error' }));
    }
    this.pending = { kind: 'form', form, values, queue, step: 'fields' };
    return this.askNext();
  }

  /** Asks the next field; with none left, offers the form's buttons or submits it. */
  private async askNext(): Promise<void> {
    const p = this.pending;
    if (p.kind !== 'form') return;
    const field = p.queue[0];
    if (field) {
      const error = p.form.errors?.[field.id];
      if (error) this.print(this.opts.port.render({ text: error, blocks: [{ type: 'text', text: `✗ ${error}` }], tone: 'error' }));
      this.print(fieldQuestion(field));
      return;
    }
    if (!p.form.actions?.length) return this.submit(p);
    p.step = 'actions';
    const steps = [p.form.submitLabel, ...p.form.actions.map((a) => a.label)];
    this.print(`${steps.map((s, i) => `  ${i + 1}) ${s}`).join('\n')}\nChoose a number:`);
  }

  private async answerField(p: Extract<Pending, { kind: 'form' }>, text: string): Promise<void> {
    const field = p.queue[0]!;
    const answer = readAnswer(field, text);
    if ('problem' in answer) {
      if (!this.opts.interactive) {
        this.pending = { kind: 'idle' };
        this.fail(`${field.label}: ${answer.problem} The form “${p.form.title}” was not submitted.`);
        return this.halt();
      }
      this.print(this.opts.port.render({ text: answer.problem, blocks: [{ type: 'text', text: `✗ ${answer.problem}` }], tone: 'error' }));
      return this.askNext();
    }
    p.values[field.id] = answer.value;
    p.queue.shift();
    return this.askNext();
  }

  private async chooseFormStep(p: Extract<Pending, { kind: 'form' }>, text: string): Promise<void> {
    const typed = text.trim().toLowerCase();
    const actions = p.form.actions ?? [];
    const n = /^\d+$/.test(typed) ? Number(typed) : undefined;
    if (n === 1 || typed === p.form.submitLabel.toLowerCase()) return this.submit(p);
    const action = n !== undefined ? actions[n - 2] : actions.find((a) => a.label.toLowerCase() === typed);
    if (!action) {
      this.print(`Choose 1 to ${actions.length + 1}.`);
      return;
    }
    const form = await this.opts.core.handleFormAction({
      actor: this.actor, formId: p.form.formId, stateKey: p.form.stateKey, actionId: action.actionId, value: action.value, values: p.values,
    });
    return this.openForm(form, p.values, true);
  }

  private async submit(p: Extract<Pending, { kind: 'form' }>): Promise<void> {
    const result = await this.opts.core.handleFormSubmit({
      actor: this.actor, formId: p.form.formId, stateKey: p.form.stateKey, values: p.values, conversation: this.conversation,
    });
    this.lastFormResult = result;
    switch (result.kind) {
      case 'close':
        this.pending = { kind: 'idle' };
        if (result.message) {
          this.opts.port.show(this.conversation, result.message, this.actor.userId);
          if (result.message.tone === 'error') this.failed = true;
        }
        return;
      case 'errors': {
        const lines = Object.entries(result.errors).map(([id, e]) => `✗ ${p.form.fields.find((f) => f.id === id)?.label ?? id}${sectionOf(p.form, id)}: ${e}`);
        this.print(this.opts.port.render({ text: lines.join('\n'), blocks: [{ type: 'text', text: lines.join('\n') }], tone: 'error' }));
        const again = p.form.fields.filter((f) => f.id in result.errors).map((f) => ({ ...f, ...(p.values[f.id] ? { initial: p.values[f.id] } : {}) }));
        if (!this.opts.interactive || again.length === 0) {
          this.pending = { kind: 'idle' };
          this.failed = true;
          this.print(`The form “${p.form.title}” was not submitted.`);
          return this.opts.interactive ? undefined : this.halt();
        }
        this.pending = { kind: 'form', form: { ...p.form, errors: {} }, values: p.values, queue: again, step: 'fields' };
        return this.askNext();
      }
      case 'update':
        return this.openForm(result.form, p.values, true);
    }
  }

}

function sectionOf(form: Form, id: string): string {
  const s = form.fields.find((f) => f.id === id)?.section;
  return s ? ` (${s})` : '';
}
