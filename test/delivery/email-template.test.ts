/** @module test/delivery/email-template.test — a group's email filled for one recipient: defaults, placeholders, escaping, the link. */
import { describe, expect, it } from '@jest/globals';
import { checkEmailTemplate, fillEmail } from '../../src/delivery/email-template.js';

const values = { 'recipient.name': 'Tom & <Jerry>', 'group.course_name': 'Data "Science"', 'issuer.name': 'Example University', 'custom.grade': 'A' };
const link = 'https://credbot.test/credentials/abc';

describe('email template', () => {
  it('uses the built-in subject and body when the group has none, with the link added', () => {
    const e = fillEmail({ group: {}, values, link, withBadge: true, courseName: 'Data "Science"' });
    expect(e.subject).toBe('Your credential: Data "Science"');
    expect(e.text).toMatch(/^Hello Tom & <Jerry>,\n\nCongratulations! Example University has issued you a credential for Data "Science"\./);
    expect(e.text.endsWith(`View and verify your credential:\n${link}\n`)).toBe(true);
    expect(e.html).toContain('Hello Tom &amp; &lt;Jerry&gt;,');
    expect(e.html).toContain('Data &quot;Science&quot;');
    expect(e.html).toContain('src="cid:badge@credbot"');
    expect(e.html).not.toContain('<Jerry>');
  });

  it('keeps a subject on one line whatever the template or values hold', () => {
    const e = fillEmail({ group: { emailSubject: 'Hi\r\n{{recipient.name}}\nBcc: x' }, values, link, withBadge: false, courseName: 'c' });
    expect(e.subject).toBe('Hi Tom & <Jerry> Bcc: x');
    expect(e.html).not.toContain('cid:');
  });

  it('puts the link where the template says and does not repeat it in the text', () => {
    const e = fillEmail({ group: { emailBody: 'Grade {{custom.grade}}. See {{ credential.url }}' }, values, link, withBadge: false, courseName: 'c' });
    expect(e.text).toBe(`Grade A. See ${link}\n`);
    expect(e.html).toContain(`See <a href="${link}">${link}</a>`);
  });

  it('names unknown placeholders so staff can fix a template', () => {
    expect(checkEmailTemplate('Hi {{recipent.name}}, see {{credential.url}} {{custom.grade}}')).toBe(
      'Unknown placeholders {{recipent.name}}. Run `/issue-credential attributes` to see the ones you can use.',
    );
    expect(checkEmailTemplate('Hi {{recipient.name}}')).toBeUndefined();
  });
});

describe('badge image in chat messages', () => {
  it('is shown only from a public https address that the platform can fetch', async () => {
    const { publiclyReachable } = await import('../../src/delivery/chat-message.js');
    expect(publiclyReachable('https://credbot.example.edu')).toBe(true);
    expect(publiclyReachable('http://credbot.example.edu')).toBe(false);
    expect(publiclyReachable('https://localhost:3000')).toBe(false);
    expect(publiclyReachable('https://127.0.0.1')).toBe(false);
    expect(publiclyReachable('not a url')).toBe(false);
  });
});
