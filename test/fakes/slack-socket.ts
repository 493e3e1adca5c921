/**
 * @module test/fakes/slack-socket — Slack's Socket Mode side, on a tiny hand-written WebSocket
 * server (RFC 6455 text, ping and close frames: all Socket Mode needs, no extra package).
 * `apps.connections.open` on the fake Web API hands out its URL; it greets with `hello`, sends
 * envelopes (`slash_commands`, `events_api`, `interactive`) and records the client's acks.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export class FakeSocketMode {
  readonly acks: Ack[] = [];
  private server = http.createServer((_req, res) => res.writeHead(426).end());
  private sockets = new Set<Duplex>();
  private seq = 0;
  private connected?: () => void;
  readonly ready = new Promise<void>((resolve) => (this.connected = resolve));

  async start(): Promise<this> {
    this.server.on('upgrade', (req, socket) => this.accept(req, socket));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link/?ticket=fake`;
  }

  /** Resolves once every client has closed its connection (after its close handshake). */
  async disconnected(timeoutMs = 5000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (this.sockets.size && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Sends one envelope to every connected client; resolves with its id. */
  send(type: 'slash_commands' | 'events_api' | 'interactive', payload: Record<string, unknown>): string {
    const envelope_id = `env-${++this.seq}`;
    const body = { envelope_id, type, payload, accepts_response_payload: type !== 'events_api', ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}) };
    for (const s of this.sockets) s.write(frame(0x1, Buffer.from(JSON.stringify(body))));
    return envelope_id;
  }

  private accept(req: http.IncomingMessage, socket: Duplex): void {
    const key = req.headers['sec-websocket-key'];
    if (!key) return void socket.destroy();
    const accept = createHash('sha1').update(key + GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let f = readFrame(buffer); f; f = readFrame(buffer)) {
        buffer = buffer.subarray(f.length);
        if (f.opcode === 0x1) this.acks.push(JSON.parse(f.payload.toString('utf8')));
        else if (f.opcode === 0x9) socket.write(frame(0xa, f.payload));
        else if (f.opcode === 0x8) {
          socket.write(frame(0x8, f.payload.subarray(0, 2)));
          socket.end();
        }
      }
    });
    socket.write(frame(0x1, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0CREDBOT' }, debug_info: { host: 'fake', approximate_connection_time: 3600 } }))));
    this.connected?.();
  }
}

/** A server frame: final, unmasked. */
function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : len < 65536 ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff]) : (() => {
    const h = Buffer.alloc(10);
    h[0] = 0x80 | opcode;
    h[1] = 127;
    h.writeBigUInt64BE(BigInt(len), 2);
    return h;
  })();
  return Buffer.concat([head, payload]);
}

/** One complete client frame (clients always mask), or undefined until enough bytes arrived. */
function readFrame(buf: Buffer): { opcode: number; payload: Buffer; length: number } | undefined {
  if (buf.length < 2) return undefined;
  const opcode = buf[0]! & 0x0f;
  const masked = (buf[1]! & 0x80) !== 0;
  let len = buf[1]! & 0x7f;
  let offset = 2;
  if (len === 126) {
    if (buf.length < 4) return undefined;
    len = buf.readUInt16BE(2);
    offset = 4;
  } else if (len === 127) {
    if (buf.length < 10) return undefined;
    len = Number(buf.readBigUInt64BE(2));
    offset = 10;
  }
  const maskAt = offset;
  if (masked) offset += 4;
  if (buf.length < offset + len) return undefined;
  const payload = Buffer.from(buf.subarray(offset, offset + len));
  if (masked) for (let i = 0; i < len; i++) payload[i]! ^= buf[maskAt + (i % 4)]!;
  return { opcode, payload, length: offset + len };
}
