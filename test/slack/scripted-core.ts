/**
 * @module test/slack/scripted-core — a ConversationCore whose answers each test sets, recording
 * every normalized event the Slack adapter hands it. It lets the adapter's wire behaviour be
 * tested on its own; the real core runs in the end-to-end and contract tests.
 */
import type { CommandEvent, FileShareEvent, Reply } from '../../src/core/events.js';
import type { Form } from '../../src/core/ui.js';
import { beforeEach } from '@jest/globals';
import { baseIssueForm, ScriptedCore as BaseScriptedCore } from '../fakes/scripted-core.js';
import { startSlackBot, type RunningSlackBot } from '../fakes/slack-harness.js';

/** Slack's tests expect silence from commands unless scripted, and a bolded preview line for files. */
export class ScriptedCore extends BaseScriptedCore {
  override onCommand: (e: CommandEvent) => Promise<Reply> = async () => ({ kind: 'none' });
  override onFile: (e: FileShareEvent) => Promise<Reply> = async (e) => {
    const chunks: Buffer[] = [];
    for await (const c of await e.file.download()) chunks.push(Buffer.from(c as Buffer));
    const text = Buffer.concat(chunks).toString('utf8');
    this.downloaded.push(text);
    const rows = text.split('\n').filter(Boolean).length - 1;
    return { kind: 'message', visibility: 'in_channel', message: { text: `Read ${rows} rows`, blocks: [{ type: 'text', text: `Read *${rows} rows* from ${e.file.name}` }] } };
  };
}

export const issueForm = (stateKey = 'form:k1', extra: Partial<Form> = {}): Form => baseIssueForm(stateKey, extra);

/** Resolves when `cond` holds, polling briefly (background work after an ack). */
export async function eventually(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Before each test of the enclosing describe: a fresh ScriptedCore and a Slack bot over it, handed to `use`. */
export function beforeEachScriptedBot(use: (core: ScriptedCore, bot: RunningSlackBot) => void): void {
  beforeEach(async () => {
    const core = new ScriptedCore();
    use(core, await startSlackBot({ core }));
  });
}
