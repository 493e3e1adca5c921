/**
 * @module web/routes — the public web: a credential's page (or its JSON, by Accept or `.json`), the
 * status-list credentials verifiers fetch, the issuer profile, and the health check.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CredentialRecord } from '../domain/types.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/port.js';
import type { Route } from './http-server.js';
import { credentialPage, viewOf, type CredentialState } from './credential-page.js';
import { notFoundPage, sendHtml, sendJson } from './html.js';

/** What the pages need from credentials/: the status list a credential points at, and verification. */
export interface WebCredentials {
  /** The signed status-list credential of a tenant's list (cached; signed now when a list has none yet), or undefined. */
  statusListCredential(tenant: string, listId: string): Promise<Record<string, unknown> | undefined>;
  /** Verifies the signed credential (proof, revocation bit, expiry) at `now`. */
  verify(signed: Record<string, unknown>, now: Date): Promise<{ status: 'valid' | 'revoked' | 'expired' | 'invalid'; errors: string[] }>;
  /** The issuer Profile a tenant's credentials carry (public parts only), or undefined. */
  issuerProfile(tenant: string): Promise<Record<string, unknown> | undefined>;
}

export interface WebDeps {
  store: Store;
  publicBaseUrl: string;
  log: Logger;
  credentials: WebCredentials;
  clock?: () => Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** JSON when the client asks for (JSON-LD) JSON and not for HTML first; browsers send text/html. */
function wantsJson(req: IncomingMessage): 'application/ld+json' | 'application/json' | undefined {
  const accept = (req.headers.accept ?? '').toLowerCase();
  const html = accept.indexOf('text/html');
  for (const type of ['application/ld+json', 'application/vc+ld+json', 'application/json'] as const) {
    const at = accept.indexOf(type);
    if (at >= 0 && (html < 0 || at < html)) return type === 'application/json' ? 'application/json' : 'application/ld+json';
  }
  return undefined;
}

function stateOf(record: CredentialRecord, result: { status: string; errors: string[] }): CredentialState {
  switch (result.status) {
    case 'valid':
      return { kind: 'valid' };
    case 'revoked':
      return { kind: 'revoked', reason: record.revokedReason, at: record.revokedAt };
    case 'expired':
      return { kind: 'expired', at: typeof record.signed.validUntil === 'string' ? record.signed.validUntil : record.expiresOn };
    default:
      // Say what failed without internals: the first message is about the proof or the status list.
      return { kind: 'invalid', why: (result.errors[0] ?? 'the signature does not match the credential').replace(/\s+at\s.*$/s, '').slice(0, 200) };
  }
}

export function webRoutes(deps: WebDeps): Route[] {
  const clock = deps.clock ?? (() => new Date());
  const base = deps.publicBaseUrl.replace(/\/+$/, '');

  async function credential(req: IncomingMessage, res: ServerResponse, params: Record<string, string>): Promise<void> {
    const headOnly = req.method === 'HEAD';
    const raw = params.id ?? '';
    const asFile = raw.endsWith('.json');
    const id = asFile ? raw.slice(0, -'.json'.length) : raw;
    const record = UUID.test(id) ? await deps.store.findCredential(id) : undefined;
    const json = asFile ? 'application/json' : wantsJson(req);
    if (!record) {
      if (json) return sendJson(res, 404, { error: 'not_found', message: 'No credential has this id.' }, 'application/json', headOnly);
      return sendHtml(res, 404, notFoundPage('No credential has this id. Check the link you were given.'), headOnly);
    }
    if (json) return sendJson(res, 200, record.signed, json, headOnly);
    const now = clock();
    const result = await deps.credentials.verify(record.signed, now);
    const view = viewOf(record.signed, record.recipient.name, stateOf(record, result), `${base}/credentials/${record.id}.json`);
    sendHtml(res, 200, credentialPage(view), headOnly);
  }

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
    { method: 'GET', path: '/credentials/:id', handle: credential },
    { method: 'GET', path: '/status/:tenant/:listId', handle: statusList },
    { method: 'GET', path: '/issuers/:tenant', handle: issuer },
    { method: 'GET', path: '/healthz', handle: healthz },
  ];
}
