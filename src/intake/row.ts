/** @module intake/row — one CSV record -> one ParsedRow: cells picked by the mapping, validated with zod. */
import { z } from 'zod';
import { cleanName, emailProblem, parseIssueDate } from './fields.js';
import type { ColumnMapping, ParsedRow, RowIssue } from './types.js';

/** The mapping resolved to column positions, computed once per file. */
export interface RowLayout {
  headers: string[];
  nameCols: number[];
  emailCol: number;
  dateCol?: number;
  attributeCols: { index: number; header: string; key: string }[];
  /** Required attribute keys, with the header that provides each (undefined: no column does). */
  required: { key: string; header?: string }[];
}

export function buildLayout(headers: string[], mapping: ColumnMapping, requiredAttributes: string[] = []): RowLayout {
  const col = (header: string) => headers.indexOf(header);
  const attributeCols = Object.entries(mapping.attributes).map(([header, key]) => ({ index: col(header), header, key }));
  return {
    headers,
    nameCols: mapping.name.map(col),
    emailCol: col(mapping.email),
    dateCol: mapping.issuedOn === undefined ? undefined : col(mapping.issuedOn),
    attributeCols,
    required: [...new Set(requiredAttributes)].map((key) => ({ key, header: attributeCols.find((a) => a.key === key)?.header })),
  };
}

type IssueCode = 'missing_name' | 'invalid_email' | 'bad_date';
// zod carries our code and the column in each custom issue, so the zod error maps straight to RowIssues.
const issue = (ctx: z.RefinementCtx, code: IssueCode, message: string) => ctx.addIssue({ code: 'custom', message, params: { code } });

const rowSchema = z.object({
  name: z.string().superRefine((v, ctx) => {
    if (v === '') issue(ctx, 'missing_name', 'the name is missing');
    else if (v.length > 200) issue(ctx, 'missing_name', 'the name is longer than 200 characters; is this the right column?');
  }),
  email: z.string().superRefine((v, ctx) => {
    const problem = emailProblem(v);
    if (problem) issue(ctx, 'invalid_email', problem);
  }),
  issuedOn: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const parsed = parseIssueDate(v);
      if ('problem' in parsed) {
        issue(ctx, 'bad_date', parsed.problem);
        return z.NEVER;
      }
      return parsed.date;
    }),
});

function rowIssue(row: number, column: string | undefined, code: string, what: string): RowIssue {
  const where = column === undefined ? `Row ${row}` : `Row ${row}, column "${column}"`;
  return { row, ...(column === undefined ? {} : { column }), code, message: `${where}: ${what}.` };
}

/**
 * Validates one record. `row` is the spreadsheet row number; a bad row gets errors, never an exception.
 * `email` is the valid address even when another cell failed, so duplicates are still found.
 */
export function parseRecord(cells: string[], row: number, layout: RowLayout): { parsed: ParsedRow; email?: string } {
  let name = '';
  for (const i of layout.nameCols) {
    const part = cleanName(cells[i] ?? '');
    if (part !== '') name = name === '' ? part : `${name} ${part}`;
  }
  const email = (cells[layout.emailCol] ?? '').trim();
  const rawDate = layout.dateCol === undefined ? undefined : (cells[layout.dateCol] ?? '').trim();

  const attributes: Record<string, string> = {};
  for (const a of layout.attributeCols) attributes[a.key] = (cells[a.index] ?? '').trim();

  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  // Most rows are fine: checked directly first, and only a row with a problem goes through the zod
  // schema, whose issues word the errors (a zod parse per row cost more than the checks themselves).
  const quickDate = rawDate === undefined || rawDate === '' ? undefined : parseIssueDate(rawDate);
  const fine = name !== '' && name.length <= 200 && emailProblem(email) === undefined && (quickDate === undefined || 'date' in quickDate);
  const result = fine ? { success: true as const, data: { issuedOn: quickDate && 'date' in quickDate ? quickDate.date : undefined } } : rowSchema.safeParse({ name, email, issuedOn: rawDate });
  if (!result.success) {
    const columnOf = { name: layout.headers[layout.nameCols[0]!], email: layout.headers[layout.emailCol], issuedOn: layout.headers[layout.dateCol ?? -1] };
    for (const zi of result.error.issues) {
      const field = zi.path[0] as keyof typeof columnOf;
      const code = (zi as { params?: { code?: string } }).params?.code ?? 'invalid';
      errors.push(rowIssue(row, columnOf[field], code, zi.message));
    }
  }
  for (const req of layout.required) {
    if (req.header === undefined) {
      errors.push(rowIssue(row, undefined, 'missing_attribute', `no value for "${req.key}", which the group's design uses; add a "${req.key}" column`));
    } else if (attributes[req.key] === '') {
      errors.push(rowIssue(row, req.header, 'missing_attribute', `the value is empty, and the group's design uses it as "${req.key}"`));
    }
  }
  const extra = cells.length > layout.headers.length ? cells.slice(layout.headers.length).filter((c) => c.trim() !== '') : [];
  if (extra.length > 0) {
    warnings.push(rowIssue(row, undefined, 'extra_values', `${extra.length} value(s) beyond the last column were ignored; check for an unquoted comma in a name or grade`));
  }

  const parsed: ParsedRow = { row, attributes, errors, warnings, cells };
  // Keep a good date even when another cell failed, so the preview shows what was understood.
  const date = result.success ? result.data.issuedOn : rawDate ? parseIssueDate(rawDate) : undefined;
  if (typeof date === 'string') parsed.issuedOn = date;
  else if (date && 'date' in date) parsed.issuedOn = date.date;
  if (errors.length === 0) parsed.recipient = { name, email };
  return errors.some((e) => e.code === 'invalid_email') ? { parsed } : { parsed, email };
}
