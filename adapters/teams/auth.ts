/**
 * @module adapters/teams/auth — who may call `/api/messages`. With an app id configured every
 * request needs a valid Bot Framework token (`ConfigurationBotFrameworkAuthentication`), and any
 * failure to prove one is a 401, never a 500. Without an app id the bot runs unauthenticated only
 * when `TEAMS_ALLOW_UNAUTHENTICATED` is on (local use), and says so loudly.
 */
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { Config } from '../../src/config.js';
import type { Logger } from '../../src/log.js';

export type TeamsAuthConfig = Pick<
  Config,
  'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId' | 'TEAMS_ALLOW_UNAUTHENTICATED'
>;

/** Refuses with 401 whatever stops a token from being validated (bad signature, unknown issuer, metadata unreachable). */
class RefusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    options: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0],
    private readonly log: Logger,
  ) {
    super(options);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      // The reason is logged for the operator; the header itself never is.
      this.log.warn('teams: refused an unauthenticated request', { reason: (err as Error).message, hasToken: authHeader.trim() !== '' });
      throw err instanceof AuthenticationError ? err : new AuthenticationError('Unauthorized Access. Request is not authorized', 401);
    }
  }
}

export interface TeamsAuth {
  authentication: ConfigurationBotFrameworkAuthentication;
  /** The bot's app id ('' when unauthenticated): proactive messages are sent as this app. */
  appId: string;
  authenticated: boolean;
}

export function createTeamsAuth(config: TeamsAuthConfig, log: Logger): TeamsAuth {
  if (config.MicrosoftAppId) {
    if (config.MicrosoftAppType === 'SingleTenant' && !config.MicrosoftAppTenantId) {
      throw new Error('MicrosoftAppType is SingleTenant but MicrosoftAppTenantId is not set: set it to the tenant (directory) id of the bot.');
    }
    return {
      authentication: new RefusingAuthentication(
        {
          MicrosoftAppId: config.MicrosoftAppId,
          MicrosoftAppPassword: config.MicrosoftAppPassword,
          MicrosoftAppType: config.MicrosoftAppType ?? 'MultiTenant',
          MicrosoftAppTenantId: config.MicrosoftAppTenantId,
        },
        log,
      ),
      appId: config.MicrosoftAppId,
      authenticated: true,
    };
  }
  if (!config.TEAMS_ALLOW_UNAUTHENTICATED) {
    throw new Error(
      'Teams is not configured: set MicrosoftAppId and MicrosoftAppPassword, or TEAMS_ALLOW_UNAUTHENTICATED=on for local testing only.',
    );
  }
  log.warn(
    '!!! TEAMS_ALLOW_UNAUTHENTICATED is on: /api/messages accepts activities WITHOUT authentication. ' +
      'Anyone who can reach this server can act as any Teams user. Use this only on your own machine. !!!',
  );
  return { authentication: new RefusingAuthentication({}, log), appId: '', authenticated: false };
}
