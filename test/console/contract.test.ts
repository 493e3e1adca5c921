/** The shared adapter contract, run through the console adapter. */
import { runAdapterContract } from '../contract/adapter-contract.js';
import { consoleHarness } from './harness.js';

runAdapterContract(consoleHarness);
