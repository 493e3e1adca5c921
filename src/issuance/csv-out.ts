/**
 * @module issuance/csv-out — CSV files we hand back to people (results, failed rows): RFC 4180
 * quoting, and every cell protected against spreadsheet formula injection, because recipient names
 * come from uploaded files and a cell such as `=HYPERLINK(...)` would run when staff open the file.
 */

/** Characters that make Excel, Sheets or LibreOffice treat a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A leading apostrophe makes spreadsheets show the value as text instead of evaluating it. */
export function formulaSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180: quote a field holding a comma, a quote, CR or LF; double the quotes inside. */
export function quoteField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A cell that needs either treatment (a formula start, or a character to quote); most need neither. */
const SPECIAL = /^[=+\-@\t\r]|[",\r\n]/;

/** One CSV line (CRLF-terminated, as RFC 4180 says), every cell formula-safe. */
export function csvLine(cells: readonly (string | number | undefined)[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    const value = c === undefined ? '' : String(c);
    line += (i === 0 ? '' : ',') + (SPECIAL.test(value) ? quoteField(formulaSafe(value)) : value);
  }
  return line + '\r\n';
}

/** A whole CSV file, UTF-8 (no BOM: the first line is exactly the header, for scripts that read it). */
export function csvFile(header: readonly string[], rows: Iterable<readonly (string | number | undefined)[]>): Buffer {
  const parts = [csvLine(header)];
  for (const r of rows) parts.push(csvLine(r));
  return Buffer.from(parts.join(''), 'utf8');
}
