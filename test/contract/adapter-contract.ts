/**
 * @module test/contract/adapter-contract — the behaviour every adapter (console, Slack, Teams) must
 * show, run through the adapter's own wire by a `ContractHarness`. One suite, so the three cannot
 * drift apart: help on unknown input, refusal of non-issuers, creating a design and a group,
 * a CSV share answered in its thread, issuing on confirmation, one job for a double click, and
 * credentials that verify.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ACTION, DESIGN_FIELDS, GROUP_FIELDS } from '../../src/core/ids.js';
import type { ContractHarness, ContractSession, ContractUser, SeenMessage } from './harness.js';

export type { ContractHarness } from './harness.js';

/** Two good rows and one with a broken email. */
export const CONTRACT_CSV = [
  'Name,Email,Grade',
  'Ada Lovelace,ada@example.org,A',
  'Alan Turing,alan@example.org,B',
  'Broken Row,not-an-email,C',
].join('\n');

export const GROUP_NAME = 'Intro to Data Science';

/** Creates a badge design and a group that uses it, through the forms, as `user`. */
export async function createDesignAndGroup(user: ContractUser): Promise<void> {
  await user.sendCommand('design new badge');
  const designForm = await user.currentForm();
  expect(designForm?.formId).toBe('design');
  const template = designForm!.fields.find((f) => f.id === DESIGN_FIELDS.template)!.options![0]!.value;
  const designed = await user.submitForm({
    [DESIGN_FIELDS.name]: 'Data Science badge',
    [DESIGN_FIELDS.template]: template,
    [DESIGN_FIELDS.title]: '{{group.course_name}}',
    [DESIGN_FIELDS.body]: 'Awarded to {{recipient.name}}, grade {{custom.grade}}',
  });
  expect(designed).toEqual({ kind: 'closed' });

  await user.sendCommand('group new');
  const groupForm = await user.currentForm();
  expect(groupForm?.formId).toBe('group');
  const badge = groupForm!.fields.find((f) => f.id === GROUP_FIELDS.badgeDesign)!.options!.find((o) => o.label.includes('Data Science badge'));
  expect(badge).toBeDefined();
  const grouped = await user.submitForm({
    [GROUP_FIELDS.name]: GROUP_NAME,
    [GROUP_FIELDS.courseName]: 'Introduction to Data Science',
    [GROUP_FIELDS.courseDescription]: 'Twelve weeks of statistics and Python.',
    [GROUP_FIELDS.badgeDesign]: badge!.value,
    [GROUP_FIELDS.expiry]: 'none',
    [GROUP_FIELDS.attributes]: 'grade',
  });
  expect(grouped).toEqual({ kind: 'closed' });
}

const last = (messages: SeenMessage[]) => messages[messages.length - 1];
const withAction = (messages: SeenMessage[], actionId: string) =>
  [...messages].reverse().find((m) => m.actions.some((a) => a.actionId === actionId));

/** Shares the contract CSV and picks the contract group on the preview; returns the file's thread. */
async function shareAndPickGroup(s: ContractSession): Promise<string | undefined> {
  const { threadId } = await s.issuer.shareCsv('graduates.csv', CONTRACT_CSV);
  await s.settle();
  const preview = withAction(await s.issuer.messages(), ACTION.csvIssue);
  expect(preview).toBeDefined();
  if (threadId !== undefined) expect(preview!.threadId).toBe(threadId);
  const select = preview!.actions.find((a) => a.actionId === ACTION.csvGroup)!;
  const groupId = select.values[select.optionLabels!.findIndex((l) => l.includes(GROUP_NAME))];
  expect(groupId).toBeDefined();
  await s.issuer.click(ACTION.csvGroup, groupId);
  return threadId;
}

/** Credential URLs from a results CSV (one line per row; issued rows carry the credential URL). */
export function credentialUrls(resultsCsv: string): string[] {
  return [...resultsCsv.matchAll(/https?:\/\/[^\s,"]+\/credentials\/[A-Za-z0-9-]+/g)].map((m) => m[0]);
}

export function runAdapterContract(harness: ContractHarness): void {
  describe(`adapter contract: ${harness.name}`, () => {
    let s: ContractSession;
    beforeEach(async () => {
      s = await harness.setup();
    });
    afterEach(async () => {
      await s.teardown();
    });

    it('answers unknown input with help, never silence', async () => {
      await s.issuer.sendCommand('frobnicate the widgets');
      const reply = last(await s.issuer.messages());
      expect(reply?.text).toMatch(/frobnicate/);
      expect(reply?.text).toMatch(/group new/);
      expect(reply?.text).toMatch(/status/);
    });

    it('refuses a user without the issuer role, and says who can grant it', async () => {
      await s.stranger.sendCommand('group new');
      expect(await s.stranger.currentForm()).toBeUndefined();
      const reply = last(await s.stranger.messages());
      expect(reply?.text).toMatch(/team member|issuer/i);
      expect(reply?.text).toMatch(/admin/i);
    });

    it('creates a design and a group from their forms', async () => {
      await createDesignAndGroup(s.issuer);
      const files = await s.uploadedFiles();
      expect(files.some((f) => f.name.endsWith('.png') && f.content.subarray(1, 4).toString() === 'PNG')).toBe(true);
      await s.issuer.sendCommand('groups');
      expect(last(await s.issuer.messages())?.text).toContain(GROUP_NAME);
    });

    it('previews a shared CSV in its thread, issues on confirmation, and posts the summary and results', async () => {
      await createDesignAndGroup(s.issuer);
      const threadId = await shareAndPickGroup(s);
      const preview = withAction(await s.issuer.messages(), ACTION.csvIssue)!;
      expect(preview.text).toMatch(/3 rows/);
      expect(preview.text).toMatch(/row 4/i);
      await s.issuer.click(ACTION.csvIssue);
      await s.settle();

      const messages = await s.issuer.messages();
      const summary = messages.find((m) => /2 issued/.test(m.text));
      expect(summary).toBeDefined();
      expect(summary!.text).toMatch(/1 failed/);
      if (threadId !== undefined) expect(summary!.threadId).toBe(threadId);

      const files = await s.uploadedFiles();
      const results = files.find((f) => /results/i.test(f.name) && f.name.endsWith('.csv'));
      expect(results).toBeDefined();
      expect(credentialUrls(results!.content.toString('utf8'))).toHaveLength(2);
      expect(files.some((f) => /failed/i.test(f.name) && f.content.toString('utf8').includes('not-an-email'))).toBe(true);
    });

    it('starts one job for a double click', async () => {
      await createDesignAndGroup(s.issuer);
      await shareAndPickGroup(s);
      await Promise.all([s.issuer.click(ACTION.csvIssue), s.issuer.click(ACTION.csvIssue)]);
      await s.settle();
      const summaries = (await s.issuer.messages()).filter((m) => /2 issued/.test(m.text));
      expect(summaries).toHaveLength(1);
      const results = (await s.uploadedFiles()).filter((f) => /results/i.test(f.name));
      expect(results).toHaveLength(1);
    });

    it('issues credentials that verify', async () => {
      await createDesignAndGroup(s.issuer);
      await shareAndPickGroup(s);
      await s.issuer.click(ACTION.csvIssue);
      await s.settle();
      const results = (await s.uploadedFiles()).find((f) => /results/i.test(f.name))!;
      const urls = credentialUrls(results.content.toString('utf8'));
      expect(urls).toHaveLength(2);
      for (const url of urls) expect(await s.verifyCredential(url)).toEqual({ verified: true, revoked: false });
    });
  });
}
