/**
 * @module web/routes — the public web: a credential's verification page, JSON and downloads (web/page),
 * the status-list credentials verifiers fetch, the issuer profile, and the health check.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
import type { Store } from '../store/port.js';
import type { Route } from './http-server.js';
import { sendJson } from './html.js';
import { pageRoutes, type RenderCache } from './page/index.js';
import { wantsJson } from './page/respond.js';

/** A status list's version (Store.getStatusListVersion) as read from the store for this request. */
export interface KnownStatusListVersion {
  tenant: string;
  listId: string;
  version: number;
}

/** What the pages need from credentials/: the status list a credential points at, and verification. */
export interface WebCredentials {
  /** The signed status-list credential of a tenant's list (cached; signed now when a list has none yet), or undefined. */
  statusListCredential(tenant: string, listId: string): Promise<Record<string, unknown> | undefined>;
  /**
   * Verifies the signed credential (proof, revocation bit, expiry) at `now`. `statusList`: the version
   * of the list the stored record is on, when the caller read it with the record (saves a read).
   */
  verify(
    signed: Record<string, unknown>,
    now: Date,
    statusList?: KnownStatusListVersion,
  ): Promise<{ status: 'valid' | 'revoked' | 'expired' | 'invalid'; errors: string[] }>;
  /** The issuer Profile a tenant's credentials carry (public parts only), or undefined. */
  issuerProfile(tenant: string): Promise<Record<string, unknown> | undefined>;
}

export interface WebDeps {
  store: Store;
  publicBaseUrl: string;
  log: Logger;
  credentials: WebCredentials;
  clock?: () => Date;
  /** The cache of rendered badges and certificates (default: 500 files, 64 MB, one hour). */
  renderCache?: RenderCache;
}

export function webRoutes(deps: WebDeps): Route[] {
  async function statusList(req: IncomingMessage, res: ServerResponse, params: Record<string, string>): Promise<void> {
    const vc = await deps.credentials.statusListCredential(params.tenant ?? '', params.listId ?? '');
    if (!vc) return sendJson(res, 404, { error: 'not_found', message: 'No status list is published here.' }, 'application/json', req.method === 'HEAD');
    sendJson(res, 200, vc, wantsJson(req) ?? 'application/json', req.method === 'HEAD');
  }

  async function issuer(req: IncomingMessage, res: ServerResponse, params: Record<string, string>): Promise<void> {
    const profile = await deps.credentials.issuerProfile(params.tenant ?? '');
    if (!profile) return sendJson(res, 404, { error: 'not_found', message: 'No issuer is published here.' }, 'application/json', req.method === 'HEAD');
    sendJson(res, 200, profile, wantsJson(req) ?? 'application/json', req.method === 'HEAD');
  }

  async function healthz(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      // A cheap read that goes to the backing store (Redis when configured).
      await Promise.race([
        deps.store.getState('healthz', 'probe'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('store did not answer within 2 s')), 2000).unref()),
      ]);
      sendJson(res, 200, { ok: true }, 'application/json', req.method === 'HEAD');
    } catch (err) {
      deps.log.warn('health check failed', { error: (err as Error).message });
      sendJson(res, 503, { ok: false, error: 'store unavailable' }, 'application/json', req.method === 'HEAD');
    }
  }

  return [
    // The credential's page, its JSON, badge PNG and certificate PDF, and the page's stylesheet and fonts.
    ...pageRoutes(deps),
    { method: 'GET', path: '/status/:tenant/:listId', handle: statusList },
    { method: 'GET', path: '/issuers/:tenant', handle: issuer },
    { method: 'GET', path: '/healthz', handle: healthz },
  ];
}
