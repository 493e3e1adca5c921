/** @module test/delivery/config.test — SMTP settings from the environment, and clear errors for incomplete ones; the `resend` grammar. */
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config.js';
import { parseCommand } from '../../src/core/grammar.js';

describe('SMTP configuration', () => {
  it('has no mail server and a default rate when nothing is set', () => {
    const c = loadConfig({});
    expect(c.smtp).toBeUndefined();
    expect(c.DELIVERY_RATE_PER_MINUTE).toBe(120);
  });

  it('reads host, port, TLS, login and sender', () => {
    const c = loadConfig({ SMTP_HOST: 'smtp.example.edu', SMTP_PORT: '2525', SMTP_SECURE: 'false', SMTP_USER: 'bot', SMTP_PASSWORD: 's3cret', SMTP_FROM: 'Uni <c@example.edu>', DELIVERY_RATE_PER_MINUTE: '30' });
    expect(c.smtp).toEqual({ host: 'smtp.example.edu', port: 2525, secure: false, user: 'bot', password: 's3cret', from: 'Uni <c@example.edu>' });
    expect(c.DELIVERY_RATE_PER_MINUTE).toBe(30);
  });

  it('uses port 587 by default, and 465 with TLS from the start', () => {
    expect(loadConfig({ SMTP_HOST: 'h', SMTP_FROM: 'a@b.c' }).smtp).toMatchObject({ port: 587, secure: false });
    expect(loadConfig({ SMTP_HOST: 'h', SMTP_FROM: 'a@b.c', SMTP_SECURE: 'true' }).smtp).toMatchObject({ port: 465, secure: true });
    expect(loadConfig({ SMTP_HOST: 'h', SMTP_FROM: 'a@b.c', SMTP_PORT: '465' }).smtp).toMatchObject({ port: 465, secure: true });
  });

  it('names what is missing or wrong', () => {
    expect(() => loadConfig({ SMTP_HOST: 'h' })).toThrow(/SMTP_HOST is set but SMTP_FROM is not/);
    expect(() => loadConfig({ SMTP_HOST: 'h', SMTP_FROM: 'a@b.c', SMTP_USER: 'u' })).toThrow('SMTP_USER is set but SMTP_PASSWORD is not.');
    expect(() => loadConfig({ SMTP_PORT: 'twenty-five' })).toThrow(/SMTP_PORT/);
    expect(() => loadConfig({ SMTP_SECURE: 'maybe' })).toThrow(/SMTP_SECURE: must be true or false/);
    expect(() => loadConfig({ DELIVERY_RATE_PER_MINUTE: '0' })).toThrow(/DELIVERY_RATE_PER_MINUTE/);
  });
});

describe('resend command grammar', () => {
  it('takes a credential id, link or email, and says what is missing', () => {
    expect(parseCommand('/issue-credential resend ann@example.org')).toEqual({ name: 'resend', credential: 'ann@example.org' });
    expect(parseCommand('RESEND https://x.edu/credentials/abc')).toEqual({ name: 'resend', credential: 'https://x.edu/credentials/abc' });
    expect(parseCommand('resend')).toMatchObject({ name: 'incomplete', usage: 'resend <credential id or email>' });
  });
});
