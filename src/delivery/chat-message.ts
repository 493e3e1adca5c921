/** @module delivery/chat-message — the direct message a recipient who is a workspace member receives. */
import type { Message } from '../core/ui.js';
import { badgeImageUrl, type CredentialBundle } from './artifacts.js';

/** Strips the chat markup characters from names staff typed, so a name cannot restyle or fake a link. */
const safe = (text: string) => text.replace(/[*_`<>|]/g, '');

/**
 * Slack fetches an image block's URL when the message is posted and refuses the whole message when it
 * cannot: a local address (a bot run on a laptop) gets the link only.
 */
export function publiclyReachable(base: string): boolean {
  try {
    const u = new URL(base);
    return u.protocol === 'https:' && !/^(localhost|127\.|10\.|192\.168\.|\[::1\])/.test(u.hostname) && u.hostname.includes('.');
  } catch {
    return false;
  }
}

export function credentialDirectMessage(bundle: CredentialBundle, publicBaseUrl: string, issuerName: string): Message {
  const course = safe(bundle.group.courseName);
  const who = safe(issuerName);
  const text = `${who} has issued you a credential: *${course}*. View, verify and share it: <${bundle.link}|your credential>`;
  return {
    text: `${who} has issued you a credential: ${course}. View, verify and share it: ${bundle.link}`,
    blocks: [
      { type: 'text', text },
      ...(publiclyReachable(publicBaseUrl) ? [{ type: 'image' as const, url: badgeImageUrl(publicBaseUrl, bundle.credential.id), alt: `Badge: ${course}` }] : []),
      { type: 'context', text: 'It is a verifiable Open Badges 3.0 credential: anyone you share the link with can check it.' },
    ],
    tone: 'success',
  };
}
