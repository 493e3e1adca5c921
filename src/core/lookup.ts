/**
 * @module core/lookup — find a group or design the way people refer to it: by id, by exact name
 * (any case), or by a unique start of its name. Ambiguity is an answer, not a guess.
 */
import type { Design, Group, TenantId } from '../domain/types.js';
import { findPlaceholders } from '../render/placeholders.js';
import type { Store } from '../store/port.js';

export type Found<T> = { ok: true; item: T } | { ok: false; problem: string };

function pick<T extends { id: string; name: string }>(items: T[], ref: string, what: string): Found<T> {
  const wanted = ref.trim().toLowerCase();
  const byId = items.find((i) => i.id.toLowerCase() === wanted);
  if (byId) return { ok: true, item: byId };
  const exact = items.filter((i) => i.name.toLowerCase() === wanted);
  if (exact.length === 1) return { ok: true, item: exact[0]! };
  const starts = items.filter((i) => i.name.toLowerCase().startsWith(wanted));
  if (exact.length === 0 && starts.length === 1) return { ok: true, item: starts[0]! };
  const candidates = exact.length > 1 ? exact : starts;
  if (candidates.length > 1) {
    const names = candidates.slice(0, 5).map((i) => `${i.name} (id ${i.id})`).join(', ');
    return { ok: false, problem: `More than one ${what} matches “${ref}”: ${names}. Use the id.` };
  }
  const known = items.slice(0, 10).map((i) => i.name).join(', ');
  return {
    ok: false,
    problem: items.length
      ? `There is no ${what} called “${ref}”. Known ${what}s: ${known}.`
      : `There is no ${what} called “${ref}”, and no ${what}s exist yet.`,
  };
}

export async function findGroup(store: Store, tenant: TenantId, ref: string): Promise<Found<Group>> {
  return pick(await store.listGroups(tenant), ref, 'group');
}

export async function findDesign(store: Store, tenant: TenantId, ref: string): Promise<Found<Design>> {
  return pick(await store.listDesigns(tenant), ref, 'design');
}

/** Custom attributes the group's designs print (`{{custom.grade}}`): a recipient without them would get a gap. */
export async function requiredAttributes(store: Store, group: Group): Promise<string[]> {
  const keys = new Set<string>();
  for (const id of [group.badgeDesignId, group.certificateDesignId]) {
    if (!id) continue;
    const design = await store.getDesign(group.tenantId, id);
    const text = design ? [...Object.values(design.text), design.svg ?? ''].join(' ') : '';
    for (const p of findPlaceholders(text)) if (p.startsWith('custom.')) keys.add(p.slice('custom.'.length));
  }
  return [...keys];
}
