/** @module test/issuance/fake-signer — TEMPORARY stand-in until credentials/ lands. */
import type { CredentialSigner } from '../../src/issuance/signer.js';
export const fakeSigner: CredentialSigner = {
  statusListSize: 1024,
  async forGroup() {
    return {
      statusListSize: 1024,
      expiryFor: () => undefined,
      signBatch: async (drafts) => drafts.map((d) => ({ id: `urn:uuid:${d.id}`, name: d.recipient.name, proof: [{ type: 'fake' }] })),
    };
  },
  async signStatusList(_t, listId, bits) {
    return { id: listId, bits: bits.toString('base64') };
  },
  statusListIds: () => (n) => `list-${n}`,
  async close() {},
};
