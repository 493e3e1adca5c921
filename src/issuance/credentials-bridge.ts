/** @module issuance/credentials-bridge — placeholder until credentials/ lands. */
import type { IssuanceConfig } from './types.js';
import type { Store } from '../store/port.js';
import type { CredentialSigner } from './signer.js';

export function createCredentialSigner(_deps: { store: Store; config: IssuanceConfig; clock?: () => Date }): CredentialSigner {
  throw new Error('credentials/ has not landed yet');
}
