/**
 * @module store/redis-wire — the two big commands of a credential batch encoded for the wire (RESP)
 * here, each in one buffer: the HSET of the records (serialized straight into it) and the claim script
 * call (hundreds of keys). ioredis would re-encode every argument: byte counts and a copy or string
 * write per piece, then a copy of the whole. The commands still carry their real arguments (the HSET's
 * records as views into its buffer), so ioredis routes them (cluster slot) and reports them as usual;
 * only their bytes come from here. Keys are written as given: a client's key prefix is the caller's to add.
 */
import { Command } from 'ioredis';
import type { NewCredentialRecord } from '../domain/types.js';
import { PackWriter } from './redis-pack.js';

/** An ioredis command whose wire bytes were built beforehand (the same bytes ioredis would write for its arguments). */
class EncodedCommand extends Command {
  constructor(name: string, args: (string | Buffer)[], private readonly wire: Buffer) {
    super(name, args);
  }

  override toWritable(): Buffer {
    return this.wire;
  }
}

/** `name arg…` as RESP, the way ioredis writes it (numbers as their decimal text). */
export function encodeCommand(name: string, args: (string | number | Buffer)[]): Command {
  const wire = new PackWriter(4096);
  wire.text(`*${args.length + 1}\r\n$${Buffer.byteLength(name)}\r\n${name}\r\n`);
  const values = args.map((a) => (typeof a === 'number' ? String(a) : a));
  for (const a of values) {
    if (typeof a === 'string') wire.text(`$${Buffer.byteLength(a)}\r\n${a}\r\n`);
    else wire.text(`$${a.length}\r\n`).bytes(a).text('\r\n');
  }
  return new EncodedCommand(name, values, wire.done());
}

const SIGNED_FIELD = ',"signed":';

/**
 * `HSET key id1 record1 id2 record2 …`, each record the JSON of the credential: its other fields as
 * JSON.stringify writes them, then `"signed":` and the signed credential. One that arrives as bytes
 * (from the signing thread) is copied in as it is, never parsed or re-encoded.
 */
export function hsetRecords(key: string, creds: NewCredentialRecord[]): Command {
  const wire = new PackWriter(creds.length * 2600);
  wire.text(`*${2 + 2 * creds.length}\r\n$4\r\nhset\r\n$${Buffer.byteLength(key)}\r\n${key}\r\n`);
  const spans: number[] = [];
  for (const c of creds) {
    // An undefined field is left out of JSON (measured faster than copying the record without `signed`).
    const head = JSON.stringify({ ...c, signed: undefined });
    const signed = c.signed instanceof Uint8Array ? c.signed : JSON.stringify(c.signed);
    // The record always has an id, so its JSON ends in `}` after at least one field: replaced by `,"signed":…}`.
    const length = Buffer.byteLength(head) - 1 + SIGNED_FIELD.length + (typeof signed === 'string' ? Buffer.byteLength(signed) : signed.byteLength) + 1;
    wire.text(`$${Buffer.byteLength(c.id)}\r\n${c.id}\r\n$${length}\r\n`);
    spans.push(wire.length);
    wire.text(head).unwrite(1).text(SIGNED_FIELD);
    if (typeof signed === 'string') wire.text(signed);
    else wire.bytes(signed);
    wire.text('}');
    spans.push(wire.length);
    wire.text('\r\n');
  }
  const bytes = wire.done();
  const args: (string | Buffer)[] = [key];
  creds.forEach((c, i) => args.push(c.id, bytes.subarray(spans[2 * i], spans[2 * i + 1])));
  return new EncodedCommand('hset', args, bytes);
}
