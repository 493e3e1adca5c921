/**
 * @module test/console/harness — the console adapter driven for the shared contract suite: every
 * command, click and form answer goes through `ConsoleSession.line`, exactly as typed lines do.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ConsoleChatPort } from '../../adapters/console/chat-port.js';
import { choicesOf } from '../../adapters/console/render.js';
import { ConsoleSession } from '../../adapters/console/session.js';
import type { FormResult } from '../../src/core/events.js';
import type { Form } from '../../src/core/ui.js';
import type { ContractHarness, ContractUser, FormOutcome, SeenForm, SeenMessage } from '../contract/harness.js';
import { makeCore, type TestCore } from '../core/fixtures.js';

export interface ConsoleBot {
  t: TestCore;
  port: ConsoleChatPort;
  output: PassThrough & { text(): string };
  dir: string;
  close(): Promise<void>;
}

/** A core whose `console` port writes to a captured output and saves files in a temporary folder. */
export function makeConsoleBot(): ConsoleBot {
  const dir = mkdtempSync(join(tmpdir(), 'credbot-console-'));
  const chunks: string[] = [];
  const output = Object.assign(new PassThrough(), { text: () => chunks.join('') });
  output.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  const port = new ConsoleChatPort({ output, filesDir: join(dir, 'files'), tty: false });
  const t = makeCore({ ports: { console: port } });
  return {
    t, port, output, dir,
    close: async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function seenForm(form: Form): SeenForm {
  return {
    formId: form.formId,
    title: form.title,
    fields: form.fields.map((f) => ({ id: f.id, label: f.label, type: f.type, required: f.required, ...(f.initial !== undefined ? { initial: f.initial } : {}), ...(f.options ? { options: f.options } : {}) })),
    actions: (form.actions ?? []).map((a) => ({ actionId: a.actionId, label: a.label })),
  };
}

function outcome(result: FormResult | undefined): FormOutcome {
  if (!result) throw new Error('The form was not submitted');
  if (result.kind === 'close') return { kind: 'closed' };
  if (result.kind === 'errors') return { kind: 'errors', errors: result.errors };
  return { kind: 'updated', form: seenForm(result.form) };
}

function consoleUser(bot: ConsoleBot, session: ConsoleSession, ids: { last?: string }): ContractUser {
  const visible = () => bot.port.shown.filter((s) => !s.visibleTo || s.visibleTo === session.actor.userId);

  /** Answers the open form's questions from `values` (Enter for the rest) until it asks no more. */
  async function fill(values: Record<string, string>): Promise<void> {
    let guard = 0;
    let previous: string | undefined;
    for (let field = session.currentField(); field; field = session.currentField()) {
      if (++guard > 200) throw new Error('The console form never finished asking');
      const repeated = previous === field.id && !(field.id in values);
      if (repeated) throw new Error(`The console asked "${field.label}" again: it needs a value`);
      previous = field.id;
      await session.line(values[field.id] ?? '');
    }
  }

  return {
    sendCommand: async (text) => {
      if (session.pending.kind === 'choice') session.pending = { kind: 'idle' };
      await session.line(text);
    },
    shareCsv: async (name, content) => {
      const path = join(bot.dir, name);
      writeFileSync(path, content);
      if (session.pending.kind === 'choice') session.pending = { kind: 'idle' };
      await session.line(`upload ${path}`);
      return { threadId: `file-${ids.last}` };
    },
    click: async (actionId, value) => {
      const target = [...visible()].reverse().find((s) => choicesOf(s.message).some((c) => c.actionId === actionId));
      if (!target) throw new Error(`No message offers ${actionId}`);
      const choices = choicesOf(target.message);
      const index = choices.findIndex((c) => c.actionId === actionId && (value === undefined || c.value === value));
      if (index < 0) throw new Error(`No choice ${actionId}=${value}`);
      session.pending = { kind: 'choice', choices, ref: target.ref };
      await session.line(String(index + 1)); // typed as a person would: the choice's number
    },
    submitForm: async (values) => {
      session.lastFormResult = undefined;
      await fill(values);
      const p = session.pending;
      if (p.kind === 'form' && p.step === 'actions') await session.line('1');
      return outcome(session.lastFormResult);
    },
    formAction: async (actionId, values = {}) => {
      await fill(values);
      const p = session.pending;
      if (p.kind !== 'form' || p.step !== 'actions') throw new Error('The form offers no buttons now');
      const index = (p.form.actions ?? []).findIndex((a) => a.actionId === actionId);
      await session.line(String(index + 2));
      const now = session.pending;
      if (now.kind !== 'form') throw new Error('The form closed');
      return seenForm(now.form);
    },
    currentForm: async () => (session.pending.kind === 'form' ? seenForm(session.pending.form) : undefined),
    messages: async (): Promise<SeenMessage[]> =>
      visible().map((s) => ({
        text: s.message.text,
        ...(s.ref.conversation.threadId ? { threadId: s.ref.conversation.threadId } : {}),
        ...(s.visibleTo ? { ephemeral: true } : {}),
        actions: s.message.blocks.flatMap((b) =>
          b.type !== 'actions'
            ? []
            : b.elements.map((e) =>
                e.type === 'button'
                  ? { kind: 'button' as const, actionId: e.actionId, label: e.label, values: [e.value] }
                  : { kind: 'select' as const, actionId: e.actionId, label: e.placeholder, values: e.options.map((o) => o.value), optionLabels: e.options.map((o) => o.label) },
              ),
        ),
      })),
  };
}

export const consoleHarness: ContractHarness = {
  name: 'console',
  async setup() {
    const bot = makeConsoleBot();
    const ids: { last?: string } = {};
    let n = 0;
    const newId = () => (ids.last = `F${++n}x${Math.random().toString(36).slice(2, 8)}`);
    const issuer = new ConsoleSession({ core: bot.t.core, port: bot.port, interactive: true, newId });
    const stranger = new ConsoleSession({ core: bot.t.core, port: bot.port, interactive: true, userId: 'visitor', newId });
    return {
      issuer: consoleUser(bot, issuer, ids),
      stranger: consoleUser(bot, stranger, ids),
      uploadedFiles: async () => bot.port.files.map((f) => ({ name: f.file.name, content: f.file.content, ...(f.conversation.threadId ? { threadId: f.conversation.threadId } : {}) })),
      settle: () => bot.t.core.whenIdle(),
      verifyCredential: async (ref) => {
        const id = ref.split('/').pop()!;
        const cred = await bot.t.store.findCredential(id);
        if (!cred) return { verified: false, revoked: false };
        const result = await bot.t.credentials.verify(cred.signed, new Date());
        return { verified: result.status === 'valid', revoked: result.status === 'revoked' };
      },
      teardown: () => bot.close(),
    };
  },
};
