/**
 * @module delivery/token-bucket — at most `ratePerMinute` sends a minute, with short bursts up to
 * `burst`. Callers wait their turn in order: a token not yet there is reserved (the balance goes
 * below zero), so the tenth caller waits ten tokens' time, not one.
 */

export interface TokenBucketOptions {
  ratePerMinute: number;
  /** Tokens available at once (the bucket's size). */
  burst: number;
  /** Milliseconds (tests move it forward). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly perMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: TokenBucketOptions) {
    if (!(opts.ratePerMinute > 0)) throw new Error(`A send rate must be above 0 per minute (got ${opts.ratePerMinute}).`);
    if (!(opts.burst >= 1)) throw new Error(`A burst must be at least 1 (got ${opts.burst}).`);
    this.perMs = opts.ratePerMinute / 60_000;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.tokens = opts.burst;
    this.last = this.now();
  }

  /** How long the next caller would wait, in ms (0 when a token is there). */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.perMs);
  }

  /** Takes one token, waiting until it is there. */
  async take(): Promise<void> {
    const wait = this.waitMs();
    this.tokens -= 1;
    if (wait > 0) await this.sleep(wait);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.opts.burst, this.tokens + (now - this.last) * this.perMs);
    this.last = now;
  }
}
