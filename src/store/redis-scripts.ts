/**
 * @module store/redis-scripts — the Lua scripts that make the Redis store's claims atomic across
 * processes (the credential batch ones are in redis-credential-scripts.ts), and `send`, which
 * batches commands into one round trip.
 * Every script touches only keys of one tenant (declared in KEYS), so it runs on Redis Cluster too;
 * the one exception, the credentials' public index keys, is given to the credential claim script only
 * on a single server.
 */
import type { Cluster, Redis } from 'ioredis';
import { ALLOCATE_STATUS_INDEXES } from './redis-credential-scripts.js';

/**
 * Creates a job unless its idempotency key is taken. KEYS: jobkey, job, jobs, unfinished.
 * ARGV: job id, JSON (no counts), createdAt ms, unfinished ('1'/'0'), total, processed, issued, skipped, failed.
 * Returns {1, id} when created, {0, id of the holder} otherwise.
 */
const CREATE_JOB_ONCE = `
local held = redis.call('GET', KEYS[1])
if held then return {0, held} end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], 'json', ARGV[2], 'total', ARGV[5], 'processed', ARGV[6], 'issued', ARGV[7], 'skipped', ARGV[8], 'failed', ARGV[9])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
if ARGV[4] == '1' then redis.call('SADD', KEYS[4], ARGV[1]) end
return {1, ARGV[1]}`;

/**
 * Updates a job: counts keep the larger of stored and given (see rules.mergeCounts), and the
 * unfinished set follows the state in the same step. KEYS: job, unfinished.
 * ARGV: job id, JSON, unfinished ('1'/'0'), total, processed, issued, skipped, failed. Returns 0 if unknown.
 */
const UPDATE_JOB = `
if redis.call('HEXISTS', KEYS[1], 'json') == 0 then return 0 end
redis.call('HSET', KEYS[1], 'json', ARGV[2])
local fields = {'total', 'processed', 'issued', 'skipped', 'failed'}
for i, f in ipairs(fields) do
  local v = tonumber(ARGV[3 + i])
  if v > tonumber(redis.call('HGET', KEYS[1], f) or '0') then redis.call('HSET', KEYS[1], f, v) end
end
if ARGV[3] == '1' then redis.call('SADD', KEYS[2], ARGV[1]) else redis.call('SREM', KEYS[2], ARGV[1]) end
return 1`;

/**
 * Adds to a job's counts, refusing an unknown job; runs in one MULTI/EXEC right after the RPUSH of the
 * job's new rows (the rows never pass through Lua), and takes those rows back off the list when the
 * job is unknown. KEYS: job, jobrows. ARGV: number of rows just pushed, then total, processed, issued,
 * skipped, failed increments. Returns 0 if unknown.
 */
export const RECORD_COUNTS = `
if redis.call('HEXISTS', KEYS[1], 'json') == 0 then
  local n = tonumber(ARGV[1])
  if n > 0 then redis.call('LTRIM', KEYS[2], 0, -n - 1) end
  return 0
end
local fields = {'total', 'processed', 'issued', 'skipped', 'failed'}
for i, f in ipairs(fields) do
  local v = tonumber(ARGV[1 + i])
  if v ~= 0 then redis.call('HINCRBY', KEYS[1], f, v) end
end
return 1`;

/** SET NX that returns whichever value is stored (Redis 6.2 cannot combine NX and GET). */
const SET_ONCE = `
local cur = redis.call('GET', KEYS[1])
if cur then return cur end
redis.call('SET', KEYS[1], ARGV[1])
return ARGV[1]`;

/** Deletes a lock only when this caller still owns it (it may have lapsed and been taken over). */
const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Raises a job's delivery offset, never lowering it (two processes may sweep one job).
 * KEYS: dlvpending. ARGV: job id, offset.
 */
const RAISE_DELIVERY_OFFSET = `
local cur = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1')
if tonumber(ARGV[2]) > cur then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 1`;

