/**
 * @module credentials/did-key — the issuer identity: `did:key` for an Ed25519 key. Anyone can
 * rebuild its DID document from the identifier alone, so credentials verify offline and forever.
 */

const DID_V1 = 'https://www.w3.org/ns/did/v1';
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';

/** `did:key:z6Mk…` and its verification method `did:key:z6Mk…#z6Mk…` for an Ed25519 public key. */
export function didKeyFor(publicKeyMultibase: string): { controller: string; keyId: string } {
  if (!publicKeyMultibase.startsWith('z6Mk')) {
    throw new Error(`Not an Ed25519 multikey (expected "z6Mk…"): ${publicKeyMultibase.slice(0, 12)}`);
  }
  const controller = `did:key:${publicKeyMultibase}`;
  return { controller, keyId: `${controller}#${publicKeyMultibase}` };
}

function verificationMethod(controller: string, fingerprint: string): Record<string, unknown> {
  return { id: `${controller}#${fingerprint}`, type: 'Multikey', controller, publicKeyMultibase: fingerprint };
}

/**
 * Resolves a `did:key:z6Mk…` (the DID document) or `did:key:z6Mk…#z6Mk…` (the verification
 * method). Throws for anything else; the key bytes are checked by decoding them.
 */
export async function resolveDidKey(url: string): Promise<Record<string, unknown>> {
  const match = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+)(?:#(z6Mk[1-9A-HJ-NP-Za-km-z]+))?$/.exec(url);
  if (!match) throw new Error(`Unsupported did:key (only Ed25519 "did:key:z6Mk…" is resolved offline): ${url}`);
  const [, fingerprint, fragment] = match;
  if (fragment !== undefined && fragment !== fingerprint) {
    throw new Error(`did:key fragment does not match its key: ${url}`);
  }
  // Imported here, not at the top: signing threads use didKeyFor and must not load the JSON-LD stack.
  const { ed25519FromMultikey } = await import('./libs.js');
  await ed25519FromMultikey({ publicKeyMultibase: fingerprint }); // throws on malformed key bytes
  const controller = `did:key:${fingerprint}`;
  const vm = verificationMethod(controller, fingerprint);
  if (fragment !== undefined) return { '@context': MULTIKEY_V1, ...vm };
  const vmId = vm.id as string;
  return {
    '@context': [DID_V1, MULTIKEY_V1],
    id: controller,
    verificationMethod: [vm],
    authentication: [vmId],
    assertionMethod: [vmId],
    capabilityDelegation: [vmId],
    capabilityInvocation: [vmId],
  };
}
