/**
 * @module adapters/teams/retry — the Bot Connector answers 429 (with Retry-After) and the odd 5xx
 * under load; posting a job's summary must survive that. Retries with the server's delay, or an
 * exponential back-off, a bounded number of times.
 */

export interface RetryOptions {
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: { attempt: number; status: number; delayMs: number }) => void;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The HTTP status of a connector error (RestError, StatusCodeError, or our own). */
export function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: number; status?: number; response?: { status?: number } } | undefined;
  return e?.statusCode ?? e?.response?.status ?? e?.status;
}

function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: { get?(name: string): string | undefined | null } } })?.response?.headers;
  const raw = headers?.get?.('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

export const isRetryable = (status: number | undefined) => status === 429 || (status !== undefined && status >= 500);

export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 60_000;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const status = statusOf(err);
      if (!isRetryable(status) || attempt >= attempts) throw err;
      const delayMs = Math.min(retryAfterMs(err) ?? base * 2 ** (attempt - 1), max);
      options.onRetry?.({ attempt, status: status!, delayMs });
      await sleep(delayMs);
    }
  }
}
