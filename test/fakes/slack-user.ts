/**
 * @module test/fakes/slack-user — one person in a Slack workspace, for the shared contract suite
 * and end-to-end tests. Acts only through signed requests to `/slack/events` carrying the ids
 * Slack would (trigger ids, view ids and hashes, message ts); sees what `SlackWorkspace` rebuilds.
 */
import type { ContractUser, FormOutcome, SeenForm, SeenMessage } from '../contract/harness.js';
import { eventCallback, fileShareMessage, messageAction, slashCommand, viewAction, viewSubmission } from './slack-requests.js';
import { blockText, seenActions, seenForm, stateFor, unescape, type SlackWorkspace } from './slack-workspace.js';

/** One person in the workspace, driving the bot only through Slack's wire formats. */
export class SlackUser implements ContractUser {
  private fileSeq = 0;
  constructor(private readonly ws: SlackWorkspace, readonly userId: string, private readonly settle: () => Promise<void>) {}

  private get bot() {
    return this.ws.bot;
  }

  async sendCommand(text: string): Promise<void> {
    const res = await this.bot.send(slashCommand(text, { userId: this.userId, channelId: this.ws.channel, triggerId: this.ws.newTrigger(this.userId), responseUrl: this.ws.newResponseUrl(this.userId) }));
    if (res.status !== 200) throw new Error(`slash command answered HTTP ${res.status}`);
    await this.settle();
    this.ws.refreshViews();
  }

  async shareCsv(name: string, content: string | Buffer): Promise<{ threadId?: string }> {
    const id = `F${this.userId.slice(-4)}${++this.fileSeq}${Date.now() % 100000}`;
    const file = this.bot.api.addFile({ id, name, mimetype: 'text/csv', filetype: 'csv', content: Buffer.from(content), user: this.userId });
    const ts = this.ws.nextTs();
    await this.bot.send(eventCallback(fileShareMessage(file, { ts, userId: this.userId, channelId: this.ws.channel })));
    await this.settle();
    return { threadId: ts };
  }

  async click(actionId: string, value?: string): Promise<void> {
    const visible = this.ws.posted().filter((m) => !m.user || m.user === this.userId);
    const msg = [...visible].reverse().find((m) => seenActions(m.blocks).some((a) => a.actionId === actionId));
    if (!msg) throw new Error(`no message with action ${actionId}`);
    const action = seenActions(msg.blocks).find((a) => a.actionId === actionId)!;
    const req = action.kind === 'select'
      ? messageAction({ actionId, selected: value ?? action.values[0] }, { ts: msg.ts, threadTs: msg.threadTs, blocks: msg.blocks }, { userId: this.userId, channelId: msg.channel, responseUrl: this.ws.newResponseUrl(this.userId) })
      : messageAction({ actionId, value: value ?? action.values[0] }, { ts: msg.ts, threadTs: msg.threadTs, blocks: msg.blocks }, { userId: this.userId, channelId: msg.channel, responseUrl: this.ws.newResponseUrl(this.userId) });
    const res = await this.bot.send(req);
    if (res.status !== 200) throw new Error(`click answered HTTP ${res.status}`);
    await this.settle();
    this.ws.refreshViews();
  }

  async submitForm(values: Record<string, string>): Promise<FormOutcome> {
    this.ws.refreshViews();
    const open = this.ws.viewOf(this.userId);
    if (!open) throw new Error('no form is open');
    const res = await this.bot.send(viewSubmission({ id: open.id, hash: open.hash, callback_id: open.view.callback_id, private_metadata: open.view.private_metadata, blocks: open.view.blocks, values: stateFor(open.view, values) }, { userId: this.userId }));
    await this.settle();
    const body = res.json;
    if (body?.response_action === 'errors') return { kind: 'errors', errors: body.errors };
    if (body?.response_action === 'update') {
      this.ws.setView(this.userId, { id: open.id, hash: `${open.hash}+`, view: body.view });
      return { kind: 'updated', form: seenForm(body.view) };
    }
    this.ws.setView(this.userId, undefined);
    this.ws.refreshViews();
    return { kind: 'closed' };
  }

  async formAction(actionId: string, values: Record<string, string> = {}): Promise<SeenForm> {
    this.ws.refreshViews();
    const open = this.ws.viewOf(this.userId);
    if (!open) throw new Error('no form is open');
    const button = open.view.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : [])).find((e: any) => e.action_id === actionId);
    await this.bot.send(viewAction({ id: open.id, hash: open.hash, callback_id: open.view.callback_id, private_metadata: open.view.private_metadata, blocks: open.view.blocks, values: stateFor(open.view, values) }, actionId, button?.value ?? '', { userId: this.userId }));
    await this.settle();
    this.ws.refreshViews();
    return seenForm(this.ws.viewOf(this.userId)!.view);
  }

  async currentForm(): Promise<SeenForm | undefined> {
    this.ws.refreshViews();
    const open = this.ws.viewOf(this.userId);
    return open ? seenForm(open.view) : undefined;
  }

  async messages(): Promise<SeenMessage[]> {
    return this.ws
      .posted()
      .filter((m) => !m.user || m.user === this.userId)
      .map((m) => ({
        text: unescape([m.text, ...m.blocks.flatMap(blockText)].join('\n')),
        ...(m.threadTs ? { threadId: m.threadTs } : {}),
        ...(m.user ? { ephemeral: true } : {}),
        actions: seenActions(m.blocks),
      }));
  }
}
