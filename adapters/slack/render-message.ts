/**
 * @module adapters/slack/render-message — neutral `Message` -> Block Kit blocks. Pure: an
 * exhaustive switch on the node type, Slack's size limits applied here so a long CSV error
 * never makes `chat.postMessage` fail with `invalid_blocks`.
 */
import type { types as slack } from '@slack/bolt';
import type { Block, Button, Message, Select } from '../../src/core/ui.js';
import { clip, toMrkdwn, toPlain } from './mrkdwn.js';

type KnownBlock = slack.KnownBlock;

// Block Kit limits (docs.slack.dev/reference/block-kit).
const SECTION_TEXT = 3000;
const FIELD_TEXT = 2000;
const MAX_FIELDS = 10;
const MAX_OPTIONS = 100;
const OPTION_TEXT = 75;
const BUTTON_TEXT = 75;
const MAX_BLOCKS = 50;
const BAR_WIDTH = 20;

type ActionElement = Extract<KnownBlock, { type: 'actions' }>['elements'][number];

export function buttonElement(b: Button): ActionElement {
  return {
    type: 'button',
    action_id: b.actionId,
    text: { type: 'plain_text', text: clip(toPlain(b.label), BUTTON_TEXT), emoji: true },
    value: clip(b.value, 2000),
    ...(b.style ? { style: b.style } : {}),
  };
}

export function optionObject(o: { label: string; value: string }) {
  return { text: { type: 'plain_text' as const, text: clip(toPlain(o.label), OPTION_TEXT), emoji: true }, value: clip(o.value, 150) };
}

function selectElement(s: Select): ActionElement {
  const options = s.options.slice(0, MAX_OPTIONS).map(optionObject);
  const initial = options.find((o) => o.value === s.initial);
  return {
    type: 'static_select',
    action_id: s.actionId,
    placeholder: { type: 'plain_text', text: clip(toPlain(s.placeholder), 150), emoji: true },
    options,
    ...(initial ? { initial_option: initial } : {}),
  };
}

/** `████████░░░░ 40% · 4 of 10 · label` — Slack has no progress widget, so a text bar. */
export function progressBar(done: number, total: number): string {
  const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const filled = Math.round(ratio * BAR_WIDTH);
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${Math.floor(ratio * 100)}%`;
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(toMrkdwn(text), SECTION_TEXT) } };
}

export function blockToSlack(block: Block): KnownBlock[] {
  switch (block.type) {
    case 'text':
      return [section(block.text)];
    case 'fields': {
      // Slack allows ten fields per section: longer lists continue in further sections.
      const out: KnownBlock[] = [];
      for (let i = 0; i < block.fields.length; i += MAX_FIELDS) {
        out.push({
          type: 'section',
          fields: block.fields.slice(i, i + MAX_FIELDS).map((f) => ({
            type: 'mrkdwn' as const,
            text: clip(`*${toMrkdwn(f.label)}*\n${toMrkdwn(f.value)}`, FIELD_TEXT),
          })),
        });
      }
      return out;
    }
    case 'image':
      return [{ type: 'image', image_url: block.url, alt_text: clip(toPlain(block.alt) || 'image', 2000) }];
    case 'actions': {
      const elements = block.elements.map((e) => (e.type === 'button' ? buttonElement(e) : selectElement(e)));
      return elements.length ? [{ type: 'actions', elements: elements.slice(0, 25) }] : [];
    }
    case 'progress':
      return [section(`${progressBar(block.done, block.total)} · ${block.done} of ${block.total}\n${block.label}`)];
    case 'context':
      return [{ type: 'context', elements: [{ type: 'mrkdwn', text: clip(toMrkdwn(block.text), SECTION_TEXT) }] }];
    case 'divider':
      return [{ type: 'divider' }];
    default: {
      const never: never = block;
      throw new Error(`Unknown block type: ${JSON.stringify(never)}`);
    }
  }
}

const TONE_MARK: Record<NonNullable<Message['tone']>, string> = { info: '', success: ':white_check_mark: ', warning: ':warning: ', error: ':x: ' };

/** Slack has no coloured messages (without legacy attachments): the tone is a mark on the first line. */
function withTone(message: Message): Block[] {
  const mark = TONE_MARK[message.tone ?? 'info'];
  const [first, ...rest] = message.blocks;
  if (!mark || first?.type !== 'text') return message.blocks;
  return [{ ...first, text: `${mark}${first.text}` }, ...rest];
}

/** A neutral message as `chat.postMessage` arguments (`text` is the notification fallback). */
export function messageToBlocks(message: Message): { text: string; blocks: KnownBlock[] } {
  let blocks = withTone(message).flatMap(blockToSlack);
  if (blocks.length > MAX_BLOCKS) {
    blocks = [...blocks.slice(0, MAX_BLOCKS - 1), section('_…more in the results file._')];
  }
  return { text: clip(toPlain(message.text), 3000), blocks };
}
