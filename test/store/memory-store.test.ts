/** @module test/store/memory-store.test — the in-memory store against the shared store contract. */
import { MemoryStore } from '../../src/store/memory-store.js';
import { storeContract } from './store-contract.js';

storeContract('MemoryStore', async () => {
  // Real time plus an offset: waits still pass, and `advance` expires entries without sleeping.
  let offset = 0;
  const store = new MemoryStore({ now: () => Date.now() + offset });
  let n = 0;
  return {
    store,
    other: store, // one process: the second "connection" is the same store
    connect: () => ({ store, close: async () => undefined }),
    tenant: (label) => `test:${label}`,
    id: (label) => `${label}-${++n}`,
    advance: async (ms) => { offset += ms; },
    cleanup: () => store.close(),
  };
});
