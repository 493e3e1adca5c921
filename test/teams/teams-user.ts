/**
 * @module test/teams/teams-user — a person using Teams, driven over the real wire: activities
 * POSTed to `/api/messages`, and what they see read back from the fake Bot Connector's record
 * (cards posted and updated, dialogs returned by invokes). Implements the contract suite's
 * `ContractUser` so the shared adapter contract runs against Teams.
 */
import type { ContractUser, FormOutcome, SeenAction, SeenField, SeenForm, SeenMessage } from '../contract/harness.js';
import { cardSubmit, fileMessage, invoke, postActivity, textMessage, type TeamsUser, type Where } from '../fakes/teams-activities.js';
import type { FakeTeamsConnector, RecordedActivity } from '../fakes/teams-connector.js';
import { cardText } from './bot-harness.js';

const THREAD = ';messageid=';

interface Dialog {
  title: string;
  card: any;
}

/** Messages in `conversationId` (any of its threads) as a user sees them: updates replace the original. */
export function seenMessages(connector: FakeTeamsConnector, conversationId: string): (SeenMessage & { id: string })[] {
  const byId = new Map<string, SeenMessage & { id: string }>();
  const order: string[] = [];
  for (const a of connector.activities) {
    if (a.conversationId.split(THREAD)[0] !== conversationId) continue;
    if (a.op === 'create') continue;
    const seen = toSeen(a);
    if (a.op === 'update') {
      if (byId.has(a.activityId!)) byId.set(a.activityId!, { ...seen, id: a.activityId! });
      continue;
    }
    byId.set(a.id, seen);
    order.push(a.id);
  }
  return order.map((id) => byId.get(id)!);
}

function toSeen(a: RecordedActivity): SeenMessage & { id: string } {
  const threadId = a.conversationId.includes(THREAD) ? a.conversationId.split(THREAD)[1] : undefined;
  const attachment = a.body.attachments?.[0];
  const card = attachment?.contentType === 'application/vnd.microsoft.card.adaptive' ? attachment.content : undefined;
  const text = [a.body.summary ?? '', a.body.text ?? '', card ? cardText(card) : '', attachment && !card ? attachment.name ?? '' : ''].filter(Boolean).join('\n');
  return { id: a.id, text, threadId, ephemeral: false, actions: card ? actionsOf(card) : [] };
}

function actionsOf(card: any): SeenAction[] {
  const out: SeenAction[] = [];
  const walk = (el: any) => {
    if (!el || typeof el !== 'object') return;
    if (el.type === 'Action.Submit' && el.data?.credbot === 'action') {
      out.push({ kind: 'button', actionId: el.data.actionId, label: el.title, values: [el.data.value] });
    }
    if (el.type === 'Input.ChoiceSet' && typeof el.id === 'string' && el.id.startsWith('select_')) {
      out.push({ kind: 'select', actionId: el.id.slice('select_'.length), label: el.placeholder ?? '', values: el.choices.map((c: any) => c.value), optionLabels: el.choices.map((c: any) => c.title) });
    }
    for (const k of ['body', 'items', 'actions']) if (Array.isArray(el[k])) el[k].forEach(walk);
  };
  walk(card);
  return out;
}

const INPUT_TYPES: Record<string, SeenField['type']> = { 'Input.Date': 'date', 'Input.ChoiceSet': 'select', 'Input.Toggle': 'checkbox' };

function inputs(card: any): any[] {
  return card.body.filter((e: any) => typeof e.type === 'string' && e.type.startsWith('Input.') && String(e.id).startsWith('field_'));
}

export function formOf(dialog: Dialog): SeenForm {
  const submit = dialog.card.actions[0].data;
  return {
    formId: submit.formId,
    title: dialog.title,
    fields: inputs(dialog.card).map((e) => ({
      id: e.id.slice('field_'.length),
      label: e.label,
      type: INPUT_TYPES[e.type] ?? (e.style === 'Email' ? 'email' : e.isMultiline ? 'multiline' : 'text'),
      required: Boolean(e.isRequired),
      ...(e.value !== undefined && !(e.type === 'Input.Toggle' && e.value !== e.valueOn) ? { initial: e.value } : {}),
      ...(e.choices ? { options: e.choices.map((c: any) => ({ label: c.title, value: c.value })) } : {}),
    })),
    actions: dialog.card.actions.slice(1).map((a: any) => ({ actionId: a.data.actionId, label: a.title })),
  };
}

