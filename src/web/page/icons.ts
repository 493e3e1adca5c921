/**
 * @module web/page/icons — inline SVG icons (part of the page, so they need no request and pass the
 * CSP). Each status has its own shape, so it never depends on colour alone; icons are decorative
 * (`aria-hidden`), the words next to them carry the meaning.
 */

const svg = (body: string, cls: string) =>
  `<svg class="icon ${cls}" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

export const icons = {
  /** Check in a circle: verified, a passed check. */
  check: (cls = '') => svg('<circle cx="12" cy="12" r="10"/><path d="m7.5 12.5 3 3 6-6.5"/>', cls),
  /** Cross in an octagon: revoked, signature invalid, a failed check. */
  cross: (cls = '') => svg('<path d="M8 2h8l6 6v8l-6 6H8l-6-6V8z"/><path d="m9 9 6 6m0-6-6 6"/>', cls),
  /** Clock: expired. */
  clock: (cls = '') => svg('<circle cx="12" cy="12" r="10"/><path d="M12 6.5V12l3.5 2"/>', cls),
  /** Question mark in a circle: a check that could not run. */
  unknown: (cls = '') => svg('<circle cx="12" cy="12" r="10"/><path d="M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7"/><path d="M12 17h.01"/>', cls),
  /** Shield with a check: the site's mark. */
  shield: (cls = '') => svg('<path d="M12 2.5 4 5.5v6c0 5 3.4 8.6 8 10 4.6-1.4 8-5 8-10v-6z"/><path d="m8.5 12 2.5 2.5 4.5-5"/>', cls),
  download: (cls = '') => svg('<path d="M12 3v12m0 0-4.5-4.5M12 15l4.5-4.5"/><path d="M4 17v3h16v-3"/>', cls),
  code: (cls = '') => svg('<path d="m8 7-5 5 5 5m8-10 5 5-5 5"/>', cls),
  share: (cls = '') => svg('<path d="M15 3h6v6M10 14 21 3M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6"/>', cls),
};
