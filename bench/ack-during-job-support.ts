/**
 * @module bench/ack-during-job-support — the small parts of bench/ack-during-job: a signed slash
 * command as Slack sends it, latency summaries, and the Redis database the run owns (checked empty
 * before, emptied of what the run created after).
 */
import http from 'node:http';
import { Redis } from 'ioredis';
import { signSlackRequest } from '../adapters/slack/verify.js';
import { SIGNING_SECRET } from '../test/fakes/slack-harness.js';
import { slashCommand } from '../test/fakes/slack-requests.js';

/**
 * POSTs `/issue-credential groups` (from `who.userId` when given: unique per command, so its ephemeral
 * reply can be matched to it), signed with the v0 HMAC over the real body. Resolves with the HTTP status.
 */
export function postGroupsCommand(agent: http.Agent, url: URL, who: { teamId?: string; userId?: string } = {}): Promise<number> {
  const { body, contentType } = slashCommand('groups', who);
  const ts = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signSlackRequest(SIGNING_SECRET, ts, body) },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** `p50 12.3 ms   p99 45.6 ms …` for the given percentiles, plus the maximum. */
export function summary(values: number[], ps: number[]): string {
  if (values.length === 0) return '(none)';
  const sorted = [...values].sort((a, b) => a - b);
  const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);
  return [...ps.map((p) => `p${p} ${ms(percentile(sorted, p))}`), `max ${ms(sorted.at(-1)!)}`].join('   ');
}

/**
 * The app's queues use fixed BullMQ prefixes (`{cb-bull}`, `{cb-delivery}`) and resume every
 * unfinished job at start, so on the shared database 0 it could take other people's jobs (and they
 * ours). The run therefore gets a Redis database of its own, which must be empty when it starts.
 */
export async function assertEmptyDb(redisUrl: string): Promise<void> {
  const c = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await c.connect();
    const size = await c.dbsize();
    if (size > 0) {
      throw new Error(`Redis database ${redisUrl} holds ${size} keys: this benchmark needs a database of its own (set ACK_BENCH_REDIS_URL to an empty one, or empty this one if a crashed run left it).`);
    }
  } finally {
    c.disconnect();
  }
}

/** Deletes what the run created in its database; returns how many keys are left (0 expected). */
export async function cleanupDb(redisUrl: string, tenantId: string): Promise<number> {
  const c = new Redis(redisUrl);
  for (const pattern of [`cb:{${tenantId}}:*`, 'cb:credidx:*', '{cb-bull}:*', '{cb-delivery}:*']) {
    let cursor = '0';
    do {
      const [next, keys] = await c.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
      cursor = next;
      if (keys.length) await c.unlink(...keys);
    } while (cursor !== '0');
  }
  await c.srem('cb:tenants', tenantId);
  const left = await c.dbsize();
  await c.quit();
  return left;
}
