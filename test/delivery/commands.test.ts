/**
 * @module test/delivery/commands.test — delivery through the conversation core: `resend` (issuers only,
 * audited, by link or email), and `status` showing how delivery went, with the results file's column.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCore, type Core } from '../../src/core/create-core.js';
import type { Actor, Reply } from '../../src/core/events.js';
import * as intake from '../../src/intake/index.js';
import * as render from '../../src/render/index.js';
import { RecordingPort } from '../core/fixtures.js';
import { BASE, startBot, type Bot } from './harness.js';
import { startSmtp, type TestSmtp } from './smtp.js';

let smtp: TestSmtp;
let bot: Bot;
let core: Core;
let port: RecordingPort;
let issuer: Actor;
let stranger: Actor;
let jobId: string;

const say = (text: string, actor = issuer): Promise<Reply> => core.handleCommand({ actor, conversation: { tenantId: actor.tenantId, channelId: 'C1' }, text });
const textOf = (r: Reply) => (r.kind === 'message' ? r.message.text : '');

beforeAll(async () => {
  smtp = await startSmtp();
  smtp.refuse.add('gone@example.org');
  port = new RecordingPort();
  bot = await startBot('core', { smtpPort: smtp.port, platform: 'slack', ports: { slack: port } });
  issuer = { tenantId: bot.tenant, userId: 'UISSUER' };
  stranger = { tenantId: bot.tenant, userId: 'USTRANGER' };
  await bot.store.addIssuer(bot.tenant, 'UISSUER');
  core = createCore({
    store: bot.store,
    engine: bot.delivery.withResults(bot.engine),
    intake, render,
    ports: { slack: port },
    admins: [],
    publicBaseUrl: BASE,
    limits: { csvMaxBytes: 1 << 20, csvMaxRows: 1000 },
    clock: () => new Date(),
    random: Math.random,
    log: bot.log,
    delivery: bot.delivery.service,
  });
  const job = await bot.issue([
    { name: 'Ann Lee', email: 'ann@example.org' },
    { name: 'Gone Away', email: 'gone@example.org' },
    { name: 'Cy Park', email: 'cy@example.org' },
  ]);
  jobId = job.id;
  await bot.delivery.idle();
});

afterAll(async () => {
  await core.whenIdle();
  await bot.close();
  await smtp.close();
});

describe('resend', () => {
  it('is for issuers only', async () => {
    const reply = await say('resend ann@example.org', stranger);
    expect(textOf(reply)).toMatch(/^Only team members \(issuers\) can send credentials again\./);
    expect(smtp.received).toHaveLength(2);
  });

  it('says how to write it when the credential is missing, and names what it cannot find', async () => {
    expect(textOf(await say('resend'))).toBe('Which credential? Give its id, its link, or the recipient’s email address. Usage: /issue-credential resend <credential id or email>');
    expect(textOf(await say('resend 00000000-0000-4000-8000-000000000000'))).toBe(
      'Nothing was sent again: There is no credential “00000000-0000-4000-8000-000000000000” in this workspace. Give its id, its link, or the recipient\'s email address.',
    );
    expect(textOf(await say('resend nobody@example.org'))).toBe('Nothing was sent again: Nobody with that email address holds a credential in this workspace.');
  });

  it('sends the credential again by its link, and writes it in the audit log', async () => {
    const [ann] = await bot.engine.rows(bot.tenant, jobId);
    const reply = await say(`resend <${BASE}/credentials/${ann!.credentialId}>`);
    expect(textOf(reply)).toBe(`Sending the credential of Ann Lee (${ann!.credentialId}) by email again. Run /issue-credential status on its job to see whether it arrived.`);
    await bot.delivery.idle();
    expect(smtp.received.filter((m) => m.to[0] === 'ann@example.org')).toHaveLength(2);
    const audit = await bot.store.listAudit(bot.tenant, 5);
    expect(audit[0]).toMatchObject({ actor: 'UISSUER', action: 'credential.resend', target: ann!.credentialId, detail: { channels: ['email'] } });
  });

  it('does not send a revoked credential again', async () => {
    const rows = await bot.engine.rows(bot.tenant, jobId);
    await bot.engine.revoke(bot.tenant, rows[2]!.credentialId!, 'test', 'UISSUER');
    expect(textOf(await say('resend cy@example.org'))).toBe('Nothing was sent again: That credential is revoked: it is not sent again.');
  });
});

describe('status', () => {
  it('shows delivery per job, the rows not delivered with the server’s reply, and a results file with a delivery column', async () => {
    const list = textOf(await say('status'));
    expect(list).toContain('delivery: email 2 sent, 1 refused');
    const one = textOf(await say(`status ${jobId}`));
    expect(one).toContain('Delivery: email 2 sent, 1 refused.');
    expect(one).toMatch(/Row 2: email refused — 550 5\.1\.1 <gone@example\.org>: Recipient address rejected/);
    const file = port.files.at(-1)!.file;
    const lines = file.content.toString('utf8').split('\r\n');
    expect(lines[0]).toBe('row,name,email,outcome,credential_url,reason,delivery');
    expect(lines[2]).toMatch(/^2,Gone Away,gone@example\.org,issued,.*,email refused: 550 5\.1\.1/);
  });
});
