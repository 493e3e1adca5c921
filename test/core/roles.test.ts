/** Roles: only issuers create, issue and revoke; admins grant the role from chat; every action is audited. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ADMIN, admin, command, makeCore, replyText, stranger, TENANT, type TestCore } from './fixtures.js';

describe('roles', () => {
  let t: TestCore;
  beforeEach(() => {
    t = makeCore();
  });
  afterEach(() => t.close());

  it.each([
    ['group new', 'create groups'],
    ['design new badge', 'create designs'],
    ['', 'issue credentials'],
    ['to "Intro"', 'issue credentials'],
    ['revoke abc', 'revoke credentials'],
    ['status', 'see issuing jobs'],
    ['template Intro', 'download CSV templates'],
  ])('refuses `%s` to a non-issuer, naming who can grant the role', async (text, doing) => {
    const reply = await command(t, text, stranger);
    expect(reply.kind).toBe('message');
    expect(replyText(reply)).toBe(`Only team members (issuers) can ${doing}. Ask a Credbot admin (UADMIN) to run /issue-credential team add USTRANGER.`);
    expect(reply.kind === 'message' && reply.message.tone).toBe('error');
    const [entry] = await t.store.listAudit(TENANT, 1);
    expect(entry).toMatchObject({ actor: 'USTRANGER', action: 'access.denied', target: doing });
  });

  it('lets anyone read help, groups, designs, attributes and the team', async () => {
    for (const text of ['help', 'groups', 'designs', 'attributes', 'team list']) {
      expect(replyText(await command(t, text, stranger))).not.toMatch(/Only team members/);
    }
  });

  it('lets an admin grant and remove the issuer role, which then opens or closes the forms', async () => {
    expect(replyText(await command(t, 'team add <@USTRANGER|sam>'))).toBe('USTRANGER is now a team member and can create designs and groups, issue and revoke.');
    expect((await command(t, 'group new', stranger)).kind).toBe('form');
    expect(replyText(await command(t, 'team list'))).toMatch(/Admins.*UADMIN[\s\S]*• USTRANGER/);
    expect(replyText(await command(t, 'team remove USTRANGER'))).toBe('USTRANGER is no longer a team member.');
    expect(replyText(await command(t, 'group new', stranger))).toMatch(/^Only team members/);
    const actions = (await t.store.listAudit(TENANT, 10)).map((a) => `${a.actor}:${a.action}:${a.target}`);
    expect(actions).toEqual(expect.arrayContaining([`${ADMIN}:team.add:USTRANGER`, `${ADMIN}:team.remove:USTRANGER`]));
  });

  it('does not let an issuer who is not an admin change the team', async () => {
    await command(t, 'team add UISSUER');
    const issuer = { tenantId: TENANT, userId: 'UISSUER' };
    expect(replyText(await command(t, 'team add UOTHER', issuer))).toBe('Only admins can change the team. Ask a Credbot admin (UADMIN).');
    expect(await t.store.isIssuer(TENANT, 'UOTHER')).toBe(false);
  });

  it('keeps admins issuers, and says so when asked to remove one', async () => {
    expect(replyText(await command(t, `team remove ${ADMIN}`))).toMatch(/is an admin \(from configuration\)/);
    expect((await command(t, 'group new', admin)).kind).toBe('form');
  });

  it('scopes the role to its tenant', async () => {
    await command(t, 'team add USTRANGER');
    const elsewhere = { tenantId: 'slack:T0OTHER', userId: 'USTRANGER' };
    expect(replyText(await command(t, 'group new', elsewhere, { tenantId: 'slack:T0OTHER', channelId: 'C9' }))).toMatch(/^Only team members/);
  });

  it('makes the console’s local user an admin, and nobody else in the console', async () => {
    const local = { tenantId: 'console:local', userId: 'local' };
    const visitor = { tenantId: 'console:local', userId: 'visitor' };
    const here = { tenantId: 'console:local', channelId: 'terminal' };
    expect((await command(t, 'group new', local, here)).kind).toBe('form');
    expect(replyText(await command(t, 'group new', visitor, here))).toMatch(/Ask the console admin \(the local user, local\)/);
  });
});
