/**
 * @module web/page — the public verification page of a credential (`/credentials/:id`), its
 * downloads (certificate PDF, baked badge PNG, signed JSON) and the page's own stylesheet and fonts.
 * `webRoutes` includes these routes; `pageRoutes(deps)` gives them alone.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CredentialRecord } from '../../domain/types.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/port.js';
import type { Route } from '../http-server.js';
import type { WebCredentials } from '../routes.js';
import { assetRoutes } from './assets.js';
import { createDownloads } from './downloads.js';
import { notFoundPage } from './layout.js';
import { linkedInAddUrl } from './linkedin.js';
import { RenderCache } from './lru.js';
import { contentDisposition, sendFile, sendJson, sendPage, wantsJson } from './respond.js';
import { credentialPage, type PageLinks } from './template.js';
import { namesOf, pageViewOf, type CredentialPageView, type Verification } from './view.js';

export interface PageDeps {
  store: Store;
  /** `https://credbot.example.edu`: absolute links (unfurl image, LinkedIn, canonical) start with it. */
  publicBaseUrl: string;
  log: Logger;
  credentials: Pick<WebCredentials, 'verify'>;
  clock?: () => Date;
  /** The rendered-files cache (default: 500 files, 64 MB, one hour); pass one to size it or to read its hit counts. */
  renderCache?: RenderCache;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A file name people recognise in their downloads folder, e.g. "Data Science 101 - Zoë Ñúñez - certificate.pdf". */
function fileName(v: Pick<CredentialPageView, 'achievementName' | 'recipientName'>, what: string): string {
  const clean = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return `${clean(v.achievementName)} - ${clean(v.recipientName)} - ${what}`;
}

export function pageRoutes(deps: PageDeps): Route[] {
  const clock = deps.clock ?? (() => new Date());
  const base = deps.publicBaseUrl.replace(/\/+$/, '');
  const downloads = createDownloads({ store: deps.store, log: deps.log, cache: deps.renderCache ?? new RenderCache() });

  async function find(id: string): Promise<CredentialRecord | undefined> {
    return UUID.test(id) ? deps.store.findCredential(id) : undefined;
  }

  async function page(req: IncomingMessage, res: ServerResponse, params: Record<string, string>): Promise<void> {
    const raw = params.id ?? '';
    const asFile = raw.endsWith('.json');
    const id = asFile ? raw.slice(0, -'.json'.length) : raw;
    const json = asFile ? 'application/json' : wantsJson(req);
    // The status list's version comes with the record (one round trip): the verified list kept in
    // memory is reused while that version is unchanged, so a revocation anywhere shows on the next view.
    const found = UUID.test(id) ? await deps.store.findCredentialWithStatusVersion(id) : undefined;
    if (!found) {
      if (json) return sendJson(req, res, 404, { error: 'not_found', message: 'No credential has this id.' }, 'application/json');
      return sendPage(req, res, 404, notFoundPage());
    }
    const record = found.record;
    // The JSON is the credential itself: whoever asks for it verifies it on their side.
    if (json) return sendJson(req, res, 200, record.signed, json, asFile ? fileName(namesOf(record), 'credential.json') : undefined);
    const now = clock();
    const statusList = { tenant: record.tenantId, listId: record.statusListId, version: found.statusListVersion };
    const result = (await deps.credentials.verify(record.signed, now, statusList)) as Verification;
    const view = pageViewOf(record, result, now);
    const pageUrl = `${base}/credentials/${record.id}`;
    const links: PageLinks = {
      pageUrl,
      badgeImageUrl: `${pageUrl}/badge.png`,
      badgePath: `/credentials/${record.id}/badge.png`,
      certificatePath: `/credentials/${record.id}/certificate.pdf`,
      jsonPath: `/credentials/${record.id}.json`,
      linkedInUrl: linkedInAddUrl({
        name: view.achievementName,
        organizationName: view.issuerName,
        issuedOn: view.issuedOn,
        expiresOn: view.expiresOn,
        certUrl: pageUrl,
        certId: record.id,
      }),
      badgeFile: fileName(view, 'badge.png'),
      certificateFile: fileName(view, 'certificate.pdf'),
      jsonFile: fileName(view, 'credential.json'),
    };
    sendPage(req, res, 200, credentialPage(view, links));
  }

  function file(kind: 'badge' | 'certificate') {
    return async (req: IncomingMessage, res: ServerResponse, params: Record<string, string>): Promise<void> => {
      const record = await find(params.id ?? '');
      if (!record) return sendPage(req, res, 404, notFoundPage());
      const body = kind === 'badge' ? await downloads.badgePng(record) : await downloads.certificatePdf(record);
      const names = namesOf(record);
      sendFile(req, res, body, {
        contentType: kind === 'badge' ? 'image/png' : 'application/pdf',
        // Short: a design edited later shows up within five minutes; unfurlers and browsers still reuse it.
        cacheControl: 'public, max-age=300',
        disposition: contentDisposition('inline', fileName(names, kind === 'badge' ? 'badge.png' : 'certificate.pdf')),
      });
    };
  }

  return [
    { method: 'GET', path: '/credentials/:id', handle: page },
    { method: 'GET', path: '/credentials/:id/badge.png', handle: file('badge') },
    { method: 'GET', path: '/credentials/:id/certificate.pdf', handle: file('certificate') },
    ...assetRoutes(),
  ];
}

export { RenderCache, type LruOptions } from './lru.js';

/** The friendly 404 page for any path no route answers (for the HTTP server's fallback). */
export function notFoundHandler(req: IncomingMessage, res: ServerResponse): void {
  sendPage(req, res, 404, notFoundPage('page'));
}
