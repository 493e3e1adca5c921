/** @module core/file-share/state — what the bot remembers about a shared CSV between the preview and the click on Issue. */
import type { TenantId, UserId } from '../../domain/types.js';
import type { ConversationRef, MessageRef } from '../chat-port.js';
import type { CoreContext } from '../context.js';

/** A shared file waits a week for its Issue click; the stored bytes live as long. */
export const CSV_TTL_SECONDS = 7 * 24 * 3600;

export interface CsvShareState {
  fileId: string;
  fileName: string;
  blobKey: string;
  contentHash: string;
  totalRows: number;
  validRows: number;
  /** The file's thread: preview, progress and results go here. */
  conversation: ConversationRef;
  sharedBy: UserId;
  groupId?: string;
  /** The preview message, to update it in place (group chosen, issuing started). */
  previewRef?: MessageRef;
  jobId?: string;
  cancelled?: boolean;
}

const keyOf = (key: string) => `csv:${key}`;

export async function saveCsvState(ctx: CoreContext, tenant: TenantId, key: string, state: CsvShareState): Promise<void> {
  await ctx.store.putState(tenant, keyOf(key), state, CSV_TTL_SECONDS);
}

export async function loadCsvState(ctx: CoreContext, tenant: TenantId, key: string): Promise<CsvShareState | undefined> {
  return ctx.store.getState<CsvShareState>(tenant, keyOf(key));
}

/** Select option values carry the preview's key, because a select sends back only the chosen value. */
export const optionValue = (key: string, groupId: string) => `${key}:${groupId}`;

export function parseOptionValue(value: string): { key: string; groupId: string } | undefined {
  const i = value.indexOf(':');
  if (i <= 0) return undefined;
  return { key: value.slice(0, i), groupId: value.slice(i + 1) };
}
