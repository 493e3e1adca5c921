/** @module test/credentials/sign-verify — issued credentials match the OB 3.0 schema and verify; tampering is caught. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { MemoryStore } from '../../src/store/memory-store.js';
import {
  buildCredential,
  closeSigningPool,
  emailMatches,
  getOrCreateIssuerKey,
  offlineDocumentLoader,
  signCredentials,
  verifyCredential,
  type IssuerSigner,
  type SignedCredential,
} from '../../src/credentials/index.js';
import { ENCRYPTION_KEY, TENANT, group, input } from './fixtures.js';
import { schemaErrors } from './schema.js';

let signer: IssuerSigner;
let signed: SignedCredential;

beforeAll(async () => {
  signer = await getOrCreateIssuerKey(new MemoryStore(), TENANT, { encryptionKey: ENCRYPTION_KEY });
  [signed] = await signCredentials([buildCredential(input(signer.controller))], signer);
});
afterAll(closeSigningPool);

/** Verification straight through @digitalbazaar/vc, as any third party would (status not checked here). */
async function libraryVerifies(credential: object): Promise<boolean> {
  const result = await vc.verifyCredential({
    credential: credential as Record<string, unknown>,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: offlineDocumentLoader(),
    checkStatus: async () => ({ verified: true }),
    now: new Date('2026-03-02T00:00:00Z'),
  });
  return result.verified;
}

describe('an issued credential', () => {
  it('validates against the official OB 3.0 AchievementCredential schema', () => {
    expect(schemaErrors(signed)).toEqual([]);
  });

  it('has the OB 3.0 shape: contexts, URL id, did:key issuer, hashed email, one proof in an array', () => {
    expect(signed['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(signed.id).toBe('https://credbot.example.edu/credentials/0b8e3f4e-5a51-4c4a-9a57-6f0f6f1c2d3e');
    expect(signed.issuer).toMatchObject({ id: signer.controller, type: ['Profile'], name: 'Example University', url: 'https://example.edu' });
    expect(signer.controller).toMatch(/^did:key:z6Mk/);
    const [email, name] = signed.credentialSubject.identifier;
    expect(email).toMatchObject({ identityType: 'emailAddress', hashed: true });
    expect(email.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(JSON.stringify(signed)).not.toContain('Example.org');
    expect(emailMatches(email, 'ann.lee@example.org')).toBe(true);
    expect(emailMatches(email, 'someone@example.org')).toBe(false);
    expect(name).toEqual({ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Ann Lee' });
    expect(signed.credentialSubject.achievement.alignment?.[0].targetUrl).toBe('https://learn.example.edu/courses/ds101');
    expect(signed.credentialSubject.result).toEqual([
      { type: ['Result'], resultDescription: 'https://credbot.example.edu/achievements/grp-1#attribute-grade', value: 'A' },
      { type: ['Result'], resultDescription: 'https://credbot.example.edu/achievements/grp-1#attribute-hours', value: '40' },
    ]);
    expect(signed.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusListIndex: '4242',
      statusListCredential: 'https://credbot.example.edu/status/slack:T0CRED/list-1',
    });
    expect(signed.proof).toHaveLength(1);
    expect(signed.proof[0]).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', verificationMethod: signer.keyId });
  });

  it('verifies with @digitalbazaar/vc directly and through verifyCredential', async () => {
    expect(await libraryVerifies(signed)).toBe(true);
    const result = await verifyCredential(signed, { now: () => new Date('2026-03-02T00:00:00Z') });
    expect(result).toMatchObject({ status: 'valid', signatureValid: true, revoked: false, expired: false });
  });

  it('fails verification when its name is changed', async () => {
    const tampered = { ...signed, name: 'Advanced Data Science' };
    expect(await libraryVerifies(tampered)).toBe(false);
    const result = await verifyCredential(tampered);
    expect(result.status).toBe('invalid');
    expect(result.signatureValid).toBe(false);
    expect(result.errors.join(' ')).toMatch(/signature|verif/i);
  });

  it('explains why something that is not a signed credential is invalid', async () => {
    expect((await verifyCredential({})).errors).toEqual(['Not a verifiable credential: "@context" must be an array']);
    const { proof: _proof, ...unsigned } = signed;
    expect(await verifyCredential(unsigned)).toMatchObject({ status: 'invalid', errors: ['The credential is not signed: it has no "proof"'] });
  });

  it('fails verification when signed by a different key than its issuer claims', async () => {
    const other = await getOrCreateIssuerKey(new MemoryStore(), 'slack:T0OTHER', { encryptionKey: ENCRYPTION_KEY });
    const [forged] = await signCredentials([buildCredential(input(signer.controller))], other);
    expect((await verifyCredential(forged)).status).toBe('invalid');
  });
});

describe('custom attributes', () => {
  const hostile: Record<string, string> = {
    grade: '"A+" <script>alert(1)</script>',
    'note "quoted"': "it's \\ back\\slash & <b>bold</b>",
    'ünïcødé 名前': '🎓 Ünïcødé — 名前',
    '@id': 'not-a-term',
    'a/b?c#d': 'line1\nline2',
  };

  it('sign and verify with hostile keys and values, schema-valid, values kept verbatim', async () => {
    const cred = buildCredential(input(signer.controller, { id: 'hostile-1', attributes: hostile, group: group({ customAttributes: ['grade'] }) }));
    const [out] = await signCredentials([cred], signer);
    expect(schemaErrors(out)).toEqual([]);
    expect(await libraryVerifies(out)).toBe(true);
    const values = out.credentialSubject.result?.map((r) => r.value);
    expect(values).toEqual(Object.values(hostile));
    const names = out.credentialSubject.achievement.resultDescription?.map((d) => d.name);
    expect(names).toEqual(Object.keys(hostile));
  });

  it('a changed attribute value breaks the signature', async () => {
    const [out] = await signCredentials([buildCredential(input(signer.controller))], signer);
    const tampered = structuredClone(out);
    tampered.credentialSubject.result![0].value = 'A+';
    expect(await libraryVerifies(tampered)).toBe(false);
  });
});

describe('signing in batches', () => {
  it('signs a batch on the worker pool in input order, each verifiable and schema-valid', async () => {
    const recipients = Array.from({ length: 12 }, (_, i) => ({ name: `Person ${i}`, email: `p${i}@example.org` }));
    const unsigned = recipients.map((recipient, i) => buildCredential(input(signer.controller, { id: `batch-${i}`, recipient, statusListIndex: i })));
    const out = await signCredentials(unsigned, signer, { mode: 'pool' });
    expect(out.map((c) => c.id)).toEqual(unsigned.map((c) => c.id));
    for (const c of [out[0], out[11]]) {
      expect(schemaErrors(c)).toEqual([]);
      expect(await libraryVerifies(c)).toBe(true);
    }
  });

  it('refuses to sign a credential that already has a proof', async () => {
    await expect(signCredentials([signed], signer, { mode: 'in-thread' })).rejects.toThrow(/already signed/);
  });
});
