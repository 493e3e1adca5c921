/**
 * @module test/credentials/issue-batch — the issuing engine's signing step: batches built with one
 * shared (frozen, memoized) issuer and achievement give exactly the library's canonical N-Quads, and
 * the JSON bytes that come back from the signing threads are exactly what the library path signs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MemoryStore } from '../../src/store/memory-store.js';
import { buildCredential, closeSigningPool, getOrCreateIssuerKey, offlineDocumentLoader, signCredentials, type IssuerSigner } from '../../src/credentials/index.js';
import { credentialBuilder, type RecipientInput, type SharedInput } from '../../src/credentials/build.js';
import { canonicalCredential } from '../../src/credentials/canonical.js';
import { issueSerialized, splitDocuments } from '../../src/credentials/issue-batch.js';
import { libraryCanonicalNQuads, type Json } from '../../src/credentials/libs.js';
import { issueCredentials } from '../../src/credentials/sign.js';
import { ENCRYPTION_KEY, TENANT, input } from './fixtures.js';
import { hostileInput } from './hostile.js';

const loader = offlineDocumentLoader();
let signer: IssuerSigner;

beforeAll(async () => {
  signer = await getOrCreateIssuerKey(new MemoryStore(), TENANT, { encryptionKey: ENCRYPTION_KEY });
});
afterAll(closeSigningPool);

const SHARED_KEYS = ['publicBaseUrl', 'tenantId', 'issuer', 'group', 'image', 'achievementType', 'humanCode', 'tags'] as const;

function split(inp: ReturnType<typeof input>): { shared: SharedInput; recipient: RecipientInput } {
  const shared: Record<string, unknown> = {};
  const recipient: Record<string, unknown> = { ...inp };
  for (const k of SHARED_KEYS) {
    if (inp[k] !== undefined) shared[k] = inp[k];
    delete recipient[k];
  }
  return { shared: shared as unknown as SharedInput, recipient: recipient as unknown as RecipientInput };
}

/** One batch: a hostile shared context and 1-5 hostile recipients of it (their extra attribute keys vary). */
const batch = hostileInput('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK').chain(({ input: first, ordinary }) =>
  fc.array(hostileInput('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'), { minLength: 0, maxLength: 3 }).map((others) => ({
    ordinary,
    shared: split(first).shared,
    // A given salt (random ones would make the two builds differ where nothing is wrong).
    recipients: [first, ...others.map((o) => o.input)].map((i) => split(i).recipient).map((r) => ({ ...r, salt: r.salt ?? 'fixed-salt' })),
  })),
);

describe('batches with a shared issuer and achievement', () => {
  it('give the library’s canonical N-Quads for every credential (120 hostile batches), the same as unshared copies', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(batch, async ({ shared, recipients }) => {
        const build = credentialBuilder(shared);
        for (const r of recipients) {
          const doc = build(r);
          const fast = canonicalCredential(doc);
          const copy = JSON.parse(JSON.stringify(doc)) as Json; // nothing shared, nothing memoized
          expect(fast).toBe(canonicalCredential(copy));
          expect(JSON.stringify(doc)).toBe(JSON.stringify(buildCredential({ ...shared, ...r })));
          const lib = await libraryCanonicalNQuads(copy, loader).catch((e: Error) => e);
          if (lib instanceof Error) expect(fast).toBeUndefined();
          else if (fast !== undefined) (compared++, expect(fast).toBe(lib));
        }
      }),
      { numRuns: 120 },
    );
    expect(compared).toBeGreaterThan(80);
  }, 180_000);

  it('keeps one achievement per set of attribute keys (none is not one empty key)', () => {
    const base = input(signer.controller, { group: { ...input(signer.controller).group, customAttributes: [] } });
    const { shared, recipient } = split(base);
    const build = credentialBuilder(shared);
    const results = (attributes: Record<string, string>) =>
      (build({ ...recipient, attributes }) as unknown as { credentialSubject: { achievement: { resultDescription?: { name: string }[] } } })
        .credentialSubject.achievement.resultDescription?.map((d) => d.name);
    expect(results({})).toBeUndefined();
    expect(results({ '': 'x' })).toEqual(['']);
    expect(results({ 'a\u0000b': 'x' })).toEqual(['a\u0000b']);
    expect(results({ a: '1', b: '2' })).toEqual(['a', 'b']);
  });

  it('freezes the shared parts, so no later change can make a remembered dataset stale', () => {
    const { shared, recipient } = split(input(signer.controller));
    const doc = credentialBuilder(shared)(recipient) as unknown as { issuer: Json; credentialSubject: { achievement: Json & { criteria: Json } } };
    expect(() => (doc.issuer.name = 'Someone else')).toThrow(TypeError);
    expect(() => (doc.credentialSubject.achievement.criteria.narrative = 'Nothing')).toThrow(TypeError);
  });
});

describe('signed JSON from the signing threads', () => {
  it('is byte for byte what the library path signs, in the pool and in-thread, in draft order', async () => {
    const base = input(signer.controller);
    const { shared } = split(base);
    const now = new Date('2026-06-01T12:00:00Z');
    const drafts: RecipientInput[] = Array.from({ length: 9 }, (_, i) => ({
      ...split(base).recipient,
      id: `cred-${i}`,
      recipient: { name: ['Zoë Ñúñez-O\'Brien', '李小龍', 'محمد عبد الله', 'A "quoted" \\ name'][i % 4]!, email: `p${i}@example.org` },
      attributes: (i === 4 ? { grade: 'B', hours: '12', note: 'an extra column' } : { grade: 'ABCDE'[i % 5]!, hours: String(i) }) as Record<string, string>,
      statusListIndex: 100 + i,
      salt: `salt-${i}`, // fixed salts: the library's documents are then the same
    }));
    const pooled = await issueCredentials(shared, drafts, signer, { mode: 'pool', now });
    const inThread = await issueCredentials(shared, drafts, signer, { mode: 'in-thread', now });
    const library = await signCredentials(drafts.map((d) => buildCredential({ ...shared, ...d })), signer, { mode: 'in-thread', now, path: 'library' });
    const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
    expect(pooled.map(text)).toEqual(library.map((c) => JSON.stringify(c)));
    expect(inThread.map(text)).toEqual(library.map((c) => JSON.stringify(c)));
  });

  it('refuses a reply that does not hold one document per draft', async () => {
    const { shared, recipient } = split(input(signer.controller));
    const bytes = await issueSerialized(shared, [recipient, { ...recipient, id: 'second' }], signer.toSpec(), new Date());
    expect(splitDocuments(bytes, 2)).toHaveLength(2);
    expect(() => splitDocuments(bytes, 3)).toThrow(/2 credentials for 3 drafts/);
    expect(() => splitDocuments(bytes, 1)).toThrow(/2 credentials for 1 drafts/);
  });
});
