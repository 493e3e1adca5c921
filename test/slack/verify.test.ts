/** @module test/slack/verify.test — Slack v0 request signatures, with the clock injected. */
import { describe, expect, it } from '@jest/globals';
import { signSlackRequest, verifySlackSignature } from '../../adapters/slack/verify.js';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const now = 1_700_000_000_000;
const ts = String(now / 1000);
const body = 'token=x&team_id=T1&command=%2Fissue-credential&text=help';

describe('verifySlackSignature', () => {
  it('matches the signature Slack documents for its v0 scheme', () => {
    // Slack's published example (docs.slack.dev "Verifying requests from Slack").
    const doc = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signSlackRequest(secret, 1531420618, doc)).toBe('v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503');
  });

  it('accepts a fresh, correctly signed body', () => {
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, signature: signSlackRequest(secret, ts, body), timestamp: ts, nowMs: now })).toEqual({ ok: true });
  });

  it('rejects a body changed after signing', () => {
    const sig = signSlackRequest(secret, ts, body);
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body + 'x', signature: sig, timestamp: ts, nowMs: now })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('rejects a signature made with another secret', () => {
    const sig = signSlackRequest('other', ts, body);
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, signature: sig, timestamp: ts, nowMs: now }).ok).toBe(false);
  });

  it('rejects requests more than five minutes old or ahead, even when correctly signed', () => {
    for (const skew of [-301, 301]) {
      const t = String(now / 1000 + skew);
      const r = verifySlackSignature({ signingSecret: secret, rawBody: body, signature: signSlackRequest(secret, t, body), timestamp: t, nowMs: now });
      expect(r).toEqual({ ok: false, reason: 'stale' });
    }
    const edge = String(now / 1000 - 300);
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, signature: signSlackRequest(secret, edge, body), timestamp: edge, nowMs: now }).ok).toBe(true);
  });

  it('rejects missing or malformed headers', () => {
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, signature: undefined, timestamp: ts, nowMs: now })).toEqual({ ok: false, reason: 'missing_headers' });
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, signature: 'v0=ab', timestamp: 'soon', nowMs: now })).toEqual({ ok: false, reason: 'missing_headers' });
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, signature: 'v1=ab', timestamp: ts, nowMs: now })).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
