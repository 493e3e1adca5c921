/**
 * @module test/delivery/email.test — credentials emailed through a real local SMTP server: what each
 * recipient receives (subject, both parts, the baked badge inline, the certificate, the link), a refused
 * recipient recorded with the server's reply while the others get theirs, and the results file's column.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { readBakedCredential } from '../../src/render/index.js';
import { BASE, startBot, type Bot } from './harness.js';
import { startSmtp, type TestSmtp } from './smtp.js';

let smtp: TestSmtp;
const bots: Bot[] = [];
beforeAll(async () => { smtp = await startSmtp({ user: 'mailer', password: 'pa55word' }); });
afterAll(async () => {
  for (const b of bots) await b.close();
  await smtp.close();
});

const people = [
  { name: 'Ann <b>Lee</b> & Co', email: 'ann@example.org', grade: 'A' },
  { name: 'Bob Stone', email: 'bob@nowhere.example', grade: 'B' },
  { name: 'Zoë Ñúñez', email: 'zoe@example.org', grade: 'A+' },
];

describe('email delivery through SMTP', () => {
  let bot: Bot;
  let rows: Awaited<ReturnType<Bot['engine']['rows']>>;
  let jobId: string;

  beforeAll(async () => {
    smtp.refuse.add('bob@nowhere.example');
    bot = await startBot('email', {
      smtpPort: smtp.port,
      smtpAuth: { user: 'mailer', password: 'pa55word' },
      group: { emailSubject: 'Well done {{recipient.name}}: {{group.course_name}}', emailBody: 'Dear {{recipient.name}},\n\nYour grade: {{custom.grade}}.\nLink: {{credential.url}}' },
    });
    bots.push(bot);
    const job = await bot.issue(people);
    expect(job.state).toBe('done');
    await bot.delivery.idle();
    jobId = job.id;
    rows = await bot.engine.rows(bot.tenant, job.id);
  });

  const mailTo = (address: string) => smtp.received.find((m) => m.to.includes(address));

  it('sends one email per credential, to the recipient, from the configured sender, with the group subject', () => {
    expect(smtp.received.map((m) => m.to).sort()).toEqual([['ann@example.org'], ['zoe@example.org']]);
    const ann = mailTo('ann@example.org')!;
    expect(ann.from).toBe('credentials@example.edu');
    expect(ann.mail.from?.text).toBe('"Example University" <credentials@example.edu>');
    expect(ann.mail.to && !Array.isArray(ann.mail.to) ? ann.mail.to.value[0] : undefined).toMatchObject({ address: 'ann@example.org', name: 'Ann <b>Lee</b> & Co' });
    expect(ann.mail.subject).toBe('Well done Ann <b>Lee</b> & Co: Data Science 101');
    expect(ann.mail.replyTo?.text).toContain('registrar@example.edu');
    expect(mailTo('zoe@example.org')!.mail.subject).toBe('Well done Zoë Ñúñez: Data Science 101');
  });

  it('has a plain-text part and an HTML part, with the values filled in, escaped in HTML, and the verification link', () => {
    const ann = mailTo('ann@example.org')!.mail;
    const link = `${BASE}/credentials/${rows[0]!.credentialId}`;
    expect(ann.text).toContain('Dear Ann <b>Lee</b> & Co,');
    expect(ann.text).toContain('Your grade: A.');
    expect(ann.text).toContain(`Link: ${link}`);
    const html = String(ann.html);
    expect(html).toContain('Dear Ann &lt;b&gt;Lee&lt;/b&gt; &amp; Co,');
    expect(html).not.toContain('<b>Lee</b>');
    expect(html).toContain(`<a href="${link}"`);
    expect(html).toContain('View your credential');
    expect(html).toContain('<html lang="en">');
  });

  it('shows the badge inline (cid) as a baked PNG carrying the signed credential, and attaches the certificate PDF', () => {
    const ann = mailTo('ann@example.org')!.mail;
    const badge = ann.attachments.find((a) => a.contentType === 'image/png')!;
    expect(badge).toBeDefined();
    expect(badge.contentDisposition).toBe('inline');
    expect(String(ann.html)).toContain(`src="cid:${badge.cid}"`);
    const baked = readBakedCredential(badge.content);
    expect(baked?.id).toBe(`${BASE}/credentials/${rows[0]!.credentialId}`);
    const pdf = ann.attachments.find((a) => a.contentType === 'application/pdf')!;
    expect(pdf.filename).toBe('certificate-Ann-b-Lee-b-Co.pdf');
    expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.contentDisposition).toBe('attachment');
  });

  it('records each outcome: sent, or refused with the server’s reply', async () => {
    const outcomes = await bot.delivery.service.outcomes(bot.tenant, rows.map((r) => r.credentialId!));
    expect(outcomes.get(rows[0]!.credentialId!)).toEqual([expect.objectContaining({ channel: 'email', outcome: 'sent', attempts: 1 })]);
    expect(outcomes.get(rows[2]!.credentialId!)).toEqual([expect.objectContaining({ channel: 'email', outcome: 'sent' })]);
    const bob = outcomes.get(rows[1]!.credentialId!)![0]!;
    expect(bob).toMatchObject({ channel: 'email', outcome: 'refused', attempts: 1 });
    expect(bob.detail).toMatch(/^550 5\.1\.1 <bob@nowhere\.example>: Recipient address rejected: User unknown/);
    const summary = await bot.delivery.service.jobSummary(bot.tenant, jobId);
    expect(summary.counts).toEqual({ email: { sent: 2, refused: 1 } });
    expect(summary.problems).toEqual([expect.objectContaining({ row: 2, channel: 'email', outcome: 'refused' })]);
  });

  it('adds a delivery column to the job’s results file', async () => {
    const csv = parse((await bot.delivery.withResults(bot.engine).resultsCsv(bot.tenant, jobId)).toString('utf8'), { columns: true }) as Record<string, string>[];
    expect(csv.map((r) => [r.email, r.outcome, r.delivery])).toEqual([
      ['ann@example.org', 'issued', 'email sent'],
      ['bob@nowhere.example', 'issued', expect.stringMatching(/^email refused: 550 5\.1\.1 /)],
      ['zoe@example.org', 'issued', 'email sent'],
    ]);
  });

  it('never writes an email address or the SMTP password to the log', () => {
    const all = bot.log.lines.join('\n');
    expect(all).toContain('delivery recorded');
    for (const p of people) expect(all).not.toContain(p.email);
    expect(all).not.toContain('pa55word');
  });
});
