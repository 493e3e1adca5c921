/** @module test/teams/bot-unit — the Teams bot's turn logic in memory, with botbuilder-core's TestAdapter (no HTTP, no connector). */
import { describe, expect, it } from '@jest/globals';
import { TestAdapter } from 'botbuilder-core';
import { CredbotTeamsBot } from '../../adapters/teams/bot.js';
import { TeamsDirectory } from '../../adapters/teams/directory.js';
import { FormStore } from '../../adapters/teams/form-store.js';
import { memoryLogger } from '../../src/log.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { TEAMS_TENANT } from '../fakes/teams-activities.js';
import { ScriptedCore, issueForm, say } from './scripted-core.js';

function adapterFor(core: ScriptedCore) {
  const store = new MemoryStore();
  const bot = new CredbotTeamsBot({ core, store, forms: new FormStore(store), directory: new TeamsDirectory(store), log: memoryLogger(), maxFileBytes: 1000 });
  return new TestAdapter((ctx) => bot.run(ctx), {
    channelId: 'msteams',
    conversation: { id: 'a:personal', conversationType: 'personal', tenantId: TEAMS_TENANT, isGroup: false, name: '' },
    channelData: { tenant: { id: TEAMS_TENANT } },
  });
}

const card = (activity: any) => activity.attachments[0].content;

describe('CredbotTeamsBot with TestAdapter', () => {
  it('answers a command with the core message as an Adaptive Card', async () => {
    const core = new ScriptedCore();
    core.onCommand = async () => ({ kind: 'message', visibility: 'in_channel', message: say('*2* groups') });
    await adapterFor(core)
      .send('groups')
      .assertReply((a) => {
        expect(a.summary).toBe('*2* groups');
        expect(card(a).body[0]).toMatchObject({ type: 'TextBlock', text: '**2** groups' });
      });
    expect(core.commands[0]!.actor.tenantId).toBe(`teams:${TEAMS_TENANT}`);
  });

  it('turns a form reply into a card that opens a dialog', async () => {
    const core = new ScriptedCore();
    core.onCommand = async () => ({ kind: 'form', form: issueForm('fs_5') });
    await adapterFor(core)
      .send('')
      .assertReply((a) => {
        expect(card(a).actions[0]).toMatchObject({ title: 'Open: Issue credentials', data: { msteams: { type: 'task/fetch' }, formKey: 'fs_5' } });
      });
  });
});
