/**
 * @module test/fakes/test-bot-parts — what the end-to-end harnesses of every platform build the same
 * way: the real core (real intake and renderer, progress posted at once, summary retries without
 * waiting) and the bot's HTTP server on a free loopback port.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCore, type Core, type CoreDeps } from '../../src/core/index.js';
import { previewCsv } from '../../src/intake/index.js';
import type { Logger } from '../../src/log.js';
import { renderDesignPreview, TEMPLATES } from '../../src/render/index.js';
import { createHttpServer } from '../../src/web/http-server.js';
import type { Route } from '../../src/web/index.js';

export function testCore(deps: Pick<CoreDeps, 'store' | 'engine' | 'ports' | 'admins' | 'publicBaseUrl' | 'log'>): Core {
  return createCore({
    ...deps,
    intake: { previewCsv },
    render: { TEMPLATES, renderDesignPreview },
    limits: { csvMaxBytes: 1024 * 1024, csvMaxRows: 10_000 },
    clock: () => new Date(),
    random: Math.random,
    progressIntervalMs: 0,
    summaryRetryDelaysMs: [1, 1, 1],
  });
}

/** The routes on a real HTTP server at 127.0.0.1 and a free port. */
export async function listenOnLoopback(routes: Route[], log: Logger): Promise<{ server: http.Server; url: string }> {
  const server = createHttpServer(routes, log);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
