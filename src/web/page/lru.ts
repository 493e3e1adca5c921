/**
 * @module web/page/lru — a small in-process cache of rendered files (badge PNGs, certificate PDFs):
 * bounded by entries and bytes, entries expire after a TTL, and concurrent misses for one key share
 * one render instead of rendering the same file twice.
 */

export interface LruOptions {
  maxEntries?: number;
  maxBytes?: number;
  ttlMs?: number;
  /** Milliseconds since the epoch; injected so tests control expiry. */
  now?: () => number;
}

interface Entry {
  value: Buffer;
  expiresAt: number;
}

export class RenderCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Buffer>>();
  private bytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  /** How many lookups rendered (misses) and how many were answered from memory (hits). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(opts: LruOptions = {}) {
    this.maxEntries = opts.maxEntries ?? 500;
    this.maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
    this.ttlMs = opts.ttlMs ?? 60 * 60 * 1000;
    this.now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached value for `key`, or the result of `render()` (stored unless larger than the whole cache). */
  async getOrRender(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) {
      // Re-insert so Map order stays least-recently-used first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.stats.hits++;
      return hit.value;
    }
    if (hit) this.remove(key);
    const inFlight = this.pending.get(key);
    if (inFlight) {
      this.stats.hits++;
      return inFlight;
    }
    this.stats.misses++;
    const promise = render().then(
      (value) => {
        this.pending.delete(key);
        this.store(key, value);
        return value;
      },
      (err: unknown) => {
        this.pending.delete(key); // a failed render is retried next time, never cached
        throw err;
      },
    );
    this.pending.set(key, promise);
    return promise;
  }

  private store(key: string, value: Buffer): void {
    if (value.length > this.maxBytes) return;
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    this.bytes += value.length;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.value.length;
    this.entries.delete(key);
  }
}
