/**
 * @module app — the composition root as a function: config -> store -> engine -> core ->
 * adapters -> one HTTP server. `main.ts` runs it for real; tests start it on an ephemeral port.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { createCore, type Core } from './core/index.js';
import type { ChatPort } from './core/chat-port.js';
import { createDelivery, type Delivery } from './delivery/index.js';
import * as intake from './intake/index.js';
import { CredentialsBridge, createIssuanceEngine, type IssuanceEngine } from './issuance/index.js';
import type { Logger } from './log.js';
import * as render from './render/index.js';
import { createStore, type Store } from './store/index.js';
import { createHttpServer, notFoundHandler, webRoutes, type Route } from './web/index.js';
import { startSigningPool } from './credentials/sign.js';

/** A platform adapter as the composition root sees it (Slack, Teams). */
export interface PlatformAdapter {
  routes: Route[];
  port: ChatPort;
  start?(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds an adapter once the store exists; the core is handed over lazily (it needs the adapters' ports first). */
export type AdapterFactory = (deps: { core: () => Core; store: Store; config: Config; log: Logger }) => Promise<PlatformAdapter>;

export interface AppOptions {
  config: Config;
  log: Logger;
  /** Adapters by platform name (`slack`, `teams`), built by main from the config. */
  adapters?: Record<string, AdapterFactory>;
  /** The console's chat port when the terminal adapter runs. */
  consolePort?: ChatPort;
}

export interface App {
  core: Core;
  store: Store;
  /** The issuing engine itself (benchmarks start jobs and watch them directly, as the Issue button does). */
  engine: IssuanceEngine;
  delivery: Delivery;
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * Without Redis, nothing survives a restart anyway, so a missing encryption key is replaced by a
 * random one for this run. With Redis, keys persist and must stay readable: the key is required.
 */
function keyEncryptionKey(config: Config, log: Logger): string {
  if (config.CREDBOT_KEY_ENCRYPTION_KEY) return config.CREDBOT_KEY_ENCRYPTION_KEY;
  if (config.REDIS_URL) {
    throw new Error('CREDBOT_KEY_ENCRYPTION_KEY is not set: with REDIS_URL, issuer keys are stored and must be encrypted with a key that survives restarts (32 bytes, base64 or hex: `openssl rand -base64 32`).');
  }
  log.warn('CREDBOT_KEY_ENCRYPTION_KEY is not set: using a random key for this run (fine with the in-memory store).');
  return randomBytes(32).toString('base64');
}

export async function startApp(opts: AppOptions): Promise<App> {
  const { config, log } = opts;
  const encryptionKey = keyEncryptionKey(config, log); // before any connection is opened
  const store = createStore({ redisUrl: config.REDIS_URL, redisClusterNodes: config.REDIS_CLUSTER_NODES }, log);
  const issuanceConfig = {
    publicBaseUrl: config.publicBaseUrl,
    issuer: { name: config.ISSUER_NAME, url: config.ISSUER_URL, email: config.ISSUER_EMAIL, logoUrl: config.ISSUER_LOGO_URL },
    keyEncryptionKey: encryptionKey,
    issuerSecretKey: config.CREDBOT_ISSUER_SECRET_KEY,
  };
  const credentials = new CredentialsBridge(store, issuanceConfig);
  const engine = createIssuanceEngine({ store, redisUrl: config.REDIS_URL, config: issuanceConfig, log, signer: credentials });
  // The signing threads start (and compile their fast path) now, not when the first job arrives.
  startSigningPool();
  credentials.startVerifyThread(); // the public pages' proof checks, off the thread that serves HTTP
  // Filled once the adapters exist; delivery reads it only when it sends.
  const ports: Record<string, ChatPort> = {};
  // Right after the engine: a job the engine resumes at start is still delivered.
  const delivery = createDelivery({ store, engine, config, ports, log });

  let core: Core | undefined;
  const coreRef = () => {
    if (!core) throw new Error('the conversation core is not ready yet');
    return core;
  };
  const adapters: Record<string, PlatformAdapter> = {};
  for (const [name, factory] of Object.entries(opts.adapters ?? {})) {
    adapters[name] = await factory({ core: coreRef, store, config, log });
  }
  Object.assign(ports, Object.fromEntries(Object.entries(adapters).map(([n, a]) => [n, a.port])));
  if (opts.consolePort) ports.console = opts.consolePort;

  core = createCore({
    store,
    engine: delivery.withResults(engine), // results files get a `delivery` column
    delivery: delivery.service, // `resend`, and delivery outcomes in `status`
    intake,
    render,
    ports,
    admins: config.CREDBOT_ADMINS,
    publicBaseUrl: config.publicBaseUrl,
    limits: { csvMaxBytes: config.CSV_MAX_BYTES, csvMaxRows: config.CSV_MAX_ROWS },
    clock: () => new Date(),
    random: Math.random,
    log,
  });

  const routes = [
    ...webRoutes({ store, publicBaseUrl: config.publicBaseUrl, log, credentials }),
    ...Object.values(adapters).flatMap((a) => a.routes),
  ];
  delivery.start();
  // Adapters start before the server listens: until then Slack's route answers 503 so Slack retries.
  for (const [name, a] of Object.entries(adapters)) {
    await a.start?.();
    log.info(`${name} adapter started`);
  }
  const server = createHttpServer(routes, log, { notFound: notFoundHandler });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${address.port}`;
  log.info('credbot is listening', { url, publicBaseUrl: config.publicBaseUrl });

  return {
    core,
    store,
    engine,
    delivery,
    server,
    url,
    async close() {
      for (const a of Object.values(adapters)) await a.stop().catch((e) => log.warn('adapter stop failed', { error: (e as Error).message }));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.close();
      await delivery.stop(); // after the engine, so its last rows are already queued
      await credentials.close(); // the verification thread and the signing pool
      await store.close();
    },
  };
}

