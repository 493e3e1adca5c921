/**
 * @module issuance — issuing credentials as durable, idempotent jobs. `createIssuanceEngine` is what the
 * composition root calls; the core depends only on the `IssuanceEngine` interface (engine.ts).
 */
import { createCredentialSigner } from './credentials-bridge.js';
import { CredbotIssuanceEngine } from './issuance-engine.js';
import type { CredentialSigner } from './signer.js';
import type { IssuanceDeps } from './types.js';

export type { CsvJobRequest, FormJobRequest, IssuanceEngine, JobListener } from './engine.js';
export type { IssuanceConfig, IssuanceDeps, IssuerProfileConfig, QueueOptions } from './types.js';
export type { CredentialSigner, GroupSigner } from './signer.js';
export { CredbotIssuanceEngine, IssuanceInputError } from './issuance-engine.js';
export { credentialIdFor } from './ids.js';
export { csvLine, formulaSafe } from './csv-out.js';
export { CredentialsBridge, createCredentialSigner } from './credentials-bridge.js';

/**
 * Builds the engine: jobs through BullMQ when `redisUrl` is set (durable, shared by every process),
 * in-process otherwise. Starts this process's workers and re-enqueues jobs a stopped process left
 * unfinished (`engine.resumed` resolves with how many).
 */
export function createIssuanceEngine(deps: IssuanceDeps & { signer?: CredentialSigner }): CredbotIssuanceEngine {
  const signer = deps.signer ?? createCredentialSigner({ store: deps.store, config: deps.config, clock: deps.clock });
  return new CredbotIssuanceEngine({ ...deps, signer });
}
