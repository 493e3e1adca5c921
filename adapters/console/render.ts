/**
 * @module adapters/console/render — the neutral UI model as terminal text. Pure functions:
 * messages to lines, progress to a bar, buttons and selects to numbered choices, form fields to
 * questions. Colour only when the output is a terminal.
 */
import type { Block, Button, Field, Message, Select } from '../../src/core/ui.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
}

export const PLAIN: Style = { bold: (s) => s, dim: (s) => s, red: (s) => s, green: (s) => s, yellow: (s) => s };
export const ANSI: Style = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  red: (s) => `\x1b[31m${s}\x1b[39m`,
  green: (s) => `\x1b[32m${s}\x1b[39m`,
  yellow: (s) => `\x1b[33m${s}\x1b[39m`,
};

/** `*bold*`, `<url|label>` and `code` markup as terminal text. */
export function markup(text: string, style: Style = PLAIN): string {
  return text
    .replace(/<([^|>\s]+)\|([^>]+)>/g, (_m, url: string, label: string) => `${label} (${url})`)
    .replace(/\*([^*\n]+)\*/g, (_m, s: string) => style.bold(s))
    .replace(/`([^`\n]+)`/g, (_m, s: string) => s);
}

/** `[##########----------]  50%  3/6`. */
export function progressBar(done: number, total: number, width = 24): string {
  const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  // Rounded down: the bar is full only when every row is done.
  const filled = Math.floor(ratio * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}%  ${done}/${total}`;
}

function blockLines(block: Block, style: Style): string[] {
  switch (block.type) {
    case 'text':
      return markup(block.text, style).split('\n');
    case 'fields':
      return block.fields.map((f) => `  ${markup(f.label, style)}: ${markup(f.value, style)}`);
    case 'image':
      return [`[image: ${block.alt}] ${block.url}`];
    case 'actions':
      return []; // shown as numbered choices (see `choicesOf`)
    case 'progress':
      return [`${progressBar(block.done, block.total)}  ${block.label}`];
    case 'context':
      return [style.dim(markup(block.text, style))];
    case 'divider':
      return ['—'.repeat(24)];
    default: {
      const never: never = block;
      return [JSON.stringify(never)];
    }
  }
}

export function messageToText(message: Message, style: Style = PLAIN): string {
  const lines = message.blocks.length ? message.blocks.flatMap((b) => blockLines(b, style)) : [markup(message.text, style)];
  const text = lines.join('\n');
  if (message.tone === 'error') return style.red(text);
  if (message.tone === 'success') return style.green(text);
  if (message.tone === 'warning') return style.yellow(text);
  return text;
}

/** One numbered choice: a button, or one option of a select. */
export interface Choice {
  actionId: string;
  value: string;
  label: string;
  /** Other words that pick it (a select option's own label). */
  aliases: string[];
}

export function choicesOf(message: Message): Choice[] {
  const out: Choice[] = [];
  for (const block of message.blocks) {
    if (block.type !== 'actions') continue;
    for (const el of block.elements as (Button | Select)[]) {
      if (el.type === 'button') out.push({ actionId: el.actionId, value: el.value, label: el.label, aliases: [] });
      else {
        for (const o of el.options) {
          const chosen = el.initial === o.value ? ' (chosen)' : '';
          out.push({ actionId: el.actionId, value: o.value, label: `${el.placeholder}: ${o.label}${chosen}`, aliases: [o.label] });
        }
      }
    }
  }
  return out;
}

export function choicesText(choices: Choice[]): string {
  return choices.map((c, i) => `  ${i + 1}) ${c.label}`).join('\n');
}

/** Finds the choice a typed line means: its number, its label, or an alias (any case). */
export function pickChoice(choices: Choice[], line: string): Choice | undefined {
  const typed = line.trim();
  if (/^\d+$/.test(typed)) return choices[Number(typed) - 1];
  const lower = typed.toLowerCase();
  return choices.find((c) => c.label.toLowerCase() === lower || c.aliases.some((a) => a.toLowerCase() === lower));
}

/** The question for one form field. */
export function fieldQuestion(field: Field, style: Style = PLAIN): string {
  const lines: string[] = [];
  if (field.section) lines.push(style.dim(`[${field.section}]`));
  const mark = field.required ? ' *' : '';
  const current = field.initial ? ` [${field.type === 'select' ? (field.options?.find((o) => o.value === field.initial)?.label ?? field.initial) : field.initial}]` : '';
  lines.push(`${style.bold(field.label)}${mark}${current}`);
  if (field.hint) lines.push(style.dim(`  ${field.hint}`));
  if (field.type === 'select') lines.push(...(field.options ?? []).map((o, i) => `  ${i + 1}) ${o.label}`));
  if (field.type === 'checkbox') lines.push(style.dim('  y / n'));
  if (field.type === 'date') lines.push(style.dim('  YYYY-MM-DD'));
  return lines.join('\n');
}

/**
 * Reads an answer for a field. An empty line keeps the field's current value; `-` clears it.
 * Returns the value, or a problem to show before asking again.
 */
export function readAnswer(field: Field, line: string): { value: string } | { problem: string } {
  const typed = line.trim();
  if (typed === '-') return field.required ? { problem: 'This field is required.' } : { value: '' };
  if (typed === '') {
    if (field.initial !== undefined && field.initial !== '') return { value: field.initial };
    return field.required ? { problem: 'This field is required.' } : { value: '' };
  }
  if (field.type === 'checkbox') {
    if (/^(y|yes|1|true|on)$/i.test(typed)) return { value: 'yes' };
    if (/^(n|no|0|false|off)$/i.test(typed)) return { value: '' };
    return { problem: 'Answer y or n.' };
  }
  if (field.type === 'select') {
    const options = field.options ?? [];
    const byNumber = /^\d+$/.test(typed) ? options[Number(typed) - 1] : undefined;
    const found = byNumber ?? options.find((o) => o.label.toLowerCase() === typed.toLowerCase() || o.value === typed);
    return found ? { value: found.value } : { problem: `Choose 1 to ${options.length}, or type an option's name.` };
  }
  return { value: typed };
}
