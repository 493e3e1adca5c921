/**
 * @module core/forms/group-delivery — the group form's delivery part: whether recipients are emailed
 * and messaged, whether the certificate PDF is attached, and the email's own subject and text.
 */
import type { Group } from '../../domain/types.js';
import { checkEmailTemplate, DEFAULT_BODY, DEFAULT_SUBJECT, LINK_PLACEHOLDER } from '../../delivery/email-template.js';
import { findPlaceholders, KNOWN_PLACEHOLDERS } from '../../render/placeholders.js';
import { GROUP_FIELDS as F } from '../ids.js';
import type { Field } from '../ui.js';
import { trimmed } from './validation.js';

const ON = 'yes';
/** Slack caps a text input at 3,000 characters; the subject is one header line. */
const MAX_SUBJECT = 200;
const MAX_BODY = 3000;

export type DeliverySettings = Pick<Group, 'deliverEmail' | 'deliverChat' | 'attachCertificate' | 'emailSubject' | 'emailBody'>;

/** The delivery values a group shows in its form (switches unset on the group show their default: on). */
export function deliveryValues(group: Partial<Group>): Record<string, string> {
  return {
    [F.deliverEmail]: group.deliverEmail === false ? '' : ON,
    [F.deliverChat]: group.deliverChat === false ? '' : ON,
    // Unset means "attach when the group has a certificate design": shown ticked, so choosing a design attaches it.
    [F.attachCertificate]: group.attachCertificate === false ? '' : ON,
    [F.emailSubject]: group.emailSubject ?? '',
    [F.emailBody]: group.emailBody ?? '',
  };
}

const placeholderList = [...KNOWN_PLACEHOLDERS, 'custom.grade', LINK_PLACEHOLDER].map((n) => `{{${n}}}`).join(', ');

/** The delivery fields, after the group's other fields (console scripts answer fields in order). */
export function deliveryFields(): Omit<Field, 'initial'>[] {
  return [
    { type: 'checkbox', id: F.deliverEmail, label: 'Email each recipient', required: false, options: [{ label: 'Send each recipient an email with their credential', value: ON }] },
    { type: 'checkbox', id: F.deliverChat, label: 'Send a direct message to recipients who are in this workspace', required: false, options: [{ label: 'Send direct messages', value: ON }] },
    {
      type: 'checkbox', id: F.attachCertificate, label: 'Attach the certificate PDF to the email', required: false,
      options: [{ label: 'Attach the certificate', value: ON }], hint: 'Only when the group has a certificate design.',
    },
    { type: 'text', id: F.emailSubject, label: 'Email subject', required: false, placeholder: DEFAULT_SUBJECT, hint: `Empty: “${DEFAULT_SUBJECT}”.` },
    {
      type: 'multiline', id: F.emailBody, label: 'Email message', required: false, placeholder: 'Empty: the built-in message below.',
      hint: `Placeholders: ${placeholderList} (custom.… for the group's attributes; the verification link is added at the end if the message leaves it out). Built-in message: “${DEFAULT_BODY.replace(/\n+/g, ' ')}”`,
    },
  ];
}

/**
 * A switch as submitted: 'yes' on, '' off. A submission without the field at all (a form opened
 * before these fields existed, a script) keeps the default, on, rather than silently stopping delivery.
 */
function switchedOn(raw: Record<string, string>, id: string): boolean {
  return raw[id] === undefined || raw[id] === ON;
}

function template(raw: Record<string, string>, id: string, max: number, what: string, customAttributes: string[], errors: Record<string, string>): string {
  const text = trimmed(raw[id]).replace(/\r\n?/g, '\n');
  if (text.length > max) {
    errors[id] = `Keep the ${what} under ${max.toLocaleString('en')} characters.`;
    return text;
  }
  const problem = checkEmailTemplate(text);
  if (problem) {
    errors[id] = problem;
    return text;
  }
  // As for designs: {{custom.x}} needs x from every recipient, so the group must declare it.
  const undeclared = findPlaceholders(text).find((p) => p.startsWith('custom.') && !customAttributes.includes(p.slice(7)));
  if (undeclared) errors[id] = `The ${what} uses {{${undeclared}}}: add ${undeclared.slice(7)} to the custom attributes.`;
  return text;
}

/** Parses the delivery part of a submission; problems go into `errors`, keyed by field id. */
export function parseDelivery(raw: Record<string, string>, customAttributes: string[], errors: Record<string, string>): DeliverySettings {
  const emailSubject = template(raw, F.emailSubject, MAX_SUBJECT, 'email subject', customAttributes, errors);
  if (!errors[F.emailSubject] && /\n/.test(emailSubject)) errors[F.emailSubject] = 'Keep the email subject on one line.';
  const emailBody = template(raw, F.emailBody, MAX_BODY, 'email message', customAttributes, errors);
  return {
    deliverEmail: switchedOn(raw, F.deliverEmail),
    deliverChat: switchedOn(raw, F.deliverChat),
    // Ticked is the default ("when there is a certificate design"), so only "off" is stored.
    ...(switchedOn(raw, F.attachCertificate) ? {} : { attachCertificate: false }),
    ...(emailSubject ? { emailSubject } : {}),
    ...(emailBody ? { emailBody } : {}),
  };
}
