/**
 * @module test/delivery/smtp — a real SMTP server (the `smtp-server` package) on an ephemeral port that
 * keeps what it receives, parsed with `mailparser`. It can refuse chosen recipients (550), answer
 * "try later" (451) a number of times, or be slow, as real mail servers do.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: Buffer;
  mail: ParsedMail;
}

export interface TestSmtp {
  port: number;
  received: Received[];
  /** RCPT TO for these addresses is refused with `550 5.1.1 <address>: Recipient address rejected: User unknown`. */
  refuse: Set<string>;
  /** The next n messages are answered `451 4.3.0 Try again later` after DATA. */
  tempFail: { remaining: number };
  /** Milliseconds to wait before accepting each message. */
  delayMs: { value: number };
  close(): Promise<void>;
}

export async function startSmtp(opts: { user?: string; password?: string; port?: number } = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  const refuse = new Set<string>();
  const tempFail = { remaining: 0 };
  const delayMs = { value: 0 };
  const server = new SMTPServer({
    // Plain SMTP on localhost: no STARTTLS (the test has no certificate), AUTH allowed without TLS.
    disabledCommands: opts.user ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !opts.user,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === opts.user && auth.password === opts.password) return cb(null, { user: auth.username });
      return cb(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (refuse.has(address.address.toLowerCase())) {
        return cb(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (delayMs.value) await new Promise((r) => setTimeout(r, delayMs.value));
        if (tempFail.remaining > 0) {
          tempFail.remaining--;
          return cb(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
        }
        const raw = Buffer.concat(chunks);
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          mail: await simpleParser(raw, { skipImageLinks: true }), // keep `cid:` links as sent
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, refuse, tempFail, delayMs, close: () => new Promise((r) => server.close(() => r())) };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const net = await import('node:net');
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}
