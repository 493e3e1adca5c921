/** @module render — designs → badge PNGs (baked), certificate PDFs, previews; uploaded-SVG checks; placeholders. */
export { renderBadgePng, renderCertificatePdf, renderDesignPreview, type BadgeOptions, type CertificateOptions } from './render.js';
export { bakePng, readBakedCredential, BAKING_KEYWORD } from './baking.js';
export { sanitizeSvg, type SanitizeResult } from './sanitize-svg.js';
export { fillPlaceholders, findPlaceholders, isKnownPlaceholder, KNOWN_PLACEHOLDERS, sampleValues, type FillResult, type PlaceholderValues } from './placeholders.js';
export { TEMPLATES, type TemplateInfo } from './templates/catalogue.js';
export { defaultDesign } from './defaults.js';
export { placeholderValuesFor, formatDate, type ValuesInput } from './values.js';
export { RenderError, type RenderErrorCode } from './errors.js';
