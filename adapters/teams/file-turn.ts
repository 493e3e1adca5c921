/**
 * @module adapters/teams/file-turn — a message that carries files: which files (the attachment in
 * personal chat; Graph's record of the message in channels and group chats), each fetched at once
 * and handed to the core, whose answer goes back in the file's thread.
 */
import type { Activity } from 'botbuilder';
import type { ConversationRef } from '../../src/core/chat-port.js';
import type { Actor, ConversationCore, Reply } from '../../src/core/events.js';
import type { Logger } from '../../src/log.js';
import { channelFileHelp, filesOf, graphLocator, htmlMentionsAttachment, toSharedFile, type IncomingFile } from './file-intake.js';
import type { GraphFiles } from './graph.js';

const MAX_FILES_PER_MESSAGE = 5;

export interface FileTurn {
  activity: Activity;
  actor: Actor;
  conversation: ConversationRef;
  core: ConversationCore;
  log: Logger;
  maxFileBytes: number;
  graph?: GraphFiles;
  fetch?: typeof fetch;
  /** Answers in the conversation (thread included). */
  say(text: string): Promise<void>;
  answer(reply: Reply): Promise<void>;
}

const teamsTenant = (t: FileTurn) => t.actor.tenantId.replace(/^teams:/, '');

/** The files of the message; undefined when the user has already been told why they cannot be read. */
async function filesInMessage(t: FileTurn): Promise<IncomingFile[] | undefined> {
  const files = filesOf(t.activity);
  if (files.length || !htmlMentionsAttachment(t.activity)) return files;
  // Outside personal chat only Graph knows which file the message carries.
  if (!t.graph) {
    await t.say(channelFileHelp);
    return undefined;
  }
  const locator = graphLocator(t.activity);
  if (!locator) {
    await t.say(`I cannot look this message up (Teams did not say which team it is in). ${channelFileHelp}`);
    return undefined;
  }
  try {
    const found = await t.graph.messageFiles(teamsTenant(t), locator);
    return found.map((f) => ({ where: 'shared' as const, id: `${f.contentUrl}@${t.activity.id}`, name: f.name, contentUrl: f.contentUrl }));
  } catch (err) {
    t.log.warn('teams: could not list the files of a message through Graph', { reason: (err as Error).message });
    await t.say(`I could not read the file: ${(err as Error).message}`);
    return undefined;
  }
}

/** One file: fetched now (Teams links expire), then the core's preview flow. */
async function shareFile(t: FileTurn, file: IncomingFile): Promise<void> {
  if (file.where === 'shared' && !t.graph) return t.say(channelFileHelp);
  let shared;
  try {
    shared = await toSharedFile(file, { graph: t.graph, teamsTenantId: teamsTenant(t), maxBytes: t.maxFileBytes, fetch: t.fetch });
  } catch (err) {
    t.log.warn('teams: could not fetch a shared file', { reason: (err as Error).message });
    return t.say(`I could not read *${file.name}*: ${(err as Error).message}`);
  }
  await t.answer(await t.core.handleFileShare({ actor: t.actor, conversation: t.conversation, file: shared, eventId: t.activity.id }));
}

/** Handles the message's files; false when it carries none (then it is a command). */
export async function handleFiles(t: FileTurn): Promise<boolean> {
  const files = await filesInMessage(t);
  if (!files) return true;
  if (!files.length) return false;
  // Each file is its own share with its own preview, in the order they were attached.
  for (const file of files.slice(0, MAX_FILES_PER_MESSAGE)) await shareFile(t, file);
  return true;
}
