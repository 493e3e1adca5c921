/** The console's renderers and chat port: markup, progress bar redrawn in place, numbered choices, answers, files never overwritten. */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ConsoleChatPort } from '../../adapters/console/chat-port.js';
import { choicesOf, markup, pickChoice, progressBar, readAnswer } from '../../adapters/console/render.js';
import type { Field, Message } from '../../src/core/ui.js';

const here = { tenantId: 'console:local', channelId: 'terminal' };

function capture() {
  const chunks: string[] = [];
  const output = new PassThrough();
  output.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  return { output, text: () => chunks.join('') };
}

describe('console rendering', () => {
  it('turns the neutral markup into terminal text', () => {
    expect(markup('*Done*: see <https://x.edu/c/1|the credential> and `status`')).toBe('Done: see the credential (https://x.edu/c/1) and status');
  });

  it('draws a progress bar', () => {
    expect(progressBar(0, 4, 8)).toBe('[--------]   0%  0/4');
    expect(progressBar(3, 4, 8)).toBe('[######--]  75%  3/4');
    expect(progressBar(5, 0, 8)).toBe('[--------]   0%  5/0');
  });

  it('numbers buttons and select options, and picks by number, label or option name', () => {
    const message: Message = {
      text: 'x',
      blocks: [{ type: 'actions', elements: [
        { type: 'select', actionId: 'csv.group', placeholder: 'Choose a group', options: [{ label: 'Biology', value: 'k:g1' }, { label: 'Chemistry', value: 'k:g2' }] },
        { type: 'button', actionId: 'csv.issue', label: 'Issue', value: 'k' },
      ] }],
    };
    const choices = choicesOf(message);
    expect(choices.map((c) => c.label)).toEqual(['Choose a group: Biology', 'Choose a group: Chemistry', 'Issue']);
    expect(pickChoice(choices, '2')?.value).toBe('k:g2');
    expect(pickChoice(choices, 'issue')?.actionId).toBe('csv.issue');
    expect(pickChoice(choices, 'chemistry')?.value).toBe('k:g2');
    expect(pickChoice(choices, '9')).toBeUndefined();
  });

  it('reads answers: Enter keeps the current value, "-" clears, selects by number or name, checkboxes y/n', () => {
    const select: Field = { type: 'select', id: 'kind', label: 'Kind', required: true, options: [{ label: 'Badge', value: 'badge' }, { label: 'Certificate', value: 'certificate' }], initial: 'badge' };
    expect(readAnswer(select, '')).toEqual({ value: 'badge' });
    expect(readAnswer(select, '2')).toEqual({ value: 'certificate' });
    expect(readAnswer(select, 'certificate')).toEqual({ value: 'certificate' });
    expect(readAnswer(select, '7')).toEqual({ problem: "Choose 1 to 2, or type an option's name." });
    const name: Field = { type: 'text', id: 'name', label: 'Name', required: true };
    expect(readAnswer(name, '  ')).toEqual({ problem: 'This field is required.' });
    const link: Field = { type: 'text', id: 'link', label: 'Link', required: false, initial: 'https://x' };
    expect(readAnswer(link, '-')).toEqual({ value: '' });
    const dup: Field = { type: 'checkbox', id: 'dup', label: 'Dup', required: false };
    expect(readAnswer(dup, 'Y')).toEqual({ value: 'yes' });
    expect(readAnswer(dup, 'maybe')).toEqual({ problem: 'Answer y or n.' });
  });
});

describe('console chat port', () => {
  it('redraws a progress bar in place on a terminal', async () => {
    const out = capture();
    const port = new ConsoleChatPort({ output: out.output, filesDir: tmpdir(), tty: true });
    const progress = (done: number): Message => ({ text: 'p', blocks: [{ type: 'text', text: '*job*' }, { type: 'progress', done, total: 4, label: 'Issuing' }] });
    const ref = await port.postMessage(here, progress(0));
    await port.updateMessage(ref, progress(2));
    await port.updateMessage(ref, progress(4));
    const text = out.text();
    expect(text.match(/\r\x1b\[2K/g)).toHaveLength(1);
    expect(text).toContain('\r\x1b[2K[########################] 100%  4/4  Issuing');
  });

  it('prints each update on its own line when the output is not a terminal', async () => {
    const out = capture();
    const port = new ConsoleChatPort({ output: out.output, filesDir: tmpdir(), tty: false });
    const ref = await port.postMessage(here, { text: 'p', blocks: [{ type: 'progress', done: 0, total: 2, label: 'Starting' }] });
    await port.updateMessage(ref, { text: 'p', blocks: [{ type: 'progress', done: 2, total: 2, label: 'Finished' }] });
    expect(out.text()).toBe('[------------------------]   0%  0/2  Starting\n[########################] 100%  2/2  Finished\n');
    expect(port.shown[0]!.message.blocks[0]).toMatchObject({ done: 2 });
  });

  it('saves files in its folder, says where, and never overwrites an earlier one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credbot-port-'));
    try {
      const out = capture();
      const port = new ConsoleChatPort({ output: out.output, filesDir: join(dir, 'files'), tty: false });
      await port.uploadFile(here, { name: 'results.csv', mimeType: 'text/csv', content: Buffer.from('a\n') });
      await port.uploadFile(here, { name: 'results.csv', mimeType: 'text/csv', content: Buffer.from('b\n'), title: 'Results' });
      expect(readFileSync(join(dir, 'files', 'results.csv'), 'utf8')).toBe('a\n');
      expect(readFileSync(join(dir, 'files', 'results-2.csv'), 'utf8')).toBe('b\n');
      expect(out.text()).toContain(`Results saved to ${join(dir, 'files', 'results-2.csv')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
