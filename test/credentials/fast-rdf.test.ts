/**
 * @module test/credentials/fast-rdf — the fast signing path is exact: for thousands of generated
 * credentials with hostile values its canonical N-Quads equal `jsonld.toRDF` + rdf-canonize's, its
 * proofs verify with @digitalbazaar/vc and equal the library's byte for byte, and any shape it does
 * not cover is signed by the library instead (never a different proof).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { MemoryStore } from '../../src/store/memory-store.js';
import { buildCredential, closeSigningPool, getOrCreateIssuerKey, offlineDocumentLoader, signCredentials, type IssuerSigner } from '../../src/credentials/index.js';
import { canonicalCredential, canonicalProofOptions, canonicalize } from '../../src/credentials/canonical.js';
import { canonizeNQuadsSync, libraryCanonicalNQuads, type Json } from '../../src/credentials/libs.js';
import { credentialTriples } from '../../src/credentials/rdf-credential.js';
import { nquads } from '../../src/credentials/rdf-terms.js';
import { ENCRYPTION_KEY, TENANT, input } from './fixtures.js';
import { hostileInput } from './hostile.js';

const loader = offlineDocumentLoader();
let signer: IssuerSigner;

beforeAll(async () => {
  signer = await getOrCreateIssuerKey(new MemoryStore(), TENANT, { encryptionKey: ENCRYPTION_KEY });
});
afterAll(closeSigningPool);

async function libraryCanonical(doc: object): Promise<string | Error> {
  return libraryCanonicalNQuads(doc as Json, loader).catch((e: Error) => e);
}

async function libraryVerifies(credential: object, now = new Date('2026-03-02T00:00:00Z')): Promise<boolean> {
  const result = await vc.verifyCredential({
    credential: credential as Json,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: loader,
    checkStatus: async () => ({ verified: true }),
    now,
  });
  return result.verified;
}

describe('fast canonical N-Quads', () => {
  it('equal jsonld.toRDF + rdf-canonize for 2,000 hostile credentials, and cover every ordinary one', async () => {
    let covered = 0;
    await fc.assert(
      fc.asyncProperty(hostileInput('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'), async ({ input: inp, ordinary }) => {
        const doc = buildCredential(inp);
        const fast = canonicalCredential(doc);
        const lib = await libraryCanonical(doc);
        if (ordinary) expect(fast).toBeDefined();
        if (lib instanceof Error) {
          // The library refuses it: the fast path must not sign it either.
          expect(fast).toBeUndefined();
          return;
        }
        if (fast !== undefined) {
          covered++;
          expect(fast).toBe(lib);
        }
      }),
      { numRuns: 2000 },
    );
    expect(covered).toBeGreaterThan(1000);
  }, 120_000);

  it('handle twin blank nodes (identical results) through rdf-canonize, still equal to the library', async () => {
    const doc = buildCredential(input(signer.controller, { attributes: { grade: 'A', hours: '40' } })) as unknown as Json;
    const subject = doc.credentialSubject as Json;
    const [first] = subject.result as Json[];
    subject.result = [first, { ...first }, { ...first, value: 'B' }];
    const fast = canonicalCredential(doc);
    expect(fast).toBe(await libraryCanonical(doc));
    expect(fast).toBe(canonizeNQuadsSync(nquads(credentialTriples(doc)!)));
  });

  it('leave any shape they do not know to the library: unknown keys, other types, other contexts, non-strings', async () => {
    const base = () => buildCredential(input(signer.controller)) as unknown as Json;
    const variants: [string, (d: Json) => void][] = [
      ['an extra top-level key', (d) => (d.description = 'x')],
      ['evidence', (d) => (d.evidence = [{ id: 'https://x.example/e', type: ['Evidence'] }])],
      ['a third context', (d) => (d['@context'] = [...(d['@context'] as string[]), 'https://w3id.org/security/data-integrity/v2'])],
      ['another credential type', (d) => (d.type = ['VerifiableCredential', 'AchievementCredential'])],
      ['a numeric status index', (d) => ((d.credentialStatus as Json).statusListIndex = 7)],
      ['a language map name', (d) => (d.name = { '@value': 'x', '@language': 'en' })],
      ['an image caption', (d) => (((d.credentialSubject as Json).achievement as Json).image = { id: 'https://x.example/i.png', type: 'Image', caption: 'c' })],
      ['a relative achievement id', (d) => (((d.credentialSubject as Json).achievement as Json).id = 'achievements/1')],
      ['a blank-node issuer id', (d) => ((d.issuer as Json).id = '_:issuer')],
      ['a null', (d) => ((d.issuer as Json).email = null)],
    ];
    for (const [what, change] of variants) {
      const doc = base();
      change(doc);
      expect([what, canonicalCredential(doc)]).toEqual([what, undefined]);
    }
    // …and signCredentials still signs one of them, through the library, verifiably, in a thread and on the pool.
    const doc = base();
    doc.description = 'An extra field the fast path does not cover';
    const [signed] = await signCredentials([doc], signer, { mode: 'in-thread' });
    expect(await libraryVerifies(signed)).toBe(true);
    const pooled = await signCredentials([base(), doc, base()], signer, { mode: 'pool' });
    expect(pooled[1].description).toBe('An extra field the fast path does not cover');
    for (const c of pooled) expect(await libraryVerifies(c)).toBe(true);
  });

  it('proof options: the one canonical form per batch equals the library’s', async () => {
    const ctx = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
    const proof = { '@context': ctx, type: 'DataIntegrityProof', created: '2026-03-01T10:00:00Z', verificationMethod: signer.keyId, cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' };
    expect(canonicalProofOptions({ created: proof.created, verificationMethod: proof.verificationMethod })).toBe(await libraryCanonical(proof));
    expect(canonicalProofOptions({ created: 'yesterday', verificationMethod: signer.keyId })).toBeUndefined();
    expect(canonicalize([])).toBe('');
  });
});

describe('fast proofs', () => {
  it('verify with @digitalbazaar/vc (100 hostile credentials) and equal the library path byte for byte (25)', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(hostileInput(signer.controller).filter((c) => c.ordinary), async ({ input: inp }) => {
        const doc = buildCredential(inp);
        const now = new Date('2026-05-05T05:05:05.555Z');
        const [fast] = await signCredentials([doc], signer, { mode: 'in-thread', now });
        expect(fast.proof).toHaveLength(1);
        expect(fast.proof[0]).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2026-05-05T05:05:05Z' });
        expect(await libraryVerifies(fast, new Date(doc.validFrom))).toBe(true);
        if (compared++ < 25) {
          const [lib] = await signCredentials([doc], signer, { mode: 'in-thread', now, path: 'library' });
          expect(JSON.stringify(fast)).toBe(JSON.stringify(lib));
        }
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it('a tampered fast proof does not verify', async () => {
    const [signed] = await signCredentials([buildCredential(input(signer.controller))], signer, { mode: 'in-thread' });
    const tampered = JSON.parse(JSON.stringify(signed));
    tampered.credentialSubject.identifier[1].identityHash = 'Mallory';
    expect(await libraryVerifies(tampered)).toBe(false);
  });
});
