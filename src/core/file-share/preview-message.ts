/**
 * @module core/file-share/preview-message — the preview of a shared CSV: rows found, how the
 * columns were understood, errors and warnings with row numbers, the first rows, then a group
 * picker (or "new group") and Issue / Cancel.
 */
import type { Group } from '../../domain/types.js';
import type { CsvPreview, RowIssue } from '../../intake/types.js';
import { ACTION, NEW_GROUP } from '../ids.js';
import { count, plain } from '../messages.js';
import type { Block, Button, Message, Select } from '../ui.js';
import { optionValue } from './state.js';

const SHOWN_ISSUES = 8;
const SHOWN_ROWS = 3;

function issueLines(issues: RowIssue[], total: number, what: string): string {
  // Intake words most issues with their row already ("Row 4, column "Email": …").
  const lines = issues.slice(0, SHOWN_ISSUES).map((i) => (/^row \d+/i.test(i.message) ? `• ${i.message}` : `• Row ${i.row}${i.column ? ` (${i.column})` : ''}: ${i.message}`));
  if (total > lines.length) lines.push(`• … see the results file after issuing for every ${what}.`);
  return lines.join('\n');
}

export interface PreviewInput {
  key: string;
  fileName: string;
  preview: CsvPreview;
  groups: Group[];
  group?: Group;
}

export function previewMessage({ key, fileName, preview: p, groups, group }: PreviewInput): Message {
  const blocks: Block[] = [];
  const headline = `*${fileName}*: ${count(p.totalRows, 'row')} found — ${p.validRows} ready to issue, ${p.errorRows} with errors, ${p.warningRows} with warnings.`;
  blocks.push({ type: 'text', text: headline });

  const m = p.mapping;
  const mapping = [
    { label: 'Name', value: m.name.join(' + ') },
    { label: 'Email', value: m.email },
    { label: 'Issue date', value: m.issuedOn ?? '(none: today)' },
    ...Object.entries(m.attributes).map(([header, key]) => ({ label: header, value: `{{custom.${key}}}` })),
  ];
  blocks.push({ type: 'text', text: '*Columns*' }, { type: 'fields', fields: mapping });

  if (p.errors.length) blocks.push({ type: 'text', text: `*Errors* (these rows will not be issued)\n${issueLines(p.errors, p.errorRows, 'error')}` });
  if (p.warnings.length) blocks.push({ type: 'text', text: `*Warnings*\n${issueLines(p.warnings, p.warningRows, 'warning')}` });

  const sample = p.sample.slice(0, SHOWN_ROWS).map((r) => {
    const who = r.recipient ? `${r.recipient.name} <${r.recipient.email}>` : '(incomplete)';
    const attrs = Object.entries(r.attributes).map(([k, v]) => `${k}: ${v}`).join(', ');
    return `• Row ${r.row}: ${who}${attrs ? ` — ${attrs}` : ''}`;
  });
  if (sample.length) blocks.push({ type: 'text', text: `*First rows*\n${sample.join('\n')}` });

  if (group) {
    const skip = p.errorRows ? ` ${count(p.errorRows, 'row')} with errors will be skipped and listed in a failed-rows file.` : '';
    blocks.push({ type: 'text', text: `Issue ${count(p.validRows, 'credential')} to *${group.name}*?${skip}` });
  } else {
    blocks.push({ type: 'text', text: 'Which group are these people in?' });
  }
  const select: Select = {
    type: 'select',
    actionId: ACTION.csvGroup,
    placeholder: 'Choose a group',
    options: [...groups.map((g) => ({ label: g.name, value: optionValue(key, g.id) })), { label: 'New group…', value: optionValue(key, NEW_GROUP) }],
    ...(group ? { initial: optionValue(key, group.id) } : {}),
  };
  const buttons: Button[] = [
    { type: 'button', actionId: ACTION.csvIssue, label: 'Issue', value: key, style: 'primary' },
    { type: 'button', actionId: ACTION.csvCancel, label: 'Cancel', value: key, style: 'danger' },
  ];
  blocks.push({ type: 'actions', elements: [select, ...buttons] });
  const text = blocks.map((b) => (b.type === 'text' ? b.text : b.type === 'fields' ? b.fields.map((f) => `${f.label} → ${f.value}`).join('; ') : '')).filter(Boolean).join('\n');
  return { text: plain(text), blocks, tone: p.validRows === 0 ? 'warning' : 'info' };
}

/** What the preview becomes once issuing has started (no buttons left to click twice). */
export function startedMessage(fileName: string, group: Group, rows: number, by: string): Message {
  const text = `*${fileName}*: issuing ${count(rows, 'credential')} to *${group.name}* (confirmed by ${by}). Progress follows below.`;
  return { text: plain(text), blocks: [{ type: 'text', text }], tone: 'success' };
}

export function cancelledMessage(fileName: string, by: string): Message {
  const text = `*${fileName}*: cancelled by ${by}. Nothing was issued.`;
  return { text: plain(text), blocks: [{ type: 'text', text }] };
}
