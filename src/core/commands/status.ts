/**
 * @module core/commands/status — `status` (recent jobs) and `status <job>` (one job, with its
 * results file again, so a summary that could not be posted is never lost).
 */
import type { JobDeliverySummary } from '../../delivery/types.js';
import type { Job } from '../../domain/types.js';
import type { CoreContext } from '../context.js';
import type { CommandEvent, Reply } from '../events.js';
import { fileBase, jobLine } from '../jobs/messages.js';
import { shortId, targetOf } from '../jobs/target.js';
import { bullets, failure, info, privately } from '../messages.js';

const RECENT = 10;

/** `email 48 sent, 1 refused · chat 3 sent`, or '' before anything was delivered. */
export function deliveryTally(summary: JobDeliverySummary | undefined): string {
  if (!summary) return '';
  return Object.entries(summary.counts)
    .map(([channel, counts]) => `${channel} ${Object.entries(counts ?? {}).map(([outcome, n]) => `${n} ${outcome}`).join(', ')}`)
    .join(' · ');
}

async function deliveryOf(ctx: CoreContext, tenant: string, job: Job): Promise<JobDeliverySummary | undefined> {
  if (!ctx.delivery || job.counts.issued === 0) return undefined;
  return ctx.delivery.jobSummary(tenant, job.id).catch((err) => {
    ctx.log.warn('delivery summary unavailable', { jobId: job.id, error: (err as Error).message });
    return undefined;
  });
}

function titleOf(job: Job, groupNames: Map<string, string>): string {
  const target = targetOf(job);
  if (target) return target.title;
  const source = job.source.kind === 'csv' ? job.source.fileName : 'form';
  return `${source} → ${groupNames.get(job.groupId) ?? job.groupId}`;
}

export async function showStatus(ctx: CoreContext, event: CommandEvent, jobRef?: string): Promise<Reply> {
  const tenant = event.actor.tenantId;
  const groups = await ctx.store.listGroups(tenant);
  const names = new Map(groups.map((g) => [g.id, g.name]));
  if (jobRef === undefined) {
    const jobs = await ctx.engine.listJobs(tenant, RECENT);
    const tallies = await Promise.all(jobs.map((j) => deliveryOf(ctx, tenant, j).then(deliveryTally)));
    const lines = jobs.map((j, i) => jobLine(j, titleOf(j, names)) + (tallies[i] ? ` — delivery: ${tallies[i]}` : ''));
    return privately(info(`*Recent jobs*\n${bullets(lines, 'No jobs yet. Upload a CSV or run `/issue-credential` to issue credentials.')}`));
  }
  const wanted = jobRef.trim().toLowerCase();
  const job = (await ctx.engine.getJob(tenant, wanted)) ?? (await ctx.engine.listJobs(tenant, 100)).find((j) => j.id.toLowerCase().startsWith(wanted));
  if (!job) return privately(failure(`There is no job “${jobRef}” in this workspace. Run \`/issue-credential status\` to see recent jobs.`));
  const rows = await ctx.engine.rows(tenant, job.id);
  const problems = rows.filter((r) => r.outcome !== 'issued').slice(0, 10).map((r) => `Row ${r.row}: ${r.outcome}${r.reason ? ` — ${r.reason}` : ''}`);
  const delivery = await deliveryOf(ctx, tenant, job);
  const tally = deliveryTally(delivery);
  const undelivered = (delivery?.problems ?? []).slice(0, 10).map((p) => `Row ${p.row}: ${p.channel} ${p.outcome}${p.detail ? ` — ${p.detail}` : ''}`);
  const text = [
    jobLine(job, titleOf(job, names)),
    job.finishedAt ? `Finished ${job.finishedAt.slice(0, 16).replace('T', ' ')} UTC.` : 'Still running.',
    ...(job.error ? [`Error: ${job.error}`] : []),
    ...(problems.length ? ['Rows not issued (first 10):', bullets(problems, '')] : []),
    ...(tally ? [`Delivery: ${tally}.`] : []),
    ...(undelivered.length ? ['Not delivered (first 10; `/issue-credential resend <email>` sends again):', bullets(undelivered, '')] : []),
  ].join('\n');
  const port = ctx.portFor(tenant);
  if (port && (job.state === 'done' || job.state === 'failed')) {
    const base = `${job.source.kind === 'csv' ? fileBase(job.source.fileName) : 'form'}-${shortId(job.id)}`;
    const results = await ctx.engine.resultsCsv(tenant, job.id);
    await port.uploadFile(event.conversation, { name: `results-${base}.csv`, mimeType: 'text/csv', content: results, title: `Results of job ${shortId(job.id)}` });
  }
  return privately(info(text));
}
