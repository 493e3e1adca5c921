/**
 * @module issuance/status-list-cache — the published status lists this process has read, kept per
 * (tenant, list) together with the store's version of the list at the time. A request reads only the
 * version (a few bytes) and gets the kept list while it is unchanged; any new version — a revocation
 * in this process or in another one sharing the store — makes the next request read the list again.
 */

type Json = Record<string, unknown>;

interface Entry {
  version: number;
  /** Deep-frozen: one object serves every request (and the verification cache keyed by it), so nobody may change it. */
  list: Promise<Json | undefined>;
}

/** Freezes a parsed JSON document all the way down. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export class StatusListCache {
  /** Map order is recency order: the first key is the least recently used. */
  private readonly entries = new Map<string, Entry>();

  /** `max` lists (a ~22 KB document each); a server sees a few per tenant. */
  constructor(private readonly max = 32) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * The list at `version`: the kept one when it was read at this same version, else `load()`.
   * The caller must have read `version` BEFORE anything `load` reads: then a kept list is never older
   * than its version (a writer stores list and version in one atomic step), only possibly newer, which
   * merely costs one extra read on the next request. Lists that are missing or fail to load are not kept.
   */
  get(tenant: string, listId: string, version: number, load: () => Promise<Json | undefined>): Promise<Json | undefined> {
    const key = `${tenant}\n${listId}`;
    const kept = this.entries.get(key);
    if (kept) this.entries.delete(key); // re-inserted below: most recently used
    if (kept && kept.version === version) {
      this.entries.set(key, kept);
      return kept.list;
    }
    const entry: Entry = { version, list: load().then(deepFreeze) };
    this.entries.set(key, entry);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    entry.list.then((list) => list === undefined && forget(), forget);
    return entry.list;
  }
}
