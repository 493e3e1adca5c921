/**
 * @module adapters/teams/mentions — people @mentioned in a command (`team add @Grace`) by their
 * Entra ID object id, the id the core knows users by. Teams does not always include it in the
 * mention; then the member is looked up (TeamsInfo.getMember).
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from '../../src/log.js';
import { otherMentions } from './activity.js';

/** Mention text (`<at>Grace Hopper</at>`) → user id. */
export async function mentionedUserIds(ctx: TurnContext, log: Logger): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const m of otherMentions(ctx.activity)) {
    let aad = m.aadObjectId;
    if (!aad) {
      try {
        aad = (await TeamsInfo.getMember(ctx, m.id)).aadObjectId;
      } catch (err) {
        log.warn('teams: could not look up a mentioned user', { reason: (err as Error).message });
      }
    }
    ids[m.text] = aad ?? m.id;
  }
  return ids;
}
