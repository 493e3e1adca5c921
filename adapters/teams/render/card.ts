/**
 * @module adapters/teams/render/card — `cardToAdaptiveCard`: a neutral message as an Adaptive
 * Card 1.5. Pure: plain data in, plain JSON out. Buttons are `Action.Submit` carrying our tagged
 * data (see submit-data.ts); a select becomes an `Input.ChoiceSet` plus a "Choose" button.
 */
import type { Block, Button, Message, Select } from '../../../src/core/ui.js';
import { progressBar, toCardMarkdown } from './markup.js';
import { selectInputId, type SubmitData } from './submit-data.js';

export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: 'Full' };
}

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function emptyCard(): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: ADAPTIVE_CARD_SCHEMA, version: '1.5', body: [], msteams: { width: 'Full' } };
}

/** Adaptive Cards know `positive` / `destructive`; the core says `primary` / `danger`. */
export function actionStyle(style: Button['style']): 'positive' | 'destructive' | undefined {
  switch (style) {
    case 'primary':
      return 'positive';
    case 'danger':
      return 'destructive';
    case undefined:
      return undefined;
    default: {
      const never: never = style;
      return never;
    }
  }
}

export function submitAction(title: string, data: SubmitData, style?: Button['style']): CardElement {
  const s = actionStyle(style);
  return { type: 'Action.Submit', title, data, ...(s ? { style: s } : {}) };
}

function buttonAction(button: Button): CardElement {
  return submitAction(button.label, { credbot: 'action', actionId: button.actionId, value: button.value }, button.style);
}

function selectElements(select: Select): CardElement[] {
  return [
    {
      type: 'Input.ChoiceSet',
      id: selectInputId(select.actionId),
      style: 'compact',
      placeholder: select.placeholder,
      choices: select.options.map((o) => ({ title: o.label, value: o.value })),
      ...(select.initial !== undefined ? { value: select.initial } : {}),
    },
    { type: 'ActionSet', actions: [submitAction('Choose', { credbot: 'select', actionId: select.actionId }, 'primary')] },
  ];
}

function actionsElements(elements: (Button | Select)[]): CardElement[] {
  const out: CardElement[] = [];
  let buttons: CardElement[] = [];
  const flush = () => {
    if (buttons.length) out.push({ type: 'ActionSet', actions: buttons });
    buttons = [];
  };
  for (const el of elements) {
    switch (el.type) {
      case 'button':
        buttons.push(buttonAction(el));
        break;
      case 'select':
        flush();
        out.push(...selectElements(el));
        break;
      default: {
        const never: never = el;
        throw new Error(`unknown action element ${JSON.stringify(never)}`);
      }
    }
  }
  flush();
  return out;
}

/** One neutral block as Adaptive Card elements (a divider gives none: it marks the next element). */
export function blockToElements(block: Block): CardElement[] {
  switch (block.type) {
    case 'text':
      return [{ type: 'TextBlock', text: toCardMarkdown(block.text), wrap: true }];
    case 'fields':
      return [{ type: 'FactSet', facts: block.fields.map((f) => ({ title: f.label, value: toCardMarkdown(f.value) })) }];
    case 'image':
      return [{ type: 'Image', url: block.url, altText: block.alt, size: 'Medium' }];
    case 'actions':
      return actionsElements(block.elements);
    case 'progress':
      return [
        { type: 'TextBlock', text: toCardMarkdown(block.label), wrap: true },
        { type: 'TextBlock', text: progressBar(block.done, block.total), fontType: 'Monospace', wrap: true },
      ];
    case 'context':
      return [{ type: 'TextBlock', text: toCardMarkdown(block.text), isSubtle: true, size: 'Small', wrap: true }];
    case 'divider':
      return [];
    default: {
      const never: never = block;
      throw new Error(`unknown block ${JSON.stringify(never)}`);
    }
  }
}

/** The message's tone as the colour of its first line (Teams has no coloured message frame). */
function toneColour(tone: Message['tone']): string | undefined {
  switch (tone) {
    case 'error':
      return 'Attention';
    case 'warning':
      return 'Warning';
    case 'success':
      return 'Good';
    case 'info':
    case undefined:
      return undefined;
    default: {
      const never: never = tone;
      return never;
    }
  }
}

/** Renders a neutral message as an Adaptive Card 1.5. */
export function cardToAdaptiveCard(message: Message): AdaptiveCard {
  const card = emptyCard();
  let separateNext = false;
  for (const block of message.blocks) {
    if (block.type === 'divider') {
      separateNext = card.body.length > 0;
      continue;
    }
    const elements = blockToElements(block);
    if (separateNext && elements[0]) elements[0] = { ...elements[0], separator: true, spacing: 'Medium' };
    separateNext = false;
    card.body.push(...elements);
  }
  if (card.body.length === 0) card.body.push({ type: 'TextBlock', text: toCardMarkdown(message.text), wrap: true });
  const colour = toneColour(message.tone);
  const first = card.body[0]!;
  if (colour && first.type === 'TextBlock') card.body[0] = { ...first, color: colour };
  return card;
}
