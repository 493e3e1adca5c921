/** @module adapters/console/upload — `upload <path>`: a local file as the file share a chat platform would deliver. */
import { createReadStream, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { ConversationRef } from '../../src/core/chat-port.js';
import type { Actor, FileShareEvent } from '../../src/core/events.js';

/** The type a chat platform would announce for the file, judged by its extension like they do. */
const MIME: Record<string, string> = {
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.txt': 'text/plain',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xls': 'application/vnd.ms-excel',
};

export function fileShareFromPath(
  path: string,
  opts: { cwd: string; actor: Actor; conversation: ConversationRef; id: string },
): { event: FileShareEvent } | { problem: string } {
  if (!path) return { problem: 'Which file? Usage: upload <path to a .csv file>' };
  const full = resolve(opts.cwd, path);
  let size: number;
  try {
    const st = statSync(full);
    if (!st.isFile()) return { problem: `${full} is not a file.` };
    size = st.size;
  } catch {
    return { problem: `There is no file at ${full}.` };
  }
  const name = basename(full);
  return {
    event: {
      actor: opts.actor,
      // Each upload is its own thread, as in chat: the preview, progress and results belong to it.
      conversation: { ...opts.conversation, threadId: `file-${opts.id}` },
      file: { id: opts.id, name, size, mimeType: MIME[extname(name).toLowerCase()] ?? 'application/octet-stream', download: async () => createReadStream(full) },
      eventId: opts.id,
    },
  };
}
