/**
 * @module test/core/fixtures — a real core for tests: MemoryStore, the real issuance engine (with
 * the real signer once `credentials/` is bridged, or the issuance team's stand-in), the real
 * intake and render modules, and a recording chat port per platform that can be told to fail.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createCore, type Core } from '../../src/core/create-core.js';
import type { ChatPort, ConversationRef, MessageRef } from '../../src/core/chat-port.js';
import type { Actor, Reply } from '../../src/core/events.js';
import type { Form, Message, OutgoingFile } from '../../src/core/ui.js';
import * as intake from '../../src/intake/index.js';
import { createCredentialSigner, type CredentialsBridge } from '../../src/issuance/credentials-bridge.js';
import { createIssuanceEngine } from '../../src/issuance/index.js';
import { memoryLogger } from '../../src/log.js';
import * as render from '../../src/render/index.js';
import { MemoryStore } from '../../src/store/memory-store.js';

export const BASE = 'https://credbot.test';
export const TENANT = 'slack:T0TEST';
export const ADMIN = 'UADMIN';

export const admin: Actor = { tenantId: TENANT, userId: ADMIN, displayName: 'Ada Admin' };
export const stranger: Actor = { tenantId: TENANT, userId: 'USTRANGER' };
export const channel: ConversationRef = { tenantId: TENANT, channelId: 'C1' };

/** A ChatPort that records what it was asked to do; `failNext` makes the next calls throw (a platform outage). */
export class RecordingPort implements ChatPort {
  readonly name = 'Slack';
  readonly posts: { ref: MessageRef; message: Message; ephemeralFor?: string }[] = [];
  readonly updates: { ref: MessageRef; message: Message }[] = [];
  readonly files: { to: ConversationRef; file: OutgoingFile }[] = [];
  failNext = 0;
  private n = 0;

  private maybeFail(): void {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('platform unavailable');
    }
  }

  async postMessage(to: ConversationRef, message: Message): Promise<MessageRef> {
    this.maybeFail();
    const ref = { conversation: to, messageId: `ts${++this.n}` };
    this.posts.push({ ref, message });
    return ref;
  }
  async postEphemeral(to: ConversationRef, user: string, message: Message): Promise<void> {
    this.maybeFail();
    this.posts.push({ ref: { conversation: to, messageId: `eph${++this.n}` }, message, ephemeralFor: user });
  }
  async updateMessage(ref: MessageRef, message: Message): Promise<void> {
    this.maybeFail();
    this.updates.push({ ref, message });
  }
  async uploadFile(to: ConversationRef, file: OutgoingFile): Promise<void> {
    this.maybeFail();
    this.files.push({ to, file });
  }
  /** The latest text of a message (after updates). */
  textOf(ref: MessageRef): string {
    const updated = [...this.updates].reverse().find((u) => u.ref.messageId === ref.messageId);
    return (updated ?? this.posts.find((p) => p.ref.messageId === ref.messageId))!.message.text;
  }
}

export interface TestCore {
  core: Core;
  store: MemoryStore;
  engine: ReturnType<typeof createIssuanceEngine>;
  port: RecordingPort;
  log: ReturnType<typeof memoryLogger>;
  now: { value: Date };
  /** The real credentials bridge: `credentials.verify(signed, now)` checks proof, revocation and expiry. */
  credentials: CredentialsBridge;
  close(): Promise<void>;
}

export function makeCore(opts: { ports?: Record<string, ChatPort>; progressIntervalMs?: number; maxBytes?: number; engine?: TestCore['engine']; store?: MemoryStore } = {}): TestCore {
  // Real time (a minute back): the status-list check inside verification reads the real clock.
  const now = { value: new Date(Date.now() - 60_000) };
  const store = opts.store ?? new MemoryStore();
  const log = memoryLogger();
  const config = { publicBaseUrl: BASE, issuer: { name: 'Test University' }, keyEncryptionKey: '11'.repeat(32) };
  const clock = () => now.value;
  const credentials = createCredentialSigner({ store, config, clock });
  const engine = opts.engine ?? createIssuanceEngine({ store, config, log, clock, signer: credentials });
  const port = new RecordingPort();
  const core = createCore({
    store,
    engine,
    intake,
    render,
    ports: { slack: port, ...opts.ports },
    admins: [ADMIN],
    publicBaseUrl: BASE,
    limits: { csvMaxBytes: opts.maxBytes ?? 1024 * 1024, csvMaxRows: 10_000 },
    clock,
    random: Math.random,
    log,
    sleep: async () => {},
    summaryRetryDelaysMs: [1, 1, 1],
    progressIntervalMs: opts.progressIntervalMs ?? 2000,
  });
  return { core, store, engine, port, log, now, credentials, close: async () => {
    await core.whenIdle();
    await engine.close();
  } };
}

