/** @module web — the public web routes (credential pages, JSON, status lists, issuer profile, health) and the shared HTTP server. */
export { webRoutes, type WebCredentials, type WebDeps } from './routes.js';
export { createHttpServer, readBody, type Route } from './http-server.js';
