/**
 * @module adapters/slack/home — the App Home tab. Issuers see their workspace's recent jobs with
 * the outcome and the groups with how many credentials each holds; everybody else sees how to
 * get the issuer role. Read straight from the store (plain data, no core logic involved).
 */
import type { types as slack } from '@slack/bolt';
import type { Group, Job, TenantId, UserId } from '../../src/domain/types.js';
import type { Store } from '../../src/store/port.js';
import { isIssuer as isIssuerRole } from '../../src/core/roles.js';
import type { Message } from '../../src/core/ui.js';
import { messageToBlocks } from './render-message.js';

export interface HomeData {
  isIssuer: boolean;
  admins: UserId[];
  jobs: Job[];
  groups: { group: Group; credentials: number }[];
}

const STATE_LABEL: Record<Job['state'], string> = {
  queued: ':hourglass: queued',
  running: ':arrows_counterclockwise: running',
  done: ':white_check_mark: done',
  failed: ':x: failed',
  cancelled: ':no_entry_sign: cancelled',
};

export async function loadHome(store: Store, tenant: TenantId, user: UserId, admins: string[]): Promise<HomeData> {
  // The core's own rule, so the Home tab never disagrees with what a command would allow.
  const isIssuer = await isIssuerRole(store, { tenantId: tenant, userId: user }, admins);
  const shownAdmins = admins.filter((a) => /^[UW][A-Z0-9]+$/.test(a));
  if (!isIssuer) return { isIssuer, admins: shownAdmins, jobs: [], groups: [] };
  const [jobs, groups] = await Promise.all([store.listJobs(tenant, 10), store.listGroups(tenant)]);
  const counts = await Promise.all(groups.map((g) => store.countCredentials(tenant, g.id)));
  return { isIssuer, admins: shownAdmins, jobs, groups: groups.map((group, i) => ({ group, credentials: counts[i]! })) };
}

function jobLine(job: Job, groupNames: Map<string, string>): string {
  const source = job.source.kind === 'csv' ? job.source.fileName : 'form';
  const c = job.counts;
  const outcome = `${c.issued} issued` + (c.skipped ? `, ${c.skipped} skipped` : '') + (c.failed ? `, ${c.failed} failed` : '');
  const when = job.createdAt.slice(0, 16).replace('T', ' ');
  return `${STATE_LABEL[job.state]} · *${groupNames.get(job.groupId) ?? job.groupId}* from ${source} · ${outcome} of ${c.total} · ${when} UTC`;
}

/** The home tab as a neutral message (rendered to Block Kit below, like every other message). */
export function homeMessage(data: HomeData): Message {
  if (!data.isIssuer) {
    const who = data.admins.length ? data.admins.map((a) => `<@${a}>`).join(', ') : 'a workspace admin';
    return {
      text: 'Credbot',
      blocks: [
        { type: 'text', text: '*Credbot* issues verifiable badges and certificates.' },
        { type: 'text', text: `Only team members (issuers) can create groups and issue credentials. Ask ${who} to add you with \`/issue-credential team add @you\`.` },
      ],
    };
  }
  const names = new Map(data.groups.map((g) => [g.group.id, g.group.name]));
  return {
    text: 'Credbot',
    blocks: [
      { type: 'text', text: '*Recent jobs*' },
      data.jobs.length
        ? { type: 'text', text: data.jobs.map((j) => jobLine(j, names)).join('\n') }
        : { type: 'context', text: 'No jobs yet. Share a CSV where I am, or run `/issue-credential`.' },
      { type: 'divider' },
      { type: 'text', text: '*Groups*' },
      data.groups.length
        ? { type: 'fields', fields: data.groups.map((g) => ({ label: g.group.name, value: `${g.credentials} credential${g.credentials === 1 ? '' : 's'}` })) }
        : { type: 'context', text: 'No groups yet: `/issue-credential group new`.' },
    ],
  };
}

export function homeView(data: HomeData): slack.HomeView {
  return { type: 'home', blocks: messageToBlocks(homeMessage(data)).blocks };
}
