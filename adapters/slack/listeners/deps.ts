/**
 * @module adapters/slack/listeners/deps — what every Slack listener needs, in one small type.
 */
import type { webApi } from '@slack/bolt';
import type { ConversationCore } from '../../../src/core/events.js';
import type { Logger } from '../../../src/log.js';
import type { Store } from '../../../src/store/port.js';
import type { ReplyDeps, ReplyTarget } from '../replies.js';

export interface ListenerDeps extends ReplyDeps {
  /** Resolved at call time, so main can build the core after the adapter's chat port. */
  core: () => ConversationCore;
  store: Store;
  log: Logger;
  client: webApi.WebClient;
  download: (urlPrivateDownload: string) => Promise<NodeJS.ReadableStream>;
  /** Workspace admins who may grant the issuer role (`CREDBOT_ADMINS`). */
  admins: string[];
  /** How long a modal submission may take before we answer "working on it" (Slack allows 3 s). */
  viewTimeoutMs: number;
}

/** Logs the failure and tells the user plainly, without internals. */
export async function tellFailure(deps: ListenerDeps, target: ReplyTarget, what: string, err: unknown): Promise<void> {
  deps.log.error(`slack: ${what} failed`, { error: (err as Error)?.message ?? String(err) });
  try {
    await deps.port.postEphemeral(target.conversation, target.userId, {
      text: `Sorry, something went wrong while ${what}. Please try again in a moment.`,
      blocks: [{ type: 'text', text: `:warning: Sorry, something went wrong while ${what}. Please try again in a moment.` }],
    });
  } catch (postErr) {
    deps.log.warn('slack: could not tell the user about a failure', { error: (postErr as Error).message });
  }
}
