/**
 * End to end through the console adapter with piped input, as a script would run it: create a
 * design and a group through their forms, upload a CSV with good and bad rows, confirm, and check
 * the summary, the files written, the exit code, and that the issued credentials verify.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runConsole } from '../../adapters/console/run.js';
import { CONSOLE_TENANT } from '../../src/core/roles.js';
import { makeConsoleBot, type ConsoleBot } from './harness.js';

const CSV = ['Name,Email,Grade', 'Ada Lovelace,ada@example.org,A', 'Alan Turing,alan@example.org,B', 'Broken Row,not-an-email,C'].join('\n');

const DESIGN_AND_GROUP = [
  'design new badge',
  '', // kind: keep "badge"
  'Data Science badge',
  '1', // first badge template
  '', '', '', // colours: keep the defaults
  '{{group.course_name}}',
  '{{recipient.name}}',
  'Grade {{custom.grade}}',
  '', // footer
  '/issue-credential group new',
  'Intro to Data Science',
  'Introduction to Data Science',
  'Statistics and Python.',
  '', // course link
  'Data Science badge', // badge design, by its name
  '', // certificate design: none
  '', // expiry: never
  '', '', // amount, date
  'n', // duplicates
  'grade',
  '', '', '', // delivery switches: keep email, direct messages and the certificate on
  '', '', // email subject and message: the built-in ones
];

async function run(bot: ConsoleBot, lines: string[]): Promise<number> {
  return runConsole({ core: bot.t.core, port: bot.port, input: Readable.from([lines.join('\n') + '\n']), output: bot.output, interactive: false, cwd: bot.dir });
}

describe('console, scripted through stdin', () => {
  let bot: ConsoleBot;
  beforeEach(() => {
    bot = makeConsoleBot();
  });
  afterEach(() => bot.close());

  it('creates a design and a group, issues from a CSV, and writes the results where it says', async () => {
    writeFileSync(join(bot.dir, 'graduates.csv'), CSV);
    const code = await run(bot, [
      ...DESIGN_AND_GROUP,
      'upload graduates.csv',
      'Intro to Data Science', // the group, by name, from the numbered list
      'Issue',
      'wait',
      'status',
    ]);
    const out = bot.output.text();
    expect(out).toContain('Design Data Science badge created; its preview is posted below.');
    expect(out).toContain('Group Intro to Data Science created.');
    expect(out).toContain('graduates.csv: 3 rows found — 2 ready to issue, 1 with errors');
    expect(out).toMatch(/Row 4, column "Email": /);
    expect(out).toMatch(/\d+\) Issue\n/);
    expect(out).toMatch(/\[#{24}\] 100%  3\/3 {2}Finished: 3 of 3 rows processed/);
    expect(out).toContain('graduates.csv → Intro to Data Science: done. 2 issued, 0 skipped, 1 failed.');
    expect(code).toBe(0);

    const filesDir = join(bot.dir, 'files');
    const files = readdirSync(filesDir);
    const results = files.find((f) => f.startsWith('results-graduates-'))!;
    const failed = files.find((f) => f.startsWith('failed-rows-graduates-'))!;
    expect(files.some((f) => f.endsWith('-preview.png'))).toBe(true);
    expect(out).toContain(`saved to ${join(filesDir, results)}`);
    expect(readFileSync(join(filesDir, failed), 'utf8')).toContain('not-an-email');

    const urls = [...readFileSync(join(filesDir, results), 'utf8').matchAll(/https:\/\/credbot\.test\/credentials\/([0-9a-f-]+)/g)].map((m) => m[1]!);
    expect(urls).toHaveLength(2);
    for (const id of urls) {
      const cred = (await bot.t.store.getCredential(CONSOLE_TENANT, id))!;
      expect(await bot.t.credentials.verify(cred.signed, new Date())).toMatchObject({ status: 'valid' });
    }
    // `status` lists the job after it ran.
    expect(out).toMatch(/`?[0-9a-f]{8}`? graduates\.csv → Intro to Data Science — done, 3\/3 rows/);
  });

  it('shows the same field errors as chat and exits non-zero when a scripted form is rejected', async () => {
    const code = await run(bot, ['design new badge', '', 'Typo badge', '1', '', '', '', 'Hello {{recipent.name}}', '', '', '', 'groups', 'more answers']);
    const out = bot.output.text();
    expect(out).toMatch(/✗ Title: Unknown placeholder \{\{recipent\.name\}\}/);
    expect(out).toContain('The form “New design” was not submitted.');
    // The lines after a rejected form were its answers: they are not run as commands.
    expect(out).toContain('Stopping here: the next input lines were answers for that form.');
    expect(out).not.toContain('did not understand');
    expect(code).toBe(1);
    expect(await bot.t.store.listDesigns(CONSOLE_TENANT)).toHaveLength(0);
  });

  it('answers unknown input with help and exits non-zero; a missing file is a clear error', async () => {
    const code = await run(bot, ['frobnicate', 'upload nowhere.csv']);
    const out = bot.output.text();
    expect(out).toContain('Sorry, I did not understand “frobnicate”. Here is what I can do:');
    expect(out).toContain(`There is no file at ${join(bot.dir, 'nowhere.csv')}.`);
    expect(code).toBe(1);
  });

  it('exits 0 for a script of successful commands, and non-zero when input ends inside a form', async () => {
    expect(await run(bot, ['help', 'groups', 'team list'])).toBe(0);
    expect(bot.output.text()).toContain('upload <path> shares a CSV file');
    const again = makeConsoleBot();
    try {
      expect(await run(again, ['group new', 'Half a group'])).toBe(1);
      expect(again.output.text()).toContain('Input ended before the form “New group” was finished.');
    } finally {
      await again.close();
    }
  });
});
