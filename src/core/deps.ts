/**
 * @module core/deps — what the conversation core needs from the rest of the bot, injected by the
 * composition root (`createCore(deps)`), so tests control time, randomness and every client.
 */
import type { DeliveryService } from '../delivery/types.js';
import type { Design, DesignKind, TenantId } from '../domain/types.js';
import type { PreviewOptions } from '../intake/preview.js';
import type { CsvPreview } from '../intake/types.js';
import type { IssuanceEngine } from '../issuance/engine.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/port.js';
import type { ChatPort } from './chat-port.js';

/** CSV intake as the core uses it: the `src/intake` module itself fits. */
export interface IntakePort {
  previewCsv(source: NodeJS.ReadableStream | Buffer, opts?: PreviewOptions): Promise<CsvPreview>;
}

/** One built-in design template, as the design form offers it (`TemplateInfo` of `src/render`). */
export interface TemplateChoice {
  id: string;
  kind: DesignKind;
  label: string;
}

/** Design rendering as the core uses it: the `src/render` module itself fits. */
export interface RenderPort {
  /** The catalogue of built-in templates. */
  readonly TEMPLATES: readonly TemplateChoice[];
  /** A PNG of the design filled with the given placeholder values. */
  renderDesignPreview(design: Design, values?: Readonly<Record<string, string | undefined>>): Promise<Buffer>;
}

export interface CoreLimits {
  /** Largest CSV accepted, checked against the size the platform announces, before download. */
  csvMaxBytes: number;
  csvMaxRows: number;
  /** Recipients in the issue form (default 20). */
  maxFormRecipients?: number;
}

export interface CoreDeps {
  store: Store;
  engine: IssuanceEngine;
  intake: IntakePort;
  render: RenderPort;
  /** Outbound ports by platform: the platform is the tenant id's prefix (`slack:`, `teams:`, `console:`). */
  ports: Partial<Record<string, ChatPort>>;
  /** Platform user ids who may grant the issuer role (`CREDBOT_ADMINS`). The console's local user always may. */
  admins: readonly string[];
  /** Base of public credential URLs, e.g. `https://credbot.example.edu` (no trailing slash). */
  publicBaseUrl: string;
  limits: CoreLimits;
  /** Telling recipients (email, direct messages): `resend`, and delivery in `status`. Absent: those say it is not set up. */
  delivery?: DeliveryService;
  /** The current time (the same clock the issuance engine is given). */
  clock: () => Date;
  /** Uniform in [0, 1): state keys. */
  random: () => number;
  log: Logger;
  /** How a retry waits (default: a real timer). */
  sleep?: (ms: number) => Promise<void>;
  /** Least time between two progress updates of one job (default 2000 ms). */
  progressIntervalMs?: number;
  /** Waits between attempts to post a job summary (default 1 s, 5 s, 15 s, 60 s). */
  summaryRetryDelaysMs?: readonly number[];
}

/** The platform of a tenant: `slack:T123` -> `slack`. */
export function platformOf(tenant: TenantId): string {
  const i = tenant.indexOf(':');
  return i < 0 ? tenant : tenant.slice(0, i);
}
