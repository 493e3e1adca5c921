/**
 * @module credentials/json-shape — writes objects of one fixed key order as UTF-8 JSON, exactly as
 * JSON.stringify would, and fast when a batch repeats most values: each object's bytes between the
 * values that differ per document ("holes") are remembered and copied whole while the repeating
 * values stay the same. Anything JSON.stringify would write differently (other keys, another order,
 * a toJSON, a value it leaves out) throws OTHER_SHAPE, for the caller to fall back on JSON.stringify.
 */
import type { JsonBytes } from './json-bytes.js';

export type Obj = Record<string, unknown>;
/** Writes one value where JSON.stringify would write it. */
export type Hole = (w: JsonBytes, v: unknown) => void;

class OtherShape extends Error {}
export const OTHER_SHAPE = new OtherShape();
export const bail = (): never => {
  throw OTHER_SHAPE;
};

/** UTF-8 JSON of deep-frozen objects (it cannot go stale), written as is wherever they appear. */
const rendered = new WeakMap<object, Uint8Array>();

/** Remembers `value`'s JSON. The caller guarantees `value` and everything in it is frozen. */
export function renderOnce(value: object): void {
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    return; // (a BigInt somewhere) JSON.stringify throws again when the credential is written, as it always did
  }
  rendered.set(value, Buffer.from(text, 'utf8'));
}

/**
 * Any value, spliced where JSON.stringify would write it: exact for strings, numbers, booleans, null
 * and objects without toJSON (JSON.stringify would call it with the property's key).
 */
export const value: Hole = (w, v) => {
  switch (typeof v) {
    case 'string':
      return w.string(v);
    case 'object': {
      if (v === null) return w.ascii('null');
      const bytes = rendered.get(v);
      if (bytes !== undefined) return w.bytes(bytes);
      return (v as Obj).toJSON === undefined ? w.text(JSON.stringify(v)) : bail();
    }
    case 'number':
    case 'boolean':
      return w.ascii(JSON.stringify(v));
    default:
      return bail(); // undefined, a function, a symbol: JSON.stringify leaves the property out; a bigint: it throws
  }
};

/** A real array (no toJSON), each element written by `item`. */
export function list(item: (w: JsonBytes, v: unknown, i: number) => void): Hole {
  return (w, v) => {
    if (!Array.isArray(v) || (v as { toJSON?: unknown }).toJSON !== undefined) bail();
    const items = v as unknown[];
    w.byte(0x5b); // [
    for (let i = 0; i < items.length; i++) {
      if (i) w.byte(0x2c); // ,
      item(w, items[i], i);
    }
    w.byte(0x5d); // ]
  };
}

/** A value that mostly repeats: the last one (a string, boolean, number, rendered object or copy of a string array) and its JSON. */
class Repeated {
  private last: unknown = OTHER_SHAPE;
  json: Uint8Array = new Uint8Array(0);

  is(v: unknown): boolean {
    if (v === this.last) return true;
    const last = this.last;
    if (!Array.isArray(v) || !Array.isArray(last) || last.length !== v.length || (v as { toJSON?: unknown }).toJSON !== undefined) return false;
    for (let i = 0; i < v.length; i++) if (v[i] !== last[i]) return false;
    return true;
  }

  /** Writes `v`; true when it is now the remembered value. */
  write(w: JsonBytes, v: unknown): boolean {
    if (this.is(v)) {
      w.bytes(this.json);
      return true;
    }
    const start = w.length;
    value(w, v);
    const t = typeof v;
    const lasting = t === 'string' || t === 'boolean' || t === 'number' || (typeof v === 'object' && v !== null && rendered.has(v));
    if (lasting || (Array.isArray(v) && allStrings(v))) {
      this.last = Array.isArray(v) ? v.slice() : v;
      this.json = w.slice(start, w.length);
      return true;
    }
    this.last = OTHER_SHAPE;
    return false;
  }
}

/** Every element a string (a hole is not: `every` would skip it). */
function allStrings(v: unknown[]): boolean {
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}

/** True when `o`'s enumerable keys are exactly `keys`, in order (for…in also lists inherited ones, which JSON.stringify skips: they leave the shape too). */
function hasKeys(o: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in o) if (k !== keys[i++]) return false;
  return i === keys.length;
}

/** An object of fixed keys: `holes` name the ones written per document (and how), all others mostly repeat. */
export class Shape {
  private readonly heads: string[];
  private readonly repeated: (Repeated | undefined)[];
  private readonly holeKeys: string[];
  private readonly holeWriters: Hole[];
  /** The bytes around the holes, while every repeating value stays the same. */
  private between: Uint8Array[] | undefined;

  /** `close`: false leaves the closing brace to the caller (who adds keys after these). */
  constructor(
    private readonly keys: readonly string[],
    holes: Record<string, Hole>,
    private readonly close = true,
  ) {
    this.heads = keys.map((k, i) => `${i ? ',' : '{'}${JSON.stringify(k)}:`);
    this.repeated = keys.map((k) => (Object.hasOwn(holes, k) ? undefined : new Repeated()));
    this.holeKeys = keys.filter((k) => Object.hasOwn(holes, k));
    this.holeWriters = this.holeKeys.map((k) => holes[k]!);
  }

  matches(v: unknown): boolean {
    return typeof v === 'object' && v !== null && hasKeys(v, this.keys);
  }

  write(w: JsonBytes, v: unknown): void {
    if (typeof v !== 'object' || v === null || (v as Obj).toJSON !== undefined || !hasKeys(v, this.keys)) bail();
    const o = v as Obj;
    const between = this.between;
    if (between !== undefined && this.repeats(o)) {
      for (let h = 0; h < this.holeKeys.length; h++) {
        w.bytes(between[h]!);
        this.holeWriters[h]!(w, o[this.holeKeys[h]!]);
      }
      w.bytes(between[this.holeKeys.length]!);
      return;
    }
    this.writeAndRemember(w, o);
  }

  private repeats(o: Obj): boolean {
    for (let i = 0; i < this.keys.length; i++) {
      const r = this.repeated[i];
      if (r !== undefined && !r.is(o[this.keys[i]!])) return false;
    }
    return true;
  }

  private writeAndRemember(w: JsonBytes, o: Obj): void {
    this.between = undefined; // a repeating value may change below before a hole gives up on the shape
    const cuts = [w.length];
    let lasting = true;
    for (let i = 0, h = 0; i < this.keys.length; i++) {
      w.ascii(this.heads[i]!);
      const r = this.repeated[i];
      if (r) lasting = r.write(w, o[this.keys[i]!]) && lasting;
      else {
        cuts.push(w.length);
        this.holeWriters[h++]!(w, o[this.keys[i]!]);
        cuts.push(w.length);
      }
    }
    if (this.close) w.byte(0x7d); // }
    cuts.push(w.length);
    this.between = lasting ? Array.from({ length: cuts.length / 2 }, (_, j) => w.slice(cuts[2 * j]!, cuts[2 * j + 1]!)) : undefined;
  }
}
