/** @module test/credentials/build — what goes into an unsigned credential, and the inputs it refuses. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MemoryStore } from '../../src/store/memory-store.js';
import { buildCredential, closeSigningPool, getOrCreateIssuerKey, signCredentials, verifyCredential, type IssuerSigner } from '../../src/credentials/index.js';
import { credentialBuilder } from '../../src/credentials/build.js';
import { ENCRYPTION_KEY, TENANT, group, input } from './fixtures.js';
import { schemaErrors } from './schema.js';

const PNG_DATA_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let signer: IssuerSigner;
beforeAll(async () => {
  signer = await getOrCreateIssuerKey(new MemoryStore(), TENANT, { encryptionKey: ENCRYPTION_KEY });
});
afterAll(closeSigningPool);

describe('buildCredential', () => {
  it('with every optional field (data: images, type, code, tags, expiry) still matches the schema and verifies', async () => {
    const cred = buildCredential(
      input(signer.controller, {
        issuer: { id: signer.controller, name: 'Example University', url: 'https://example.edu', email: 'badges@example.edu', image: PNG_DATA_URL },
        image: PNG_DATA_URL,
        achievementType: 'Course',
        humanCode: 'DS-101',
        tags: ['data', 'python'],
        group: group({ expiry: { kind: 'fixed', date: '2030-12-31' }, language: 'fr-CA' }),
      }),
    );
    expect(cred.credentialSubject.achievement).toMatchObject({
      image: { id: PNG_DATA_URL, type: 'Image' },
      achievementType: 'Course',
      humanCode: 'DS-101',
      tag: ['data', 'python'],
      inLanguage: 'fr-CA',
      criteria: { narrative: 'Completed all labs and the final project.' },
    });
    expect(cred.issuer.image).toEqual({ id: PNG_DATA_URL, type: 'Image' });
    expect(cred.validUntil).toBe('2030-12-31T23:59:59Z');
    const [signed] = await signCredentials([cred], signer);
    expect(schemaErrors(signed)).toEqual([]);
    expect((await verifyCredential(signed, { now: () => new Date('2026-06-01T00:00:00Z') })).signatureValid).toBe(true);
  });

  it('with the bare minimum (no link, no attributes, no image) matches the schema; criteria falls back to the description', async () => {
    const cred = buildCredential(
      input(signer.controller, { attributes: {}, image: undefined, group: group({ courseLink: undefined, criteria: undefined, customAttributes: [] }) }),
    );
    const achievement = cred.credentialSubject.achievement;
    expect(achievement.criteria.narrative).toBe('Twelve weeks of statistics and Python.');
    for (const absent of ['alignment', 'image', 'resultDescription']) expect(achievement).not.toHaveProperty(absent);
    expect(cred.credentialSubject).not.toHaveProperty('result');
    const [signed] = await signCredentials([cred], signer);
    expect(schemaErrors(signed)).toEqual([]);
  });

  it('declares every group attribute, but only puts values a recipient has into result', () => {
    const cred = buildCredential(input(signer.controller, { attributes: { hours: '12' } }));
    expect(cred.credentialSubject.achievement.resultDescription?.map((d) => d.name)).toEqual(['grade', 'hours']);
    expect(cred.credentialSubject.result?.map((r) => r.value)).toEqual(['12']);
  });

  it('an attribute named like a JavaScript built-in ("constructor", "__proto__") gets only the value the row gave', () => {
    const cred = buildCredential(input(signer.controller, { group: group({ customAttributes: ['constructor', '__proto__'] }), attributes: { constructor: 'Dr' } }));
    expect(cred.credentialSubject.achievement.resultDescription?.map((d) => d.name)).toEqual(['constructor', '__proto__']);
    expect(cred.credentialSubject.result).toEqual([{ type: ['Result'], resultDescription: expect.stringMatching(/#attribute-constructor$/), value: 'Dr' }]);
  });

  it('salts each credential differently unless a salt is given', () => {
    const a = buildCredential(input(signer.controller)).credentialSubject.identifier[0];
    const b = buildCredential(input(signer.controller)).credentialSubject.identifier[0];
    expect(a.salt).not.toBe(b.salt);
    expect(a.identityHash).not.toBe(b.identityHash);
    const fixed = buildCredential(input(signer.controller, { salt: 'pepper' })).credentialSubject.identifier[0];
    // sha256("ann.lee@example.org" + "pepper"): the email is trimmed and lower-cased first
    expect(fixed.identityHash).toBe('sha256$' + createHash('sha256').update('ann.lee@example.orgpepper').digest('hex'));
  });

  it('salts 600 credentials of one batch with 600 different random salts (32 hex digits each)', () => {
    const build = credentialBuilder(input(signer.controller));
    const salts = Array.from({ length: 600 }, (_, i) => build({ ...input(signer.controller), statusListIndex: i }).credentialSubject.identifier[0].salt);
    expect(salts.every((s) => /^[0-9a-f]{32}$/.test(s!))).toBe(true);
    expect(new Set(salts).size).toBe(600);
  });

  it('refuses the same bad input with the same message when building a batch', () => {
    const bad: Partial<Parameters<typeof input>[1]>[] = [
      { publicBaseUrl: 'credbot.example.edu' },
      { issuedOn: 'last Tuesday' },
      { expiresOn: 'never' },
      { recipient: { name: ' ', email: 'a@b.org' } },
      { recipient: { name: 'Ann', email: 'ann' } },
      { statusListIndex: 1.5 },
      { group: group({ expiry: { kind: 'fixed', date: '2020-01-01' } }) },
      { id: 'bad \ud800 id' },
      { attributes: { ['bad \ud800 key']: 'x' } },
    ];
    for (const over of bad) {
      const one = input(signer.controller, over);
      const message = (f: () => unknown) => {
        try {
          f();
        } catch (err) {
          return (err as Error).message;
        }
        return 'no error';
      };
      const expected = message(() => buildCredential(one));
      expect(expected).not.toBe('no error');
      expect(message(() => credentialBuilder(one)(one))).toBe(expected);
    }
  });

  it('refuses bad input with a specific message', () => {
    expect(() => buildCredential(input(signer.controller, { publicBaseUrl: 'credbot.example.edu' }))).toThrow(/Public base URL must be an absolute URL/);
    expect(() => buildCredential(input(signer.controller, { issuedOn: 'last Tuesday' }))).toThrow(/Issue date must be an ISO 8601 date-time/);
    expect(() => buildCredential(input(signer.controller, { recipient: { name: ' ', email: 'a@b.org' } }))).toThrow(/Recipient name is empty/);
    expect(() => buildCredential(input(signer.controller, { recipient: { name: 'Ann', email: 'ann' } }))).toThrow(/not an email address/);
    expect(() => buildCredential(input(signer.controller, { statusListIndex: -1 }))).toThrow(/Status list index must be a whole number/);
  });
});
