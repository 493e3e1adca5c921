/**
 * @module store/redis-credential-scripts — the Lua of the per-batch credential steps: storing a batch
 * (with its atomic duplicate claim) and claiming status indexes. Each reads its batch from one packed
 * argument (redis-pack.ts) and talks to Redis a few times per batch, never per credential: a
 * `redis.call` costs Redis more than the work it asks for when the work is one small hash field.
 */

/**
 * The claim step of storing a batch; the batch's records themselves go in a plain HSET right after it,
 * in the same MULTI/EXEC, then SETTLE_CREDENTIALS undoes what that HSET must not change. A 2 KB record
 * carried through Lua costs Redis several times what a plain HSET of it costs, so records never enter
 * a script on this path. Ids must be unique within one call (the caller splits a batch that repeats one).
 *
 * For each credential, in order: an existing id is 'e' (its stored record is saved in the fix-up hash,
 * to be put back over the HSET); else, when duplicates are not allowed and (group, emailKey) is
 * claimed, before or earlier in this batch, 'd' (marked for removal after the HSET); else 's':
 * appended to the group's list, and (group, emailKey) claimed if free. The same outcomes as checking
 * and writing one credential after the other; existing ids and claims are read once for the batch.
 * On a single server it also writes the public index entries: SET NX for 's' (MSETNX for a chunk of
 * new ids, one by one if any of them exists) and 'e', none for 'd'.
 *
 * KEYS: creds, fix-up hash, then per group: gcreds, gemails; then (single server only) the public index
 * key of each credential, in batch order. ARGV: allowDuplicates ('1'/'0'), n, number of groups, tenant,
 * packed: per credential `>I4` group number (1-based), then `>I4c0` each: id, emailKey.
 * Returns one string, a letter per credential ('s' stored, 'e' existing, 'd' duplicate), then for each
 * duplicate, in order, the id that holds its claim (one reply instead of hundreds of bulk strings).
 */
export const CLAIM_CREDENTIALS = `
local allow = ARGV[1] == '1'
local n, groups, tenant, packed = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5]
local CHUNK = 1000 -- arguments per call: unpack() has a limit
local function chunked(cmd, key, list)
  local replies = {}
  for i = 1, #list, CHUNK do
    local r = redis.call(cmd, key, unpack(list, i, math.min(i + CHUNK - 1, #list)))
    if type(r) == 'table' then for j = 1, #r do replies[#replies + 1] = r[j] end end
  end
  return replies
end

local gs, ids, emails, members, pos = {}, {}, {}, {}, 1
for i = 1, n do
  gs[i], ids[i], emails[i], pos = struct.unpack('>I4I4c0I4c0', packed, pos)
  local m = members[gs[i]]
  if not m then m = {}; members[gs[i]] = m end
  m[#m + 1] = i
end
local held = chunked('HMGET', KEYS[1], ids)
local holders = {}
for g, m in pairs(members) do
  local emailsOf = {}
  for j = 1, #m do emailsOf[j] = emails[m[j]] end
  local r = chunked('HMGET', KEYS[2 + 2 * g], emailsOf)
  for j = 1, #m do holders[m[j]] = r[j] end
end

local out, holds, fixes, lists, claims, claimedNow = {}, {}, {}, {}, {}, {}
for g in pairs(members) do lists[g], claims[g], claimedNow[g] = {}, {}, {} end
for i = 1, n do
  local id, g, email = ids[i], gs[i], emails[i]
  if held[i] then
    out[i] = 'e'
    fixes[#fixes + 1] = id
    fixes[#fixes + 1] = held[i]
  else
    local holder = claimedNow[g][email] or holders[i]
    if holder and not allow then
      out[i] = 'd'
      holds[#holds + 1] = holder
      fixes[#fixes + 1] = id
      fixes[#fixes + 1] = ''
    else
      lists[g][#lists[g] + 1] = id
      if not holder then
        claimedNow[g][email] = id
        claims[g][#claims[g] + 1] = email
        claims[g][#claims[g] + 1] = id
      end
      out[i] = 's'
    end
  end
end
for g, l in pairs(lists) do if #l > 0 then chunked('RPUSH', KEYS[1 + 2 * g], l) end end
for g, c in pairs(claims) do if #c > 0 then chunked('HSET', KEYS[2 + 2 * g], c) end end
if #fixes > 0 then chunked('HSET', KEYS[2], fixes) end

if #KEYS > 2 + 2 * groups then
  local first, fresh = 2 + 2 * groups, {}
  for i = 1, n do
    local key = KEYS[first + i]
    if out[i] == 's' then
      fresh[#fresh + 1] = key
      fresh[#fresh + 1] = tenant
    elseif out[i] == 'e' then
      redis.call('SET', key, tenant, 'NX')
    else
      redis.call('DEL', key)
    end
  end
  for i = 1, #fresh, CHUNK do
    local last = math.min(i + CHUNK - 1, #fresh)
    if redis.call('MSETNX', unpack(fresh, i, last)) == 0 then
      for k = i, last, 2 do redis.call('SET', fresh[k], tenant, 'NX') end
    end
  end
end
local reply = {table.concat(out)}
for _, h in ipairs(holds) do reply[#reply + 1] = h end
return reply`;

/**
 * After the batch's HSET: puts back the records of existing ids and removes those of duplicates, as
 * CLAIM_CREDENTIALS noted in the fix-up hash, then deletes it. Nothing to do (one HGETALL) when every
 * credential of the batch was stored. KEYS: creds, fix-up hash. Returns how many records it fixed.
 */
export const SETTLE_CREDENTIALS = `
local fixes = redis.call('HGETALL', KEYS[2])
for i = 1, #fixes, 2 do
  if fixes[i + 1] == '' then redis.call('HDEL', KEYS[1], fixes[i]) else redis.call('HSET', KEYS[1], fixes[i], fixes[i + 1]) end
end
if #fixes > 0 then redis.call('DEL', KEYS[2]) end
return #fixes / 2`;

/**
 * Claims status indexes: a bit set from 0 to 1 is this caller's. Walks the random candidates in order
 * until it has `count`, then takes the lowest free indexes. KEYS: salloc. ARGV: listSize, count,
 * candidates packed as `>I4` each. Returns the indexes (fewer than `count` when the list is full).
 *
 * The candidates go to one BITFIELD per step, as many as indexes are still wanted: that is exactly
 * the candidates a one-by-one SETBIT walk would try, so the outcome is the same, in far fewer calls.
 */
export const ALLOCATE_STATUS_INDEXES = `
local size, want, packed = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
local total, used, out = #packed / 4, 0, {}
while #out < want and used < total do
  local take = math.min(want - #out, total - used, 1000)
  local ops, cands = {}, {}
  for k = 1, take do
    local b1, b2, b3, b4 = string.byte(packed, 4 * (used + k) - 3, 4 * (used + k))
    local c = ((b1 * 256 + b2) * 256 + b3) * 256 + b4
    cands[k] = c
    ops[4 * k - 3], ops[4 * k - 2], ops[4 * k - 1], ops[4 * k] = 'SET', 'u1', c, 1
  end
  local old = redis.call('BITFIELD', KEYS[1], unpack(ops))
  for k = 1, take do if old[k] == 0 then out[#out + 1] = cands[k] end end
  used = used + take
end
while #out < want do
  local pos = redis.call('BITPOS', KEYS[1], 0)
  if pos < 0 or pos >= size then break end
  redis.call('SETBIT', KEYS[1], pos, 1)
  out[#out + 1] = pos
end
return out`;
