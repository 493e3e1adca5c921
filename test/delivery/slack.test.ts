/**
 * @module test/delivery/slack.test — chat delivery through the real Slack adapter against the fake Slack
 * Web API: the recipient is found with `users.lookupByEmail` and gets a DM with the badge and the link.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSlackBot, type RunningSlackBot } from '../fakes/slack-harness.js';
import { ScriptedCore } from '../slack/scripted-core.js';
import { BASE, startBot, type Bot } from './harness.js';

let slack: RunningSlackBot;
let bot: Bot;
beforeAll(async () => {
  slack = await startSlackBot({ core: new ScriptedCore() });
  slack.api.users.set('ann@example.org', 'U0ANN');
  bot = await startBot('slack', { platform: 'slack', ports: { slack: slack.adapter.port } });
});
afterAll(async () => {
  await bot.close();
  await slack.stop();
});

describe('Slack direct messages to recipients', () => {
  it('finds members by email and sends them a DM with the badge image and the link; others get none', async () => {
    const job = await bot.issue([{ name: 'Ann Lee', email: 'Ann@example.org' }, { name: 'Out Sider', email: 'out@elsewhere.org' }]);
    await bot.delivery.idle();
    const [ann] = await bot.engine.rows(bot.tenant, job.id);
    const link = `${BASE}/credentials/${ann!.credentialId}`;

    expect(slack.api.callsTo('users.lookupByEmail').map((c) => c.args.email).sort()).toEqual(['Ann@example.org', 'out@elsewhere.org']);
    const dms = slack.api.callsTo('chat.postMessage');
    expect(dms).toHaveLength(1);
    expect(dms[0]!.args.channel).toBe('D0ANN');
    expect(String(dms[0]!.args.text)).toContain(link);
    const blocks = typeof dms[0]!.args.blocks === 'string' ? JSON.parse(dms[0]!.args.blocks) : dms[0]!.args.blocks;
    expect(blocks).toContainEqual(expect.objectContaining({ type: 'image', image_url: `${link}/badge.png` }));

    const summary = await bot.delivery.service.jobSummary(bot.tenant, job.id);
    expect(summary.counts.chat).toEqual({ sent: 1, skipped: 1 });
  });
});
