/**
 * @module credentials/urls — the public URLs a credential points at. `web/` serves them; these
 * functions are the one definition of their shape.
 */
import type { TenantId } from '../domain/types.js';

/** Checked base URLs (a process sees one or two): every credential needs three URLs from the same base. */
const checkedBases = new Map<string, string>();

function base(publicBaseUrl: string): string {
  const known = checkedBases.get(publicBaseUrl);
  if (known !== undefined) return known;
  const checked = checkBase(publicBaseUrl);
  if (checkedBases.size < 16) checkedBases.set(publicBaseUrl, checked);
  return checked;
}

function checkBase(publicBaseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(publicBaseUrl);
  } catch {
    throw new Error(`Public base URL must be an absolute URL such as https://credbot.example.edu (got "${publicBaseUrl}")`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`Public base URL must use http or https (got "${publicBaseUrl}")`);
  }
  return publicBaseUrl.replace(/\/+$/, '');
}

export function credentialUrl(publicBaseUrl: string, credentialId: string): string {
  return `${base(publicBaseUrl)}/credentials/${encodeURIComponent(credentialId)}`;
}

export function achievementUrl(publicBaseUrl: string, groupId: string): string {
  return `${base(publicBaseUrl)}/achievements/${encodeURIComponent(groupId)}`;
}

/** Tenant ids such as `slack:T123` keep their colon (legal in a path segment); anything else is escaped. */
function tenantSegment(tenant: TenantId): string {
  return encodeURIComponent(tenant).replace(/%3A/gi, ':');
}

/** The last status list URL made: every credential of a batch points at the same list or two. */
let lastStatusList = { publicBaseUrl: '', tenant: '', listId: '', url: '' };

/** `${publicBaseUrl}/status/${tenant}/${listId}`: where the status-list credential is published. */
export function statusListUrl(publicBaseUrl: string, tenant: TenantId, listId: string): string {
  const last = lastStatusList;
  if (listId === last.listId && tenant === last.tenant && publicBaseUrl === last.publicBaseUrl && last.url) return last.url;
  const url = `${base(publicBaseUrl)}/status/${tenantSegment(tenant)}/${encodeURIComponent(listId)}`;
  lastStatusList = { publicBaseUrl, tenant, listId, url };
  return url;
}

/** The inverse of statusListUrl for a request path (`/status/slack:T1/list-1`), or undefined. */
export function parseStatusListPath(path: string): { tenant: TenantId; listId: string } | undefined {
  const m = /^\/status\/([^/]+)\/([^/?#]+)$/.exec(path);
  if (!m) return undefined;
  try {
    return { tenant: decodeURIComponent(m[1]), listId: decodeURIComponent(m[2]) };
  } catch {
    return undefined;
  }
}
