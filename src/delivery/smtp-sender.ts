/**
 * @module delivery/smtp-sender — one email through the configured SMTP server, and what the server's
 * answer means: `sent`, `refused` (a 5xx reply to this recipient or message: retrying will not help,
 * the reply is kept), or `retry` (unreachable, timed out, 4xx "try later", authentication trouble).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpConfig } from '../config.js';

export interface OutgoingEmail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  replyTo?: string;
  attachments: { filename: string; content: Buffer; contentType: string; cid?: string; contentDisposition?: 'inline' | 'attachment' }[];
  /** Extra headers, e.g. the credential id, so a bounce that comes back later can be traced. */
  headers?: Record<string, string>;
}

export type SendResult =
  | { outcome: 'sent'; reply: string }
  | { outcome: 'refused'; reply: string }
  | { outcome: 'retry'; reply: string };

export interface EmailSender {
  send(email: OutgoingEmail): Promise<SendResult>;
  close(): void;
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/** The server's own words when it gave any (`550 5.1.1 <…>: Recipient address rejected`), else the error. */
function replyOf(err: SmtpError): string {
  return (err.response?.trim() || err.message).replace(/\s+/g, ' ').slice(0, 300);
}

/** 5xx to the envelope or the message is permanent; 5xx to AUTH is our configuration, which someone can fix: retry. */
export function classify(err: SmtpError): SendResult {
  const code = err.responseCode ?? 0;
  if (code >= 500 && code < 600 && err.code !== 'EAUTH') return { outcome: 'refused', reply: replyOf(err) };
  return { outcome: 'retry', reply: replyOf(err) };
}

export class SmtpSender implements EmailSender {
  private readonly transport: Transporter;

  constructor(private readonly smtp: SmtpConfig, timeouts: { connection?: number; greeting?: number; socket?: number } = {}) {
    this.transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
      // A few reused connections: a 5,000-row job does not open 5,000 of them.
      pool: true,
      maxConnections: 3,
      connectionTimeout: timeouts.connection ?? 20_000,
      greetingTimeout: timeouts.greeting ?? 20_000,
      socketTimeout: timeouts.socket ?? 60_000,
      // nodemailer's own logger would print addresses: it stays off.
      logger: false,
      debug: false,
    });
  }

  async send(email: OutgoingEmail): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.smtp.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        ...(email.replyTo ? { replyTo: email.replyTo } : {}),
        attachments: email.attachments,
        headers: { 'Auto-Submitted': 'auto-generated', ...email.headers },
      });
      if ((info.rejected ?? []).length > 0) return { outcome: 'refused', reply: String(info.response ?? 'recipient rejected').slice(0, 300) };
      return { outcome: 'sent', reply: String(info.response ?? '').slice(0, 300) };
    } catch (err) {
      return classify(err as SmtpError);
    }
  }

  close(): void {
    this.transport.close();
  }
}
