/**
 * @module test/fakes/slack-requests — what Slack sends to `/slack/events`, in its real formats:
 * slash commands form-encoded, interactivity as `payload=<json>`, event callbacks as JSON, each
 * signed with the v0 scheme (`x-slack-signature`, `x-slack-request-timestamp`).
 */
import { randomUUID } from 'node:crypto';
import { stringify } from 'node:querystring';
import { signSlackRequest } from '../../adapters/slack/verify.js';

export interface SlackRequest {
  body: string;
  contentType: string;
}

export interface SendOptions {
  secret: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Overrides the computed signature (bad-signature tests). */
  signature?: string;
  retryNum?: number;
}

export async function sendSigned(url: string, req: SlackRequest, opts: SendOptions): Promise<{ status: number; text: string; json?: any }> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': req.contentType,
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': opts.signature ?? signSlackRequest(opts.secret, ts, req.body),
  };
  if (opts.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(opts.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const res = await fetch(url, { method: 'POST', headers, body: req.body });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

export interface Who {
  teamId?: string;
  userId?: string;
  channelId?: string;
  enterpriseId?: string;
}

const team = (w: Who) => w.teamId ?? 'T0TEAM';
const user = (w: Who) => w.userId ?? 'U0ISSUER';
const channel = (w: Who) => w.channelId ?? 'C0COURSE';

export function slashCommand(text: string, w: Who & { responseUrl?: string; triggerId?: string } = {}): SlackRequest {
  const fields: Record<string, string> = {
    token: 'legacy-verification-token',
    team_id: team(w),
    team_domain: 'fake-u',
    channel_id: channel(w),
    channel_name: 'course-staff',
    user_id: user(w),
    user_name: 'issuer',
    command: '/issue-credential',
    text,
    api_app_id: 'A0CREDBOT',
    is_enterprise_install: 'false',
    response_url: w.responseUrl ?? 'https://hooks.slack.com/commands/T0TEAM/1/abc',
    trigger_id: w.triggerId ?? `${Date.now()}.1.${randomUUID().slice(0, 8)}`,
  };
  if (w.enterpriseId) fields.enterprise_id = w.enterpriseId;
  return { body: stringify(fields), contentType: 'application/x-www-form-urlencoded' };
}

export function interaction(payload: Record<string, unknown>): SlackRequest {
  return { body: stringify({ payload: JSON.stringify(payload) }), contentType: 'application/x-www-form-urlencoded' };
}

function base(w: Who) {
  return {
    api_app_id: 'A0CREDBOT',
    token: 'legacy-verification-token',
    team: { id: team(w), domain: 'fake-u', ...(w.enterpriseId ? { enterprise_id: w.enterpriseId } : {}) },
    enterprise: w.enterpriseId ? { id: w.enterpriseId, name: 'Grid' } : null,
    user: { id: user(w), username: 'issuer', name: 'issuer', team_id: team(w) },
    is_enterprise_install: false,
  };
}

/** A button click or select choice on a message (`block_actions`, container type message). */
export function messageAction(
  action: { actionId: string; value?: string; selected?: string },
  message: { ts: string; threadTs?: string; blocks?: unknown[] },
  w: Who & { responseUrl?: string } = {},
): SlackRequest {
  const a = action.selected !== undefined
    ? { type: 'static_select', action_id: action.actionId, block_id: 'b1', selected_option: { text: { type: 'plain_text', text: action.selected }, value: action.selected }, action_ts: `${Date.now() / 1000}` }
    : { type: 'button', action_id: action.actionId, block_id: 'b1', value: action.value ?? '', text: { type: 'plain_text', text: 'x' }, action_ts: `${Date.now() / 1000}` };
  return interaction({
    type: 'block_actions',
    ...base(w),
    container: { type: 'message', message_ts: message.ts, channel_id: channel(w), is_ephemeral: false },
    trigger_id: `${Date.now()}.2.${randomUUID().slice(0, 8)}`,
    channel: { id: channel(w), name: 'course-staff' },
    message: { type: 'message', user: 'UBOT', ts: message.ts, thread_ts: message.threadTs, text: 'preview', blocks: message.blocks ?? [] },
    state: { values: {} },
    response_url: w.responseUrl ?? 'https://hooks.slack.com/actions/T0TEAM/2/def',
    actions: [a],
  });
}

/** A modal as Slack echoes it back in interactivity payloads. */
export interface EchoedView {
  id: string;
  hash?: string;
  callback_id: string;
  private_metadata: string;
  blocks: unknown[];
  values?: Record<string, Record<string, unknown>>;
}

function viewBody(v: EchoedView, w: Who) {
  return {
    id: v.id, team_id: team(w), type: 'modal', callback_id: v.callback_id, private_metadata: v.private_metadata,
    hash: v.hash ?? 'h1', blocks: v.blocks, state: { values: v.values ?? {} }, title: { type: 'plain_text', text: 'x' },
    root_view_id: v.id, previous_view_id: null, app_id: 'A0CREDBOT', bot_id: 'BBOT',
  };
}

export function viewSubmission(v: EchoedView, w: Who = {}): SlackRequest {
  return interaction({ type: 'view_submission', ...base(w), trigger_id: `${Date.now()}.3.x`, view: viewBody(v, w), response_urls: [] });
}

/** A button inside a modal ("Add recipient"). */
export function viewAction(v: EchoedView, actionId: string, value: string, w: Who = {}): SlackRequest {
  return interaction({
    type: 'block_actions', ...base(w),
    container: { type: 'view', view_id: v.id },
    trigger_id: `${Date.now()}.4.x`,
    view: viewBody(v, w),
    actions: [{ type: 'button', action_id: actionId, block_id: 'form_actions', value, action_ts: `${Date.now() / 1000}` }],
  });
}

/** Input values as Slack puts them in `view.state.values` (plain text inputs). */
export function typedValues(values: Record<string, string>): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(values).map(([id, value]) => [id, { [id]: { type: 'plain_text_input', value } }]));
}

export function eventCallback(event: Record<string, unknown>, w: Who & { eventId?: string } = {}): SlackRequest & { eventId: string } {
  const eventId = w.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
  const body = {
    token: 'legacy-verification-token',
    team_id: team(w),
    enterprise_id: w.enterpriseId ?? null,
    api_app_id: 'A0CREDBOT',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: w.enterpriseId ?? null, team_id: team(w), user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${eventId}`,
  };
  return { body: JSON.stringify(body), contentType: 'application/json', eventId };
}

/** A `message` event with subtype `file_share`, as Slack sends when a user posts a file. */
export function fileShareMessage(file: Record<string, unknown>, w: Who & { ts?: string; channelType?: string } = {}) {
  const ts = w.ts ?? `${Math.floor(Date.now() / 1000)}.000100`;
  return {
    type: 'message', subtype: 'file_share', text: '', files: [file], upload: false, user: user(w), display_as_bot: false,
    ts, channel: channel(w), channel_type: w.channelType ?? 'channel', event_ts: ts,
  };
}
