/**
 * @module credentials/signer — a tenant's decrypted issuer key, held only in memory. The secret is
 * a private field: logging or JSON-serializing a signer shows the public parts only.
 */
import { inspect } from 'node:util';

/** Plain data handed to a signing worker thread (in-process memory only, never persisted or logged). */
export interface SignerSpec {
  controller: string;
  keyId: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

export class IssuerSigner {
  readonly #secretKeyMultibase: string;

  constructor(
    readonly controller: string,
    readonly keyId: string,
    readonly publicKeyMultibase: string,
    secretKeyMultibase: string,
  ) {
    this.#secretKeyMultibase = secretKeyMultibase;
  }

  /** The full key for a signing thread; callers other than `sign.ts` have no use for it. */
  toSpec(): SignerSpec {
    return {
      controller: this.controller,
      keyId: this.keyId,
      publicKeyMultibase: this.publicKeyMultibase,
      secretKeyMultibase: this.#secretKeyMultibase,
    };
  }

  toJSON(): Record<string, string> {
    return { controller: this.controller, keyId: this.keyId, publicKeyMultibase: this.publicKeyMultibase };
  }

  [inspect.custom](): string {
    return `IssuerSigner(${this.keyId})`;
  }
}
