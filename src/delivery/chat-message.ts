/** @module delivery/chat-message — the direct message a recipient who is a workspace member receives. */
import type { Message } from '../core/ui.js';
import { badgeImageUrl, type CredentialBundle } from './artifacts.js';

/** Strips the chat markup characters from names staff typed, so a name cannot restyle or fake a link. */
const safe = (text: string) => text.replace(/[*_`<>|]/g, '');

export function credentialDirectMessage(bundle: CredentialBundle, publicBaseUrl: string, issuerName: string): Message {
  const course = safe(bundle.group.courseName);
  const who = safe(issuerName);
  const text = `:tada: ${who} has issued you a credential: *${course}*. View, verify and share it: <${bundle.link}|your credential>`;
  return {
    text: `${who} has issued you a credential: ${course}. View, verify and share it: ${bundle.link}`,
    blocks: [
      { type: 'text', text },
      { type: 'image', url: badgeImageUrl(publicBaseUrl, bundle.credential.id), alt: `Badge: ${course}` },
      { type: 'context', text: 'It is a verifiable Open Badges 3.0 credential. It was also sent to you by email.' },
    ],
    tone: 'success',
  };
}
