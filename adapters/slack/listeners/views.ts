/**
 * @module adapters/slack/listeners/views — modal submissions. The core's answer goes back in the
 * HTTP response: `errors` keeps the modal open with messages under the fields, `update` shows
 * the next step, `clear` closes it (and a closing message is posted where the form was opened).
 * If the core needs longer than Slack's 3 s, the modal says "working on it" and is updated later.
 */
import type { App } from '@slack/bolt';
import type { FormResult } from '../../../src/core/events.js';
import type { Message } from '../../../src/core/ui.js';
import { actor, modalOriginKey, tenantFromContext, type ModalOrigin } from '../context.js';
import { formErrorsToResponse, formToSlackModal, inputBlockIds, viewStateToValues, type SlackInputState } from '../render-form.js';
import { messageToBlocks } from '../render-message.js';
import type { ListenerDeps } from './deps.js';

const TIMED_OUT = Symbol('timed out');

function infoView(title: string, message: Message) {
  return { type: 'modal' as const, title: { type: 'plain_text' as const, text: title.slice(0, 24) }, close: { type: 'plain_text' as const, text: 'Close' }, blocks: messageToBlocks(message).blocks };
}

const working: Message = { text: 'Working on it…', blocks: [{ type: 'text', text: ':hourglass_flowing_sand: Working on it… this window updates when it is done.' }] };

export function registerViews(app: App, deps: ListenerDeps): void {
  app.view(/.+/, async ({ ack, body, view, context }) => {
    const tenantId = tenantFromContext(context, body);
    const userId = body.user.id;
    const stateKey = view.private_metadata;
    let origin: ModalOrigin | undefined;
    // The store read counts against Slack's 3 s too, so it runs inside the raced work.
    const submitted = (async () => {
      origin = await deps.store.getState<ModalOrigin>(tenantId, modalOriginKey(stateKey));
      return deps.core().handleFormSubmit({
        actor: actor(tenantId, userId, body.user.name),
        formId: view.callback_id,
        stateKey,
        values: viewStateToValues(view.state.values as Record<string, Record<string, SlackInputState>>),
        ...(origin ? { conversation: origin.conversation } : {}),
      });
    })();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), deps.viewTimeoutMs)));
    let first: FormResult | typeof TIMED_OUT;
    try {
      first = await Promise.race([submitted, deadline]);
    } catch (err) {
      clearTimeout(timer);
      deps.log.error('slack: form submission failed', { formId: view.callback_id, error: (err as Error).message });
      await ack({ response_action: 'errors', errors: formErrorsToResponse({ _form: 'Something went wrong. Please try again.' }, inputBlockIds(view)).errors });
      return;
    }
    clearTimeout(timer);

    if (first !== TIMED_OUT) {
      await answer(first);
      return;
    }
    // Too slow for Slack's 3 s: acknowledge with a "working" view, then update it with the outcome.
    await ack({ response_action: 'update', view: infoView(view.title?.text ?? 'Credbot', working) });
    try {
      const late = await submitted;
      if (late.kind === 'update') await deps.client.views.update({ view_id: view.id, view: formToSlackModal(late.form) });
      else if (late.kind === 'errors') await deps.client.views.update({ view_id: view.id, view: infoView('Please fix', { text: 'Please fix', blocks: Object.values(late.errors).map((e) => ({ type: 'text' as const, text: `:warning: ${e}` })) }) });
      else await deps.client.views.update({ view_id: view.id, view: infoView('Done', late.message ?? { text: 'Done.', blocks: [{ type: 'text', text: 'Done.' }] }) });
    } catch (err) {
      deps.log.error('slack: late form result could not be shown', { error: (err as Error).message });
    }

    async function answer(result: FormResult): Promise<void> {
      switch (result.kind) {
        case 'errors':
          await ack(formErrorsToResponse(result.errors, inputBlockIds(view)));
          return;
        case 'update': {
          await ack({ response_action: 'update', view: formToSlackModal(result.form) });
          if (origin && result.form.stateKey !== stateKey) {
            await deps.store.putState(tenantId, modalOriginKey(result.form.stateKey), origin, 24 * 3600);
          }
          return;
        }
        case 'close':
          await ack({ response_action: 'clear' });
          if (result.message) await tellUser(result.message);
          return;
        default: {
          const never: never = result;
          throw new Error(`Unknown form result: ${JSON.stringify(never)}`);
        }
      }
    }

    async function tellUser(message: Message): Promise<void> {
      try {
        if (origin) await deps.port.postEphemeral(origin.conversation, userId, message);
        else await deps.port.sendDirect(tenantId, userId, message);
      } catch (err) {
        deps.log.error('slack: could not post the form result', { error: (err as Error).message });
      }
    }
  });
}
