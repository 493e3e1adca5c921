/**
 * @module core/jobs/target — where a job reports back: the conversation, the progress message, a
 * title. Stored with the job itself (as plain data), so a restarted process still knows where to post.
 */
import type { Job } from '../../domain/types.js';
import type { ConversationRef, MessageRef } from '../chat-port.js';

export interface JobReportTarget {
  conversation: ConversationRef;
  /** The one progress message, updated as the job runs. */
  progress?: MessageRef;
  /** What the job is, in the user's words: `graduates.csv → Intro to Data Science`. */
  title: string;
}

export function toJobConversation(target: JobReportTarget): Record<string, unknown> {
  return JSON.parse(JSON.stringify(target)) as Record<string, unknown>;
}

/** Reads the target back; undefined when the job was started without one (or by something else). */
export function targetOf(job: Job): JobReportTarget | undefined {
  const raw = job.conversation as Partial<JobReportTarget> | undefined;
  if (!raw || typeof raw !== 'object' || !raw.conversation || typeof raw.conversation.channelId !== 'string') return undefined;
  return { conversation: raw.conversation, ...(raw.progress ? { progress: raw.progress } : {}), title: String(raw.title ?? 'Issuing') };
}

/** The first 8 characters of a job id: enough to tell jobs apart in chat, and accepted by `status`. */
export const shortId = (id: string) => id.slice(0, 8);
