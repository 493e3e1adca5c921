/** The group form's delivery settings typed line by line in the console: asked last, in order, y/n and free text. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { runConsole } from '../../adapters/console/run.js';
import { CONSOLE_TENANT } from '../../src/core/roles.js';
import { makeConsoleBot, type ConsoleBot } from './harness.js';

const GROUP = ['group new', 'Spring', 'Stats', 'Numbers.', '', '', '', '', '', '', 'n', 'grade'];

async function run(bot: ConsoleBot, lines: string[]): Promise<number> {
  return runConsole({ core: bot.t.core, port: bot.port, input: Readable.from([lines.join('\n') + '\n']), output: bot.output, interactive: false, cwd: bot.dir });
}

describe('console: group delivery settings', () => {
  let bot: ConsoleBot;
  beforeEach(() => {
    bot = makeConsoleBot();
  });
  afterEach(() => bot.close());

  it('asks email, direct message, certificate, subject and message after the other fields, and saves the answers', async () => {
    const code = await run(bot, [...GROUP, 'n', '', 'no', 'Well done, {{recipient.name}}', '', 'groups']);
    const out = bot.output.text();
    const order = ['Custom attributes', 'Email each recipient [yes]', 'Send a direct message to recipients who are in this workspace [yes]', 'Attach the certificate PDF to the email [yes]', 'Email subject', 'Email message'].map((q) => out.indexOf(q));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(out).toContain('Group Spring created.');
    expect(code).toBe(0);
    const [group] = await bot.t.store.listGroups(CONSOLE_TENANT);
    expect(group).toMatchObject({ deliverEmail: false, deliverChat: true, attachCertificate: false, emailSubject: 'Well done, {{recipient.name}}' });
    expect(group!.emailBody).toBeUndefined();
  });

  it('refuses a subject with an unknown placeholder, naming it, and creates no group', async () => {
    const code = await run(bot, [...GROUP, '', '', '', 'Hi {{recipient.nmae}}', '']);
    expect(bot.output.text()).toContain('✗ Email subject: Unknown placeholders {{recipient.nmae}}.');
    expect(code).toBe(1);
    expect(await bot.t.store.listGroups(CONSOLE_TENANT)).toEqual([]);
  });
});
