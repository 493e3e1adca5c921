/** @module test/slack/render-message.test — messageToBlocks: every neutral block, escaping, Slack's limits, tone. */
import { describe, expect, it } from '@jest/globals';
import { messageToBlocks, progressBar } from '../../adapters/slack/render-message.js';
import { toMrkdwn, toPlain } from '../../adapters/slack/mrkdwn.js';
import type { Message } from '../../src/core/ui.js';

describe('toMrkdwn', () => {
  it('keeps bold and links but escapes what a user typed', () => {
    expect(toMrkdwn('*Issued* to <https://x.test/c/1|Ada & Bob>')).toBe('*Issued* to <https://x.test/c/1|Ada &amp; Bob>');
    expect(toMrkdwn('Name: <!channel> & <script>')).toBe('Name: &lt;!channel&gt; &amp; &lt;script&gt;');
    expect(toMrkdwn('Ask <@U123ABC> for the role')).toBe('Ask <@U123ABC> for the role');
    expect(toMrkdwn('a < b > c')).toBe('a &lt; b &gt; c');
  });

  it('turns links into readable plain text for notifications', () => {
    expect(toPlain('*Done*: <https://x.test/r|results>')).toBe('Done: results (https://x.test/r)');
  });
});

describe('messageToBlocks', () => {
  const message: Message = {
    text: '*Preview* of roster.csv',
    blocks: [
      { type: 'text', text: 'I read *3 rows* from <https://x.test/f|roster.csv>' },
      { type: 'fields', fields: [{ label: 'Valid', value: '2' }, { label: 'Errors', value: 'row 3: <bad> email' }] },
      { type: 'image', url: 'https://x.test/badge.png', alt: 'Badge' },
      { type: 'divider' },
      {
        type: 'actions',
        elements: [
          { type: 'select', actionId: 'pick_group', placeholder: 'Choose a group', options: [{ label: 'Data 101', value: 'g1' }, { label: 'Stats', value: 'g2' }], initial: 'g2' },
          { type: 'button', actionId: 'issue', label: 'Issue', value: 'k1', style: 'primary' },
          { type: 'button', actionId: 'cancel', label: 'Cancel', value: 'k1' },
        ],
      },
      { type: 'progress', done: 5, total: 10, label: 'Issuing…' },
      { type: 'context', text: 'Started by Ada' },
    ],
  };

  it('renders every neutral block as the Block Kit block a user would see', () => {
    const { text, blocks } = messageToBlocks(message);
    expect(text).toBe('Preview of roster.csv');
    expect(blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'I read *3 rows* from <https://x.test/f|roster.csv>' } });
    expect(blocks[1]).toEqual({ type: 'section', fields: [{ type: 'mrkdwn', text: '*Valid*\n2' }, { type: 'mrkdwn', text: '*Errors*\nrow 3: &lt;bad&gt; email' }] });
    expect(blocks[2]).toEqual({ type: 'image', image_url: 'https://x.test/badge.png', alt_text: 'Badge' });
    expect(blocks[3]).toEqual({ type: 'divider' });
    const actions = blocks[4] as any;
    expect(actions.type).toBe('actions');
    expect(actions.elements[0]).toMatchObject({ type: 'static_select', action_id: 'pick_group', initial_option: { value: 'g2' } });
    expect(actions.elements[0].options).toHaveLength(2);
    expect(actions.elements[1]).toMatchObject({ type: 'button', action_id: 'issue', value: 'k1', style: 'primary', text: { text: 'Issue' } });
    expect(actions.elements[2].style).toBeUndefined();
    expect((blocks[5] as any).text.text).toContain('50% · 5 of 10\nIssuing…');
    expect(blocks[6]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Started by Ada' }] });
  });

  it('splits more than ten fields over several sections (Slack allows ten)', () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `k${i}`, value: `v${i}` }));
    const { blocks } = messageToBlocks({ text: 't', blocks: [{ type: 'fields', fields }] });
    expect(blocks.map((b: any) => b.fields.length)).toEqual([10, 10, 3]);
  });

  it('keeps within Slack limits: long text clipped, at most 100 options and 50 blocks', () => {
    const long = 'x'.repeat(5000);
    const options = Array.from({ length: 150 }, (_, i) => ({ label: `Group ${i}`, value: `g${i}` }));
    const many = Array.from({ length: 80 }, () => ({ type: 'divider' as const }));
    const { blocks } = messageToBlocks({ text: long, blocks: [{ type: 'text', text: long }, { type: 'actions', elements: [{ type: 'select', actionId: 's', placeholder: 'p', options }] }, ...many] });
    expect((blocks[0] as any).text.text.length).toBeLessThanOrEqual(3000);
    expect((blocks[1] as any).elements[0].options).toHaveLength(100);
    expect(blocks).toHaveLength(50);
  });

  it('draws progress as a bar that fills with the work done', () => {
    expect(progressBar(0, 10)).toBe(`${'░'.repeat(20)} 0%`);
    expect(progressBar(10, 10)).toBe(`${'█'.repeat(20)} 100%`);
    expect(progressBar(1, 3)).toMatch(/^█{7}░{13} 33%$/);
  });
});

describe('message tone', () => {
  it('marks errors and successes on the first line (Slack has no coloured messages)', () => {
    const err = messageToBlocks({ text: 'No such group', blocks: [{ type: 'text', text: 'No such group' }], tone: 'error' });
    expect((err.blocks[0] as any).text.text).toBe(':x: No such group');
    const ok = messageToBlocks({ text: 'Done', blocks: [{ type: 'text', text: 'Done' }], tone: 'success' });
    expect((ok.blocks[0] as any).text.text).toBe(':white_check_mark: Done');
    const plain = messageToBlocks({ text: 'Hi', blocks: [{ type: 'text', text: 'Hi' }] });
    expect((plain.blocks[0] as any).text.text).toBe('Hi');
  });
});
