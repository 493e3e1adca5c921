/**
 * @module adapters/console — the bot in a terminal: the same conversation core, typed or scripted.
 *
 *   const port = new ConsoleChatPort({ output: process.stdout, filesDir: 'credbot-files' });
 *   const core = createCore({ ...deps, ports: { console: port, ... } });
 *   process.exitCode = await runConsole({ core, port, input: process.stdin, output: process.stdout });
 */
export { ConsoleChatPort, type ConsoleChatPortOptions, type SavedFile, type ShownMessage } from './chat-port.js';
export { runConsole, type RunConsoleOptions } from './run.js';
export { ConsoleSession, CONSOLE_HELP, type ConsoleSessionOptions } from './session.js';
export { messageToText, progressBar } from './render.js';
