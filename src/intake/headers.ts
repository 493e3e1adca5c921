/** @module intake/headers — guess which CSV columns hold the name, email and issue date; the rest become custom attributes. */
import { IntakeError, type ColumnMapping } from './types.js';

/** `"E-mail Address "` -> `emailaddress`: case, spacing, punctuation and accents do not matter. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** `Final Grade` -> `final_grade`, `hoursCompleted` -> `hours_completed`: the key used in `{{custom.*}}` placeholders. */
export function toAttributeKey(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

// What people actually call these columns, in the words shown to them when nothing matches.
const NAME_HEADERS = ['Name', 'Full name', 'Recipient name', 'Student name', 'Learner', 'Participant', 'Attendee'];
const EMAIL_HEADERS = ['Email', 'E-mail address', 'Email address', 'Recipient email', 'Student email'];

const NAME = new Set([
  'name', 'fullname', 'recipientname', 'recipient', 'studentname', 'student', 'studentfullname', 'learner', 'learnername',
  'participant', 'participantname', 'attendee', 'attendeename', 'candidate', 'candidatename', 'earner', 'earnername', 'displayname',
]);
const FIRST = new Set(['firstname', 'givenname', 'forename', 'first', 'fname', 'givennames']);
const LAST = new Set(['lastname', 'surname', 'familyname', 'last', 'lname']);
const EMAIL = new Set([
  'email', 'emailaddress', 'mail', 'mailaddress', 'emailid', 'recipientemail', 'recipientemailaddress', 'studentemail',
  'studentemailaddress', 'learneremail', 'participantemail', 'attendeeemail', 'earneremail', 'candidateemail',
]);
const ISSUE_DATE = new Set(['issuedate', 'issuedon', 'date', 'dateissued', 'issueddate', 'issued', 'dateofissue', 'awarddate', 'awardedon']);

function findHeader(headers: string[], names: Set<string>): string | undefined {
  return headers.find((h) => names.has(normalizeHeader(h)));
}

/** Finds the header the user named, exactly or after normalizing. */
function resolveHeader(headers: string[], wanted: string, role: 'name' | 'email' | 'issue date'): string {
  const found = headers.find((h) => h === wanted) ?? headers.find((h) => normalizeHeader(h) === normalizeHeader(wanted));
  if (found === undefined) {
    const code = role === 'email' ? 'missing_email_column' : role === 'name' ? 'missing_name_column' : 'malformed';
    throw new IntakeError(code, `The mapping uses column "${wanted}" for the ${role}, but the file has no such column. ${headersFound(headers)} Choose one of these columns.`);
  }
  return found;
}

function headersFound(headers: string[]): string {
  const shown = headers.slice(0, 20).map((h) => `"${h}"`).join(', ');
  return `The headers in this file are: ${shown || '(none)'}${headers.length > 20 ? `, and ${headers.length - 20} more` : ''}.`;
}

function guessName(headers: string[]): string[] | undefined {
  const full = findHeader(headers, NAME);
  if (full !== undefined) return [full];
  const first = findHeader(headers, FIRST);
  const last = findHeader(headers, LAST);
  if (first !== undefined && last !== undefined) return [first, last];
  if (first !== undefined) return [first];
  return undefined;
}

function guessEmail(headers: string[]): string | undefined {
  const exact = findHeader(headers, EMAIL);
  if (exact !== undefined) return exact;
  // "Work email", "Email (school)": accept one header that mentions email, but never guess between two.
  const loose = headers.filter((h) => normalizeHeader(h).includes('email'));
  return loose.length === 1 ? loose[0] : undefined;
}

/**
 * How the headers are understood. `override` (the user's choice) replaces each guessed field it gives.
 * Throws IntakeError when no name or email column can be found, listing the headers and the names recognised.
 * Empty headers (trailing delimiters) are ignored.
 */
export function mapHeaders(headers: string[], override: Partial<ColumnMapping> = {}): ColumnMapping {
  const present = headers.map((h) => h.trim()).filter((h) => h !== '');

  const name = override.name?.length ? override.name.map((h) => resolveHeader(present, h, 'name')) : guessName(present);
  const email = override.email ? resolveHeader(present, override.email, 'email') : guessEmail(present);
  if (name === undefined && email === undefined) {
    throw new IntakeError(
      'missing_name_column',
      `No name column and no email column found. ${headersFound(present)} Name the columns, for example, Name and Email ` +
        `(also recognised: ${NAME_HEADERS.slice(1).join(', ')}, or First name + Last name; ${EMAIL_HEADERS.slice(1).join(', ')}), ` +
        `or choose the columns in the mapping.`,
    );
  }
  if (name === undefined) {
    throw new IntakeError(
      'missing_name_column',
      `No name column found. ${headersFound(present)} Name the column one of: ${NAME_HEADERS.join(', ')} ` +
        `(or use two columns, First name and Last name), or choose the name column in the mapping.`,
    );
  }
  if (email === undefined) {
    throw new IntakeError(
      'missing_email_column',
      `No email column found. ${headersFound(present)} Name the column one of: ${EMAIL_HEADERS.join(', ')}, ` +
        `or choose the email column in the mapping.`,
    );
  }
  let issuedOn: string | undefined;
  if (override.issuedOn === '') issuedOn = undefined;
  else if (override.issuedOn !== undefined) issuedOn = resolveHeader(present, override.issuedOn, 'issue date');
  else issuedOn = findHeader(present.filter((h) => !name.includes(h) && h !== email), ISSUE_DATE);

  const used = new Set([...name, email, ...(issuedOn ? [issuedOn] : [])]);
  const attributes: Record<string, string> = {};
  const taken = new Set<string>();
  present.forEach((header, i) => {
    if (used.has(header) || header in attributes) return;
    const chosen = override.attributes?.[header];
    const base = toAttributeKey(chosen ?? header) || `column_${i + 1}`;
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
    taken.add(key);
    attributes[header] = key;
  });
  return issuedOn === undefined ? { name, email, attributes } : { name, email, issuedOn, attributes };
}
