/** The CSV share flow: checks before download, preview in the thread, group choice, Issue, progress, summary, results. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Reply } from '../../src/core/events.js';
import type { Button, Message, Select } from '../../src/core/ui.js';
import { admin, csvShare, designAndGroup, makeCore, stranger, TENANT, type TestCore } from './fixtures.js';

const CSV = ['Name,Email,Grade', 'Ada Lovelace,ada@example.org,A', 'Alan Turing,alan@example.org,B', 'Broken Row,not-an-email,C'].join('\n');

function actionsOf(message: Message): (Button | Select)[] {
  return message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
}
function messageOf(reply: Reply): Message {
  if (reply.kind !== 'message' && reply.kind !== 'update') throw new Error(`expected a message, got ${reply.kind}`);
  return reply.message;
}

describe('CSV share', () => {
  let t: TestCore;
  beforeEach(() => {
    t = makeCore();
  });
  afterEach(() => t.close());

  it('refuses a spreadsheet or a non-CSV file before downloading it', async () => {
    const xlsx = csvShare('grades.xlsx', 'PK..', { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const r1 = await t.core.handleFileShare(xlsx.event);
    expect(messageOf(r1).text).toMatch(/spreadsheet, not a CSV.*CSV \(UTF-8\)/);
    const pdf = csvShare('notes.pdf', '%PDF', { mimeType: 'application/pdf' });
    expect(messageOf(await t.core.handleFileShare(pdf.event)).text).toMatch(/not a CSV file/);
    expect(xlsx.downloads.count + pdf.downloads.count).toBe(0);
  });

  it('refuses a file over the size limit before downloading it', async () => {
    const big = csvShare('big.csv', CSV, { size: 5 * 1024 * 1024 });
    const reply = await t.core.handleFileShare(big.event);
    expect(messageOf(reply).text).toMatch(/big\.csv is 5 MB; the limit is 1 MB/);
    expect(messageOf(reply).tone).toBe('error');
    expect(big.downloads.count).toBe(0);
  });

  it('refuses a non-issuer, saying who grants the role, without downloading', async () => {
    const share = csvShare('people.csv', CSV, { actor: stranger });
    const reply = await t.core.handleFileShare(share.event);
    expect(messageOf(reply).text).toMatch(/Only team members \(issuers\) can issue credentials from a CSV.*UADMIN/);
    expect(share.downloads.count).toBe(0);
  });

  it('explains a file with no email column', async () => {
    const share = csvShare('people.csv', 'Name,Grade\nAda,A\n');
    expect(messageOf(await t.core.handleFileShare(share.event)).text).toMatch(/cannot use people\.csv: .*email/i);
  });

  it('previews the rows, the column mapping and the errors with row numbers, then issues on confirmation', async () => {
    const groupId = await designAndGroup(t);
    const share = csvShare('graduates.csv', CSV);
    const preview = await t.core.handleFileShare(share.event);
    expect(preview.kind).toBe('message');
    const m = messageOf(preview);
    expect(m.text).toContain('graduates.csv: 3 rows found — 2 ready to issue, 1 with errors');
    expect(m.text).toMatch(/Email → Email/);
    expect(m.text).toMatch(/Grade → \{\{custom\.grade\}\}/);
    expect(m.text).toMatch(/Row 4, column "Email": .*email/);
    expect(m.text).toMatch(/Row 2: Ada Lovelace <ada@example.org> — grade: A/);
    // The bytes are kept for the job, not downloaded again.
    expect(share.downloads.count).toBe(1);

    const select = actionsOf(m).find((a): a is Select => a.type === 'select')!;
    const option = select.options.find((o) => o.label === 'Intro to Data Science')!;
    expect(select.options.map((o) => o.label)).toContain('New group…');
    const previewRef = { conversation: share.event.conversation, messageId: 'preview-1' };
    const chosen = await t.core.handleAction({ actor: admin, conversation: share.event.conversation, message: previewRef, actionId: 'csv.group', value: option.value });
    expect(chosen.kind).toBe('update');
    expect(messageOf(chosen).text).toMatch(/Issue 2 credentials to Intro to Data Science\? 1 row with errors will be skipped/);

    const issueButton = actionsOf(m).find((a): a is Button => a.type === 'button' && a.actionId === 'csv.issue')!;
    const started = await t.core.handleAction({ actor: admin, conversation: share.event.conversation, message: previewRef, actionId: 'csv.issue', value: issueButton.value, eventId: 'click-1' });
    expect(messageOf(started).text).toMatch(/issuing 2 credentials to Intro to Data Science \(confirmed by Ada Admin\)/);
    expect(actionsOf(messageOf(started))).toHaveLength(0);
    await t.core.whenIdle();

    // Progress: one message in the file's thread, updated to the end.
    const progress = t.port.posts.find((p) => p.message.blocks.some((b) => b.type === 'progress'))!;
    expect(progress.ref.conversation.threadId).toBe(share.event.conversation.threadId);
    expect(t.port.textOf(progress.ref)).toMatch(/Finished: 3 of 3 rows processed/);
    const summary = t.port.posts.find((p) => /2 issued, 0 skipped, 1 failed/.test(p.message.text))!;
    expect(summary.ref.conversation.threadId).toBe(share.event.conversation.threadId);
    expect(summary.message.tone).toBe('warning');

    const csvFiles = t.port.files.filter((f) => f.file.name.endsWith('.csv'));
    expect(csvFiles.map((f) => f.file.name)).toEqual([expect.stringMatching(/^results-graduates-[0-9a-f]{8}\.csv$/), expect.stringMatching(/^failed-rows-graduates-[0-9a-f]{8}\.csv$/)]);
    const results = csvFiles[0]!.file.content.toString('utf8');
    expect(results.match(/https:\/\/credbot\.test\/credentials\//g)).toHaveLength(2);
    expect(csvFiles[1]!.file.content.toString('utf8')).toContain('not-an-email');
    expect(await t.store.countCredentials(TENANT, groupId)).toBe(2);

    // Issued credentials verify, and the audit log says who started the job.
    const creds = await t.store.listCredentials(TENANT, groupId);
    for (const c of creds) expect(await t.credentials.verify(c.signed, t.now.value)).toMatchObject({ status: "valid", errors: [] });
    const audit = await t.store.listAudit(TENANT, 50);
    expect(audit.find((a) => a.action === 'job.start')).toMatchObject({ actor: 'UADMIN' });
  });

  it('creates a new group from the preview and updates the preview to it', async () => {
    const share = csvShare('graduates.csv', CSV);
    const m = messageOf(await t.core.handleFileShare(share.event));
    const select = actionsOf(m).find((a): a is Select => a.type === 'select')!;
    expect(select.options.map((o) => o.label)).toEqual(['New group…']);
    const previewRef = { conversation: share.event.conversation, messageId: 'preview-9' };
    const reply = await t.core.handleAction({ actor: admin, conversation: share.event.conversation, message: previewRef, actionId: 'csv.group', value: select.options[0]!.value });
    if (reply.kind !== 'form') throw new Error('expected the group form');
    const result = await t.core.handleFormSubmit({
      actor: admin, formId: 'group', stateKey: reply.form.stateKey, conversation: share.event.conversation,
      values: { name: 'Spring cohort', course_name: 'Stats', course_description: 'Numbers.', expiry: 'none', attributes: 'grade' },
    });
    expect(result.kind).toBe('close');
    const update = t.port.updates.find((u) => u.ref.messageId === 'preview-9')!;
    expect(update.message.text).toMatch(/Issue 2 credentials to Spring cohort\?/);
    const chosen = update.message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e): e is Select => e.type === 'select')!;
    expect(chosen.options.find((o) => o.value === chosen.initial)!.label).toBe('Spring cohort');
  });

  it('offers no job when no row can be issued', async () => {
    await designAndGroup(t);
    const share = csvShare('broken.csv', 'Name,Email,Grade\nAda,nope,A\n');
    const m = messageOf(await t.core.handleFileShare(share.event));
    expect(m.text).toMatch(/1 row found — 0 ready to issue, 1 with errors/);
    const select = actionsOf(m).find((a): a is Select => a.type === 'select')!;
    await t.core.handleAction({ actor: admin, conversation: share.event.conversation, actionId: 'csv.group', value: select.options[0]!.value });
    const key = (actionsOf(m).find((a) => a.type === 'button') as Button).value;
    const reply = await t.core.handleAction({ actor: admin, conversation: share.event.conversation, actionId: 'csv.issue', value: key });
    expect(messageOf(reply).text).toBe('No row of broken.csv can be issued to Intro to Data Science: fix the errors listed above and upload the file again.');
    expect(await t.engine.listJobs(TENANT, 10)).toHaveLength(0);
  });

  it('asks for a group before issuing', async () => {
    await designAndGroup(t);
    const share = csvShare('graduates.csv', CSV);
    const m = messageOf(await t.core.handleFileShare(share.event));
    const key = (actionsOf(m).find((a) => a.type === 'button') as Button).value;
    const reply = await t.core.handleAction({ actor: admin, conversation: share.event.conversation, actionId: 'csv.issue', value: key });
    expect(messageOf(reply).text).toMatch(/Choose a group in the list first/);
    expect(await t.engine.listJobs(TENANT, 10)).toHaveLength(0);
  });

  it('starts one job for a double click and ignores a re-delivered share', async () => {
    await designAndGroup(t);
    const share = csvShare('graduates.csv', CSV);
    const m = messageOf(await t.core.handleFileShare(share.event));
    expect(await t.core.handleFileShare(share.event)).toEqual({ kind: 'none' });
    const select = actionsOf(m).find((a): a is Select => a.type === 'select')!;
    await t.core.handleAction({ actor: admin, conversation: share.event.conversation, actionId: 'csv.group', value: select.options[0]!.value });
    const key = (actionsOf(m).find((a) => a.type === 'button') as Button).value;
    const click = (eventId: string) => t.core.handleAction({ actor: admin, conversation: share.event.conversation, actionId: 'csv.issue', value: key, eventId });
    const [a, b] = await Promise.all([click('c1'), click('c2')]);
    expect([a.kind, b.kind].sort()).toEqual(['message', 'update']);
    const second = a.kind === 'message' ? a : b;
    expect(messageOf(second).text).toMatch(/Already issuing this file \(job [0-9a-f]{8}\)/);
    // A re-delivered click (same event id) is dropped silently.
    expect(await click('c1')).toEqual({ kind: 'none' });
    await t.core.whenIdle();
    expect(await t.engine.listJobs(TENANT, 10)).toHaveLength(1);
    expect(t.port.posts.filter((p) => /2 issued/.test(p.message.text))).toHaveLength(1);
  });

  it('cancels: nothing is issued and Issue no longer works', async () => {
    await designAndGroup(t);
    const share = csvShare('graduates.csv', CSV);
    const m = messageOf(await t.core.handleFileShare(share.event));
    const key = (actionsOf(m).find((a) => a.type === 'button') as Button).value;
    const cancelled = await t.core.handleAction({ actor: admin, conversation: share.event.conversation, actionId: 'csv.cancel', value: key });
    expect(messageOf(cancelled).text).toMatch(/cancelled by Ada Admin\. Nothing was issued/);
    const again = await t.core.handleAction({ actor: admin, conversation: share.event.conversation, actionId: 'csv.issue', value: key });
    expect(messageOf(again).text).toMatch(/cancelled/);
    expect(await t.engine.listJobs(TENANT, 10)).toHaveLength(0);
  });
});

describe('CSV share when the engine refuses', () => {
  it('says why, and leaves no progress message stuck on “Starting…”', async () => {
    const t = makeCore();
    try {
      await designAndGroup(t);
      const share = csvShare('graduates.csv', CSV);
      const m = messageOf(await t.core.handleFileShare(share.event));
      const select = actionsOf(m).find((a): a is Select => a.type === 'select')!;
      await t.core.handleAction({ actor: admin, conversation: share.event.conversation, actionId: 'csv.group', value: select.options[0]!.value });
      const refusal = Object.assign(new Error('The group no longer exists: choose another group.'), { code: 'issuance_input' });
      t.engine.startCsvJob = async () => {
        throw refusal;
      };
      const key = (actionsOf(m).find((a) => a.type === 'button') as Button).value;
      const reply = await t.core.handleAction({ actor: admin, conversation: share.event.conversation, actionId: 'csv.issue', value: key });
      expect(messageOf(reply)).toMatchObject({ text: 'The group no longer exists: choose another group.', tone: 'error' });
      const progress = t.port.posts.find((p) => p.message.blocks.some((b) => b.type === 'progress'))!;
      expect(t.port.textOf(progress.ref)).toBe('graduates.csv → Intro to Data Science: could not start (The group no longer exists: choose another group.). Nothing was issued.');
    } finally {
      await t.close();
    }
  });
});
