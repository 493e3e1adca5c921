/** @module core/commands/groups — `groups`, `group new`, `group edit`, and the group form's submission. */
import type { Group } from '../../domain/types.js';
import type { CoreContext } from '../context.js';
import type { CommandEvent, FormResult, FormSubmitEvent, Reply } from '../events.js';
import { groupForm, parseGroupForm } from '../forms/group-form.js';
import { saveFormState, type FormState } from '../forms/state.js';
import { FORM } from '../ids.js';
import { findGroup } from '../lookup.js';
import { bullets, count, failure, info, privately, success } from '../messages.js';

function expiryText(group: Group): string {
  const e = group.expiry;
  if (e.kind === 'none') return 'never expire';
  if (e.kind === 'fixed') return `expire on ${e.date}`;
  return `expire ${e.amount} ${e.unit} after issue`;
}

export async function listGroups(ctx: CoreContext, event: CommandEvent): Promise<Reply> {
  const tenant = event.actor.tenantId;
  const [groups, designs] = await Promise.all([ctx.store.listGroups(tenant), ctx.store.listDesigns(tenant)]);
  const designName = (id?: string) => designs.find((d) => d.id === id)?.name;
  const lines = await Promise.all(
    groups.map(async (g) => {
      const issued = await ctx.store.countCredentials(tenant, g.id);
      const looks = [designName(g.badgeDesignId), designName(g.certificateDesignId)].filter(Boolean).join(' + ') || 'default badge';
      const attrs = g.customAttributes.length ? `; attributes: ${g.customAttributes.join(', ')}` : '';
      return `*${g.name}* (id \`${g.id}\`) — ${g.courseName}; ${looks}; credentials ${expiryText(g)}${attrs}; ${count(issued, 'credential')} issued`;
    }),
  );
  const text = `*Groups* (${groups.length})\n${bullets(lines, 'No groups yet. Create one with `/issue-credential group new`.')}`;
  return privately(info(text));
}

export async function openGroupForm(ctx: CoreContext, event: CommandEvent, opts: { groupRef?: string; groupName?: string }): Promise<Reply> {
  const tenant = event.actor.tenantId;
  let group: Group | undefined;
  if (opts.groupRef !== undefined) {
    const found = await findGroup(ctx.store, tenant, opts.groupRef);
    if (!found.ok) return privately(failure(found.problem));
    group = found.item;
  }
  const stateKey = ctx.newKey();
  const state: FormState = { formId: FORM.group, createdBy: event.actor.userId, conversation: event.conversation, ...(group ? { groupId: group.id } : {}) };
  await saveFormState(ctx, tenant, stateKey, state);
  const designs = await ctx.store.listDesigns(tenant);
  const prefill = group ?? (opts.groupName ? { name: opts.groupName } : undefined);
  return { kind: 'form', form: groupForm({ stateKey, designs, ...(prefill ? { group: prefill } : {}), editing: Boolean(group) }) };
}

/** Saves the group; returns it so a CSV preview waiting for it can go on. */
export async function submitGroupForm(ctx: CoreContext, event: FormSubmitEvent, state: FormState): Promise<{ result: FormResult; group?: Group }> {
  const tenant = event.actor.tenantId;
  const [designs, groups] = await Promise.all([ctx.store.listDesigns(tenant), ctx.store.listGroups(tenant)]);
  const existing = state.groupId ? groups.find((g) => g.id === state.groupId) : undefined;
  if (state.groupId && !existing) return { result: { kind: 'close', message: failure('That group no longer exists.') } };
  const parsed = parseGroupForm(event.values, { designs, otherGroups: groups.filter((g) => g.id !== state.groupId), today: ctx.today() });
  if (!parsed.ok) return { result: { kind: 'errors', errors: parsed.errors } };

  const now = ctx.nowIso();
  const base: Group = existing ?? {
    id: ctx.newId(),
    tenantId: tenant,
    name: '',
    courseName: '',
    courseDescription: '',
    expiry: { kind: 'none' },
    allowDuplicates: false,
    customAttributes: [],
    language: 'en',
    createdBy: event.actor.userId,
    createdAt: now,
    updatedAt: now,
  };
  // Optional fields the form left empty are removed, not kept from before.
  const { courseLink: _l, badgeDesignId: _b, certificateDesignId: _c, emailSubject: _s, emailBody: _m, attachCertificate: attach, ...kept } = base;
  // A ticked "attach" box means the default (attach when there is a certificate design), so the form
  // gives only `false`; an explicit `true` stored before stays while the box stays ticked.
  const group: Group = { ...kept, ...(attach === true ? { attachCertificate: true } : {}), ...parsed.fields, updatedAt: now };
  await ctx.store.putGroup(group);
  await ctx.audit(event.actor, existing ? 'group.update' : 'group.create', group.id, { name: group.name });
  const text = existing
    ? `Group *${group.name}* saved.`
    : `Group *${group.name}* created. Issue to it with \`/issue-credential to "${group.name}"\`, upload a CSV, or get its CSV template with \`/issue-credential template "${group.name}"\`.`;
  return { result: { kind: 'close', message: success(text) }, group };
}
