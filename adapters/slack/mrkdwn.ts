/**
 * @module adapters/slack/mrkdwn — turns the core's tiny markup (`*bold*`, `<url|label>`) into safe
 * Slack mrkdwn. Everything else is escaped (`&`, `<`, `>`), so a name in a CSV such as
 * `<!channel>` shows as text instead of pinging a whole channel.
 */

// Links the core writes (`<https://…|label>`, `<mailto:…>`) and user mentions (`<@U123>`) pass through.
const KEPT = /<((?:https?:\/\/|mailto:)[^\s|<>]+)(?:\|([^<>]*))?>|<@([UW][A-Z0-9]+)>/g;

/** Escapes the three characters Slack treats as control sequences. */
export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Core markup -> Slack mrkdwn: links and mentions are kept, the rest escaped. */
export function toMrkdwn(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(KEPT)) {
    out += escapeText(text.slice(last, m.index));
    if (m[3]) out += `<@${m[3]}>`;
    else out += m[2] !== undefined ? `<${m[1]}|${escapeText(m[2])}>` : `<${m[1]}>`;
    last = m.index! + m[0].length;
  }
  return out + escapeText(text.slice(last));
}

/** Core markup -> plain text (fallback text, modal labels): `<url|label>` becomes `label (url)`. */
export function toPlain(text: string): string {
  return text
    .replace(KEPT, (_all, url: string | undefined, label: string | undefined, user: string | undefined) =>
      user ? `<@${user}>` : label ? `${label} (${url})` : url ?? '',
    )
    .replace(/\*([^*\n]+)\*/g, '$1');
}

/** Cuts text to Slack's limit for a field, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
