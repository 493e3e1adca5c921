/** @module store/errors — typed store errors with a stable `code`, so callers can react to each one. */

/** `withLock` could not get the lock within its wait time: somebody else is still holding it. */
export class LockTimeoutError extends Error {
  readonly code = 'lock_timeout';
  constructor(
    readonly tenant: string,
    readonly lockName: string,
    readonly waitedMs: number,
  ) {
    super(`Could not get the lock "${lockName}" within ${waitedMs} ms: another task is still holding it. Try again shortly.`);
    this.name = 'LockTimeoutError';
  }
}

/** A call was made with an argument the store cannot accept (a programming error, said plainly). */
export class StoreInputError extends Error {
  readonly code = 'store_input';
  constructor(message: string) {
    super(message);
    this.name = 'StoreInputError';
  }
}

/** The record to update does not exist. */
export class NotFoundError extends Error {
  readonly code = 'not_found';
  constructor(what: string, id: string) {
    super(`${what} "${id}" does not exist in this workspace.`);
    this.name = 'NotFoundError';
  }
}
