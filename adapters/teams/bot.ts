/**
 * @module adapters/teams/bot — receives Teams activities and turns each into one core call:
 * messages (commands, card buttons, shared files), dialogs (`task/fetch`, `task/submit`), the
 * "Issue credentials" message extension, and file-consent answers. Re-delivered activities and
 * double clicks are dropped (`store.claimOnce`) so they never start a second job.
 */
import {
  TeamsActivityHandler,
  type FileConsentCardResponse,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type TaskModuleRequest,
  type TaskModuleResponse,
  type TurnContext,
} from 'botbuilder';
import type { ConversationRef } from '../../src/core/chat-port.js';
import type { Actor, ConversationCore, Reply } from '../../src/core/events.js';
import type { Message } from '../../src/core/ui.js';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/port.js';
import { actorOf, commandText, conversationRefOf, splitConversationId, tenantOf } from './activity.js';
import { dialogMessage, messageActivity, openFormActivity } from './activities.js';
import { uploadConsentedFile } from './file-consent.js';
import { mentionedUserIds } from './mentions.js';
import { fetchDialog, showForm, submitDialog, type DialogContext } from './dialogs.js';
import type { TeamsDirectory } from './directory.js';
import { handleFiles } from './file-turn.js';
import type { FormStore } from './form-store.js';
import type { GraphFiles } from './graph.js';
import { parseSubmitData, selectInputId, type SubmitData } from './render/submit-data.js';
import { withRetry, type RetryOptions } from './retry.js';

export const ISSUE_COMMAND_ID = 'issueCredentials';
const DEDUPE_TTL_SECONDS = 600;
const DOUBLE_CLICK_SECONDS = 10;

export interface TeamsBotDeps {
  core: ConversationCore;
  store: Store;
  forms: FormStore;
  directory: TeamsDirectory;
  log: Logger;
  maxFileBytes: number;
  graph?: GraphFiles;
  retry?: RetryOptions;
  fetch?: typeof fetch;
}

interface Turn {
  ctx: TurnContext;
  actor: Actor;
  conversation: ConversationRef;
}

/** An error whose message is meant for the user (shown instead of the generic apology). */
export class UserFacingError extends Error {}

const text = (t: string): Message => ({ text: t, blocks: [{ type: 'text', text: t }] });

