/**
 * @module test/web/page-cache.test — the rendered-files cache: a hit never renders again, concurrent
 * misses share one render, entries expire after their TTL, the oldest go first when the cache is
 * full (by count or bytes), and a failed render is retried rather than cached.
 */
import { describe, expect, it } from '@jest/globals';
import { RenderCache } from '../../src/web/page/lru.js';

const bytes = (n: number, fill = 1) => Buffer.alloc(n, fill);

describe('RenderCache', () => {
  it('renders once for concurrent and repeated requests of the same file', async () => {
    const cache = new RenderCache();
    let renders = 0;
    const render = async () => {
      renders++;
      await new Promise((r) => setTimeout(r, 20));
      return bytes(10);
    };
    const all = await Promise.all([1, 2, 3].map(() => cache.getOrRender('badge:1', render)));
    await cache.getOrRender('badge:1', render);
    expect(renders).toBe(1);
    expect(all.every((b) => b.equals(bytes(10)))).toBe(true);
    expect(cache.stats).toEqual({ hits: 3, misses: 1 });
  });

  it('renders again once an entry is older than its TTL', async () => {
    let now = 1_000;
    const cache = new RenderCache({ ttlMs: 500, now: () => now });
    let renders = 0;
    const render = async () => bytes(++renders);
    await cache.getOrRender('k', render);
    now += 499;
    expect((await cache.getOrRender('k', render)).length).toBe(1);
    now += 2;
    expect((await cache.getOrRender('k', render)).length).toBe(2);
  });

  it('evicts the least recently used entry when full by count or by bytes', async () => {
    const cache = new RenderCache({ maxEntries: 2, maxBytes: 100 });
    const rendered: string[] = [];
    const get = (key: string, size = 10) => cache.getOrRender(key, async () => (rendered.push(key), bytes(size)));
    await get('a');
    await get('b');
    await get('a'); // a is now the most recently used
    await get('c'); // evicts b
    await get('a');
    await get('b');
    expect(rendered).toEqual(['a', 'b', 'c', 'b']);
    await get('big', 95); // 95 + 10 > 100: everything older goes
    expect(cache.size).toBe(1);
    await get('huge', 1000); // larger than the whole cache: served, not kept
    expect(cache.size).toBe(1);
  });

  it('does not cache a failed render', async () => {
    const cache = new RenderCache();
    let calls = 0;
    const render = async () => {
      if (++calls === 1) throw new Error('font missing');
      return bytes(3);
    };
    await expect(cache.getOrRender('k', render)).rejects.toThrow('font missing');
    expect((await cache.getOrRender('k', render)).length).toBe(3);
  });
});
