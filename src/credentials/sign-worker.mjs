// @module credentials/sign-worker.mjs — worker bootstrap: worker threads skip jest's and tsx's
// loaders, so register tsx here, then hand over to the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./sign-worker.ts');
export default worker.default;