export class CredbotTeamsBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsBotDeps) {
    super();
    this.onMessage(async (ctx, next) => {
      await this.message(ctx);
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      if ((ctx.activity.membersAdded ?? []).some((m) => m.id === ctx.activity.recipient?.id)) await this.welcome(ctx);
      await next();
    });
  }

  /** The bot was added to a chat or team: say what it does (the core's help), and remember where it is. */
  private async welcome(ctx: TurnContext): Promise<void> {
    const t = this.turn(ctx);
    await this.deps.directory.remember(t.conversation, t.actor.userId);
    if (!(await this.firstTime(t.actor.tenantId, ctx.activity.id && `teams-activity:${ctx.activity.id}`))) return;
    await this.reply(t, await this.deps.core.handleCommand({ actor: t.actor, conversation: t.conversation, text: 'help', eventId: ctx.activity.id }));
  }

  /** Reads who and where; refuses activities that name no Teams tenant. */
  private turn(ctx: TurnContext): Turn {
    const tenantId = tenantOf(ctx.activity);
    if (!tenantId) throw new UserFacingError('This message names no Microsoft Teams tenant, so I cannot tell whose data it is about. Credbot works only in Microsoft Teams.');
    return { ctx, actor: actorOf(ctx.activity, tenantId), conversation: conversationRefOf(ctx.activity, tenantId) };
  }

  private async firstTime(tenant: string, key: string | undefined, ttl = DEDUPE_TTL_SECONDS): Promise<boolean> {
    return key ? this.deps.store.claimOnce(tenant, key, ttl) : true;
  }

  private send(ctx: TurnContext, activity: Parameters<TurnContext['sendActivity']>[0]) {
    return withRetry(() => ctx.sendActivity(activity), this.deps.retry);
  }

  private async reply(t: Turn, reply: Reply): Promise<void> {
    switch (reply.kind) {
      case 'message':
        await this.send(t.ctx, messageActivity(reply.message));
        return;
      case 'form': {
        const key = await this.deps.forms.put(t.actor.tenantId, reply.form);
        await this.send(t.ctx, openFormActivity(reply.form, key));
        return;
      }
      case 'update': {
        const id = t.ctx.activity.replyToId;
        if (id) await withRetry(() => t.ctx.updateActivity({ ...messageActivity(reply.message), id }), this.deps.retry);
        else await this.send(t.ctx, messageActivity(reply.message));
        return;
      }
      case 'none':
        return;
      default: {
        const never: never = reply;
        throw new Error(`unknown reply ${JSON.stringify(never)}`);
      }
    }
  }

  private async message(ctx: TurnContext): Promise<void> {
    const t = this.turn(ctx);
    await this.deps.directory.remember(t.conversation, t.actor.userId);
    if (!(await this.firstTime(t.actor.tenantId, ctx.activity.id && `teams-activity:${ctx.activity.id}`))) return;
    const data = parseSubmitData(ctx.activity.value);
    if (data) return this.cardSubmit(t, data);
    const handled = await handleFiles({
      ...t,
      activity: ctx.activity,
      core: this.deps.core,
      log: this.deps.log,
      maxFileBytes: this.deps.maxFileBytes,
      graph: this.deps.graph,
      fetch: this.deps.fetch,
      say: async (line) => void (await this.send(ctx, messageActivity(text(line)))),
      answer: (reply) => this.reply(t, reply),
    });
    if (handled) return;
    const line = commandText(ctx.activity, await mentionedUserIds(ctx, this.deps.log));
    await this.reply(t, await this.deps.core.handleCommand({ actor: t.actor, conversation: t.conversation, text: line, eventId: ctx.activity.id }));
  }

  /** A button or select on one of our cards. */
  private async cardSubmit(t: Turn, data: SubmitData): Promise<void> {
    const { activity } = t.ctx;
    const message = activity.replyToId ? { conversation: t.conversation, messageId: activity.replyToId } : undefined;
    const click = async (actionId: string, value: string) => {
      const guard = `teams-click:${splitConversationId(activity.conversation.id).channelId}:${activity.replyToId ?? ''}:${actionId}:${value}`;
      if (!(await this.firstTime(t.actor.tenantId, guard, DOUBLE_CLICK_SECONDS))) return;
      await this.reply(t, await this.deps.core.handleAction({ actor: t.actor, conversation: t.conversation, message, actionId, value, eventId: activity.id }));
    };
    switch (data.credbot) {
      case 'action':
        return click(data.actionId, data.value);
      case 'select': {
        const chosen = (activity.value as Record<string, unknown>)[selectInputId(data.actionId)];
        if (typeof chosen !== 'string' || chosen === '') return void (await this.send(t.ctx, messageActivity(text('Choose an option first, then press *Choose*.'))));
        return click(data.actionId, chosen);
      }
      case 'openForm':
      case 'form':
      case 'formAction':
        // These arrive as dialog invokes; as a plain message they come from an outdated client.
        await this.send(t.ctx, messageActivity(text('Please update Teams: this button opens a dialog.')));
        return;
      default: {
        const never: never = data;
        throw new Error(`unknown card data ${JSON.stringify(never)}`);
      }
    }
  }

  private dialogContext(t: Turn): DialogContext {
    return {
      core: this.deps.core,
      forms: this.deps.forms,
      actor: t.actor,
      conversation: t.conversation,
      post: async (message) => {
        try {
          await this.send(t.ctx, messageActivity(message));
          return true;
        } catch (err) {
          this.deps.log.warn('teams: could not post a dialog result in the conversation', { reason: (err as Error).message });
          return false;
        }
      },
    };
  }

  protected override async handleTeamsTaskModuleFetch(ctx: TurnContext, request: TaskModuleRequest): Promise<TaskModuleResponse> {
    return fetchDialog(this.dialogContext(this.turn(ctx)), request.data);
  }

  protected override async handleTeamsTaskModuleSubmit(ctx: TurnContext, request: TaskModuleRequest): Promise<TaskModuleResponse> {
    const t = this.turn(ctx);
    if (!(await this.firstTime(t.actor.tenantId, ctx.activity.id && `teams-activity:${ctx.activity.id}`))) return dialogMessage('Already received.');
    return (await submitDialog(this.dialogContext(t), request.data)) as TaskModuleResponse;
  }

  protected override async handleTeamsMessagingExtensionFetchTask(ctx: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    const t = this.turn(ctx);
    if (action.commandId !== ISSUE_COMMAND_ID) return dialogMessage(`Unknown command ${action.commandId ?? ''}.`);
    const reply = await this.deps.core.handleCommand({ actor: t.actor, conversation: t.conversation, text: '', eventId: ctx.activity.id });
    switch (reply.kind) {
      case 'form':
        return showForm(this.dialogContext(t), reply.form);
      case 'message':
      case 'update':
        return dialogMessage(reply.message.text);
      case 'none':
        return dialogMessage('Nothing to do here.');
      default: {
        const never: never = reply;
        throw new Error(`unknown reply ${JSON.stringify(never)}`);
      }
    }
  }

  protected override async handleTeamsMessagingExtensionSubmitAction(ctx: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    const t = this.turn(ctx);
    if (!(await this.firstTime(t.actor.tenantId, ctx.activity.id && `teams-activity:${ctx.activity.id}`))) return dialogMessage('Already received.');
    return (await submitDialog(this.dialogContext(t), action.data)) ?? {};
  }

  /** The user accepted a results file: it goes to the upload URL Teams gave, then shows in the chat. */
  protected override async handleTeamsFileConsentAccept(ctx: TurnContext, response: FileConsentCardResponse): Promise<void> {
    const t = this.turn(ctx);
    const shown = await uploadConsentedFile(response, { store: this.deps.store, tenant: t.actor.tenantId, fetch: this.deps.fetch });
    await this.send(ctx, shown ?? messageActivity(text('That file is no longer available. Ask me for the results again.')));
  }

  protected override async handleTeamsFileConsentDecline(ctx: TurnContext, response: FileConsentCardResponse): Promise<void> {
    const name = (response.context as { name?: string } | undefined)?.name ?? 'the file';
    await this.send(ctx, messageActivity(text(`OK, I did not upload ${name}.`)));
  }
}
