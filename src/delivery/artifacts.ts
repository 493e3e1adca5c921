/**
 * @module delivery/artifacts — what a recipient receives besides the link: the badge image (baked: the
 * signed credential travels inside the PNG, as Open Badges specifies) and the certificate PDF, rendered
 * from the group's designs (or the default ones, as the verification page does) with the credential's values.
 */
import type { CredentialRecord, Design, DesignKind, Group } from '../domain/types.js';
import type { Logger } from '../log.js';
import { bakePng, defaultDesign, placeholderValuesFor, RenderError, renderBadgePng, renderCertificatePdf } from '../render/index.js';
import type { Store } from '../store/port.js';

/** Everything about one credential that delivery needs, loaded once. */
export interface CredentialBundle {
  credential: CredentialRecord;
  group: Group;
  badgeDesign?: Design;
  certificateDesign?: Design;
  values: Record<string, string>;
  /** The public verification page. */
  link: string;
}

export const credentialLink = (publicBaseUrl: string, id: string) => `${publicBaseUrl.replace(/\/+$/, '')}/credentials/${id}`;

/** The badge image's public address (served by web/page), for chat messages that show it. */
export const badgeImageUrl = (publicBaseUrl: string, id: string) => `${credentialLink(publicBaseUrl, id)}/badge.png`;

/** Loads a credential with its group and designs; undefined when the credential or its group is gone. */
export async function loadBundle(store: Store, tenant: string, credentialId: string, issuerName: string, publicBaseUrl: string): Promise<CredentialBundle | undefined> {
  const credential = await store.getCredential(tenant, credentialId);
  if (!credential) return undefined;
  const group = await store.getGroup(tenant, credential.groupId);
  if (!group) return undefined;
  const [badgeDesign, certificateDesign] = await Promise.all([
    group.badgeDesignId ? store.getDesign(tenant, group.badgeDesignId) : undefined,
    group.certificateDesignId ? store.getDesign(tenant, group.certificateDesignId) : undefined,
  ]);
  return {
    credential,
    group,
    ...(badgeDesign?.kind === 'badge' ? { badgeDesign } : {}),
    ...(certificateDesign?.kind === 'certificate' ? { certificateDesign } : {}),
    values: placeholderValuesFor({ credential, group, issuerName }),
    link: credentialLink(publicBaseUrl, credential.id),
  };
}

/** Draws with the group's design; one that cannot be filled falls back to the default, so the recipient still gets a file. */
async function drawWithFallback<T>(design: Design | undefined, kind: DesignKind, draw: (d: Design) => Promise<T>, log: Logger, credentialId: string): Promise<T> {
  const chosen = design ?? defaultDesign(kind);
  try {
    return await draw(chosen);
  } catch (err) {
    if (!(err instanceof RenderError) || !design) throw err;
    log.warn('design could not be rendered for an email; using the default design', { credentialId, designId: design.id, error: err.message });
    return draw(defaultDesign(kind));
  }
}

/** The baked badge PNG (the group's badge design, or the default badge). */
export async function badgePng(bundle: CredentialBundle, log: Logger, size = 400): Promise<Buffer> {
  const png = await drawWithFallback(bundle.badgeDesign, 'badge', (d) => renderBadgePng(d, bundle.values, { size }), log, bundle.credential.id);
  return bakePng(png, bundle.credential.signed);
}

/**
 * The certificate PDF when the group asks for it: `attachCertificate` true, or left unset on a group
 * that has a certificate design. Undefined otherwise.
 */
export async function certificatePdf(bundle: CredentialBundle, log: Logger): Promise<Buffer | undefined> {
  const wanted = bundle.group.attachCertificate ?? Boolean(bundle.certificateDesign);
  if (!wanted) return undefined;
  const now = new Date(bundle.credential.issuedOn);
  return Buffer.from(await drawWithFallback(bundle.certificateDesign, 'certificate', (d) => renderCertificatePdf(d, bundle.values, { now }), log, bundle.credential.id));
}

/** `Zoë Ann O'Brien` -> `certificate-Zoe-Ann-O-Brien.pdf`: safe in every mail client. */
export function certificateFileName(recipientName: string): string {
  const base = recipientName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `certificate${base ? `-${base}` : ''}.pdf`;
}
