/** @module intake/sniff — look at the first bytes: refuse what is not UTF-8 text, and find the delimiter. */
import { IntakeError } from './types.js';

const EXPORT_HINT = 'export it as CSV (UTF-8) and upload that file';

// Files people rename to .csv by mistake, by their first bytes.
const SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a spreadsheet (XLSX/ODS) or another zip file' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel (XLS) file' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
];

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

/**
 * Throws IntakeError('not_text') when the first chunk is binary or not UTF-8, ('empty') when it holds
 * no data at all. `complete` says whether `head` is the whole file (a cut multi-byte character at the
 * end of a partial chunk is not an error).
 */
export function checkText(head: Buffer, complete: boolean): void {
  const sig = SIGNATURES.find((s) => startsWith(head, s.bytes));
  if (sig) throw new IntakeError('not_text', `This looks like ${sig.what}, not a CSV file; ${EXPORT_HINT}.`);
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    throw new IntakeError('not_text', `This file is saved as UTF-16 text; ${EXPORT_HINT}.`);
  }
  if (head.includes(0)) {
    throw new IntakeError('not_text', `This looks like a spreadsheet/binary file, not CSV text; ${EXPORT_HINT}.`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
  } catch {
    throw new IntakeError(
      'not_text',
      `This file is not UTF-8 text (Excel's plain "CSV" format saves in an older encoding); ` +
        `this looks like a spreadsheet/binary file or a legacy encoding: ${EXPORT_HINT} (in Excel: "CSV UTF-8").`,
    );
  }
  if (complete && text.replace(/^\uFEFF/, '').trim() === '') {
    throw new IntakeError('empty', 'The file is empty. Upload a CSV with a header row (for example Name,Email) and one row per recipient.');
  }
}

const CANDIDATES = [',', ';', '\t'] as const;

/**
 * The first non-blank line of `text`, read quote-aware (a quoted header may hold a newline);
 * undefined while that line has not ended yet (unless `complete`).
 */
export function headerLine(text: string, complete = false): string | undefined {
  let inQuotes = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (start >= 0) return text.slice(start, i);
      continue;
    }
    if (start < 0 && ch.trim() !== '' && ch !== '\uFEFF') start = i;
    if (ch === '"') inQuotes = !inQuotes; // an escaped "" toggles twice: no change
  }
  return complete && start >= 0 ? text.slice(start) : undefined;
}

/**
 * The delimiter of a header line: the most frequent of comma, semicolon and tab outside quotes
 * (comma on a tie, or when there is none, as a one-column file has none), or the one an Excel
 * `sep=;` line names.
 */
export function detectDelimiter(line: string): string {
  // Excel's own hint line: "sep=;" names the delimiter (the header follows on the next line).
  const hint = /^sep=(.)\s*$/i.exec(line);
  if (hint && (CANDIDATES as readonly string[]).includes(hint[1]!)) return hint[1]!;
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let inQuotes = false;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string = ',';
  for (const c of CANDIDATES) if (counts.get(c)! > counts.get(best)!) best = c;
  return best;
}