/**
 * Step one of a two-step claim (redis-claims.ts): `lease:<owner>` for a while. KEYS: the once keys. ARGV:
 * owner, lease ms. Per key: 0 granted (free, lapsed, or this owner's: the lease is renewed), -1 done (taken
 * for good), or the ms left on another owner's lease.
 */
const LEASE_CLAIMS = `
local mine = 'lease:' .. ARGV[1]
local out = {}
for i, k in ipairs(KEYS) do
  local v = redis.call('GET', k)
  if not v or v == mine then
    redis.call('SET', k, mine, 'PX', ARGV[2])
    out[i] = 0
  elseif string.sub(v, 1, 6) == 'lease:' then
    local left = redis.call('PTTL', k)
    if left < 1 then left = tonumber(ARGV[2]) end
    out[i] = left
  else
    out[i] = -1
  end
end
return out`;

/** Step two: taken for good. KEYS: the once keys. ARGV: owner, ttl seconds. Keys another owner leased since are left to it. */
const CONFIRM_CLAIMS = `
local mine = 'lease:' .. ARGV[1]
for _, k in ipairs(KEYS) do
  local v = redis.call('GET', k)
  if not v or v == mine then redis.call('SET', k, '1', 'EX', ARGV[2]) end
end
return 1`;

const SCRIPTS = {
  cbAllocateStatusIndexes: ALLOCATE_STATUS_INDEXES,
  cbCreateJobOnce: CREATE_JOB_ONCE,
  cbUpdateJob: UPDATE_JOB,
  cbSetOnce: SET_ONCE,
  cbReleaseLock: RELEASE_LOCK,
  cbRaiseDeliveryOffset: RAISE_DELIVERY_OFFSET,
  cbLeaseClaims: LEASE_CLAIMS,
  cbConfirmClaims: CONFIRM_CLAIMS,
} as const;

export type ScriptName = keyof typeof SCRIPTS;

/** Registers the scripts once per client (ioredis sends EVALSHA, falling back to EVAL on a new connection). */
export function defineScripts(client: Redis | Cluster): void {
  for (const [name, lua] of Object.entries(SCRIPTS)) {
    if (!(name in client)) client.defineCommand(name, { lua });
  }
}

export type Arg = string | number | Buffer;
/** A command as ioredis takes it in a pipeline: name (a Redis command or a script name), then arguments. */
export type Cmd = [name: string, ...args: Arg[]];

/** A script call with its keys counted for EVALSHA. */
export function script(name: ScriptName, keys: string[], args: Arg[]): Cmd {
  return [name, keys.length, ...keys, ...args];
}

/**
 * One script call on its own, outside a pipeline: ioredis then writes the command's buffer to the
 * socket as it is, where a pipeline would copy a big (packed) argument once more into its own buffer.
 */
export function runScript(client: Redis | Cluster, name: ScriptName, keys: string[], args: Arg[]): Promise<unknown> {
  const call = client as unknown as Record<ScriptName, (...args: Arg[]) => Promise<unknown>>;
  return call[name](keys.length, ...keys, ...args);
}

export function isCluster(client: Redis | Cluster): boolean {
  return (client as { isCluster?: boolean }).isCluster === true;
}

/**
 * Runs stages of commands and returns the replies in order. On one Redis server every stage goes in
 * ONE pipeline (one round trip, executed in order). On a cluster the keys of a stage may live on
 * several nodes, so stages run one after the other and the commands of a stage run in parallel.
 */
export async function send(client: Redis | Cluster, stages: Cmd[][]): Promise<unknown[]> {
  if (!isCluster(client)) {
    const replies = (await client.pipeline(stages.flat()).exec()) ?? [];
    return replies.map(([err, value]) => {
      if (err) throw err;
      return value;
    });
  }
  const out: unknown[] = [];
  const call = client as unknown as Record<string, (...args: Arg[]) => Promise<unknown>>;
  for (const stage of stages) out.push(...(await Promise.all(stage.map(([name, ...args]) => call[name](...args)))));
  return out;
}
