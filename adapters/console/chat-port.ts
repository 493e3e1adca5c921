/**
 * @module adapters/console/chat-port — the core's outbound door in a terminal: messages are
 * printed, progress redraws one bar, and files (results CSVs, templates, previews) are written to
 * a local folder whose path is printed. Everything shown is also kept as a transcript, so the
 * contract suite can read what a user saw.
 */
import { mkdirSync, existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ChatPort, ConversationRef, MessageRef } from '../../src/core/chat-port.js';
import type { Message, OutgoingFile } from '../../src/core/ui.js';
import type { UserId } from '../../src/domain/types.js';
import { ANSI, messageToText, PLAIN, type Style } from './render.js';

export interface ShownMessage {
  ref: MessageRef;
  message: Message;
  /** Set for replies only one user sees. */
  visibleTo?: UserId;
  updates: number;
}

export interface SavedFile {
  path: string;
  file: OutgoingFile;
  conversation: ConversationRef;
}

export interface ConsoleChatPortOptions {
  output: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where files are written (created when missing). Default: `credbot-files` in the working directory. */
  filesDir?: string;
  /** Colour and in-place progress redraws; default: whether the output is a terminal. */
  tty?: boolean;
}

export class ConsoleChatPort implements ChatPort {
  readonly name = 'console';
  readonly filesDir: string;
  readonly shown: ShownMessage[] = [];
  readonly files: SavedFile[] = [];
  private readonly style: Style;
  private readonly tty: boolean;
  private counter = 0;
  /** The message whose progress bar is the last thing on screen (a TTY redraws it in place). */
  private liveProgress?: string;
  /** Called after any message is shown (the session uses it to know a job reported). */
  onShown?: (shown: ShownMessage) => void;

  constructor(private readonly opts: ConsoleChatPortOptions) {
    this.filesDir = resolve(opts.filesDir ?? 'credbot-files');
    this.tty = opts.tty ?? Boolean(opts.output.isTTY);
    this.style = this.tty ? ANSI : PLAIN;
  }

  write(text: string): void {
    if (this.liveProgress) {
      this.opts.output.write('\n');
      this.liveProgress = undefined;
    }
    this.opts.output.write(`${text}\n`);
  }

  render(message: Message): string {
    return messageToText(message, this.style);
  }

  /** Shows a message (a reply or a post) and returns its reference. */
  show(to: ConversationRef, message: Message, visibleTo?: UserId): ShownMessage {
    const ref: MessageRef = { conversation: to, messageId: `m${++this.counter}` };
    const shown: ShownMessage = { ref, message, updates: 0, ...(visibleTo ? { visibleTo } : {}) };
    this.shown.push(shown);
    this.write(this.render(message));
    this.onShown?.(shown);
    return shown;
  }

  async postMessage(to: ConversationRef, message: Message): Promise<MessageRef> {
    return this.show(to, message).ref;
  }

  async postEphemeral(to: ConversationRef, user: UserId, message: Message): Promise<void> {
    this.show(to, message, user);
  }

  async updateMessage(ref: MessageRef, message: Message): Promise<void> {
    const shown = this.shown.find((s) => s.ref.messageId === ref.messageId);
    if (!shown) throw new Error(`No console message ${ref.messageId} to update`);
    shown.message = message;
    shown.updates++;
    const text = this.render(message);
    const isProgress = message.blocks.some((b) => b.type === 'progress');
    if (this.tty && isProgress && this.liveProgress === ref.messageId) {
      // Redraw the bar line in place instead of scrolling a new one per update.
      const bar = text.split('\n').find((l) => l.includes('%')) ?? text;
      this.opts.output.write(`\r\x1b[2K${bar}`);
      return;
    }
    if (this.tty && isProgress) {
      this.write(text.split('\n').slice(0, -1).join('\n'));
      this.opts.output.write(text.split('\n').find((l) => l.includes('%')) ?? '');
      this.liveProgress = ref.messageId;
      return;
    }
    this.write(text);
    this.onShown?.(shown);
  }

  async uploadFile(to: ConversationRef, file: OutgoingFile): Promise<void> {
    mkdirSync(this.filesDir, { recursive: true });
    const path = this.freePath(file.name);
    writeFileSync(path, file.content);
    this.files.push({ path, file, conversation: to });
    if (file.comment) this.write(this.render({ text: file.comment, blocks: [{ type: 'text', text: file.comment }] }));
    this.write(`${file.title ?? file.name} saved to ${path}`);
  }

  async sendDirect(_tenant: string, _user: UserId, message: Message): Promise<void> {
    this.show({ tenantId: 'console:local', channelId: 'direct' }, message);
  }

  /** `results.csv`, then `results-2.csv`, …: never overwrites an earlier file. */
  private freePath(name: string): string {
    const safe = name.replace(/[\\/]/g, '-');
    let path = join(this.filesDir, safe);
    for (let n = 2; existsSync(path); n++) path = join(this.filesDir, safe.replace(/(\.[^.]*)?$/, `-${n}$1`));
    return path;
  }
}
