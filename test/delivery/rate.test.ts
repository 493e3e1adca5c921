/** @module test/delivery/rate.test — the send rate applies to real sends: emails beyond the burst wait their turn. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { startBot, type Bot } from './harness.js';
import { startSmtp, type TestSmtp } from './smtp.js';

let smtp: TestSmtp;
let bot: Bot;
afterAll(async () => {
  await bot?.close();
  await smtp?.close();
});

describe('DELIVERY_RATE_PER_MINUTE', () => {
  it('spaces emails beyond the burst one token apart (60 a minute: a second each)', async () => {
    smtp = await startSmtp();
    const waits: number[] = [];
    // The bucket's waits are recorded instead of slept, so the test sees the schedule without waiting it out.
    bot = await startBot('rate', { smtpPort: smtp.port, ratePerMinute: 60, delivery: { burst: 1, concurrency: 4, sleep: async (ms) => void waits.push(ms) } });
    await bot.issue([1, 2, 3, 4].map((i) => ({ name: `P${i}`, email: `p${i}@example.org` })));
    await bot.delivery.idle();
    expect(smtp.received).toHaveLength(4);
    expect(waits).toHaveLength(3);
    // Each later email waits about one more second than the one before it (minus the few ms that passed).
    waits.sort((a, b) => a - b).forEach((ms, i) => {
      expect(ms).toBeGreaterThan((i + 1) * 1000 - 500);
      expect(ms).toBeLessThanOrEqual((i + 1) * 1000);
    });
  });
});
