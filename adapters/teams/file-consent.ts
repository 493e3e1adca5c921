/**
 * @module adapters/teams/file-consent — the second half of a personal-chat upload: the user
 * accepted the FileConsentCard, Teams gave an upload URL in their OneDrive; the bytes kept in the
 * store go there in one PUT, and a file card shows the file in the chat.
 */
import type { Activity, FileConsentCardResponse } from 'botbuilder';
import type { Store } from '../../src/store/port.js';
import { fileInfoActivity } from './activities.js';

/** Uploads the accepted file; the file card to post, or undefined when the file has expired. */
export async function uploadConsentedFile(
  response: FileConsentCardResponse,
  deps: { store: Store; tenant: string; fetch?: typeof fetch },
): Promise<Partial<Activity> | undefined> {
  const context = (response.context ?? {}) as { blobKey?: string; name?: string };
  const upload = response.uploadInfo;
  const content = context.blobKey ? await deps.store.getBlob(deps.tenant, context.blobKey) : undefined;
  if (!content || !upload?.uploadUrl) return undefined;
  const res = await (deps.fetch ?? fetch)(upload.uploadUrl, {
    method: 'PUT',
    headers: { 'content-length': String(content.length), 'content-range': `bytes 0-${content.length - 1}/${content.length}` },
    body: content,
  });
  if (!res.ok) throw new Error(`OneDrive refused the upload of ${context.name ?? 'the file'} (HTTP ${res.status}).`);
  return fileInfoActivity({
    name: upload.name ?? context.name ?? 'results.csv',
    contentUrl: upload.contentUrl ?? '',
    uniqueId: upload.uniqueId ?? '',
    fileType: upload.fileType ?? 'csv',
  });
}
