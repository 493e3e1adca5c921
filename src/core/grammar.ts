/**
 * @module core/grammar — `/issue-credential <text>` into a command. Sub-commands are
 * case-insensitive; arguments may be quoted ("…", '…', “…”); a group or design is named by its
 * name or id, quoted or not (`template Intro to Data Science` works). Anything not understood is
 * `unknown`, which the core answers with help — never silence.
 */
import type { DesignKind } from '../domain/types.js';

export type Command =
  | { name: 'issue'; group?: string }
  | { name: 'help' }
  | { name: 'groups' }
  | { name: 'group.new'; groupName?: string }
  | { name: 'group.edit'; group: string }
  | { name: 'designs' }
  | { name: 'design.new'; kind?: DesignKind; designName?: string }
  | { name: 'design.edit'; design: string }
  | { name: 'design.copy'; design: string }
  | { name: 'attributes' }
  | { name: 'template'; group: string }
  | { name: 'status'; job?: string }
  | { name: 'revoke'; credential: string; reason?: string }
  /** Send a credential to its recipient again: by id, link, or the recipient's email address. */
  | { name: 'resend'; credential: string }
  | { name: 'team.add'; user: string }
  | { name: 'team.remove'; user: string }
  | { name: 'team.list' }
  /** A known sub-command with a missing argument: say what is missing and how to write it. */
  | { name: 'incomplete'; problem: string; usage: string }
  | { name: 'unknown'; input: string };

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '„': '“', '‘': '’', '«': '»' };

/** Splits on whitespace, keeping quoted runs together. A quote opens only at the start of a word (so O'Brien stays whole). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const close = QUOTES[text[i]!];
    if (close) {
      const end = text.indexOf(close, i + 1);
      const stop = end < 0 ? text.length : end;
      tokens.push(text.slice(i + 1, stop).trim());
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < text.length && !/\s/.test(text[j]!)) j++;
    tokens.push(text.slice(i, j));
    i = j;
  }
  return tokens;
}

/** The command word itself is optional (the console accepts lines with or without it). */
const COMMAND_WORD = /^\/?issue-credentials?$/i;

const rest = (tokens: string[], from: number) => tokens.slice(from).join(' ').trim();

export function parseCommand(text: string): Command {
  const tokens = tokenize(text.trim());
  if (tokens.length > 0 && COMMAND_WORD.test(tokens[0]!)) tokens.shift();
  const input = tokens.join(' ');
  if (tokens.length === 0) return { name: 'issue' };
  const word = tokens[0]!.toLowerCase();
  const sub = tokens[1]?.toLowerCase();

  switch (word) {
    case 'help':
    case '?':
      return { name: 'help' };
    case 'to':
    case 'issue': {
      // `issue`, `issue <group>`, `issue to <group>`, `to <group>`
      const from = word === 'issue' && sub === 'to' ? 2 : 1;
      const group = rest(tokens, from);
      return group ? { name: 'issue', group } : { name: 'issue' };
    }
    case 'groups':
      return { name: 'groups' };
    case 'group':
      if (sub === undefined || sub === 'list') return { name: 'groups' };
      if (sub === 'new' || sub === 'create') {
        const groupName = rest(tokens, 2);
        return groupName ? { name: 'group.new', groupName } : { name: 'group.new' };
      }
      if (sub === 'edit') {
        const group = rest(tokens, 2);
        return group ? { name: 'group.edit', group } : incomplete('Which group? Give its name or id.', 'group edit <group>');
      }
      return { name: 'unknown', input };
    case 'designs':
      return { name: 'designs' };
    case 'design':
      if (sub === undefined || sub === 'list') return { name: 'designs' };
      if (sub === 'new' || sub === 'create') {
        const kindWord = tokens[2]?.toLowerCase();
        const kind = kindWord === 'badge' || kindWord === 'certificate' ? kindWord : undefined;
        const designName = rest(tokens, kind ? 3 : 2);
        return { name: 'design.new', ...(kind ? { kind } : {}), ...(designName ? { designName } : {}) };
      }
      if (sub === 'edit' || sub === 'copy') {
        const design = rest(tokens, 2);
        if (!design) return incomplete('Which design? Give its name or id.', `design ${sub} <design>`);
        return sub === 'edit' ? { name: 'design.edit', design } : { name: 'design.copy', design };
      }
      return { name: 'unknown', input };
    case 'attributes':
    case 'placeholders':
      return { name: 'attributes' };
    case 'template': {
      const group = rest(tokens, 1);
      return group ? { name: 'template', group } : incomplete('Which group is the CSV template for?', 'template <group>');
    }
    case 'status': {
      const job = rest(tokens, 1);
      return job ? { name: 'status', job } : { name: 'status' };
    }
    case 'revoke': {
      const credential = tokens[1];
      if (!credential) return incomplete('Which credential? Give its id or its URL.', 'revoke <credential id or URL> [reason]');
      const reason = rest(tokens, 2);
      return reason ? { name: 'revoke', credential, reason } : { name: 'revoke', credential };
    }
    case 'resend': {
      const credential = rest(tokens, 1);
      return credential ? { name: 'resend', credential } : incomplete('Which credential? Give its id, its link, or the recipient’s email address.', 'resend <credential id or email>');
    }
    case 'team':
      if (sub === undefined || sub === 'list') return { name: 'team.list' };
      if (sub === 'add' || sub === 'remove') {
        const user = rest(tokens, 2);
        if (!user) return incomplete(`Who should I ${sub === 'add' ? 'add to' : 'remove from'} the team?`, `team ${sub} <user>`);
        return { name: sub === 'add' ? 'team.add' : 'team.remove', user };
      }
      return { name: 'unknown', input };
    default:
      return { name: 'unknown', input };
  }
}

function incomplete(problem: string, usage: string): Command {
  return { name: 'incomplete', problem, usage };
}

/**
 * A user as typed: a Slack mention `<@U123|ann>`, `@U123`, or a plain id. Teams adapters turn
 * `<at>` mentions into ids before calling the core.
 */
export function parseUserRef(text: string): string {
  const trimmed = text.trim();
  const mention = /^<@([A-Za-z0-9._:-]+)(?:\|[^>]*)?>$/.exec(trimmed);
  if (mention) return mention[1]!;
  return trimmed.replace(/^@/, '');
}
