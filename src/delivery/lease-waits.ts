/**
 * @module delivery/lease-waits — sweeps waiting for another process's delivery claims to run out (it may have
 * died holding them): one timer per job, which `idle()` can wait for and stopping cancels.
 */
export class LeaseWaits {
  private readonly waits = new Map<string, { timer: NodeJS.Timeout; fired: Promise<void>; fire: () => void }>();

  get size(): number {
    return this.waits.size;
  }

  /** Calls `then` after `ms`, instead of the key's earlier wait if it had one. */
  set(key: string, ms: number, then: () => void): void {
    this.cancel(key);
    let fire = () => undefined as void;
    const fired = new Promise<void>((resolve) => (fire = resolve));
    // Not keeping the process alive for it: a process that exits leaves the job pending for the next start.
    const timer = setTimeout(() => {
      this.waits.delete(key);
      then();
      fire();
    }, ms).unref();
    this.waits.set(key, { timer, fired, fire });
  }

  /** Resolves when every wait set by now has fired (after its `then`) or was cancelled. */
  async settled(): Promise<void> {
    await Promise.all([...this.waits.values()].map((w) => w.fired));
  }

  cancelAll(): void {
    for (const key of [...this.waits.keys()]) this.cancel(key);
  }

  private cancel(key: string): void {
    const w = this.waits.get(key);
    if (!w) return;
    clearTimeout(w.timer);
    this.waits.delete(key);
    w.fire();
  }
}
