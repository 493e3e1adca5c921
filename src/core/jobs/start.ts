/**
 * @module core/jobs/start — starts an issuing job with its progress message already in place:
 * the message is posted first and its reference stored with the job, so every later update (from
 * this process or a restarted one) edits that one message.
 */
import type { Job } from '../../domain/types.js';
import type { ConversationRef, MessageRef } from '../chat-port.js';
import type { CoreContext } from '../context.js';
import type { JobReporter } from './reporter.js';
import { progressMessage, startingMessage } from './messages.js';
import { shortId, toJobConversation } from './target.js';

export interface StartJobInput {
  conversation: ConversationRef;
  title: string;
  total: number;
  /** Calls the engine with the serializable report target. */
  start(conversation: Record<string, unknown>): Promise<{ job: Job; created: boolean }>;
}

export async function startReportedJob(ctx: CoreContext, reporter: JobReporter, input: StartJobInput): Promise<{ job: Job; created: boolean }> {
  return reporter.track(async () => {
    const port = ctx.portFor(input.conversation.tenantId);
    let progress: MessageRef | undefined;
    try {
      progress = await port?.postMessage(input.conversation, startingMessage(input.title, input.total));
    } catch (err) {
      // Issue anyway: the summary is still posted at the end.
      ctx.log.warn('could not post the progress message', { error: (err as Error).message });
    }
    let result: { job: Job; created: boolean };
    try {
      result = await input.start(toJobConversation({ conversation: input.conversation, title: input.title, ...(progress ? { progress } : {}) }));
    } catch (err) {
      // Leave no "Starting…" message behind that will never move.
      if (progress && port) {
        const text = `*${input.title}*: could not start (${(err as Error).message}). Nothing was issued.`;
        await port.updateMessage(progress, { text: text.replace(/\*/g, ''), blocks: [{ type: 'text', text }], tone: 'error' }).catch(() => undefined);
      }
      throw err;
    }
    if (result.created) {
      reporter.expect(result.job.id);
    } else if (progress && port) {
      // Same file and group as an earlier job: that job (and its own messages) is the answer.
      const earlier = progressMessage(input.title, result.job);
      await port
        .updateMessage(progress, {
          ...earlier,
          text: `Already started as job ${shortId(result.job.id)}: ${earlier.text}`,
          blocks: [{ type: 'context', text: `This was already issued as job ${shortId(result.job.id)}; run \`status ${shortId(result.job.id)}\` for its results.` }, ...earlier.blocks],
        })
        .catch((err: Error) => ctx.log.warn('could not update the progress message', { error: err.message }));
    }
    return result;
  });
}
