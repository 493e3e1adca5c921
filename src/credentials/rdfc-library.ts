/**
 * @module credentials/rdfc-library — rdf-canonize's synchronous RDFC-1.0, on its own so the signing
 * threads can load it without the rest of the JSON-LD stack (which they load only if a credential
 * ever needs the library path).
 */
import * as rdfCanonize from 'rdf-canonize';

/** RDFC-1.0 of an N-Quads document with rdf-canonize's synchronous Node canonizer (node:crypto hashes, no WebCrypto round trips). */
export function canonizeNQuadsSync(nquads: string): string {
  return rdfCanonize._canonizeSync(nquads, { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads', format: 'application/n-quads' });
}
