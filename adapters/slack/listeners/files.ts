/**
 * @module adapters/slack/listeners/files — CSV shares. A file posted where the bot is arrives as a
 * `message` event with subtype `file_share` (or, as a fallback, `file_shared`, which needs
 * `files.info`). The core checks size and type before anything is downloaded; the download
 * itself is hidden behind `file.download()`. Replies go into the file's thread. Each file is
 * claimed once, so the two event kinds and Slack's re-deliveries never start a second job.
 */
import type { App } from '@slack/bolt';
import type { TenantId } from '../../../src/domain/types.js';
import { actor, claimFirst, conversation, tenantFromContext } from '../context.js';
import { showReply, type ReplyTarget } from '../replies.js';
import { tellFailure, type ListenerDeps } from './deps.js';

/** The parts of a Slack file object we use. */
export interface SlackFile {
  id: string;
  name?: string;
  title?: string;
  size?: number;
  mimetype?: string;
  filetype?: string;
  url_private_download?: string;
  file_access?: string;
  shares?: Record<string, Record<string, { ts: string; thread_ts?: string }[]>>;
}

/** Slack often labels CSVs `text/plain`; its `filetype` is the better hint. */
export function mimeTypeOf(file: SlackFile): string {
  if (file.filetype === 'csv') return 'text/csv';
  return file.mimetype || 'application/octet-stream';
}

interface Share {
  tenantId: TenantId;
  channelId: string;
  threadTs?: string;
  userId: string;
  file: SlackFile;
  eventId?: string;
}

async function handleShare(deps: ListenerDeps, share: Share): Promise<void> {
  const { tenantId, channelId, userId } = share;
  if (!(await claimFirst(deps.store, tenantId, `slack:file:${channelId}:${share.file.id}`))) {
    deps.log.info('slack: file already handled', { fileId: share.file.id });
    return;
  }
  let file = share.file;
  // Some events carry only a stub (`file_access: check_file_info`): ask for the rest.
  if (file.file_access === 'check_file_info' || file.size === undefined || !file.url_private_download) {
    file = ((await deps.client.files.info({ file: file.id })).file as SlackFile | undefined) ?? file;
  }
  const threadTs = share.threadTs ?? threadOf(file, channelId);
  const target: ReplyTarget = { conversation: conversation(tenantId, channelId, threadTs, { userId }), userId };
  const url = file.url_private_download;
  try {
    const reply = await deps.core().handleFileShare({
      actor: actor(tenantId, userId),
      conversation: target.conversation,
      file: {
        id: file.id,
        name: file.name ?? file.title ?? file.id,
        size: file.size ?? 0,
        mimeType: mimeTypeOf(file),
        download: () => {
          if (!url) throw new Error('Slack gave no download URL for this file');
          return deps.download(url);
        },
      },
      ...(share.eventId ? { eventId: share.eventId } : {}),
    });
    await showReply(deps, reply, target);
  } catch (err) {
    await tellFailure(deps, target, `reading ${file.name ?? 'the file'}`, err);
  }
}

function threadOf(file: SlackFile, channelId: string): string | undefined {
  for (const kind of ['public', 'private']) {
    const share = file.shares?.[kind]?.[channelId]?.[0];
    if (share) return share.thread_ts ?? share.ts;
  }
  return undefined;
}

export function registerFileShares(app: App, deps: ListenerDeps): void {
  app.event('message', async ({ event, context, body }) => {
    const e = event as unknown as Record<string, any>;
    if (e.subtype !== 'file_share' || e.bot_id || e.user === context.botUserId || !e.user) return;
    const tenantId = tenantFromContext(context, body);
    for (const file of (e.files ?? []) as SlackFile[]) {
      await handleShare(deps, { tenantId, channelId: e.channel, threadTs: e.thread_ts ?? e.ts, userId: e.user, file, eventId: body.event_id });
    }
  });

  app.event('file_shared', async ({ event, context, body }) => {
    if (event.user_id === context.botUserId) return;
    const tenantId = tenantFromContext(context, body);
    // Only the id is known here; `handleShare` claims it first, then asks `files.info` for the rest.
    await handleShare(deps, { tenantId, channelId: event.channel_id, userId: event.user_id, file: { id: event.file_id }, eventId: body.event_id });
  });
}
