/** @module core/jobs/messages — progress, summary and status lines of issuing jobs, in the neutral UI model. */
import type { Job, JobCounts } from '../../domain/types.js';
import { message } from '../messages.js';
import type { Message } from '../ui.js';
import { shortId } from './target.js';

const tally = (c: JobCounts) => `issued ${c.issued} · skipped ${c.skipped} · failed ${c.failed}`;

/** The progress message. Worded apart from the summary (“2 issued”), so the two never read as duplicates. */
export function progressMessage(title: string, job: Pick<Job, 'id' | 'state' | 'counts' | 'error'>): Message {
  const { counts } = job;
  const status =
    job.state === 'queued' ? 'Waiting to start…'
    : job.state === 'running' ? `Issuing: ${counts.processed} of ${counts.total} rows processed`
    : job.state === 'done' ? `Finished: ${counts.processed} of ${counts.total} rows processed`
    : job.state === 'cancelled' ? 'Cancelled'
    : `Stopped: ${job.error ?? 'an error ended the job'}`;
  const label = `${title} (job ${shortId(job.id)})`;
  return {
    text: `${label}: ${status} (${tally(counts)})`,
    blocks: [
      { type: 'text', text: `*${title}*` },
      { type: 'progress', done: counts.processed, total: Math.max(counts.total, counts.processed), label: status },
      { type: 'context', text: `${tally(counts)} · job ${shortId(job.id)}` },
    ],
  };
}

/** Before the engine has a job: the message that will become the progress message. */
export function startingMessage(title: string, total: number): Message {
  return {
    text: `${title}: starting (${total} rows)…`,
    blocks: [
      { type: 'text', text: `*${title}*` },
      { type: 'progress', done: 0, total, label: 'Starting…' },
    ],
  };
}

export function summaryMessage(title: string, job: Job, files: { failedRows: boolean }): Message {
  const c = job.counts;
  const counts = `${c.issued} issued, ${c.skipped} skipped, ${c.failed} failed`;
  const head = job.state === 'failed'
    ? `*${title}*: issuing stopped (${job.error ?? 'unknown error'}). So far: ${counts}.`
    : `*${title}*: done. ${counts}.`;
  const notes = ['The results file has one line per row, with the credential link or the reason.'];
  if (files.failedRows) notes.push('Fix the rows in the failed-rows file and upload it again to issue them.');
  if (c.skipped) notes.push('Skipped rows already held this group’s credential.');
  const tone = job.state === 'failed' ? 'error' : c.failed ? 'warning' : 'success';
  return message(`${head}\n${notes.join(' ')}`, [{ type: 'text', text: head }, { type: 'context', text: notes.join(' ') }], tone);
}

/** One line of `status`. */
export function jobLine(job: Job, title: string): string {
  const c = job.counts;
  const when = job.createdAt.slice(0, 16).replace('T', ' ');
  return `\`${shortId(job.id)}\` ${title} — ${job.state}, ${c.processed}/${c.total} rows (${c.issued} issued, ${c.skipped} skipped, ${c.failed} failed) — started ${when} UTC by ${job.startedBy}`;
}

/** `graduates.csv` -> `graduates`, safe in a file name. */
export function fileBase(name: string): string {
  return name.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'credentials';
}
