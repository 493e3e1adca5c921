/**
 * @module test/store/redis-wire.test — the batch's HSET, encoded by the store itself, is byte for byte
 * what ioredis would send for the same arguments, and each record is the credential's JSON.
 */
import { describe, expect, it } from '@jest/globals';
import { Command } from 'ioredis';
import type { NewCredentialRecord } from '../../src/domain/types.js';
import { encodeCommand, hsetRecords } from '../../src/store/redis-wire.js';
import { credential } from './fixtures.js';

describe('encodeCommand', () => {
  it('writes the same bytes as ioredis for strings, numbers and bytes, beyond ASCII too', () => {
    const args = ['return 1', 3, 'cb:{t}:creds', 'cb:credidx:{zoë}', '', 'k𝄞', Buffer.from([0, 255, 13, 10]), Buffer.alloc(0), 1.5];
    const cmd = encodeCommand('eval', args);
    const reference = new Command('eval', args).toWritable({});
    expect(Buffer.from(cmd.toWritable({}) as Buffer).equals(Buffer.from(reference as Buffer))).toBe(true);
  });
});

describe('hsetRecords', () => {
  const signed = { id: 'urn:uuid:1', name: 'Zoë "Ñ" \\ 李小龍 𝄞', proof: [{ proofValue: 'z3abc' }] };
  const bytes = new TextEncoder().encode(JSON.stringify(signed));
  // Signed bytes as the signing thread hands them over: views into one shared buffer.
  const shared = new Uint8Array(bytes.length * 2 + 7);
  shared.set(bytes, 7);
  const view = shared.subarray(7, 7 + bytes.length);
  const creds: NewCredentialRecord[] = [
    { ...credential('t1', 'id-1', 'g1', 'zoë@例え.jp'), signed: view },
    { ...credential('t1', 'id-2', 'g1', 'b@x.org'), expiresOn: undefined, signed: view },
    { ...credential('t1', 'ïd-3', 'g1', 'c@x.org'), expiresOn: '2027-01-01T00:00:00Z' }, // signed as an object
  ];

  it('writes the same bytes as ioredis for the same arguments', () => {
    const cmd = hsetRecords('cb:{t1}:creds', creds);
    const reference = new Command('hset', cmd.args as (string | Buffer)[]).toWritable({});
    expect(Buffer.from(cmd.toWritable({}) as Buffer).equals(Buffer.from(reference as Buffer))).toBe(true);
  });

  it('stores each record as the credential JSON, the signed credential included', () => {
    const args = hsetRecords('k', creds).args as (string | Buffer)[];
    expect(args.filter((_, i) => i % 2 === 1)).toEqual(['id-1', 'id-2', 'ïd-3']);
    const records = args.filter((_, i) => i > 0 && i % 2 === 0).map((b) => JSON.parse((b as Buffer).toString('utf8')));
    expect(records[0]).toEqual({ ...creds[0], signed });
    expect(records[1]).not.toHaveProperty('expiresOn');
    expect(records[2]).toEqual(creds[2]);
    // Same text as serializing the record with its signed credential parsed.
    expect((args[2] as Buffer).toString('utf8')).toBe(JSON.stringify({ ...creds[0], signed }));
  });
});
