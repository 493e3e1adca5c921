/**
 * @module adapters/slack/bolt-logger — Bolt's logger interface on top of our redacting logger, so
 * Bolt's own messages go through the same masking of tokens and emails.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const text = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');
  return {
    debug: (...m) => log.debug(`bolt: ${text(m)}`),
    info: (...m) => log.info(`bolt: ${text(m)}`),
    warn: (...m) => log.warn(`bolt: ${text(m)}`),
    error: (...m) => log.error(`bolt: ${text(m)}`),
    setLevel: (l) => (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}