export const command = (t: TestCore, text: string, actor: Actor = admin, conversation = channel): Promise<Reply> =>
  t.core.handleCommand({ actor, conversation, text });

export function replyText(reply: Reply): string {
  if (reply.kind === 'message' || reply.kind === 'update') return reply.message.text;
  if (reply.kind === 'form') return reply.form.title;
  return '';
}

/** A file share whose download is counted, so tests can prove a refusal came before any download. */
export function csvShare(name: string, content: string, opts: { actor?: Actor; mimeType?: string; size?: number; id?: string } = {}) {
  const bytes = Buffer.from(content, 'utf8');
  const downloads = { count: 0 };
  const id = opts.id ?? `F${Math.random().toString(36).slice(2, 10)}`;
  return {
    downloads,
    event: {
      actor: opts.actor ?? admin,
      conversation: { ...channel, threadId: `thread-${id}` },
      file: {
        id,
        name,
        size: opts.size ?? bytes.length,
        mimeType: opts.mimeType ?? 'text/csv',
        download: async () => {
          downloads.count++;
          return Readable.from([bytes]);
        },
      },
    },
  };
}

/** Creates a badge design and a group through the real forms; returns the group id. */
export async function designAndGroup(t: TestCore, over: Record<string, string> = {}): Promise<string> {
  const d = await command(t, 'design new badge');
  if (d.kind !== 'form') throw new Error(`expected a design form, got ${replyText(d)}`);
  const template = d.form.fields.find((f) => f.id === 'template')!.options![0]!.value;
  const dr = await t.core.handleFormSubmit({
    actor: admin, formId: 'design', stateKey: d.form.stateKey, conversation: channel,
    values: { kind: 'badge', name: 'DS badge', template, primary_colour: '#1f4e79', secondary_colour: '#c8963e', text_colour: '#1f2937', title: '{{group.course_name}}', body: 'Grade {{custom.grade}}' },
  });
  if (dr.kind !== 'close') throw new Error(`design form: ${JSON.stringify(dr)}`);
  const design = (await t.store.listDesigns(TENANT))[0]!;
  const g = await command(t, 'group new');
  if (g.kind !== 'form') throw new Error('expected a group form');
  const gr = await t.core.handleFormSubmit({
    actor: admin, formId: 'group', stateKey: g.form.stateKey, conversation: channel,
    values: { name: 'Intro to Data Science', course_name: 'Introduction to Data Science', course_description: 'Statistics and Python.', badge_design: design.id, certificate_design: 'none', expiry: 'none', attributes: 'grade', ...over },
  });
  if (gr.kind !== 'close') throw new Error(`group form: ${JSON.stringify(gr)}`);
  return (await t.store.listGroups(TENANT)).find((x) => x.name === (over.name ?? 'Intro to Data Science'))!.id;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'credbot-core-'));
}

/** Runs a command that must answer with a form, and returns the form. */
export async function openForm(t: TestCore, text: string): Promise<Form> {
  const reply = await command(t, text);
  if (reply.kind !== 'form') throw new Error(`expected a form, got: ${replyText(reply)}`);
  return reply.form;
}

/** Submits a form as the admin, in the test channel. */
export const submitForm = (t: TestCore, form: Form, values: Record<string, string>) =>
  t.core.handleFormSubmit({ actor: admin, formId: form.formId, stateKey: form.stateKey, values, conversation: channel });
