/** @module test/slack/manifest.test — the Slack app manifests grant the command, scopes and events the code relies on. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { load } from 'js-yaml';
import { COMMAND } from '../../adapters/slack/listeners/command.js';
import { REQUIRED_BOT_EVENTS, REQUIRED_BOT_SCOPES } from '../../adapters/slack/requirements.js';

const read = (name: string) => load(readFileSync(new URL(`../../manifests/slack/${name}`, import.meta.url), 'utf8')) as any;

describe.each([
  ['manifest.yaml', 'http'],
  ['manifest.socket-mode.yaml', 'socket'],
])('Slack app manifest %s', (file, mode) => {
  const m = read(file);

  it('declares the slash command the adapter listens for, with a usage hint', () => {
    const cmd = m.features.slash_commands.find((c: any) => c.command === COMMAND);
    expect(cmd).toBeDefined();
    expect(cmd.usage_hint).toMatch(/group new/);
    expect(cmd.should_escape).toBe(true);
  });

  it('grants every bot scope the code relies on', () => {
    expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(Object.keys(REQUIRED_BOT_SCOPES)));
  });

  it('subscribes to every event the listeners handle, with interactivity and the home tab on', () => {
    expect(m.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining([...REQUIRED_BOT_EVENTS]));
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(m.features.bot_user.display_name).toBe('Credbot');
    expect(m.display_information.long_description.length).toBeGreaterThanOrEqual(175);
  });

  it(mode === 'http' ? 'sends commands, clicks and events to /slack/events' : 'uses Socket Mode and no request URLs', () => {
    const urls = [m.features.slash_commands[0].url, m.settings.event_subscriptions.request_url, m.settings.interactivity.request_url];
    if (mode === 'http') {
      expect(m.settings.socket_mode_enabled).toBe(false);
      for (const u of urls) expect(new URL(u).pathname).toBe('/slack/events');
    } else {
      expect(m.settings.socket_mode_enabled).toBe(true);
      expect(urls.filter(Boolean)).toEqual([]);
    }
  });
});
