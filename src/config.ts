/**
 * @module config — environment -> typed config. A bad or missing value is one clear error that
 * names the variable, never a crash deep inside a library later.
 */
import { z } from 'zod';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const bool = z
  .string()
  .optional()
  .transform((v) => ['1', 'true', 'yes', 'on'].includes((v ?? '').trim().toLowerCase()));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_BASE_URL: z.string().url('must be a URL such as https://credbot.example.edu').optional(),
  REDIS_URL: optional,
  /** Redis Cluster seed nodes, `host:port,host:port` (with REDIS_URL for credentials). */
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
  // Issuer profile shown in every credential
  ISSUER_NAME: z.string().min(1).default('Credbot Demo Issuer'),
  ISSUER_URL: optional,
  ISSUER_EMAIL: optional,
  ISSUER_LOGO_URL: optional,
  /** 32 bytes, base64 or hex: encrypts issuer private keys at rest. */
  CREDBOT_KEY_ENCRYPTION_KEY: optional,
  /** Optional fixed issuer secret key (multibase) instead of one generated per tenant. */
  CREDBOT_ISSUER_SECRET_KEY: optional,
  CREDBOT_ADMINS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
  CSV_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  CSV_MAX_ROWS: z.coerce.number().int().positive().default(100_000),
  // Slack
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: optional,
  // Teams
  MicrosoftAppId: optional,
  MicrosoftAppPassword: optional,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: optional,
  /** Only for local use: accept Teams activities without authentication. */
  TEAMS_ALLOW_UNAUTHENTICATED: bool,
  /** Read files posted in Teams channels through Microsoft Graph (needs admin-granted Graph permissions). */
  TEAMS_GRAPH_FILES: optional,
  GRAPH_API_URL: optional,
  GRAPH_LOGIN_URL: optional,
  TEAMS_APP_VERSION: optional,
  // Email delivery (SMTP): unset SMTP_HOST means no email is sent
  SMTP_HOST: optional,
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. Default: on for port 465. */
  SMTP_SECURE: optional.refine((v) => v === undefined || /^(1|0|true|false|yes|no|on|off)$/i.test(v), 'must be true or false'),
  SMTP_USER: optional,
  SMTP_PASSWORD: optional,
  /** The sender, e.g. `Example University <credentials@example.edu>`. */
  SMTP_FROM: optional,
  /** Emails sent per minute at most (a token bucket per bot process), so a big job does not trip the mail server. */
  DELIVERY_RATE_PER_MINUTE: z.coerce.number().positive().max(100_000).default(120),
  // Console
  CREDBOT_CONSOLE: optional, // 'on' | 'off'; default: on when no platform is configured and stdin is available
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type RawConfig = z.infer<typeof schema>;

/** The mail server credentials are emailed through (from SMTP_*). */
export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
}

export interface Config extends RawConfig {
  publicBaseUrl: string;
  /** Set when SMTP_HOST is: email delivery is possible. */
  smtp?: SmtpConfig;
  slackEnabled: boolean;
  teamsEnabled: boolean;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) {
    throw new ConfigError(
      'SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode) is: set one of them.',
    );
  }
  if (c.MicrosoftAppId && !c.MicrosoftAppPassword && c.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError('MicrosoftAppId is set but MicrosoftAppPassword is not.');
  }
  if (c.SMTP_HOST && !c.SMTP_FROM) {
    throw new ConfigError('SMTP_HOST is set but SMTP_FROM is not: set the sender address, e.g. SMTP_FROM="Example University <credentials@example.edu>".');
  }
  if (c.SMTP_USER && !c.SMTP_PASSWORD) throw new ConfigError('SMTP_USER is set but SMTP_PASSWORD is not.');
  const smtpPort = c.SMTP_PORT ?? (c.SMTP_SECURE && /^(1|true|yes|on)$/i.test(c.SMTP_SECURE) ? 465 : 587);
  return {
    ...c,
    smtp: c.SMTP_HOST
      ? {
          host: c.SMTP_HOST,
          port: smtpPort,
          secure: c.SMTP_SECURE === undefined ? smtpPort === 465 : /^(1|true|yes|on)$/i.test(c.SMTP_SECURE),
          ...(c.SMTP_USER ? { user: c.SMTP_USER, password: c.SMTP_PASSWORD! } : {}),
          from: c.SMTP_FROM!,
        }
      : undefined,
    publicBaseUrl: (c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
    slackEnabled: Boolean(c.SLACK_BOT_TOKEN),
    teamsEnabled: Boolean(c.MicrosoftAppId) || c.TEAMS_ALLOW_UNAUTHENTICATED,
  };
}
