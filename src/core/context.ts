/**
 * @module core/context — what every handler is given: the injected dependencies plus the few
 * helpers they all use (time, short keys, the audit log, the port of a tenant's platform).
 */
import type { TenantId } from '../domain/types.js';
import type { ChatPort } from './chat-port.js';
import { platformOf, type CoreDeps } from './deps.js';
import type { Actor } from './events.js';

export interface CoreContext extends CoreDeps {
  nowIso(): string;
  /** Today as YYYY-MM-DD (UTC). */
  today(): string;
  /** A short random key (form state, CSV previews): fits Slack's private_metadata many times over. */
  newKey(): string;
  /** A random UUID (v4 layout) drawn from the injected randomness. */
  newId(): string;
  /** Records who did what, when, in the tenant's audit log. Never throws: a failed audit write is logged. */
  audit(actor: Actor, action: string, target?: string, detail?: Record<string, unknown>): Promise<void>;
  portFor(tenant: TenantId): ChatPort | undefined;
}

const KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function createContext(deps: CoreDeps): CoreContext {
  return {
    ...deps,
    nowIso: () => deps.clock().toISOString(),
    today: () => deps.clock().toISOString().slice(0, 10),
    newKey: () => {
      let key = '';
      for (let i = 0; i < 12; i++) key += KEY_ALPHABET[Math.floor(deps.random() * KEY_ALPHABET.length)];
      return key;
    },
    newId: () => {
      const hex = Array.from({ length: 32 }, () => Math.floor(deps.random() * 16).toString(16));
      hex[12] = '4';
      hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
      const h = hex.join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
    audit: async (actor, action, target, detail) => {
      try {
        await deps.store.appendAudit({
          at: deps.clock().toISOString(),
          tenantId: actor.tenantId,
          actor: actor.userId,
          action,
          ...(target !== undefined ? { target } : {}),
          ...(detail ? { detail } : {}),
        });
      } catch (err) {
        deps.log.error('audit write failed', { action, error: (err as Error).message });
      }
    },
    portFor: (tenant) => deps.ports[platformOf(tenant)],
  };
}
