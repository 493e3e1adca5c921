/**
 * @module credentials/worker-entry — where a worker thread of this folder starts. Compiled
 * (`dist/…`): the compiled worker. From source (tsx, jest): its `.mjs` bootstrap, which registers
 * tsx first, because worker threads skip jest's and tsx's loaders.
 */
export function workerEntry(name: 'sign-worker' | 'verify-worker'): URL {
  const compiled = import.meta.url.endsWith('.js');
  return new URL(`./${name}.${compiled ? 'js' : 'mjs'}`, import.meta.url);
}
