// When a failed request is tried again, and after how long: 429 and 503 after the Retry-After the server asks
// for (each wait and all waits together bounded), other 5xx and network failures after a doubling back-off, a
// bounded number of times; refusals (4xx) never. Pure but for the sleep.

export interface RetryPolicy {
  /** Tries after the first, for 5xx answers and network failures. */
  maxRetries: number;
  /** Tries after the first, for 429 and 503 answers. */
  maxRateLimitRetries: number;
  /** The first back-off, doubled on each retry. */
  baseDelayMs: number;
  /** A Retry-After longer than this is not waited for: the request fails saying so. */
  maxRetryAfterMs: number;
  /** All waits of one request together stay under this. */
  maxTotalWaitMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  maxRateLimitRetries: 4,
  baseDelayMs: 1_000,
  maxRetryAfterMs: 30_000,
  maxTotalWaitMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Retry-After as milliseconds: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1_000;
  const dateMs = Date.parse(text);
  return Number.isNaN(dateMs) ? undefined : Math.max(0, dateMs - nowMs);
}

/** What went wrong with one try: an answer's status (with its Retry-After) or a network failure. */
export type Failure = { status: number; retryAfter?: string } | { network: true; retryable: boolean };

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; why?: string };

/**
 * Whether to try again after `failure`, the `retriesSoFar`-th failure of its kind, having waited `waitedMs` in all.
 * `why` says why a transient failure is given up on.
 */
export function retryDecision(failure: Failure, retriesSoFar: number, waitedMs: number, policy: RetryPolicy, nowMs: number): RetryDecision {
  const backoffMs = policy.baseDelayMs * 2 ** retriesSoFar;
  let waitMs: number;
  if ('network' in failure) {
    if (!failure.retryable) return { retry: false };
    if (retriesSoFar >= policy.maxRetries) return { retry: false, why: `after ${retriesSoFar + 1} tries` };
    waitMs = backoffMs;
  } else if (failure.status === 429 || failure.status === 503) {
    if (retriesSoFar >= policy.maxRateLimitRetries) return { retry: false, why: `after ${retriesSoFar + 1} tries` };
    const askedMs = retryAfterMs(failure.retryAfter, nowMs);
    if (askedMs !== undefined && askedMs > policy.maxRetryAfterMs)
      return {
        retry: false,
        why: `the registry asked to wait ${Math.ceil(askedMs / 1000)} s, longer than the ${policy.maxRetryAfterMs / 1000} s waited at most`,
      };
    waitMs = askedMs ?? backoffMs;
  } else if (failure.status >= 500) {
    if (retriesSoFar >= policy.maxRetries) return { retry: false, why: `after ${retriesSoFar + 1} tries` };
    waitMs = backoffMs;
  } else return { retry: false };
  if (waitedMs + waitMs > policy.maxTotalWaitMs)
    return {
      retry: false,
      why: `after ${retriesSoFar + 1} tries and ${Math.round(waitedMs / 1000)} s of waiting (at most ${policy.maxTotalWaitMs / 1000} s)`,
    };
  return { retry: true, waitMs };
}
