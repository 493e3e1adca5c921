/**
 * @module credentials/document-loader — the offline JSON-LD document loader: bundled contexts,
 * did:key documents, and (for verification) status-list credentials from a callback. Never fetches.
 */
import { bundledContexts, newStaticLoader, type DocumentLoader, type Json } from './libs.js';
import { resolveDidKey } from './did-key.js';

export type { DocumentLoader };

/** Returns the status-list credential published at a URL (e.g. read from the store), or undefined. */
export type StatusListSource = (url: string) => Promise<Json | undefined>;

export class UnknownDocumentError extends Error {
  readonly code = 'UNKNOWN_DOCUMENT';
  constructor(readonly url: string) {
    super(`Refusing to load "${url}": it is not a bundled JSON-LD context or a did:key, and credentials are verified offline.`);
    this.name = 'UnknownDocumentError';
  }
}

let staticLoader: DocumentLoader | undefined;
const known = bundledContexts();

function contextsLoader(): DocumentLoader {
  staticLoader ??= newStaticLoader(bundledContexts());
  return staticLoader;
}

/** The bundled context URLs (for documentation and tests). */
export function bundledContextUrls(): string[] {
  return [...known.keys()];
}

/**
 * Builds a loader. Status-list URLs are answered by `statusLists` when given; everything else that
 * is not bundled is refused with UnknownDocumentError.
 */
export function offlineDocumentLoader(opts: { statusLists?: StatusListSource } = {}): DocumentLoader {
  const contexts = contextsLoader();
  return async (url: string) => {
    if (known.has(url)) return contexts(url);
    if (url.startsWith('did:key:')) {
      return { contextUrl: null, documentUrl: url, document: await resolveDidKey(url) };
    }
    if (opts.statusLists && /^https?:\/\//.test(url)) {
      const doc = await opts.statusLists(url);
      if (doc) return { contextUrl: null, documentUrl: url, document: doc };
      throw new Error(`No status list is published at ${url}`);
    }
    throw new UnknownDocumentError(url);
  };
}
