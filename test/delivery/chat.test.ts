/**
 * @module test/delivery/chat.test — recipients who are workspace members also get a direct message with
 * the badge and the link; others are not messaged; a platform that cannot look members up is left alone.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import type { ChatPort, ConversationRef } from '../../src/core/chat-port.js';
import type { Message } from '../../src/core/ui.js';
import { BASE, startBot, type Bot } from './harness.js';
import { startSmtp, type TestSmtp } from './smtp.js';

/** A chat port with two members; it remembers lookups and direct messages. */
function memberPort(members: Record<string, string>) {
  const lookups: { email: string; near?: ConversationRef }[] = [];
  const dms: { user: string; message: Message }[] = [];
  let failNext = 0;
  const port: ChatPort = {
    name: 'Slack',
    postMessage: async (to) => ({ conversation: to, messageId: '1' }),
    updateMessage: async () => undefined,
    uploadFile: async () => undefined,
    findUserByEmail: async (_tenant, email, near) => {
      lookups.push({ email, ...(near ? { near } : {}) });
      return members[email.toLowerCase()];
    },
    sendDirect: async (_tenant, user, message) => {
      if (failNext > 0) {
        failNext--;
        throw new Error('slack_webapi_platform_error: ratelimited');
      }
      dms.push({ user, message });
    },
  };
  return { port, lookups, dms, failOnce: () => void (failNext = 1) };
}

const bots: Bot[] = [];
const servers: TestSmtp[] = [];
afterAll(async () => {
  for (const b of bots) await b.close();
  for (const s of servers) await s.close();
});

describe('chat delivery', () => {
  it('sends a direct message with the badge and the link to members, alongside the email', async () => {
    const smtp = await startSmtp();
    servers.push(smtp);
    const chat = memberPort({ 'ann@example.org': 'U_ANN' });
    chat.failOnce(); // a rate-limited first try is retried
    const bot = await startBot('chat', { smtpPort: smtp.port, platform: 'slack', ports: { slack: chat.port } });
    bots.push(bot);
    const job = await bot.issue([{ name: 'Ann Lee', email: 'Ann@Example.org' }, { name: 'Out Sider', email: 'out@elsewhere.org' }]);
    await bot.delivery.idle();
    const rows = await bot.engine.rows(bot.tenant, job.id);
    const link = `${BASE}/credentials/${rows[0]!.credentialId}`;

    expect(chat.dms).toHaveLength(1);
    const dm = chat.dms[0]!;
    expect(dm.user).toBe('U_ANN');
    expect(dm.message.text).toContain(link);
    expect(dm.message.blocks).toContainEqual({ type: 'image', url: `${link}/badge.png`, alt: 'Badge: Data Science 101' });
    // Every lookup (the retry looks up again) names the job's conversation: Teams finds members through it.
    expect(chat.lookups.map((l) => l.near?.channelId)).toEqual(['C1', 'C1', 'C1']);

    const outcomes = await bot.delivery.service.outcomes(bot.tenant, rows.map((r) => r.credentialId!));
    expect(outcomes.get(rows[0]!.credentialId!)!.map((r) => [r.channel, r.outcome, r.attempts])).toEqual([['email', 'sent', 1], ['chat', 'sent', 2]]);
    expect(outcomes.get(rows[1]!.credentialId!)!.map((r) => [r.channel, r.outcome, r.detail])).toEqual([
      ['email', 'sent', undefined], ['chat', 'skipped', 'not a member of the workspace'],
    ]);
    const csv = (await bot.delivery.withResults(bot.engine).resultsCsv(bot.tenant, job.id)).toString('utf8').split('\r\n');
    expect(csv[1]).toMatch(/,email sent; chat sent$/);
    expect(csv[2]).toMatch(/,email sent$/);
    expect(smtp.received).toHaveLength(2);
  });

  it('does not message anyone when the group switches chat off, and records nothing for chat', async () => {
    const chat = memberPort({ 'ann@example.org': 'U_ANN' });
    const bot = await startBot('chatoff', { platform: 'slack', ports: { slack: chat.port }, group: { deliverChat: false } });
    bots.push(bot);
    const job = await bot.issue([{ name: 'Ann Lee', email: 'ann@example.org' }]);
    await bot.delivery.idle();
    expect(chat.dms).toHaveLength(0);
    expect((await bot.delivery.service.jobSummary(bot.tenant, job.id)).counts).toEqual({ email: { skipped: 1 } });
  });

  it('leaves chat out on a platform without member lookup (the console)', async () => {
    const { port } = memberPort({});
    const { findUserByEmail: _omit, ...consolePort } = port;
    const bot = await startBot('console', { platform: 'console', ports: { console: consolePort } });
    bots.push(bot);
    const job = await bot.issue([{ name: 'Ann Lee', email: 'ann@example.org' }]);
    await bot.delivery.idle();
    expect((await bot.delivery.service.jobSummary(bot.tenant, job.id)).counts).toEqual({ email: { skipped: 1 } });
  });
});
