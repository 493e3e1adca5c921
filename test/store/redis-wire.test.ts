/**
 * @module test/store/redis-wire.test — the batch's commands, encoded by the store itself, are byte for
 * byte what ioredis would send for the full arguments (each record the credential's JSON), and still
 * name their first key, which is what ioredis routes a command by on a cluster.
 */
import { describe, expect, it } from '@jest/globals';
import { Command } from 'ioredis';
import type { NewCredentialRecord } from '../../src/domain/types.js';
import { evalCommand, hsetRecords, rpushValues } from '../../src/store/redis-wire.js';
import { credential } from './fixtures.js';

/** The stored JSON of a record: its fields, then the signed credential last. */
const recordJson = (c: NewCredentialRecord, parsed: unknown) => {
  const { signed: _, ...rest } = c;
  return Buffer.from(JSON.stringify({ ...rest, signed: parsed }));
};
/** What ioredis itself writes for these arguments. */
const byIoredis = (name: string, args: (string | number | Buffer)[]) => Buffer.from(new Command(name, args).toWritable({}) as Buffer | string);
const written = (cmd: Command) => Buffer.from(cmd.toWritable({}) as Buffer | string);

describe('evalCommand', () => {
  it('writes the same bytes as ioredis for keys, strings, numbers and bytes, beyond ASCII too', () => {
    const keys = ['cb:{t}:creds', 'cb:credidx:{zoë}', 'k𝄞'];
    const args = ['', 'é', Buffer.from([0, 255, 13, 10]), Buffer.alloc(0), 250, 1.5];
    const cmd = evalCommand('return 1', keys, args);
    expect(written(cmd).equals(byIoredis('eval', ['return 1', 3, ...keys, ...args]))).toBe(true);
    expect(cmd.getKeys()).toEqual(['cb:{t}:creds']);
    const text = evalCommand('return 2', keys, ['a', 7]);
    expect(typeof text.toWritable({})).toBe('string'); // text only: stays a string, as ioredis keeps it
    expect(written(text).equals(byIoredis('eval', ['return 2', 3, ...keys, 'a', 7]))).toBe(true);
  });
});

describe('rpushValues', () => {
  it('writes the same bytes as ioredis for text beyond ASCII', () => {
    const values = ['{"row":2,"name":"Zoë 李"}', '', '𝄞\r\n'];
    const cmd = rpushValues('cb:{t}:jobrows:j1', values);
    expect(written(cmd).equals(byIoredis('rpush', ['cb:{t}:jobrows:j1', ...values]))).toBe(true);
    expect(cmd.getKeys()).toEqual(['cb:{t}:jobrows:j1']);
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

  it('is HSET of each id to the credential JSON, the signed credential included, as ioredis would write it', () => {
    const records = [recordJson(creds[0]!, signed), recordJson(creds[1]!, signed), recordJson(creds[2]!, creds[2]!.signed)];
    const expected = byIoredis('hset', ['cb:{t1}:creds', 'id-1', records[0]!, 'id-2', records[1]!, 'ïd-3', records[2]!]);
    const cmd = hsetRecords('cb:{t1}:creds', creds);
    expect(written(cmd).toString('utf8')).toBe(expected.toString('utf8'));
    expect(written(cmd).equals(expected)).toBe(true);
    expect(cmd.getKeys()).toEqual(['cb:{t1}:creds']);
  });

  it('grows its buffer for records far bigger than usual', () => {
    const big = { ...creds[2]!, attributes: { essay: 'ü'.repeat(50_000) } };
    const expected = byIoredis('hset', ['k', big.id, recordJson(big, big.signed)]);
    expect(written(hsetRecords('k', [big])).equals(expected)).toBe(true);
  });
});
