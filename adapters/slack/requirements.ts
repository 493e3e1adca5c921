/**
 * @module adapters/slack/requirements — the scopes and events this adapter relies on, each with
 * the reason. The manifests in `manifests/slack/` must grant them; a test holds them to it.
 */
export const REQUIRED_BOT_SCOPES: Record<string, string> = {
  commands: '/issue-credential',
  'chat:write': 'previews, progress, summaries (chat.postMessage, chat.update, chat.postEphemeral)',
  'files:read': 'download shared CSVs (url_private_download, files.info)',
  'files:write': 'results CSV and design previews (files.uploadV2)',
  'channels:history': 'file_share messages in public channels',
  'groups:history': 'file_share messages in private channels',
  'im:history': 'file_share messages in direct messages with the bot',
  'mpim:history': 'file_share messages in group direct messages',
  'im:write': 'direct messages to users (conversations.open)',
  'channels:join': 'post results in a public channel where /issue-credential was used without the bot (conversations.join)',
  'users:read': 'names of users',
  'users:read.email': 'find a recipient by email (users.lookupByEmail)',
};

/** Events the listeners subscribe to (`message.*` all arrive as the `message` event). */
export const REQUIRED_BOT_EVENTS = ['message.channels', 'message.groups', 'message.im', 'file_shared', 'app_home_opened'] as const;
