/**
 * @module test/slack/contract.test — the shared adapter contract suite, run against Slack over its
 * real wire: signed requests to `/slack/events`, answers read back from the fake Slack Web API.
 */
import { runAdapterContract, type ContractHarness } from '../contract/adapter-contract.js';
import { startFullSlackBot } from './full-bot.js';

const slack: ContractHarness = {
  name: 'Slack',
  async setup() {
    const full = await startFullSlackBot();
    return {
      issuer: full.issuer,
      stranger: full.stranger,
      uploadedFiles: async () => full.bot.api.uploads.map((u) => ({ name: u.filename, content: u.content, ...(u.threadTs ? { threadId: u.threadTs } : {}) })),
      settle: full.settle,
      verifyCredential: full.verify,
      teardown: full.close,
    };
  },
};

runAdapterContract(slack);
