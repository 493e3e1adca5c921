/**
 * @module core/commands/attributes — `attributes` (the placeholders designs and CSVs can use) and
 * `template <group>` (a CSV with exactly the columns that group needs).
 */
import { KNOWN_PLACEHOLDERS } from '../../render/placeholders.js';
import type { CoreContext } from '../context.js';
import type { CommandEvent, Reply } from '../events.js';
import { findGroup, requiredAttributes } from '../lookup.js';
import { bullets, failure, info, privately } from '../messages.js';

export async function listAttributes(ctx: CoreContext, event: CommandEvent): Promise<Reply> {
  const groups = await ctx.store.listGroups(event.actor.tenantId);
  const builtIn = KNOWN_PLACEHOLDERS.map((p) => `\`{{${p}}}\``).join(' ');
  const custom = groups.map((g) =>
    g.customAttributes.length
      ? `*${g.name}*: ${g.customAttributes.map((k) => `\`{{custom.${k}}}\``).join(' ')}`
      : `*${g.name}*: none`,
  );
  const text = [
    `*Built-in placeholders* (any design): ${builtIn}`,
    '*Custom attributes* per group (a CSV column of the same name fills them):',
    bullets(custom, 'No groups yet.'),
    'In a CSV, the columns Name and Email are required; an Issue date column is optional; any other column becomes a custom attribute.',
  ].join('\n');
  return privately(info(text));
}

/** Quotes a CSV cell when it needs it. */
const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export async function postTemplate(ctx: CoreContext, event: CommandEvent, groupRef: string): Promise<Reply> {
  const found = await findGroup(ctx.store, event.actor.tenantId, groupRef);
  if (!found.ok) return privately(failure(found.problem));
  const group = found.item;
  const required = new Set(await requiredAttributes(ctx.store, group));
  const columns = ['Name', 'Email', ...group.customAttributes, ...[...required].filter((k) => !group.customAttributes.includes(k))];
  const csv = Buffer.from(`${columns.map(cell).join(',')}\r\n`, 'utf8');
  const name = `${group.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'group'}-template.csv`;
  const port = ctx.portFor(event.actor.tenantId);
  const described = `CSV template for *${group.name}*: columns ${columns.join(', ')}. Fill one row per recipient and upload it here.`;
  if (!port) return privately(info(`${described}\n${columns.join(',')}`));
  await port.uploadFile(event.conversation, { name, mimeType: 'text/csv', content: csv, title: `CSV template: ${group.name}`, comment: described });
  return { kind: 'none' };
}

