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
  // Console
  CREDBOT_CONSOLE: optional, // 'on' | 'off'; default: on when no platform is configured and stdin is available
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type RawConfig = z.infer<typeof schema>;

export interface Config extends RawConfig {
  publicBaseUrl: string;
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
  return {
    ...c,
    publicBaseUrl: (c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
    slackEnabled: Boolean(c.SLACK_BOT_TOKEN),
    teamsEnabled: Boolean(c.MicrosoftAppId) || c.TEAMS_ALLOW_UNAUTHENTICATED,
  };
}
