/**
 * @module store — picks the store: Redis when a URL is configured, otherwise the in-memory store
 * with a loud warning, because then nothing survives a restart.
 */
import type { Logger } from '../log.js';
import { MemoryStore } from './memory-store.js';
import type { Store } from './port.js';
import { createRedisStore } from './redis-store.js';

export type { Store } from './port.js';
export { LockTimeoutError, NotFoundError, StoreInputError } from './errors.js';
export { MemoryStore } from './memory-store.js';
export { RedisStore, createRedisStore } from './redis-store.js';

export const IN_MEMORY_WARNING =
  'REDIS_URL is not set: using the in-memory store; all designs, groups, credentials and jobs are lost when the bot stops.';

export interface StoreConfig {
  redisUrl?: string;
  /** Redis Cluster seed nodes (`host:port`), e.g. from a comma-separated REDIS_CLUSTER_NODES. */
  redisClusterNodes?: string[];
}

export function createStore(config: StoreConfig, log: Pick<Logger, 'info' | 'warn'>): Store {
  if (!config.redisUrl) {
    log.warn(IN_MEMORY_WARNING);
    return new MemoryStore();
  }
  const cluster = (config.redisClusterNodes?.length ?? 0) > 0;
  // The URL may hold a password: it is never logged.
  log.info(cluster ? 'Using the Redis Cluster store.' : 'Using the Redis store.');
  return createRedisStore(config.redisUrl, { clusterNodes: config.redisClusterNodes });
}
