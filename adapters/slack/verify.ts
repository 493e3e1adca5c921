/**
 * @module adapters/slack/verify — checks Slack's v0 request signature. A pure function with the
 * clock passed in (as bolt's verify-request does), so tests can prove stale requests fail.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack rejects requests older than five minutes; we also refuse ones from the future. */
export const MAX_SKEW_SECONDS = 60 * 5;

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing_headers' | 'stale' | 'bad_signature' };

export interface VerifyInput {
  signingSecret: string;
  /** The raw body exactly as received: the signature covers these bytes. */
  rawBody: string;
  /** `x-slack-signature`, e.g. `v0=ab12…`. */
  signature: string | undefined;
  /** `x-slack-request-timestamp`, seconds since the epoch. */
  timestamp: string | undefined;
  nowMs: number;
}

/** The `v0=` signature Slack sends for a body at a timestamp (also used by tests and the bench). */
export function signSlackRequest(signingSecret: string, timestamp: number | string, rawBody: string): string {
  const hex = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return `v0=${hex}`;
}

export function verifySlackSignature(input: VerifyInput): VerifyResult {
  const { signature, timestamp } = input;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing_headers' };
  const skew = Math.abs(Math.floor(input.nowMs / 1000) - Number(timestamp));
  if (skew > MAX_SKEW_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signSlackRequest(input.signingSecret, timestamp, input.rawBody));
  const given = Buffer.from(signature);
  // Constant-time compare; lengths differ only for malformed signatures, which fail anyway.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  return { ok: true };
}
