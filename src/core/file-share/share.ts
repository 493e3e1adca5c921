/**
 * @module core/file-share/share — a CSV shared where the bot is: checks size and type before any
 * download, stores the bytes, previews them, and answers in the file's thread.
 */
import { IntakeError } from '../../intake/types.js';
import type { Group } from '../../domain/types.js';
import type { CoreContext } from '../context.js';
import type { FileShareEvent, Reply } from '../events.js';
import { requiredAttributes } from '../lookup.js';
import { failure, inChannel, privately } from '../messages.js';
import { refuseUnlessIssuer } from '../commands/guard.js';
import { previewMessage } from './preview-message.js';
import { CSV_TTL_SECONDS, saveCsvState, type CsvShareState } from './state.js';

const DEDUPE_TTL_SECONDS = 600;
const CSV_TYPES = new Set(['text/csv', 'text/plain', 'application/csv', 'text/comma-separated-values', 'application/vnd.ms-excel', 'text/tab-separated-values', 'application/octet-stream', '']);
const SPREADSHEET = /\.(xlsx|xlsm|xls|ods|numbers)$/i;

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;

/** Why the file cannot be a CSV, judged from its name and type only (nothing downloaded yet). */
export function typeProblem(name: string, mimeType: string): string | undefined {
  if (SPREADSHEET.test(name)) return `*${name}* is a spreadsheet, not a CSV. In your spreadsheet app choose File → Save as / Download → CSV (UTF-8), then upload that file.`;
  const csvName = /\.(csv|tsv|txt)$/i.test(name);
  if (!csvName || !CSV_TYPES.has(mimeType.toLowerCase().split(';')[0]!.trim())) {
    return `*${name}* is not a CSV file. Upload a .csv file with a header row (Name, Email, and any attribute columns).`;
  }
  return undefined;
}

/** Reads the download, refusing to hold more than the limit even when the announced size was wrong. */
async function readCapped(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buf.length;
    if (total > maxBytes) throw new IntakeError('too_large', `The file is larger than the ${mb(maxBytes)} limit. Split it into smaller CSV files.`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Intake options for a group: the attributes its designs print, and who already holds its credential. */
export async function groupChecks(ctx: CoreContext, group: Group) {
  return {
    requiredAttributes: await requiredAttributes(ctx.store, group),
    allowDuplicates: group.allowDuplicates,
    alreadyIssued: async (emailKey: string) => Boolean(await ctx.store.findCredentialByEmail(group.tenantId, group.id, emailKey)),
  };
}

export async function handleFileShare(ctx: CoreContext, event: FileShareEvent): Promise<Reply> {
  const tenant = event.actor.tenantId;
  const { file } = event;
  // A re-delivered event, or the same file announced twice (Slack's file_share and file_shared).
  const firstTime = await ctx.store.claimOnce(tenant, `share:${file.id}`, DEDUPE_TTL_SECONDS);
  if (!firstTime) return { kind: 'none' };

  const typeIssue = typeProblem(file.name, file.mimeType);
  // Only the person who shared it hears about it: every image shared in a channel reaches the bot too.
  if (typeIssue) return privately(failure(typeIssue));
  const refusal = await refuseUnlessIssuer(ctx, event.actor, 'issue credentials from a CSV');
  if (refusal) return privately(refusal);
  if (file.size > ctx.limits.csvMaxBytes) {
    return inChannel(failure(`*${file.name}* is ${mb(file.size)}; the limit is ${mb(ctx.limits.csvMaxBytes)}. Split it into smaller CSV files and upload them one by one.`));
  }
  if (file.size === 0) return inChannel(failure(`*${file.name}* is empty. Upload a CSV with a header row and one row per recipient.`));

  let bytes: Buffer;
  try {
    bytes = await readCapped(await file.download(), ctx.limits.csvMaxBytes);
  } catch (err) {
    if (err instanceof IntakeError) return inChannel(failure(err.message));
    ctx.log.warn('CSV download failed', { fileId: file.id, error: (err as Error).message });
    return inChannel(failure(`I could not download *${file.name}* (${(err as Error).message}). Try uploading it again.`));
  }

  const key = ctx.newKey();
  const blobKey = `csv:${file.id}:${key}`;
  await ctx.store.putBlob(tenant, blobKey, bytes, CSV_TTL_SECONDS);
  let preview;
  try {
    preview = await ctx.intake.previewCsv(bytes, { limits: { maxBytes: ctx.limits.csvMaxBytes, maxRows: ctx.limits.csvMaxRows } });
  } catch (err) {
    if (err instanceof IntakeError) return inChannel(failure(`I cannot use *${file.name}*: ${err.message}`));
    throw err;
  }
  const state: CsvShareState = {
    fileId: file.id,
    fileName: file.name,
    blobKey,
    contentHash: preview.contentHash,
    totalRows: preview.totalRows,
    validRows: preview.validRows,
    conversation: event.conversation,
    sharedBy: event.actor.userId,
  };
  await saveCsvState(ctx, tenant, key, state);
  await ctx.audit(event.actor, 'csv.preview', file.id, { fileName: file.name, rows: preview.totalRows });
  const groups = await ctx.store.listGroups(tenant);
  return inChannel(previewMessage({ key, fileName: file.name, preview, groups }));
}
