/**
 * @module test/delivery/members — a Slack-like chat port where everybody is a workspace member and every
 * direct message is recorded, and the people a test issues to: "delivered" is a message anyone could count.
 */
import type { ChatPort } from '../../src/core/chat-port.js';

/** A Slack-like port where everybody is a member; it records who got a direct message. */
export function everybodyPort() {
  const dms: string[] = [];
  const port: ChatPort = {
    name: 'Slack',
    postMessage: async (to) => ({ conversation: to, messageId: '1' }),
    updateMessage: async () => undefined,
    uploadFile: async () => undefined,
    findUserByEmail: async (_tenant, email) => `U:${email}`,
    sendDirect: async (_tenant, user) => void dms.push(user),
  };
  return { port, dms };
}

export const people = (n: number, label: string) => Array.from({ length: n }, (_, i) => ({ name: `Person ${i}`, email: `${label}${i}@example.org` }));
/** The direct messages these people should have got, one each, sorted like `dms.sort()`. */
export const membersOf = (list: { email: string }[]) => list.map((p) => `U:${p.email}`).sort();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
