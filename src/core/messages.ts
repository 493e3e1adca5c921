/**
 * @module core/messages — small builders for the neutral messages the core sends, so every
 * handler words errors, refusals and confirmations the same way.
 */
import type { Reply } from './events.js';
import type { Block, Message } from './ui.js';

/** Markup (`*bold*`, links) removed, for the plain-text fallback. */
export function plain(text: string): string {
  return text.replace(/<([^|>]+)\|([^>]+)>/g, '$2 ($1)').replace(/\*([^*\n]+)\*/g, '$1').replace(/`([^`\n]+)`/g, '$1');
}

export function message(text: string, blocks: Block[] = [{ type: 'text', text }], tone?: Message['tone']): Message {
  return { text: plain(text), blocks, ...(tone ? { tone } : {}) };
}

export const info = (text: string): Message => message(text, undefined, 'info');
export const success = (text: string): Message => message(text, undefined, 'success');
export const failure = (text: string): Message => message(text, undefined, 'error');

/** Replies to the person who asked only (Slack ephemeral; elsewhere a normal reply). */
export function privately(msg: Message): Reply {
  return { kind: 'message', message: msg, visibility: 'ephemeral' };
}

export function inChannel(msg: Message): Reply {
  return { kind: 'message', message: msg, visibility: 'in_channel' };
}

/** A bulleted list, or a fallback line when there is nothing to list. */
export function bullets(lines: string[], empty: string): string {
  return lines.length ? lines.map((l) => `• ${l}`).join('\n') : empty;
}

/** `1 row` / `3 rows`. */
export function count(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? singular : pluralForm}`;
}

/** Quotes user-typed text in messages without letting it inject markup. */
export function quote(text: string): string {
  return `“${text.replace(/[*`<>]/g, '').slice(0, 200)}”`;
}
