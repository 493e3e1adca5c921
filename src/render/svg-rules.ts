/**
 * @module render/svg-rules — what an uploaded SVG may contain: the elements and attributes that draw
 * things, and nothing that runs code or reaches outside the file.
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';
export const XLINK_NS = 'http://www.w3.org/1999/xlink';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Elements that draw, group, or style a drawing. */
export const ALLOWED_ELEMENTS = new Set([
  'svg', 'g', 'defs', 'title', 'desc', 'symbol', 'use', 'switch',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath',
  'linearGradient', 'radialGradient', 'stop', 'pattern', 'clipPath', 'mask', 'marker', 'image', 'style',
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feDropShadow', 'feFlood',
  'feFuncA', 'feFuncB', 'feFuncG', 'feFuncR', 'feGaussianBlur', 'feMerge', 'feMergeNode', 'feMorphology', 'feOffset', 'feTile',
]);

/** Named so the refusal can say why; any other unlisted SVG element is refused as "not allowed". */
export const DANGEROUS_ELEMENTS: Record<string, string> = {
  script: 'it contains a <script> element',
  foreignObject: 'it contains a <foreignObject> element (HTML inside SVG)',
  iframe: 'it contains an <iframe> element',
  a: 'it contains a link (<a>)',
  animate: 'it contains animation (<animate>), which can rewrite links',
  set: 'it contains animation (<set>), which can rewrite links',
  animateTransform: 'it contains animation (<animateTransform>)',
  animateMotion: 'it contains animation (<animateMotion>)',
  feImage: 'it contains <feImage>, which can load outside images',
  handler: 'it contains an event <handler> element',
  listener: 'it contains an event <listener> element',
};

/** Editor bookkeeping (Inkscape, Illustrator, Sketch) that is never drawn: dropped quietly. */
export const DROPPED_ELEMENTS = new Set(['metadata']);

/** Attributes that position, shape and paint. Unlisted plain attributes are dropped (and listed). */
export const ALLOWED_ATTRIBUTES = new Set([
  'id', 'class', 'style', 'transform', 'viewBox', 'preserveAspectRatio', 'width', 'height', 'x', 'y', 'x1', 'y1', 'x2', 'y2',
  'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'fr', 'd', 'points', 'pathLength', 'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust',
  'href', 'version', 'baseProfile',
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'opacity', 'color', 'display', 'visibility', 'overflow',
  'clip-path', 'clip-rule', 'clipPathUnits', 'mask', 'maskUnits', 'maskContentUnits', 'filter', 'filterUnits', 'primitiveUnits',
  'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'font-stretch', 'letter-spacing', 'word-spacing',
  'text-anchor', 'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'text-decoration', 'writing-mode', 'direction', 'unicode-bidi',
  'gradientUnits', 'gradientTransform', 'spreadMethod', 'offset', 'stop-color', 'stop-opacity',
  'patternUnits', 'patternContentUnits', 'patternTransform',
  'marker-start', 'marker-mid', 'marker-end', 'markerWidth', 'markerHeight', 'markerUnits', 'refX', 'refY', 'orient',
  'in', 'in2', 'result', 'stdDeviation', 'mode', 'operator', 'k1', 'k2', 'k3', 'k4', 'values', 'type', 'flood-color', 'flood-opacity',
  'tableValues', 'slope', 'intercept', 'amplitude', 'exponent', 'radius', 'edgeMode', 'color-interpolation-filters',
  'mix-blend-mode', 'isolation', 'shape-rendering', 'text-rendering', 'image-rendering', 'paint-order', 'vector-effect', 'startOffset', 'method', 'spacing', 'side', 'media',
]);

/** An href may point inside the file or hold an embedded PNG/JPEG; nothing else loads. */
export function isSafeHref(value: string): boolean {
  const v = value.trim();
  return /^#[\w.:-]+$/.test(v) || /^data:image\/(png|jpeg);base64,[a-z0-9+/=\s]+$/i.test(v);
}

/** Why a piece of CSS (a style attribute, a <style> element, a paint value) is refused, or null when it is fine. */
export function cssProblem(css: string): string | null {
  // CSS escapes (`\75 rl(` is `url(`) would slip past the checks below; drawings do not need them.
  if (css.includes('\\')) return 'its CSS uses backslash escapes';
  const text = css;
  if (/@import/i.test(text)) return 'its CSS uses @import';
  if (/expression\s*\(|javascript:|behaviou?r\s*:|-moz-binding/i.test(text)) return 'its CSS contains script';
  if (/@font-face/i.test(text)) return 'its CSS loads fonts (@font-face)';
  const urls = [...text.matchAll(/url\s*\(\s*(['"]?)(.*?)\1\s*\)/gi)];
  if (urls.length !== (text.match(/url\s*\(/gi) ?? []).length) return 'its CSS has a url( that does not close';
  for (const m of urls) {
    if (!/^#[\w.:-]+$/.test(m[2]!.trim())) return `its CSS refers to an outside resource (url(${m[2]!.slice(0, 60)}))`;
  }
  return null;
}
