/**
 * @module test/fakes/teams-activities — Teams activities as Teams sends them to `/api/messages`
 * (message, @mention in a channel, personal-chat file, card button, dialog and message-extension
 * invokes, file consent), and a real HTTP POST of them.
 */
export const TEAMS_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT = { id: '28:credbot-app', name: 'Credbot' };

export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export const user = (n: string, name = `User ${n}`): TeamsUser => ({ id: `29:user-${n}`, aadObjectId: `aad-${n}`, name });

export interface Where {
  serviceUrl: string;
  /** Personal chat (`a:…`) or a channel thread (`19:…@thread.tacv2;messageid=…`). */
  conversationId: string;
  conversationType: 'personal' | 'channel' | 'groupChat';
  tenantId?: string;
}

let seq = 0;
export const nextId = () => `${Date.now()}${String(++seq).padStart(4, '0')}`;

function base(where: Where, from: TeamsUser, extra: Record<string, unknown>) {
  const tenantId = where.tenantId ?? TEAMS_TENANT;
  return {
    id: nextId(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: BOT,
    conversation: { id: where.conversationId, conversationType: where.conversationType, tenantId, isGroup: where.conversationType !== 'personal' },
    channelData: { tenant: { id: tenantId }, ...(where.conversationType === 'channel' ? { channel: { id: where.conversationId.split(';')[0] }, team: { id: '19:team@thread.tacv2' } } : {}) },
    locale: 'en-US',
    ...extra,
  };
}

export function textMessage(where: Where, from: TeamsUser, text: string, opts: { mention?: boolean } = {}) {
  if (!opts.mention) return base(where, from, { type: 'message', text, textFormat: 'plain' });
  const mention = `<at>${BOT.name}</at>`;
  return base(where, from, {
    type: 'message',
    text: `${mention} ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: mention, mentioned: BOT }],
  });
}

export function fileMessage(where: Where, from: TeamsUser, name: string, downloadUrl: string) {
  return base(where, from, {
    type: 'message',
    text: '',
    attachments: [
      { contentType: 'application/vnd.microsoft.teams.file.download.info', contentUrl: 'https://contoso-my.sharepoint.com/personal/x/' + name, name, content: { downloadUrl, uniqueId: `uid-${name}`, fileType: name.split('.').pop() } },
    ],
  });
}

export const TEAM_AAD_GROUP = '0f6b7c3e-8a51-4c7e-9d2a-5b1e2c3d4f50';

/**
 * A file posted with an @mention in a channel or group chat, as the bot really receives it: only
 * the message's HTML, where the file is an `<attachment>` tag (the file itself is in Graph).
 */
export function channelFileMessage(where: Where, from: TeamsUser, id = nextId()) {
  const activity = base(where, from, {
    id,
    type: 'message',
    text: `<at>${BOT.name}</at>`,
    entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }],
    attachments: [{ contentType: 'text/html', content: `<div><div><at>${BOT.name}</at>&nbsp;</div><attachment id="a1b2c3"></attachment></div>` }],
  });
  (activity.channelData as any).team = { id: '19:team@thread.tacv2', aadGroupId: TEAM_AAD_GROUP };
  return activity;
}

/** The bot was installed in a chat or team (Teams sends conversationUpdate with the bot among membersAdded). */
export function botAdded(where: Where, by: TeamsUser) {
  return base(where, by, { type: 'conversationUpdate', membersAdded: [{ id: BOT.id }], channelData: { tenant: { id: where.tenantId ?? TEAMS_TENANT }, eventType: where.conversationType === 'channel' ? 'teamMemberAdded' : undefined } });
}

/** A click on an Action.Submit of a card the bot posted (`replyToId` = that card's activity id). */
export function cardSubmit(where: Where, from: TeamsUser, cardActivityId: string, value: Record<string, unknown>) {
  return base(where, from, { type: 'message', text: '', replyToId: cardActivityId, value });
}

export function invoke(where: Where, from: TeamsUser, name: string, value: unknown, replyToId?: string) {
  return base(where, from, { type: 'invoke', name, value, ...(replyToId ? { replyToId } : {}) });
}

export async function postActivity(botUrl: string, activity: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}
