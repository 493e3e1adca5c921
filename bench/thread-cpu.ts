/**
 * @module bench/thread-cpu — where a run's CPU went, per OS thread of this process (Linux /proc) and
 * for Redis (INFO cpu): the figures that say which part to speed up next. Node names every thread
 * "node", so threads are told apart by tid (the main thread's is the pid) and ranked by CPU: on a
 * signing run the two busiest after the main thread are the signing threads, the rest V8's GC helpers
 * and libuv (BENCH_CPU_ALL=1 lists every thread).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';

type Snapshot = Map<string, number>; // tid → CPU seconds (user + system)

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function threadCpu(): Snapshot {
  const out: Snapshot = new Map();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (comm) "
        out.set(tid, (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND); // utime, stime
      } catch {
        // the thread ended between listing and reading
      }
    }
  } catch {
    // not Linux: no per-thread figures
  }
  return out;
}

export async function redisCpu(client: Redis): Promise<number> {
  const info = await client.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}

/** "main 0.41 s · 1.52 s · 1.49 s · others 0.38 s · Redis 0.29 s", with µs per item for each. */
export function describeCpu(before: Snapshot, after: Snapshot, redisSeconds: number, items: number): string {
  const used = [...after].map(([tid, s]) => ({ tid, s: s - (before.get(tid) ?? 0) }));
  const main = used.find((u) => u.tid === String(process.pid))?.s ?? 0;
  const others = used.filter((u) => u.tid !== String(process.pid)).sort((a, b) => b.s - a.s);
  if (process.env.BENCH_CPU_ALL) console.log(`  every other thread (tid: CPU s): ${others.map((u) => `${u.tid}: ${u.s.toFixed(2)}`).join(', ')}`);
  const top = others.slice(0, 2);
  const rest = others.slice(2).reduce((sum, u) => sum + u.s, 0);
  const each = (s: number) => `${s.toFixed(2)} s (${Math.round((s * 1e6) / items)} µs/credential)`;
  return `CPU: main thread ${each(main)}; busiest two other threads ${top.map((u) => each(u.s)).join(', ')}; all other threads ${each(rest)}; Redis ${each(redisSeconds)}`;
}
