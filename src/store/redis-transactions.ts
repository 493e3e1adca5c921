/**
 * @module store/redis-transactions — blocks of commands, each run as one MULTI/EXEC, all sent in one
 * pipeline (one round trip). The big per-batch steps use it: a plain command carries the bulk (records,
 * row results) and a script beside it in the same block does the checks, so the bulk never passes
 * through Lua (measured: several times what a plain command costs Redis for the same bytes).
 *
 * The commands are marked as a transaction's, as ioredis's own `multi()` marks them (so a cluster
 * redirection retries the whole block); ioredis's pipeline `multi()`/`exec()` pair is not used, because
 * on a cluster client that is not connected yet that `exec()` is deferred and mistaken for the
 * pipeline's own. Scripts in a block go as EVAL, not EVALSHA: inside a MULTI a script missing from
 * the server's cache (restart, SCRIPT FLUSH) would fail while the commands beside it still ran.
 */
import { Command, type Cluster, type Redis } from 'ioredis';

/** The key prefix the client adds to every key (commands encoded by the store add it themselves). */
export function keyPrefixOf(client: Redis | Cluster): string {
  return String((client.options as { keyPrefix?: string }).keyPrefix ?? '');
}

/**
 * Runs each block as MULTI … EXEC, in order, in one pipeline; returns each block's replies (one per
 * command). Throws the first error: a refused block (EXECABORT) or a command that failed inside one.
 */
export async function execTransactions(client: Redis | Cluster, blocks: Command[][]): Promise<unknown[][]> {
  const p = client.pipeline() as unknown as { sendCommand(c: Command): void; exec(): Promise<[Error | null, unknown][] | null> };
  const queue = (cmd: Command) => {
    cmd.inTransaction = true;
    p.sendCommand(cmd);
  };
  const execAt: number[] = [];
  let n = 0;
  for (const block of blocks) {
    queue(new Command('multi', [], { replyEncoding: 'utf8' }));
    for (const cmd of block) queue(cmd);
    queue(new Command('exec', [], { replyEncoding: 'utf8' }));
    n += block.length + 2;
    execAt.push(n - 1);
  }
  const replies = (await p.exec()) ?? [];
  return execAt.map((at) => {
    const [err, results] = replies[at] ?? [new Error('Redis did not answer a transaction')];
    if (err) throw err;
    if (!Array.isArray(results)) throw new Error('Redis aborted a transaction'); // EXEC answers nil only after a WATCH
    for (const r of results) if (r instanceof Error) throw r;
    return results as unknown[];
  });
}
