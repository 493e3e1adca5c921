/** @module test/slack/socket-mode.test — Socket Mode through a fake Socket Mode server. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.js';
import { memoryLogger } from '../../src/log.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { FakeSocketMode } from '../fakes/slack-socket.js';
import { issueForm, ScriptedCore } from './scripted-core.js';

describe('Slack Socket Mode (SLACK_APP_TOKEN set)', () => {
  let api: FakeSlackApi;
  let socket: FakeSocketMode;
  let adapter: SlackAdapter | undefined;
  afterEach(async () => {
    await adapter?.stop();
    await socket.disconnected();
    await socket.stop();
    await api.stop();
  });

  it('connects out through SLACK_API_URL, acknowledges a slash command over the socket, and opens the modal', async () => {
    api = await new FakeSlackApi().start();
    socket = await new FakeSocketMode().start();
    api.socketUrl = socket.url;
    const core = new ScriptedCore();
    core.onCommand = async () => ({ kind: 'form', form: issueForm() });
    adapter = createSlackAdapter({
      core, store: new MemoryStore(), log: memoryLogger(),
      config: { SLACK_BOT_TOKEN: api.botToken, SLACK_APP_TOKEN: api.appToken, SLACK_SIGNING_SECRET: undefined, SLACK_API_URL: api.apiUrl, CREDBOT_ADMINS: [] },
    });
    expect(adapter.routes).toEqual([]);
    await adapter.start();
    await socket.ready;
    expect(api.callsTo('apps.connections.open')[0]!.token).toBe(api.appToken);

    const id = socket.send('slash_commands', {
      token: 't', team_id: 'T0TEAM', team_domain: 'fake-u', channel_id: 'C0COURSE', channel_name: 'course-staff', user_id: 'U0ISSUER', user_name: 'issuer',
      command: '/issue-credential', text: '', api_app_id: 'A0CREDBOT', response_url: 'https://hooks.slack.com/commands/x', trigger_id: 'trig-socket',
    });
    await api.waitFor(() => api.callsTo('views.open').length === 1);
    expect(socket.acks.map((a) => a.envelope_id)).toContain(id);
    expect(api.callsTo('views.open')[0]!.args.trigger_id).toBe('trig-socket');
    expect(core.commands[0]!.actor.tenantId).toBe('slack:T0TEAM');
  });
});
