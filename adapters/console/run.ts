/**
 * @module adapters/console/run — `runConsole`: the bot in a terminal. Reads lines from `input`
 * (a person typing, or a script piped in), feeds them to one console session, waits for running
 * jobs at the end, and resolves with the exit code: 0, or 1 when any command failed.
 */
import { createInterface } from 'node:readline';
import type { ConversationCore } from '../../src/core/events.js';
import { CONSOLE_HELP, ConsoleSession } from './session.js';
import type { ConsoleChatPort } from './chat-port.js';

export interface RunConsoleOptions {
  /** The core, created with `port` as its `console` port. */
  core: ConversationCore & { whenIdle?(): Promise<void> };
  port: ConsoleChatPort;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
  /** A person typing: prompts, and forms ask again after an error. Default: whether input is a terminal. */
  interactive?: boolean;
  /** Relative `upload` paths start here (default: the process's working directory). */
  cwd?: string;
  userId?: string;
}

export async function runConsole(opts: RunConsoleOptions): Promise<number> {
  const interactive = opts.interactive ?? Boolean(opts.input.isTTY);
  const session = new ConsoleSession({
    core: opts.core,
    port: opts.port,
    interactive,
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    ...(opts.userId ? { userId: opts.userId } : {}),
  });
  // A job that fails (or a summary that could not be posted as an error) fails the run too.
  const previous = opts.port.onShown;
  opts.port.onShown = (shown) => {
    previous?.(shown);
    if (shown.message.tone === 'error' && (!shown.visibleTo || shown.visibleTo === session.actor.userId)) session.failed = true;
  };
  if (interactive) {
    opts.port.write(`Credbot console. Type \`help\` for commands. ${CONSOLE_HELP}`);
    opts.port.write(`Files the bot sends are saved in ${opts.port.filesDir}`);
  }
  const prompt = () => {
    if (interactive && session.pending.kind !== 'form') opts.output.write('> ');
  };
  const lines = createInterface({ input: opts.input, terminal: false, crlfDelay: Infinity });
  prompt();
  try {
    for await (const line of lines) {
      if ((await session.line(line)) === 'quit' || session.halted) break;
      prompt();
    }
  } finally {
    lines.close();
  }
  const code = await session.finish();
  opts.port.onShown = previous;
  return code;
}
