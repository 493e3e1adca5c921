/** @module test/credentials/document-loader — the loader works offline and refuses anything it does not bundle. */
import { describe, expect, it } from '@jest/globals';
import { UnknownDocumentError, bundledContextUrls, offlineDocumentLoader, parseStatusListPath, statusListUrl } from '../../src/credentials/index.js';

const KEY = 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

describe('offline document loader', () => {
  const load = offlineDocumentLoader();

  it('serves the bundled VC 2.0, OB 3.0.3, DID, Multikey and Data Integrity contexts', async () => {
    for (const url of [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://www.w3.org/ns/did/v1',
      'https://w3id.org/security/multikey/v1',
      'https://w3id.org/security/data-integrity/v2',
    ]) {
      expect(bundledContextUrls()).toContain(url);
      const { document } = await load(url);
      expect(document).toHaveProperty('@context');
    }
  });

  it('refuses an unknown URL with a clear error and never fetches it', async () => {
    await expect(load('https://evil.example.com/context.json')).rejects.toThrow(UnknownDocumentError);
    await expect(load('https://evil.example.com/context.json')).rejects.toThrow(
      'Refusing to load "https://evil.example.com/context.json": it is not a bundled JSON-LD context or a did:key',
    );
    await expect(load('did:web:example.com')).rejects.toThrow(/Refusing to load "did:web:example.com"/);
  });

  it('resolves a did:key to its DID document and its verification method', async () => {
    const did = (await load(`did:key:${KEY}`)).document as Record<string, unknown>;
    expect(did.id).toBe(`did:key:${KEY}`);
    expect(did.assertionMethod).toEqual([`did:key:${KEY}#${KEY}`]);
    const vm = (await load(`did:key:${KEY}#${KEY}`)).document as Record<string, unknown>;
    expect(vm).toMatchObject({ type: 'Multikey', controller: `did:key:${KEY}`, publicKeyMultibase: KEY });
  });

  it('refuses a malformed or non-Ed25519 did:key, and a fragment naming another key', async () => {
    await expect(load('did:key:z6MkNOTBASE58_0OIl')).rejects.toThrow(/Unsupported did:key/);
    await expect(load('did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169')).rejects.toThrow(/Unsupported did:key/);
    await expect(load(`did:key:${KEY}#z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH`)).rejects.toThrow(/fragment does not match/);
  });

  it('answers status-list URLs from the callback only when one is given', async () => {
    const url = statusListUrl('https://credbot.example.edu/', 'teams:abc-123', 'list 1');
    expect(url).toBe('https://credbot.example.edu/status/teams:abc-123/list%201');
    expect(parseStatusListPath(new URL(url).pathname)).toEqual({ tenant: 'teams:abc-123', listId: 'list 1' });
    const withLists = offlineDocumentLoader({ statusLists: async (u) => (u === url ? { id: u } : undefined) });
    expect((await withLists(url)).document).toEqual({ id: url });
    await expect(withLists('https://credbot.example.edu/status/other/x')).rejects.toThrow(/No status list is published/);
    await expect(load(url)).rejects.toThrow(UnknownDocumentError);
  });
});
