import { beforeAll, describe, expect, it } from '@jest/globals';
import { bakePng, defaultDesign, readBakedCredential, renderBadgePng, RenderError, sampleValues } from '../../src/render/index.js';
import { readChunks, crc32 } from '../../src/render/baking.js';
import { decodePng } from './helpers.js';

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  credentialSubject: { name: '李小龍 & محمد <Zoë>' },
  proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z3abc' }],
};

describe('baking a credential into a badge PNG', () => {
  let badge: Buffer;
  beforeAll(async () => {
    badge = await renderBadgePng(defaultDesign('badge'), sampleValues());
  });

  it('round-trips the credential, non-ASCII names included', () => {
    expect(readBakedCredential(bakePng(badge, credential))).toEqual(credential);
    expect(readBakedCredential(bakePng(badge, JSON.stringify(credential, null, 2)))).toEqual(credential);
  });

  it('writes one uncompressed iTXt chunk `openbadgecredential` with compact JSON, just before IEND, with a correct CRC', () => {
    const baked = bakePng(badge, credential);
    const chunks = readChunks(baked); // readChunks checks every CRC
    const itxt = chunks[chunks.length - 2]!;
    expect(itxt.type).toBe('iTXt');
    expect(chunks[chunks.length - 1]!.type).toBe('IEND');
    expect(itxt.data.toString('utf8')).toBe(`openbadgecredential\0\0\0\0\0${JSON.stringify(credential)}`);
  });

  it('leaves the image intact: the baked PNG still decodes to the same pixels', () => {
    const before = decodePng(badge);
    const after = decodePng(bakePng(badge, credential));
    expect([after.width, after.height]).toEqual([600, 600]);
    expect(Buffer.from(after.rgba).equals(Buffer.from(before.rgba))).toBe(true);
  });

  it('re-baking replaces the old credential instead of adding a second one', () => {
    const twice = bakePng(bakePng(badge, credential), { ...credential, id: 'urn:uuid:2' });
    expect(readChunks(twice).filter((c) => c.type === 'iTXt')).toHaveLength(1);
    expect(readBakedCredential(twice)).toMatchObject({ id: 'urn:uuid:2' });
  });

  it('reads null from a badge that carries no credential', () => {
    expect(readBakedCredential(badge)).toBeNull();
  });

  it('refuses what is not a PNG, and a damaged PNG', () => {
    expect(() => bakePng(Buffer.from('GIF89a'), credential)).toThrow(RenderError);
    const damaged = Buffer.from(bakePng(badge, credential));
    damaged[damaged.length - 20] ^= 0xff; // inside the iTXt data
    expect(() => readBakedCredential(damaged)).toThrow(/CRC mismatch/);
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
  });
});
