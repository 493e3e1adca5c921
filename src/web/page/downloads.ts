/**
 * @module web/page/downloads — a credential's badge PNG (baked with its signed credential) and its
 * certificate PDF, rendered from the group's designs (or the default ones) with the recipient's
 * values, and kept in an in-process cache so a page view, an unfurl and a download render once.
 */
import type { CredentialRecord, Design, DesignKind, Group } from '../../domain/types.js';
import type { Logger } from '../../log.js';
import { bakePng, defaultDesign, placeholderValuesFor, RenderError, renderBadgePng, renderCertificatePdf } from '../../render/index.js';
import type { Store } from '../../store/port.js';
import { RenderCache } from './lru.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The group as issued; when it was deleted since, what the signed credential says about it. */
function groupOrFallback(record: CredentialRecord, group: Group | undefined): Pick<Group, 'name' | 'courseName' | 'courseDescription' | 'language'> {
  if (group) return group;
  const achievement = obj(obj(record.signed.credentialSubject).achievement);
  const name = str(achievement.name) ?? str(record.signed.name) ?? 'Credential';
  return { name, courseName: name, courseDescription: str(achievement.description) ?? '', language: str(achievement.inLanguage) ?? 'en' };
}

export interface Downloads {
  badgePng(record: CredentialRecord): Promise<Buffer>;
  certificatePdf(record: CredentialRecord): Promise<Buffer>;
  readonly cache: RenderCache;
}

export function createDownloads(deps: { store: Store; log: Logger; cache?: RenderCache }): Downloads {
  const cache = deps.cache ?? new RenderCache();

  async function designFor(record: CredentialRecord, group: Group | undefined, kind: DesignKind): Promise<Design> {
    const id = kind === 'badge' ? group?.badgeDesignId : group?.certificateDesignId;
    const design = id ? await deps.store.getDesign(record.tenantId, id) : undefined;
    return design && design.kind === kind ? design : defaultDesign(kind);
  }

  /** Renders with the group's design; a design that cannot be filled falls back to the default, so a recipient always gets a file. */
  async function render(record: CredentialRecord, kind: DesignKind): Promise<Buffer> {
    const group = await deps.store.getGroup(record.tenantId, record.groupId);
    const design = await designFor(record, group, kind);
    const issuerName = str(obj(record.signed.issuer).name) ?? '';
    const values = placeholderValuesFor({ credential: record, group: groupOrFallback(record, group), issuerName });
    // The proof changes if the credential is ever re-signed; the design's updatedAt when it is edited.
    const proof = str(obj(Array.isArray(record.signed.proof) ? record.signed.proof[0] : record.signed.proof).proofValue) ?? '';
    const key = `${kind}:${record.id}:${design.id}@${design.updatedAt}:${group?.updatedAt ?? ''}:${proof.slice(-16)}`;
    return cache.getOrRender(key, async () => {
      const draw = (d: Design) => (kind === 'badge' ? renderBadgePng(d, values) : renderCertificatePdf(d, values, { now: new Date(record.issuedOn) }));
      let file: Uint8Array;
      try {
        file = await draw(design);
      } catch (err) {
        if (!(err instanceof RenderError) || design.id === defaultDesign(kind).id) throw err;
        deps.log.warn('design could not be rendered for a credential; using the default design', { credentialId: record.id, designId: design.id, error: err.message });
        file = await draw(defaultDesign(kind));
      }
      return kind === 'badge' ? bakePng(file, record.signed) : Buffer.from(file);
    });
  }

  return {
    cache,
    badgePng: (record) => render(record, 'badge'),
    certificatePdf: (record) => render(record, 'certificate'),
  };
}
