/**
 * @module main — starts Credbot: the web server, the platforms that are configured (Slack, Teams),
 * and the terminal adapter when no platform is (or when CREDBOT_CONSOLE=on).
 * Platform adapters are imported only when configured, so a local run loads no platform SDK.
 */
import { ConsoleChatPort, runConsole } from '../adapters/console/index.js';
import { startApp, type AdapterFactory } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './log.js';

function platformAdapters(config: Config): Record<string, AdapterFactory> {
  const adapters: Record<string, AdapterFactory> = {};
  if (config.slackEnabled) {
    adapters.slack = async ({ core, store, log }) => {
      const { createSlackAdapter } = await import('../adapters/slack/index.js');
      return createSlackAdapter({ core, store, config, log });
    };
  }
  if (config.teamsEnabled) {
    adapters.teams = async ({ core, store, log }) => {
      const { createTeamsAdapter } = await import('../adapters/teams/index.js');
      return createTeamsAdapter({ core, store, config, log });
    };
  }
  return adapters;
}

function wantsConsole(config: Config): boolean {
  if (config.CREDBOT_CONSOLE === 'on') return true;
  if (config.CREDBOT_CONSOLE === 'off') return false;
  return !config.slackEnabled && !config.teamsEnabled;
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const consoleOn = wantsConsole(config);
  // In the terminal, log lines would interleave with the conversation: only warnings and errors show.
  const log: Logger = createLogger(consoleOn && config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const consolePort = consoleOn ? new ConsoleChatPort({ output: process.stdout }) : undefined;
  const app = await startApp({ config, log, adapters: platformAdapters(config), consolePort });

  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    await app.close().catch((e) => log.error('shutdown failed', { error: (e as Error).message }));
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(130));
  process.on('SIGTERM', () => void shutdown(0));

  if (consolePort) {
    process.stdout.write(`Verification pages and credentials are served at ${config.publicBaseUrl}\n`);
    const code = await runConsole({ core: app.core, port: consolePort, input: process.stdin, output: process.stdout });
    await app.core.whenIdle();
    // Send what can be sent before leaving; retries for a mail server that is down would take hours.
    if (!(await app.delivery.idle(30_000))) process.stderr.write('Some emails were not sent before exit (see status).\n');
    await shutdown(code);
  }
}

main().catch((err) => {
  process.stderr.write(`Credbot could not start: ${(err as Error).message}\n`);
  process.exit(1);
});
