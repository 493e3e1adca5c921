/** @module test/credentials/expiry — when credentials expire, including month ends and leap days. */
import { describe, expect, it } from '@jest/globals';
import { buildCredential, computeExpiry } from '../../src/credentials/index.js';
import { group, input } from './fixtures.js';

describe('computeExpiry', () => {
  it('never expires with rule "none"', () => {
    expect(computeExpiry({ kind: 'none' }, '2026-03-01T10:00:00Z')).toBeUndefined();
  });

  it('adds months and years, keeping the time of day', () => {
    expect(computeExpiry({ kind: 'after', amount: 6, unit: 'months' }, '2026-03-15T10:30:00Z')).toBe('2026-09-15T10:30:00Z');
    expect(computeExpiry({ kind: 'after', amount: 2, unit: 'years' }, '2026-03-15T10:30:00Z')).toBe('2028-03-15T10:30:00Z');
    expect(computeExpiry({ kind: 'after', amount: 13, unit: 'months' }, '2026-12-05T00:00:00Z')).toBe('2028-01-05T00:00:00Z');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(computeExpiry({ kind: 'after', amount: 1, unit: 'months' }, '2026-01-31T12:00:00Z')).toBe('2026-02-28T12:00:00Z');
    expect(computeExpiry({ kind: 'after', amount: 1, unit: 'months' }, '2028-01-31T12:00:00Z')).toBe('2028-02-29T12:00:00Z');
    expect(computeExpiry({ kind: 'after', amount: 3, unit: 'months' }, '2026-05-31T08:00:00Z')).toBe('2026-08-31T08:00:00Z');
    expect(computeExpiry({ kind: 'after', amount: 1, unit: 'months' }, '2026-03-31T08:00:00Z')).toBe('2026-04-30T08:00:00Z');
  });

  it('moves 29 February to 28 February in a non-leap year, and keeps it in a leap year', () => {
    expect(computeExpiry({ kind: 'after', amount: 1, unit: 'years' }, '2028-02-29T09:00:00Z')).toBe('2029-02-28T09:00:00Z');
    expect(computeExpiry({ kind: 'after', amount: 4, unit: 'years' }, '2028-02-29T09:00:00Z')).toBe('2032-02-29T09:00:00Z');
  });

  it('crosses a year end', () => {
    expect(computeExpiry({ kind: 'after', amount: 2, unit: 'months' }, '2026-12-31T23:59:59Z')).toBe('2027-02-28T23:59:59Z');
  });

  it('keeps a fixed date valid through the end of that day (UTC)', () => {
    expect(computeExpiry({ kind: 'fixed', date: '2027-06-30' }, '2026-03-01T10:00:00Z')).toBe('2027-06-30T23:59:59Z');
    expect(computeExpiry({ kind: 'fixed', date: '2026-03-01' }, '2026-03-01T10:00:00Z')).toBe('2026-03-01T23:59:59Z');
  });

  it('refuses impossible rules with a message saying what is wrong', () => {
    expect(() => computeExpiry({ kind: 'fixed', date: '2027-02-30' }, '2026-03-01T10:00:00Z')).toThrow(/real date as YYYY-MM-DD/);
    expect(() => computeExpiry({ kind: 'fixed', date: '30/06/2027' }, '2026-03-01T10:00:00Z')).toThrow(/YYYY-MM-DD/);
    expect(() => computeExpiry({ kind: 'fixed', date: '2025-12-31' }, '2026-03-01T10:00:00Z')).toThrow(/before the issue date 2026-03-01/);
    expect(() => computeExpiry({ kind: 'after', amount: 0, unit: 'months' }, '2026-03-01T10:00:00Z')).toThrow(/greater than 0/);
    expect(() => computeExpiry({ kind: 'after', amount: 1.5, unit: 'years' }, '2026-03-01T10:00:00Z')).toThrow(/whole number of years/);
    expect(() => computeExpiry({ kind: 'none' }, 'yesterday')).toThrow(/Invalid issue date/);
  });
});

describe('validUntil in a built credential', () => {
  it('follows the group rule, and is absent when the group never expires', () => {
    const expiring = buildCredential(input('did:key:z6MkTest', { group: group({ expiry: { kind: 'after', amount: 1, unit: 'months' } }), issuedOn: '2026-01-31T10:00:00Z' }));
    expect(expiring.validFrom).toBe('2026-01-31T10:00:00Z');
    expect(expiring.validUntil).toBe('2026-02-28T10:00:00Z');
    expect('validUntil' in buildCredential(input('did:key:z6MkTest'))).toBe(false);
  });
});
