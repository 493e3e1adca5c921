/**
 * @module adapters/teams/render/markup — the core's tiny markup (`*bold*`, `<url|label>`) as the
 * Markdown subset Adaptive Card TextBlocks render (`**bold**`, `[label](url)`).
 */

/** Converts core markup to Adaptive Card Markdown. Other characters pass through unchanged. */
export function toCardMarkdown(text: string): string {
  return text
    .replace(/<(https?:\/\/[^|>\s]+)\|([^>]+)>/g, (_m, url: string, label: string) => `[${label}](${url})`)
    .replace(/<(https?:\/\/[^|>\s]+)>/g, (_m, url: string) => `[${url}](${url})`)
    .replace(/(^|[^*\w])\*([^*\n]+)\*(?=[^*\w]|$)/g, (_m, pre: string, inner: string) => `${pre}**${inner}**`);
}

/** A text progress bar, e.g. `▓▓▓▓▓░░░░░ 50% (5 of 10)`: Adaptive Cards have no progress element. */
export function progressBar(done: number, total: number, width = 20): string {
  const safeTotal = Math.max(total, 0);
  const ratio = safeTotal === 0 ? 1 : Math.min(Math.max(done / safeTotal, 0), 1);
  const filled = Math.round(ratio * width);
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.floor(ratio * 100)}% (${done} of ${safeTotal})`;
}
