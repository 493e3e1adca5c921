/** The group form's delivery settings: email and direct messages on or off, the certificate attachment, and the email's own text. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Form } from '../../src/core/ui.js';
import { DEFAULT_SUBJECT } from '../../src/delivery/email-template.js';
import { admin, channel, command, makeCore, openForm, replyText, submitForm, TENANT, type TestCore } from './fixtures.js';


const submit = submitForm;

const BASICS = { name: 'Spring', course_name: 'Stats', course_description: 'Numbers.', expiry: 'none', attributes: 'grade' };
const initials = (form: Form) => Object.fromEntries(form.fields.map((f) => [f.id, f.initial]));

describe('group form: delivery', () => {
  let t: TestCore;
  beforeEach(() => {
    t = makeCore();
  });
  afterEach(() => t.close());

  it('offers the delivery settings after the other fields, switched on, with the built-in texts shown', async () => {
    const form = await openForm(t, 'group new');
    const ids = form.fields.map((f) => f.id);
    expect(ids.slice(ids.indexOf('attributes'))).toEqual(['attributes', 'deliver_email', 'deliver_chat', 'attach_certificate', 'email_subject', 'email_body']);
    expect(initials(form)).toMatchObject({ deliver_email: 'yes', deliver_chat: 'yes', attach_certificate: 'yes', email_subject: undefined, email_body: undefined });
    const byId = (id: string) => form.fields.find((f) => f.id === id)!;
    expect(byId('deliver_email')).toMatchObject({ type: 'checkbox', label: 'Email each recipient' });
    expect(byId('email_subject').placeholder).toBe(DEFAULT_SUBJECT);
    expect(byId('email_body')).toMatchObject({ type: 'multiline', required: false });
    expect(byId('email_body').hint).toContain('{{recipient.name}}');
    expect(byId('email_body').hint).toContain('{{credential.url}}');
    expect(byId('email_body').hint).toContain('Congratulations! {{issuer.name}} has issued you a credential');
  });

  it('creates a group with email off: deliverEmail false, direct messages still on', async () => {
    const form = await openForm(t, 'group new');
    expect((await submit(t, form, { ...BASICS, deliver_email: '', deliver_chat: 'yes', attach_certificate: 'yes', email_subject: '', email_body: '' })).kind).toBe('close');
    const [group] = await t.store.listGroups(TENANT);
    expect(group).toMatchObject({ deliverEmail: false, deliverChat: true });
    expect(group!.emailSubject).toBeUndefined();
    expect(group!.emailBody).toBeUndefined();
    expect(group!.attachCertificate).toBeUndefined();
  });

  it('names an unknown placeholder in the subject, and an undeclared attribute in the message', async () => {
    const form = await openForm(t, 'group new');
    const result = await submit(t, form, { ...BASICS, email_subject: 'Well done {{recipent.name}}', email_body: 'You earned {{custom.hours}} hours.' });
    expect(result).toEqual({
      kind: 'errors',
      errors: {
        email_subject: 'Unknown placeholders {{recipent.name}}. Run `/issue-credential attributes` to see the ones you can use.',
        email_body: 'The email message uses {{custom.hours}}: add hours to the custom attributes.',
      },
    });
    expect(await t.store.listGroups(TENANT)).toEqual([]);
  });

  it('saves the email texts and switches, and group edit shows them; a cleared text goes back to the built-in one', async () => {
    const form = await openForm(t, 'group new');
    const body = 'Hi {{recipient.name}},\r\n\r\nyour {{custom.grade}} in {{group.course_name}}: {{credential.url}}';
    await submit(t, form, { ...BASICS, deliver_email: 'yes', deliver_chat: '', attach_certificate: '', email_subject: '  Well done, {{recipient.name}}  ', email_body: body });
    const [group] = await t.store.listGroups(TENANT);
    expect(group).toMatchObject({
      deliverEmail: true, deliverChat: false, attachCertificate: false,
      emailSubject: 'Well done, {{recipient.name}}',
      emailBody: 'Hi {{recipient.name}},\n\nyour {{custom.grade}} in {{group.course_name}}: {{credential.url}}',
    });

    const edit = await openForm(t, 'group edit spring');
    expect(initials(edit)).toMatchObject({
      deliver_email: 'yes', deliver_chat: undefined, attach_certificate: undefined,
      email_subject: 'Well done, {{recipient.name}}', email_body: group!.emailBody,
    });

    await submit(t, edit, { ...BASICS, deliver_email: '', deliver_chat: 'yes', attach_certificate: 'yes', email_subject: '', email_body: '' });
    const [edited] = await t.store.listGroups(TENANT);
    expect(edited).toMatchObject({ id: group!.id, deliverEmail: false, deliverChat: true });
    expect(edited!.attachCertificate).toBeUndefined();
    expect(edited!.emailSubject).toBeUndefined();
    expect(edited!.emailBody).toBeUndefined();
  });

  it('keeps delivery on for a submission that does not carry the delivery fields (a form opened before they existed)', async () => {
    const form = await openForm(t, 'group new');
    await submit(t, form, BASICS);
    const [group] = await t.store.listGroups(TENANT);
    expect(group).toMatchObject({ deliverEmail: true, deliverChat: true });
    expect(group!.attachCertificate).toBeUndefined();
  });
});
