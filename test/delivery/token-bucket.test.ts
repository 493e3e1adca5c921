/** @module test/delivery/token-bucket.test — the send rate: a burst at once, then one token per 60/rate seconds, in order. */
import { describe, expect, it } from '@jest/globals';
import { TokenBucket, WaitCancelled } from '../../src/delivery/token-bucket.js';

function fakeTime() {
  let now = 0;
  const waits: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => { waits.push(ms); now += ms; },
    advance: (ms: number) => { now += ms; },
    waits,
  };
}

describe('token bucket', () => {
  it('lets a burst through at once, then makes each caller wait its own turn', async () => {
    const t = fakeTime();
    const bucket = new TokenBucket({ ratePerMinute: 60, burst: 3, now: t.now, sleep: t.sleep });
    for (let i = 0; i < 3; i++) await bucket.take();
    expect(t.waits).toEqual([]);
    // Three callers at the same moment wait 1 s, 2 s and 3 s (not 1 s each).
    const waits: number[] = [];
    const queued = new TokenBucket({ ratePerMinute: 60, burst: 1, now: () => 0, sleep: async (ms) => void waits.push(ms) });
    await Promise.all([queued.take(), queued.take(), queued.take(), queued.take()]);
    expect(waits).toEqual([1000, 2000, 3000]);
  });

  it('keeps 5,000 sends at 120 a minute to about 41 minutes', async () => {
    const t = fakeTime();
    const bucket = new TokenBucket({ ratePerMinute: 120, burst: 20, now: t.now, sleep: t.sleep });
    for (let i = 0; i < 5000; i++) await bucket.take();
    const minutes = t.now() / 60_000;
    expect(minutes).toBeGreaterThan((5000 - 20) / 120 - 0.1);
    expect(minutes).toBeLessThan((5000 - 20) / 120 + 0.1);
  });

  it('refills while idle, but never beyond the burst', async () => {
    const t = fakeTime();
    const bucket = new TokenBucket({ ratePerMinute: 60, burst: 2, now: t.now, sleep: t.sleep });
    await bucket.take();
    await bucket.take();
    t.advance(60_000);
    await bucket.take();
    await bucket.take();
    expect(t.waits).toEqual([]);
    expect(bucket.waitMs()).toBe(1000);
  });

  it('a cancelled wait ends at once and gives its slot back to the next caller', async () => {
    const waits: number[] = [];
    const never = new Promise<void>(() => undefined);
    const bucket = new TokenBucket({ ratePerMinute: 60, burst: 1, now: () => 0, sleep: async (ms) => { waits.push(ms); await never; } });
    await bucket.take(); // the burst
    const stop = new AbortController();
    const waiting = bucket.take(stop.signal);
    stop.abort();
    await expect(waiting).rejects.toThrow(WaitCancelled);
    await expect(bucket.take(stop.signal)).rejects.toThrow('the wait for a send slot was cancelled (delivery is stopping)');
    expect(bucket.waitMs()).toBe(1000); // one slot's wait, not two: the cancelled caller's slot is free again
    expect(waits).toEqual([1000]);
  });

  it('refuses a rate of zero with a clear message', () => {
    expect(() => new TokenBucket({ ratePerMinute: 0, burst: 1 })).toThrow('A send rate must be above 0 per minute (got 0).');
  });
});
