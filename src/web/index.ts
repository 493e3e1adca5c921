/** @module web — the public web routes (verification pages and downloads, JSON, status lists, issuer profile, health) and the shared HTTP server. */
export { webRoutes, type WebCredentials, type WebDeps } from './routes.js';
export { notFoundHandler, pageRoutes, RenderCache, type LruOptions, type PageDeps } from './page/index.js';
export { createHttpServer, readBody, type HttpServerOptions, type Route } from './http-server.js';
