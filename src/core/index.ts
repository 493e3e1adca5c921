/** @module core — the platform-neutral conversation core: what adapters and the composition root import. */
export { createCore, type Core } from './create-core.js';
export type { CoreDeps, CoreLimits, IntakePort, RenderPort, TemplateChoice } from './deps.js';
export { platformOf } from './deps.js';
export type * from './events.js';
export type * from './chat-port.js';
export type * from './ui.js';
export { ACTION, FORM, NEW_GROUP, GROUP_FIELDS, DESIGN_FIELDS, ISSUE_FIELDS, recipientField } from './ids.js';
export { CONSOLE_TENANT, CONSOLE_USER } from './roles.js';
export { parseCommand, tokenize } from './grammar.js';
