/**
 * @module test/teams/contract — the shared adapter contract suite, run against Teams over the
 * real wire: activities POSTed to /api/messages, answers read back from the fake Bot Connector.
 * Results files arrive through file-consent cards, which the issuer accepts.
 */
import { verifyCredential } from '../../src/credentials/verify.js';
import { parseStatusListPath } from '../../src/credentials/urls.js';
import { runAdapterContract, type ContractHarness } from '../contract/adapter-contract.js';
import type { ContractSession, SeenFile } from '../contract/harness.js';
import { invoke, postActivity, user } from '../fakes/teams-activities.js';
import { ISSUER_AAD, startFullBot, type FullBot } from './full-bot.js';
import { TeamsContractUser } from './teams-user.js';

/** Accepts every file-consent card not accepted yet, as the user would, so the upload happens. */
async function acceptConsents(bot: FullBot, accepted: Set<string>, people: TeamsContractUser[]): Promise<void> {
  for (const a of bot.connector.activities) {
    const att = a.body.attachments?.[0];
    if (att?.contentType !== 'application/vnd.microsoft.teams.card.file.consent' || accepted.has(a.id)) continue;
    accepted.add(a.id);
    const owner = people.find((p) => p.where.conversationId === a.conversationId) ?? people[0]!;
    const res = await postActivity(bot.url, invoke(owner.where, owner.who, 'fileConsent/invoke', {
      type: 'fileUpload',
      action: 'accept',
      context: att.content.acceptContext,
      uploadInfo: { name: att.name, uploadUrl: bot.connector.uploadUrl(att.name), contentUrl: `https://contoso-my.sharepoint.com/personal/${att.name}`, uniqueId: `u-${a.id}`, fileType: att.name.split('.').pop() },
    }, a.id));
    if (res.status !== 200) throw new Error(`file consent answered ${res.status}`);
  }
}

const harness: ContractHarness = {
  name: 'Teams',
  async setup(): Promise<ContractSession> {
    const bot = await startFullBot();
    const where = (id: string) => ({ serviceUrl: bot.connector.url, conversationId: id, conversationType: 'personal' as const });
    const issuer = new TeamsContractUser(bot.url, bot.connector, { ...user('issuer', 'Ivy Issuer'), aadObjectId: ISSUER_AAD }, where('a:chat-issuer'));
    const stranger = new TeamsContractUser(bot.url, bot.connector, user('stranger', 'Sam Stranger'), where('a:chat-stranger'));
    const accepted = new Set<string>();
    return {
      issuer,
      stranger,
      async uploadedFiles(): Promise<SeenFile[]> {
        await acceptConsents(bot, accepted, [issuer, stranger]);
        return bot.connector.uploads.map((u) => ({ name: u.name, content: u.content }));
      },
      async settle() {
        await bot.core.whenIdle();
        await acceptConsents(bot, accepted, [issuer, stranger]);
      },
      async verifyCredential(idOrUrl) {
        const id = idOrUrl.split('/').pop()!;
        const record = await bot.store.findCredential(id);
        if (!record) return { verified: false, revoked: false };
        const result = await verifyCredential(record.signed, {
          statusLists: async (url) => {
            const at = parseStatusListPath(new URL(url).pathname);
            return at ? ((await bot.store.getStatusListCredential(at.tenant, at.listId)) as any) : undefined;
          },
        });
        return { verified: result.signatureValid, revoked: result.revoked };
      },
      teardown: () => bot.close(),
    };
  },
};

runAdapterContract(harness);
