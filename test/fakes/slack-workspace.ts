/**
 * @module test/fakes/slack-workspace — what people in a Slack workspace see and do, rebuilt from
 * the fake Web API's records: messages (posted, updated in place, ephemeral per user) and the
 * modal open for each user. `slack-user.ts` acts on it through signed requests.
 */
import type { SeenAction, SeenField, SeenForm } from '../contract/harness.js';
import type { RunningSlackBot } from './slack-harness.js';
import type { RecordedCall } from './slack-api.js';

interface Posted {
  seq: number;
  ts: string;
  channel: string;
  threadTs?: string;
  /** Set for ephemeral messages: only this user sees them. */
  user?: string;
  /** The response_url an ephemeral message came through (it can be replaced through it). */
  responseUrlId?: string;
  text: string;
  blocks: any[];
}

export const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function blockText(b: any): string[] {
  switch (b.type) {
    case 'section':
      return [b.text?.text, ...(b.fields ?? []).map((f: any) => f.text)].filter(Boolean);
    case 'context':
      return b.elements.map((e: any) => e.text ?? '');
    case 'header':
      return [b.text.text];
    case 'actions':
      return b.elements.map((e: any) => e.text?.text ?? e.placeholder?.text ?? '');
    default:
      return [];
  }
}

export function seenActions(blocks: any[]): SeenAction[] {
  return blocks.filter((b) => b.type === 'actions').flatMap((b) =>
    b.elements.map((e: any): SeenAction =>
      e.type === 'button'
        ? { kind: 'button', actionId: e.action_id, label: e.text.text, values: [e.value] }
        : { kind: 'select', actionId: e.action_id, label: e.placeholder?.text ?? '', values: e.options.map((o: any) => o.value), optionLabels: e.options.map((o: any) => o.text.text) },
    ),
  );
}

const FIELD_TYPE: Record<string, SeenField['type']> = {
  plain_text_input: 'text', email_text_input: 'email', datepicker: 'date', static_select: 'select', checkboxes: 'checkbox',
};

export function seenForm(view: any): SeenForm {
  const fields: SeenField[] = [];
  for (const b of view.blocks ?? []) {
    if (b.type === 'input') {
      const e = b.element;
      const type = e.type === 'plain_text_input' && e.multiline ? 'multiline' : FIELD_TYPE[e.type]!;
      const initial = e.initial_value ?? e.initial_date ?? e.initial_option?.value ?? e.initial_options?.[0]?.value;
      fields.push({
        id: b.block_id, label: b.label.text, type, required: !b.optional,
        ...(initial !== undefined ? { initial } : {}),
        ...(e.options ? { options: e.options.map((o: any) => ({ label: o.text.text, value: o.value })) } : {}),
      });
    } else if (b.type === 'section' && b.block_id) {
      // A select with nothing to choose is shown as text (Slack refuses empty selects).
      fields.push({ id: b.block_id, label: b.text.text, type: 'select', required: true, options: [] });
    }
  }
  const actions = (view.blocks ?? []).filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements.map((e: any) => ({ actionId: e.action_id, label: e.text.text })));
  return { formId: view.callback_id, title: view.title?.text ?? '', fields, actions };
}

/** Slack's `view.state.values` for a view filled with `values` (other inputs keep their initial value). */
export function stateFor(view: any, values: Record<string, string>) {
  const state: Record<string, Record<string, unknown>> = {};
  for (const b of view.blocks ?? []) {
    if (b.type !== 'input') continue;
    const e = b.element;
    const initial = e.initial_value ?? e.initial_date ?? e.initial_option?.value ?? e.initial_options?.[0]?.value;
    const v: string | undefined = b.block_id in values ? values[b.block_id] : initial;
    let input: Record<string, unknown>;
    if (e.type === 'static_select') input = { type: e.type, selected_option: v ? { value: v, text: { type: 'plain_text', text: v } } : null };
    else if (e.type === 'datepicker') input = { type: e.type, selected_date: v || null };
    else if (e.type === 'checkboxes') input = { type: e.type, selected_options: v ? [{ value: v }] : [] };
    else input = { type: e.type, value: v ?? null };
    state[b.block_id] = { [e.action_id]: input };
  }
  return state;
}

