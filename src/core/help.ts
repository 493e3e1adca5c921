/** @module core/help — the help text: every sub-command with one line on what it does. */
import type { Message } from './ui.js';
import { message, plain, quote } from './messages.js';

const COMMANDS: [string, string][] = [
  ['/issue-credential', 'issue credentials to a few people with a form'],
  ['/issue-credential to "<group>"', 'the same form, with the group already chosen'],
  ['/issue-credential help', 'this help'],
  ['/issue-credential groups', 'list groups'],
  ['/issue-credential group new', 'create a group (a course or achievement, with its design and expiry)'],
  ['/issue-credential group edit <group>', 'change a group'],
  ['/issue-credential designs', 'list badge and certificate designs'],
  ['/issue-credential design new [badge|certificate]', 'create a design and see a preview'],
  ['/issue-credential design edit <design>', 'change a design'],
  ['/issue-credential design copy <design>', 'start a new design from an existing one'],
  ['/issue-credential attributes', 'placeholders a design or CSV can use'],
  ['/issue-credential template <group>', 'a CSV template with the columns that group needs'],
  ['/issue-credential status [job]', 'recent issuing jobs, or one job'],
  ['/issue-credential revoke <credential id or URL> [reason]', 'revoke a credential'],
  ['/issue-credential resend <credential id, URL or email>', 'send a credential to its recipient again'],
  ['/issue-credential team add|remove|list <user>', 'who may issue (admins only for add and remove)'],
];

/** Help, optionally after saying what was not understood. */
export function helpMessage(notUnderstood?: string): Message {
  const intro = notUnderstood !== undefined
    ? `Sorry, I did not understand ${quote(notUnderstood)}. Here is what I can do:`
    : '*Credbot* issues verifiable badges and certificates (Open Badges 3.0). Commands:';
  const lines = COMMANDS.map(([cmd, what]) => `\`${cmd}\` — ${what}`);
  const upload = 'To issue to many people, upload a CSV file (Name, Email, any attribute columns) where I am: I answer in its thread.';
  const text = [intro, ...lines, upload].join('\n');
  return {
    text: plain(text),
    blocks: [{ type: 'text', text: intro }, { type: 'text', text: lines.join('\n') }, { type: 'context', text: upload }],
    ...(notUnderstood !== undefined ? { tone: 'error' as const } : {}),
  };
}

/** A known command with a missing argument. */
export function usageMessage(problem: string, usage: string): Message {
  return message(`${problem} Usage: \`/issue-credential ${usage}\``, undefined, 'error');
}