/** Field errors shown in a dialog card: the red text right under an input. */
function errorsOf(card: any): Record<string, string> {
  const errors: Record<string, string> = {};
  card.body.forEach((e: any, i: number) => {
    if (e.type === 'TextBlock' && e.color === 'Attention') {
      const input = card.body[i - 1];
      errors[input && String(input.id).startsWith('field_') ? input.id.slice('field_'.length) : '_form'] = e.text;
    }
  });
  return errors;
}

export class TeamsContractUser implements ContractUser {
  private dialog?: Dialog;
  /** "Open" cards already used, so an old one is not opened again. */
  private opened = new Set<string>();

  constructor(
    private readonly botUrl: string,
    private readonly connector: FakeTeamsConnector,
    readonly who: TeamsUser,
    readonly where: Where,
  ) {}

  private async post(activity: unknown) {
    const res = await postActivity(this.botUrl, activity);
    if (res.status >= 400) throw new Error(`/api/messages answered ${res.status}: ${res.text}`);
    return res;
  }

  async sendCommand(text: string): Promise<void> {
    this.dialog = undefined;
    await this.post(textMessage(this.where, this.who, text, { mention: this.where.conversationType !== 'personal' }));
  }

  async shareCsv(name: string, content: string | Buffer): Promise<{ threadId?: string }> {
    const url = this.connector.addDownload(name, Buffer.from(content));
    await this.post(fileMessage(this.where, this.who, name, url));
    return {};
  }

  async click(actionId: string, value?: string): Promise<void> {
    const message = [...(await this.messagesWithIds())].reverse().find((m) => m.actions.some((a) => a.actionId === actionId));
    if (!message) throw new Error(`no message with action ${actionId}`);
    const action = message.actions.find((a) => a.actionId === actionId)!;
    const data =
      action.kind === 'button'
        ? { credbot: 'action', actionId, value: value ?? action.values[0] }
        : { credbot: 'select', actionId, [`select_${actionId}`]: value ?? action.values[0] };
    await this.post(cardSubmit(this.where, this.who, message.id, data));
  }

  async currentForm(): Promise<SeenForm | undefined> {
    if (!this.dialog) {
      const open = [...this.connector.activities].reverse().find(
        (a) => a.conversationId.split(THREAD)[0] === this.where.conversationId.split(THREAD)[0] && a.body.attachments?.[0]?.content?.actions?.[0]?.data?.credbot === 'openForm',
      );
      if (!open || this.opened.has(open.id)) return undefined;
      this.opened.add(open.id);
      const data = open.body.attachments[0].content.actions[0].data;
      const res = await this.post(invoke(this.where, this.who, 'task/fetch', { data }));
      if (res.body?.task?.type !== 'continue') return undefined;
      this.dialog = { title: res.body.task.value.title, card: res.body.task.value.card.content };
    }
    return formOf(this.dialog);
  }

  private valuesFor(values: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const input of inputs(this.dialog!.card)) {
      const id = input.id.slice('field_'.length);
      const given = values[id];
      if (input.type === 'Input.Toggle') out[input.id] = (given ?? input.value) === input.valueOn ? input.valueOn : input.valueOff;
      else out[input.id] = given ?? input.value ?? '';
    }
    return out;
  }

  async submitForm(values: Record<string, string>): Promise<FormOutcome> {
    if (!(await this.currentForm())) throw new Error('no form is open');
    const data = { ...this.dialog!.card.actions[0].data, ...this.valuesFor(values) };
    const res = await this.post(invoke(this.where, this.who, 'task/submit', { data }));
    if (res.body?.task?.type !== 'continue') {
      this.dialog = undefined;
      return { kind: 'closed' };
    }
    this.dialog = { title: res.body.task.value.title, card: res.body.task.value.card.content };
    const errors = errorsOf(this.dialog.card);
    return Object.keys(errors).length ? { kind: 'errors', errors } : { kind: 'updated', form: formOf(this.dialog) };
  }

  async formAction(actionId: string, values: Record<string, string> = {}): Promise<SeenForm> {
    if (!(await this.currentForm())) throw new Error('no form is open');
    const button = this.dialog!.card.actions.find((a: any) => a.data?.actionId === actionId);
    if (!button) throw new Error(`no form button ${actionId}`);
    const res = await this.post(invoke(this.where, this.who, 'task/submit', { data: { ...button.data, ...this.valuesFor(values) } }));
    this.dialog = { title: res.body.task.value.title, card: res.body.task.value.card.content };
    return formOf(this.dialog);
  }

  private async messagesWithIds() {
    return seenMessages(this.connector, this.where.conversationId.split(THREAD)[0]!);
  }

  async messages(): Promise<SeenMessage[]> {
    return (await this.messagesWithIds()).map(({ id: _id, ...m }) => m);
  }
}
