/**
 * @module store/redis-wire — the big commands of a batch encoded for the wire (RESP) here, each in
 * one buffer: the HSET of the records (serialized straight into it), the RPUSH of the row results and
 * the script calls (hundreds of keys). ioredis would re-encode every argument: byte counts and a copy or string write
 * per piece, then a copy of the whole; even building its Command copies the argument list (~0.5 ms
 * for a batch's HSET, measured). So the commands carry only what ioredis needs to route them (their
 * first key: every key of such a command is in one cluster slot), and their bytes come from here.
 * Keys are written as given: a client's key prefix is the caller's to add.
 */
import { Command } from 'ioredis';
import type { NewCredentialRecord } from '../domain/types.js';
import { PackWriter } from './redis-pack.js';

/**
 * An ioredis command whose wire bytes were built beforehand. `route`: arguments that give ioredis the
 * command's (first) key for cluster routing; the full arguments are in `wire`.
 */
class EncodedCommand extends Command {
  constructor(name: string, route: string[], private readonly wire: Buffer | string) {
    super(name, route);
  }

  override toWritable(): Buffer | string {
    return this.wire;
  }
}

/**
 * `name arg…` as RESP, the way ioredis writes it (numbers as their decimal text): a string when every
 * argument is text (a pipeline of strings reaches the socket as one string), else one buffer, into
 * which each run of text arguments is written at once.
 */
function encode(name: string, args: (string | number | Buffer)[]): Buffer | string {
  let wire: PackWriter | undefined;
  let text = `*${args.length + 1}\r\n$${Buffer.byteLength(name)}\r\n${name}\r\n`;
  for (const arg of args) {
    if (!Buffer.isBuffer(arg)) {
      const a = String(arg);
      text += `$${Buffer.byteLength(a)}\r\n${a}\r\n`;
      continue;
    }
    wire ??= new PackWriter(4096);
    wire.text(`${text}$${arg.length}\r\n`).bytes(arg);
    text = '\r\n';
  }
  return wire ? wire.text(text).done() : text;
}

/** `EVAL script numkeys key… arg…`, encoded here (the keys must share a cluster slot, or be on one server). */
export function evalCommand(script: string, keys: string[], args: (string | number | Buffer)[]): Command {
  return new EncodedCommand('eval', [script, '1', keys[0]!], encode('eval', [script, keys.length, ...keys, ...args]));
}

const SIGNED_FIELD = Buffer.from(',"signed":');
const RECORD_END = Buffer.from('}\r\n');

/**
 * `HSET key id1 record1 id2 record2 …`, each record the JSON of the credential: its other fields as
 * JSON.stringify writes them, then `"signed":` and the signed credential. One that arrives as bytes
 * (from the signing thread) is copied in as it is, never parsed or re-encoded.
 */
export function hsetRecords(key: string, creds: NewCredentialRecord[]): Command {
  let signedBytes = 0;
  for (const c of creds) signedBytes += c.signed instanceof Uint8Array ? c.signed.byteLength : 0;
  const wire = new PackWriter(signedBytes + creds.length * 1200 + 256);
  wire.text(`*${2 + 2 * creds.length}\r\n$4\r\nhset\r\n$${Buffer.byteLength(key)}\r\n${key}\r\n`);
  for (const c of creds) {
    // An undefined field is left out of JSON (measured faster than copying the record without `signed`).
    const head = JSON.stringify({ ...c, signed: undefined });
    const signed = c.signed instanceof Uint8Array ? c.signed : JSON.stringify(c.signed);
    // The record always has an id, so its JSON ends in `}` after at least one field: replaced by `,"signed":…}`.
    const length = Buffer.byteLength(head) - 1 + SIGNED_FIELD.length + (typeof signed === 'string' ? Buffer.byteLength(signed) : signed.byteLength) + 1;
    wire.text(`$${Buffer.byteLength(c.id)}\r\n${c.id}\r\n$${length}\r\n`);
    wire.text(head).unwrite(1).bytes(SIGNED_FIELD);
    if (typeof signed === 'string') wire.text(signed);
    else wire.bytes(signed);
    wire.bytes(RECORD_END);
  }
  return new EncodedCommand('hset', [key], wire.done());
}

/**
 * `RPUSH key value…` (at least one value). Text only, so it stays a string, as ioredis writes text-only
 * commands: a pipeline of strings reaches the socket as one string, converted once.
 */
export function rpushValues(key: string, values: string[]): Command {
  let wire = `*${2 + values.length}\r\n$5\r\nrpush\r\n$${Buffer.byteLength(key)}\r\n${key}\r\n`;
  for (const v of values) wire += `$${Buffer.byteLength(v)}\r\n${v}\r\n`;
  return new EncodedCommand('rpush', [key], wire);
}
