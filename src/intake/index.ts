/** @module intake — CSV in, validated recipient rows out: header mapping, row checks, limits, preview. */
export * from './types.js';
export { DEFAULT_LIMITS, type HeaderInfo, type IntakeOptions, type ReadSummary } from './options.js';
export { mapHeaders, normalizeHeader, toAttributeKey } from './headers.js';
export { emailProblem, parseIssueDate, cleanName } from './fields.js';
export { readRows } from './read.js';
export { previewCsv, type PreviewOptions } from './preview.js';
export { hashContent, checkFileSize } from './source.js';
export { detectDelimiter, headerLine } from './sniff.js';