export class SlackWorkspace {
  private seq = 0;
  private triggerOwner = new Map<string, string>();
  private responseOwner = new Map<string, string>();
  private openViews = new Map<string, { id: string; hash: string; view: any }>();
  private nextFileTs = 1_700_001_000;

  constructor(readonly bot: RunningSlackBot, readonly channel = 'C0COURSE') {}

  newTrigger(user: string): string {
    const t = `trig-${user}-${++this.seq}`;
    this.triggerOwner.set(t, user);
    return t;
  }

  newResponseUrl(user: string): string {
    const id = `${user}-${++this.seq}`;
    this.responseOwner.set(id, user);
    return this.bot.responseUrl(id);
  }

  /** Every message, updated in place, oldest first. */
  posted(): Posted[] {
    const list: Posted[] = [];
    const byTs = new Map<string, Posted>();
    const add = (m: Omit<Posted, 'seq'>) => {
      const p = { ...m, seq: list.length + 1 };
      list.push(p);
      byTs.set(p.ts, p);
    };
    const events = [
      ...this.bot.api.calls.map((c) => ({ order: c.order, call: c })),
      ...this.bot.api.responseUrlPosts.map((r) => ({ order: r.order, response: r })),
    ].sort((x, y) => x.order - y.order);
    for (const e of events) {
      if ('response' in e && e.response) {
        const r = e.response;
        const previous = [...list].reverse().find((m) => m.responseUrlId === r.id);
        if (r.body.replace_original && previous) Object.assign(previous, { text: r.body.text ?? '', blocks: r.body.blocks ?? [] });
        else add({ ts: `resp-${r.order}`, channel: this.channel, user: this.responseOwner.get(r.id), responseUrlId: r.id, text: r.body.text ?? '', blocks: r.body.blocks ?? [] });
        continue;
      }
      const c = (e as { call: RecordedCall }).call;
      const a = c.args;
      if (!c.result?.ok) continue;
      if (c.method === 'chat.postMessage') add({ ts: c.result.ts, channel: a.channel, threadTs: a.thread_ts, text: a.text ?? '', blocks: a.blocks ?? [] });
      else if (c.method === 'chat.postEphemeral') add({ ts: c.result.message_ts, channel: a.channel, threadTs: a.thread_ts, user: a.user, text: a.text ?? '', blocks: a.blocks ?? [] });
      else if (c.method === 'chat.update') {
        const m = byTs.get(a.ts);
        if (m) Object.assign(m, { text: a.text ?? '', blocks: a.blocks ?? [] });
      } else if (c.method === 'files.completeUploadExternal' && a.initial_comment) {
        add({ ts: `file-${c.order}`, channel: a.channel_id, threadTs: a.thread_ts, text: a.initial_comment, blocks: [] });
      }
    }
    return list;
  }

  /** The modal open for `user`, followed through views.open / views.update / response_action. */
  viewOf(user: string): { id: string; hash: string; view: any } | undefined {
    return this.openViews.get(user);
  }

  /** Re-reads views.open / views.update calls (the fake answers with the view's id and hash). */
  refreshViews(): void {
    for (const c of this.bot.api.calls) {
      if (!(c.result?.ok && (c.method === 'views.open' || c.method === 'views.update')) || (c as any).seen) continue;
      (c as any).seen = true;
      const user = c.method === 'views.open' ? this.triggerOwner.get(c.args.trigger_id) : [...this.openViews.entries()].find(([, v]) => v.id === c.args.view_id)?.[0];
      if (user) this.openViews.set(user, { id: c.result.view.id, hash: c.result.view.hash, view: c.args.view });
    }
  }

  setView(user: string, v: { id: string; hash: string; view: any } | undefined): void {
    if (v) this.openViews.set(user, v);
    else this.openViews.delete(user);
  }

  nextTs(): string {
    this.nextFileTs += 1;
    return `${this.nextFileTs}.000100`;
  }
}

