/** The read and admin commands: help, lists, attributes, CSV template, status, revoke, and answers to odd input. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Button, Select } from '../../src/core/ui.js';
import { admin, channel, command, csvShare, designAndGroup, makeCore, replyText, TENANT, type TestCore } from './fixtures.js';

/** Issues the CSV through the preview buttons; returns the job's results CSV. */
async function issueCsv(t: TestCore, csv: string): Promise<void> {
  const share = csvShare('people.csv', csv);
  const preview = await t.core.handleFileShare(share.event);
  if (preview.kind !== 'message') throw new Error('no preview');
  const elements = preview.message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
  const select = elements.find((e): e is Select => e.type === 'select')!;
  await t.core.handleAction({ actor: admin, conversation: share.event.conversation, actionId: 'csv.group', value: select.options[0]!.value });
  const issue = elements.find((e): e is Button => e.type === 'button' && e.actionId === 'csv.issue')!;
  await t.core.handleAction({ actor: admin, conversation: share.event.conversation, actionId: 'csv.issue', value: issue.value });
  await t.core.whenIdle();
}

describe('commands', () => {
  let t: TestCore;
  beforeEach(() => {
    t = makeCore();
  });
  afterEach(() => t.close());

  it('answers help, and unknown input with help that quotes it', async () => {
    const help = await command(t, 'HELP');
    expect(replyText(help)).toMatch(/^Credbot issues verifiable badges and certificates/);
    expect(replyText(help)).toContain('/issue-credential template <group>');
    const unknown = await command(t, 'frobnicate now');
    expect(replyText(unknown)).toMatch(/^Sorry, I did not understand “frobnicate now”\. Here is what I can do:/);
    expect(replyText(unknown)).toContain('/issue-credential group new');
  });

  it('says what is missing, with the usage', async () => {
    expect(replyText(await command(t, 'template'))).toBe('Which group is the CSV template for? Usage: /issue-credential template <group>');
  });

  it('lists groups and designs, and says how to create the first one', async () => {
    expect(replyText(await command(t, 'groups'))).toContain('No groups yet. Create one with /issue-credential group new.');
    expect(replyText(await command(t, 'designs'))).toContain('No designs yet.');
    await designAndGroup(t);
    expect(replyText(await command(t, 'groups'))).toMatch(/Intro to Data Science \(id [0-9a-f-]{36}\) — Introduction to Data Science; DS badge; credentials never expire; attributes: grade; 0 credentials issued/);
    expect(replyText(await command(t, 'designs'))).toMatch(/DS badge \(id [0-9a-f-]{36}\) — badge, Badge: circle/);
  });

  it('says which group it could not find, and lists the known ones', async () => {
    await designAndGroup(t);
    expect(replyText(await command(t, 'template Biology'))).toBe('There is no group called “Biology”. Known groups: Intro to Data Science.');
    expect(replyText(await command(t, 'to intro'))).toBe('Issue credentials'); // a unique start of the name is enough
  });

  it('lists the built-in placeholders and each group’s custom attributes', async () => {
    await designAndGroup(t);
    const text = replyText(await command(t, 'attributes'));
    expect(text).toContain('{{recipient.name}}');
    expect(text).toContain('{{credential.expires_on}}');
    expect(text).toContain('Intro to Data Science: {{custom.grade}}');
  });

  it('posts a CSV template with exactly the columns the group needs', async () => {
    await designAndGroup(t, { attributes: 'grade, hours' });
    expect(await command(t, 'template "Intro to Data Science"')).toEqual({ kind: 'none' });
    const [upload] = t.port.files.filter((f) => f.file.name.endsWith('.csv'));
    expect(upload!.to).toEqual(channel);
    expect(upload!.file.name).toBe('intro-to-data-science-template.csv');
    expect(upload!.file.content.toString('utf8')).toBe('Name,Email,grade,hours\r\n');
  });

  it('shows recent jobs, one job with its failed rows, and posts its results again', async () => {
    await designAndGroup(t);
    await issueCsv(t, 'Name,Email,Grade\nAda,ada@example.org,A\nBob,bob@,B\n');
    const list = replyText(await command(t, 'status'));
    expect(list).toMatch(/([0-9a-f]{8}) people\.csv → Intro to Data Science — done, 2\/2 rows \(1 issued, 0 skipped, 1 failed\)/);
    const short = /([0-9a-f]{8}) people\.csv/.exec(list)![1]!;
    const before = t.port.files.length;
    const one = replyText(await command(t, `status ${short}`));
    expect(one).toContain('Rows not issued (first 10):');
    expect(one).toMatch(/Row 3: failed — .*email/);
    expect(t.port.files.slice(before).map((f) => f.file.name)).toEqual([`results-people-${short}.csv`]);
    expect(replyText(await command(t, 'status nope'))).toMatch(/^There is no job “nope” in this workspace/);
  });

  it('revokes a credential by its URL, with the reason, and audits it', async () => {
    const groupId = await designAndGroup(t);
    await issueCsv(t, 'Name,Email,Grade\nAda,ada@example.org,A\n');
    const [cred] = await t.store.listCredentials(TENANT, groupId);
    const url = `https://credbot.test/credentials/${cred!.id}`;
    expect(replyText(await command(t, `revoke ${url} "left the course"`))).toBe(
      `Revoked the credential of Ada (${cred!.id}). Verifiers now see it as revoked. Reason: left the course`,
    );
    const revoked = (await t.store.getCredential(TENANT, cred!.id))!;
    expect(revoked).toMatchObject({ status: 'revoked', revokedReason: 'left the course', revokedBy: 'UADMIN' });
    expect((await t.credentials.verify(revoked.signed, new Date())).status).toBe('revoked');
    expect(replyText(await command(t, `revoke ${cred!.id}`))).toMatch(/already revoked/);
    expect(replyText(await command(t, 'revoke 00000000-0000-4000-8000-000000000000'))).toMatch(/^There is no credential/);
    expect((await t.store.listAudit(TENANT, 5)).find((a) => a.action === 'credential.revoke')).toMatchObject({ target: cred!.id, detail: { reason: 'left the course' } });
  });

  it('drops a re-delivered command', async () => {
    const first = await t.core.handleCommand({ actor: admin, conversation: channel, text: 'groups', eventId: 'E1' });
    expect(first.kind).toBe('message');
    expect(await t.core.handleCommand({ actor: admin, conversation: channel, text: 'groups', eventId: 'E1' })).toEqual({ kind: 'none' });
  });

  it('answers an unknown button with help instead of silence', async () => {
    const reply = await t.core.handleAction({ actor: admin, conversation: channel, actionId: 'mystery', value: 'x' });
    expect(replyText(reply)).toMatch(/^That button \(mystery\) is not one I know/);
  });
});
