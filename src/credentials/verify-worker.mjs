// @module credentials/verify-worker.mjs — worker bootstrap: worker threads skip jest's and tsx's
// loaders, so register tsx here, then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./verify-worker.ts');
