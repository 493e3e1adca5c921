/** The group, design and issue forms: per-field errors worded for people, prefills, Add recipient, state kept by key. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Form } from '../../src/core/ui.js';
import { admin, channel, command, designAndGroup, makeCore, openForm, replyText, submitForm, TENANT, type TestCore } from './fixtures.js';


const submit = submitForm;

describe('group form', () => {
  let t: TestCore;
  beforeEach(() => {
    t = makeCore();
  });
  afterEach(() => t.close());

  it('keeps only a short key for its state (Slack private_metadata holds 3,000 characters)', async () => {
    const form = await openForm(t, 'group new');
    expect(form.stateKey).toMatch(/^[a-z0-9]{12}$/);
  });

  it('returns an error for each wrong field', async () => {
    const form = await openForm(t, 'group new');
    const result = await submit(t, form, { name: '', course_name: 'X', course_description: '', course_link: 'example.org/course', expiry: 'months', expiry_amount: 'two', attributes: 'grade, e-mail!, name' });
    expect(result).toEqual({
      kind: 'errors',
      errors: {
        name: 'Give the group a name.',
        course_description: 'Describe what recipients achieved.',
        course_link: 'Give a full link starting with https://',
        expiry_amount: 'Give a whole number of months between 1 and 100.',
        attributes: '“name” is built in (every CSV has name and email columns); remove it from the custom attributes.',
      },
    });
  });

  it('refuses a past fixed expiry date and a duplicate group name', async () => {
    await designAndGroup(t);
    const form = await openForm(t, 'group new "Intro to Data Science"');
    expect(form.fields.find((f) => f.id === 'name')!.initial).toBe('Intro to Data Science');
    const result = await submit(t, form, { name: 'intro to data science', course_name: 'C', course_description: 'D', expiry: 'fixed', expiry_date: '2020-01-01' });
    expect(result).toEqual({
      kind: 'errors',
      errors: { name: 'A group called “intro to data science” already exists. Choose another name.', expiry_date: 'The expiry date must be in the future.' },
    });
  });

  it('creates a group with its expiry rule and snake_case attributes, and edits it', async () => {
    const form = await openForm(t, 'group new');
    const created = await submit(t, form, { name: 'Spring', course_name: 'Stats', course_description: 'Numbers.', course_link: 'https://x.edu/stats', expiry: 'years', expiry_amount: '2', allow_duplicates: 'yes', attributes: 'Final Grade, hours' });
    expect(created.kind).toBe('close');
    const [group] = await t.store.listGroups(TENANT);
    expect(group).toMatchObject({ name: 'Spring', courseLink: 'https://x.edu/stats', expiry: { kind: 'after', amount: 2, unit: 'years' }, allowDuplicates: true, customAttributes: ['final_grade', 'hours'], createdBy: 'UADMIN' });

    const edit = await openForm(t, 'group edit spring');
    expect(edit.title).toBe('Edit group');
    expect(Object.fromEntries(edit.fields.map((f) => [f.id, f.initial]))).toMatchObject({ name: 'Spring', expiry: 'years', expiry_amount: '2', allow_duplicates: 'yes', attributes: 'final_grade, hours' });
    await submit(t, edit, { name: 'Spring', course_name: 'Stats', course_description: 'Numbers.', course_link: '', expiry: 'none', attributes: 'final_grade' });
    const [edited] = await t.store.listGroups(TENANT);
    expect(edited).toMatchObject({ id: group!.id, expiry: { kind: 'none' }, customAttributes: ['final_grade'] });
    expect(edited!.courseLink).toBeUndefined();
    expect((await t.store.listAudit(TENANT, 10)).map((a) => a.action)).toEqual(expect.arrayContaining(['group.create', 'group.update']));
  });

  it('requires the attributes its designs print', async () => {
    await designAndGroup(t); // the "DS badge" design prints {{custom.grade}}
    const design = (await t.store.listDesigns(TENANT))[0]!;
    const form = await openForm(t, 'group new');
    const result = await submit(t, form, { name: 'Other', course_name: 'C', course_description: 'D', badge_design: design.id, expiry: 'none', attributes: 'hours' });
    expect(result).toEqual({ kind: 'errors', errors: { attributes: 'The design “DS badge” shows {{custom.grade}}: add grade to the custom attributes.' } });
  });

  it('says when a form has expired', async () => {
    const result = await t.core.handleFormSubmit({ actor: admin, formId: 'group', stateKey: 'nosuchkey123', values: {} });
    expect(result).toMatchObject({ kind: 'close', message: { text: 'This form has expired. Run the command again to open a new one.', tone: 'error' } });
  });
});

describe('design form', () => {
  let t: TestCore;
  beforeEach(() => {
    t = makeCore();
  });
  afterEach(() => t.close());

  it('offers only the templates of the kind asked for', async () => {
    const form = await openForm(t, 'design new certificate');
    const templates = form.fields.find((f) => f.id === 'template')!.options!.map((o) => o.value);
    expect(templates.length).toBeGreaterThan(0);
    expect(templates.every((id) => id.startsWith('certificate-'))).toBe(true);
  });

  it('marks unknown placeholders, bad colours and a template of the other kind as field errors', async () => {
    const form = await openForm(t, 'design new');
    const result = await submit(t, form, { kind: 'badge', name: 'B', template: 'certificate-classic-a4', primary_colour: 'blue', secondary_colour: '#c8963e', text_colour: '#1f2937', title: 'Hi {{recipent.name}}', body: '{{custom.grade}} and {{group.course}}' });
    expect(result.kind).toBe('errors');
    const errors = result.kind === 'errors' ? result.errors : {};
    expect(errors.primary_colour).toBe('Give the main colour as a hex colour such as #1f4e79.');
    expect(errors.title).toMatch(/^Unknown placeholder \{\{recipent\.name\}\}\. Placeholders: \{\{recipient\.name\}\}/);
    expect(errors.body).toMatch(/^Unknown placeholder \{\{group\.course\}\}/);
    expect(errors.template).toBe('“Certificate: classic (A4 landscape)” is a certificate template; choose a badge template.');
    expect(await t.store.listDesigns(TENANT)).toHaveLength(0);
  });

  it('saves the design and posts a PNG preview with sample values in the conversation', async () => {
    const form = await openForm(t, 'design new badge "Gold"');
    const result = await submit(t, form, { kind: 'badge', name: 'Gold', template: 'badge-shield', primary_colour: '#AA8800', secondary_colour: '#c8963e', text_colour: '#1f2937', title: '{{group.course_name}}', subtitle: '{{recipient.name}}' });
    expect(result).toMatchObject({ kind: 'close', message: { text: 'Design Gold created; its preview is posted below. Use it in a group: /issue-credential group new.' } });
    const [design] = await t.store.listDesigns(TENANT);
    expect(design).toMatchObject({ name: 'Gold', template: 'badge-shield', colours: { primary: '#aa8800' } });
    const [upload] = t.port.files;
    expect(upload!.to).toEqual(channel);
    expect(upload!.file).toMatchObject({ name: 'gold-preview.png', mimeType: 'image/png' });
    expect(upload!.file.content.subarray(1, 4).toString()).toBe('PNG');
  });

  it('copies a design into a new one and edits a design in place', async () => {
    await designAndGroup(t);
    const copy = await openForm(t, 'design copy "DS badge"');
    expect(copy.fields.find((f) => f.id === 'name')!.initial).toBe('Copy of DS badge');
    const values = Object.fromEntries(copy.fields.map((f) => [f.id, f.initial ?? '']));
    expect((await submit(t, copy, values)).kind).toBe('close');
    expect((await t.store.listDesigns(TENANT)).map((d) => d.name).sort()).toEqual(['Copy of DS badge', 'DS badge']);

    const edit = await openForm(t, 'design edit "DS badge"');
    const editValues = { ...Object.fromEntries(edit.fields.map((f) => [f.id, f.initial ?? ''])), title: 'New title' };
    expect((await submit(t, edit, editValues)).kind).toBe('close');
    const designs = await t.store.listDesigns(TENANT);
    expect(designs).toHaveLength(2);
    expect(designs.find((d) => d.name === 'DS badge')!.text.title).toBe('New title');
  });
});

describe('issue form', () => {
  let t: TestCore;
  beforeEach(() => {
    t = makeCore();
  });
  afterEach(() => t.close());

  it('asks for the group first, then shows recipient rows with the group’s attributes', async () => {
    await designAndGroup(t);
    const first = await openForm(t, '');
    expect(first.fields.map((f) => f.id)).toEqual(['group']);
    const groupId = first.fields[0]!.options![0]!.value;
    const next = await submit(t, first, { group: groupId });
    expect(next.kind).toBe('update');
    const form = next.kind === 'update' ? next.form : first;
    expect(form.fields.map((f) => f.id)).toEqual(['group', 'r1_name', 'r1_email', 'r1_attr_grade', 'issued_on']);
  });

  it('prefills the group from the command, and Add recipient keeps typed values', async () => {
    await designAndGroup(t);
    const form = await openForm(t, 'to "Intro to Data Science"');
    expect(form.fields.find((f) => f.id === 'r1_name')).toBeDefined();
    const typed = { r1_name: 'Ada', r1_email: 'ada@example.org', r1_attr_grade: 'A' };
    const more = await t.core.handleFormAction({ actor: admin, formId: 'issue', stateKey: form.stateKey, actionId: 'issue.add_recipient', value: '2', values: typed });
    expect(more.fields.filter((f) => f.section === 'Recipient 2').map((f) => f.id)).toEqual(['r2_name', 'r2_email', 'r2_attr_grade']);
    expect(more.fields.find((f) => f.id === 'r1_name')!.initial).toBe('Ada');
    expect(more.stateKey).toBe(form.stateKey);
  });

  it('stops adding rows at 20 and says to upload a CSV instead', async () => {
    await designAndGroup(t);
    const form = await openForm(t, 'to Intro');
    let current = form;
    for (let i = 0; i < 25; i++) {
      current = await t.core.handleFormAction({ actor: admin, formId: 'issue', stateKey: form.stateKey, actionId: 'issue.add_recipient', value: '', values: {} });
    }
    expect(current.fields.filter((f) => f.id.endsWith('_email'))).toHaveLength(20);
    expect(current.actions).toBeUndefined();
    expect(current.errors).toEqual({ r20_name: 'At most 20 recipients per form: upload a CSV to issue to more people.' });
  });

  it('checks each row: name, email, attributes the design prints, duplicates, date', async () => {
    const groupId = await designAndGroup(t);
    const form = await openForm(t, 'to Intro');
    for (let i = 0; i < 2; i++) await t.core.handleFormAction({ actor: admin, formId: 'issue', stateKey: form.stateKey, actionId: 'issue.add_recipient', value: '', values: {} });
    const result = await submit(t, form, {
      group: groupId,
      r1_name: 'Ada', r1_email: 'ada@example', r1_attr_grade: '',
      r2_name: '', r2_email: 'bob@example.org', r2_attr_grade: 'B',
      r3_name: 'Cy', r3_email: 'BOB@example.org ', r3_attr_grade: 'C',
      issued_on: '03/07/2026',
    });
    expect(result).toEqual({
      kind: 'errors',
      errors: {
        r1_email: 'The email domain (after the @) has no dot, e.g. example.org.',
        r1_attr_grade: 'The design shows grade: fill it in.',
        r2_name: 'Give the recipient’s name as it should appear on the credential.',
        r3_email: 'Same email as recipient 2.',
        issued_on: expect.stringMatching(/^The issue date "03\/07\/2026" is ambiguous.*YYYY-MM-DD/),
      },
    });
  });

  it('issues to the recipients, reports in the conversation, and refuses someone who already holds it', async () => {
    const groupId = await designAndGroup(t);
    const form = await openForm(t, 'to Intro');
    const result = await submit(t, form, { group: groupId, r1_name: 'Ada Lovelace', r1_email: 'ada@example.org', r1_attr_grade: 'A', issued_on: t.now.value.toISOString().slice(0, 10) });
    expect(result).toMatchObject({ kind: 'close', message: { text: expect.stringMatching(/^Issuing 1 credential to Intro to Data Science \(job [0-9a-f]{8}\)/) } });
    // A second submit of the same form does not issue again.
    expect(await submit(t, form, { group: groupId, r1_name: 'Ada Lovelace', r1_email: 'ada@example.org', r1_attr_grade: 'A' })).toMatchObject({ kind: 'close', message: { text: expect.stringMatching(/^Already issuing/) } });
    await t.core.whenIdle();
    expect(t.port.posts.some((p) => p.message.text.includes('Form → Intro to Data Science: done. 1 issued, 0 skipped, 0 failed.'))).toBe(true);
    const [cred] = await t.store.listCredentials(TENANT, groupId);
    expect(cred).toMatchObject({ recipient: { name: 'Ada Lovelace', email: 'ada@example.org' }, attributes: { grade: 'A' } });

    const again = await openForm(t, 'to Intro');
    const refused = await submit(t, again, { group: groupId, r1_name: 'Ada', r1_email: 'ADA@example.org', r1_attr_grade: 'A' });
    expect(refused).toEqual({ kind: 'errors', errors: { r1_email: `This person already holds this group’s credential (${cred!.id}).` } });
  });
});
