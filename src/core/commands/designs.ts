/**
 * @module core/commands/designs — `designs`, `design new|edit|copy`, and the design form's
 * submission, which ends with a preview image of the design filled with sample values.
 */
import type { Design, DesignKind } from '../../domain/types.js';
import type { ConversationRef } from '../chat-port.js';
import type { CoreContext } from '../context.js';
import type { CommandEvent, FormResult, FormSubmitEvent, Reply } from '../events.js';
import { designForm, parseDesignForm } from '../forms/design-form.js';
import { saveFormState, type FormState } from '../forms/state.js';
import { FORM } from '../ids.js';
import { findDesign } from '../lookup.js';
import { bullets, failure, info, privately, success } from '../messages.js';

export async function listDesigns(ctx: CoreContext, event: CommandEvent): Promise<Reply> {
  const designs = await ctx.store.listDesigns(event.actor.tenantId);
  const label = (id: string) => ctx.render.TEMPLATES.find((t) => t.id === id)?.label ?? id;
  const lines = designs.map((d) => `*${d.name}* (id \`${d.id}\`) — ${d.kind}, ${label(d.template)}; title “${d.text.title}”`);
  return privately(info(`*Designs* (${designs.length})\n${bullets(lines, 'No designs yet. Create one with `/issue-credential design new badge`.')}`));
}

export async function openDesignForm(
  ctx: CoreContext,
  event: CommandEvent,
  opts: { mode: 'new'; kind?: DesignKind; designName?: string } | { mode: 'edit' | 'copy'; designRef: string },
): Promise<Reply> {
  const tenant = event.actor.tenantId;
  let design: Partial<Design> | undefined;
  let kind: DesignKind | undefined;
  if (opts.mode === 'new') {
    kind = opts.kind;
    if (opts.designName) design = { name: opts.designName };
  } else {
    const found = await findDesign(ctx.store, tenant, opts.designRef);
    if (!found.ok) return privately(failure(found.problem));
    kind = found.item.kind;
    design = opts.mode === 'copy' ? { ...found.item, name: `Copy of ${found.item.name}` } : found.item;
  }
  const stateKey = ctx.newKey();
  const state: FormState = {
    formId: FORM.design,
    createdBy: event.actor.userId,
    conversation: event.conversation,
    ...(kind ? { kind } : {}),
    ...(opts.mode === 'edit' && design?.id ? { designId: design.id } : {}),
  };
  await saveFormState(ctx, tenant, stateKey, state);
  return {
    kind: 'form',
    form: designForm({ stateKey, templates: ctx.render.TEMPLATES, mode: opts.mode, ...(kind ? { kind } : {}), ...(design ? { design } : {}) }),
  };
}

export async function submitDesignForm(ctx: CoreContext, event: FormSubmitEvent, state: FormState): Promise<FormResult> {
  const tenant = event.actor.tenantId;
  const designs = await ctx.store.listDesigns(tenant);
  const existing = state.designId ? designs.find((d) => d.id === state.designId) : undefined;
  if (state.designId && !existing) return { kind: 'close', message: failure('That design no longer exists.') };
  const parsed = parseDesignForm(event.values, { templates: ctx.render.TEMPLATES, otherDesigns: designs.filter((d) => d.id !== state.designId) });
  if (!parsed.ok) return { kind: 'errors', errors: parsed.errors };

  const now = ctx.nowIso();
  const design: Design = {
    ...(existing ?? { id: ctx.newId(), tenantId: tenant, createdBy: event.actor.userId, createdAt: now }),
    ...parsed.fields,
    updatedAt: now,
  };
  await ctx.store.putDesign(design);
  await ctx.audit(event.actor, existing ? 'design.update' : 'design.create', design.id, { name: design.name, kind: design.kind });

  const where = event.conversation ?? state.conversation;
  const previewNote = where ? await postPreview(ctx, where, design) : ' (no conversation to post its preview in)';
  const verb = existing ? 'saved' : 'created';
  return { kind: 'close', message: success(`Design *${design.name}* ${verb}${previewNote}. Use it in a group: \`/issue-credential group new\`.`) };
}

/** Posts the preview image; returns how the confirmation should mention it. */
async function postPreview(ctx: CoreContext, to: ConversationRef, design: Design): Promise<string> {
  const port = ctx.portFor(to.tenantId);
  if (!port) return '';
  try {
    const png = await ctx.render.renderDesignPreview(design);
    await port.uploadFile(to, {
      name: `${design.name.replace(/[^A-Za-z0-9._-]+/g, '-').toLowerCase()}-preview.png`,
      mimeType: 'image/png',
      content: png,
      title: `Preview: ${design.name}`,
      comment: `Preview of *${design.name}* with sample values.`,
    });
    return '; its preview is posted below';
  } catch (err) {
    ctx.log.warn('design preview failed', { designId: design.id, error: (err as Error).message });
    return `, but its preview could not be drawn (${(err as Error).message})`;
  }
}
