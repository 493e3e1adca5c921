/**
 * @module adapters/teams/file-intake — the files in a Teams message, as the core's file share.
 * Personal chat: the attachment `application/vnd.microsoft.teams.file.download.info` has a
 * pre-authorized, short-lived `downloadUrl` (no auth header; fetched at once, before it expires).
 * Channels and group chats: the file is only a SharePoint `reference`, read through Graph.
 */
import { Readable } from 'node:stream';
import type { Activity, Attachment } from 'botbuilder';
import type { FileShareEvent } from '../../src/core/events.js';
import { conversationType, splitConversationId } from './activity.js';
import { GraphError, readLimited, type GraphFiles, type GraphMessageLocator } from './graph.js';

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

export type IncomingFile =
  | { where: 'personal'; id: string; name: string; downloadUrl: string; fileType?: string }
  | { where: 'shared'; id: string; name: string; contentUrl: string };

const MIME: Record<string, string> = {
  csv: 'text/csv',
  txt: 'text/plain',
  tsv: 'text/tab-separated-values',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
};

export function mimeTypeOf(name: string, fileType?: string): string {
  const ext = (fileType ?? name.split('.').pop() ?? '').toLowerCase();
  return MIME[ext] ?? 'application/octet-stream';
}

/**
 * The files a message carries (none for cards, images pasted inline, or the HTML copy of the text).
 * A file's id names the message too: sending a corrected file under the same name (OneDrive keeps
 * its unique id) is a new share, while a re-delivered activity is dropped by its activity id.
 */
export function filesOf(activity: Activity): IncomingFile[] {
  const out: IncomingFile[] = [];
  const at = activity.id ? `@${activity.id}` : '';
  for (const a of activity.attachments ?? ([] as Attachment[])) {
    const content = (a.content ?? {}) as { downloadUrl?: string; uniqueId?: string; fileType?: string };
    if (a.contentType === FILE_DOWNLOAD_INFO && content.downloadUrl) {
      const name = a.name ?? `file.${content.fileType ?? 'csv'}`;
      out.push({ where: 'personal', id: `${content.uniqueId ?? name}${at}`, name, downloadUrl: content.downloadUrl, fileType: content.fileType });
    } else if (a.contentType === 'reference' && a.contentUrl && a.name) {
      out.push({ where: 'shared', id: `${a.contentUrl}${at}`, name: a.name, contentUrl: a.contentUrl });
    }
  }
  return out;
}

/**
 * Outside personal chat Teams hands the bot only the message's HTML: a file shows there as an
 * `<attachment>` tag, and the file itself must be looked up through Graph.
 */
export function htmlMentionsAttachment(activity: Activity): boolean {
  return (activity.attachments ?? []).some((a) => a.contentType === 'text/html' && typeof a.content === 'string' && /<attachment\b/i.test(a.content));
}

/** Where Graph keeps this message (undefined in personal chat, or when Teams did not say which team). */
export function graphLocator(activity: Activity): GraphMessageLocator | undefined {
  const type = conversationType(activity);
  const { channelId, threadId } = splitConversationId(activity.conversation.id);
  if (!activity.id) return undefined;
  if (type === 'channel') {
    const data = activity.channelData as { team?: { aadGroupId?: string }; channel?: { id?: string } } | undefined;
    const teamId = data?.team?.aadGroupId;
    if (!teamId) return undefined;
    return { kind: 'channel', teamId, channelId: data?.channel?.id ?? channelId, messageId: activity.id, ...(threadId ? { rootId: threadId } : {}) };
  }
  if (type === 'groupChat') return { kind: 'chat', chatId: channelId, messageId: activity.id };
  return undefined;
}

export class FileTooLargeError extends Error {}

/** Fetches the bytes now (the URL expires), never more than maxBytes + 1. */
export async function fetchFileBytes(
  file: IncomingFile,
  deps: { graph?: GraphFiles; teamsTenantId: string; maxBytes: number; fetch?: typeof fetch },
): Promise<Buffer> {
  switch (file.where) {
    case 'personal': {
      const protocol = URL.canParse(file.downloadUrl) ? new URL(file.downloadUrl).protocol : '';
      if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`Teams gave no usable link for ${file.name}. Send the file again.`);
      const res = await (deps.fetch ?? fetch)(file.downloadUrl);
      if (!res.ok) throw new Error(`Teams would not hand over ${file.name} (HTTP ${res.status}); the link may have expired. Send the file again.`);
      return readLimited(res, deps.maxBytes);
    }
    case 'shared':
      if (!deps.graph) throw new Error('Graph access is not configured.');
      return deps.graph.download(deps.teamsTenantId, file.contentUrl, deps.maxBytes);
    default: {
      const never: never = file;
      throw new Error(`unknown file ${JSON.stringify(never)}`);
    }
  }
}

/** The core's view of a file: bytes already fetched; an over-large file reports a size past the limit. */
export async function toSharedFile(
  file: IncomingFile,
  deps: { graph?: GraphFiles; teamsTenantId: string; maxBytes: number; fetch?: typeof fetch },
): Promise<FileShareEvent['file']> {
  let content: Buffer | undefined;
  let tooLarge: Error | undefined;
  try {
    content = await fetchFileBytes(file, deps);
  } catch (err) {
    if (!(err instanceof GraphError && err.status === 413)) throw err;
    tooLarge = err;
  }
  return {
    id: file.id,
    name: file.name,
    size: content ? content.length : deps.maxBytes + 1,
    mimeType: mimeTypeOf(file.name, file.where === 'personal' ? file.fileType : undefined),
    download: async () => {
      if (!content) throw new FileTooLargeError(tooLarge?.message ?? 'The file is too large.');
      return Readable.from([content]);
    },
  };
}

export const channelFileHelp =
  'I can only read files posted in a channel when Microsoft Graph access is set up for me. ' +
  'Send the CSV to me in a personal chat instead: open a chat with *Credbot*, attach the file, and send it.';
