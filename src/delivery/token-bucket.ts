/**
 * @module delivery/token-bucket — at most `ratePerMinute` sends a minute, with short bursts up to
 * `burst`. Callers wait their turn in order: a token not yet there is reserved (the balance goes
 * below zero), so the tenth caller waits ten tokens' time, not one. A wait can be cancelled (the bot
 * is stopping): at 50 direct messages a minute the fourth caller in line waits about five seconds.
 */

/** Thrown by `take` when its wait was cancelled: nothing was sent, the token is given back. */
export class WaitCancelled extends Error {
  readonly code = 'wait_cancelled';
  constructor() {
    super('the wait for a send slot was cancelled (delivery is stopping)');
  }
}

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

  /** Takes one token, waiting until it is there; `cancel` aborts the wait (WaitCancelled). */
  async take(cancel?: AbortSignal): Promise<void> {
    if (cancel?.aborted) throw new WaitCancelled();
    const wait = this.waitMs();
    this.tokens -= 1;
    if (wait <= 0) return;
    if (!cancel) return this.sleep(wait);
    let onAbort: (() => void) | undefined;
    const cancelled = new Promise<never>((_, reject) => cancel.addEventListener('abort', (onAbort = () => reject(new WaitCancelled())), { once: true }));
    try {
      await Promise.race([this.sleep(wait), cancelled]);
    } catch (err) {
      this.tokens += 1; // not used: the callers behind do not wait for it
      throw err;
    } finally {
      cancel.removeEventListener('abort', onAbort!);
    }
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.opts.burst, this.tokens + (now - this.last) * this.perMs);
    this.last = now;
  }
}
