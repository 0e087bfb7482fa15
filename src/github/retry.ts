// Retries for GitHub API calls: a 5xx or a network error is tried again with a doubling back-off, a rate
// limit after the wait GitHub asked for; a refusal (401, 403, 404, 422) is not. Each failure that is given
// up on becomes a GitHubCallError naming what we were doing and how many attempts it took.
import { describeHttpError, serverAskedWaitMs, transientKind } from './http-error.js';

/** GitHub's advice for a rate limit that names no wait: "wait for at least one minute". */
const RATE_LIMIT_DEFAULT_WAIT_MS = 60_000;

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** First back-off for a 5xx or a network error, doubled on each retry (default 1 s). */
  baseDelayMs?: number;
  /**
   * The longest wait before a retry (default 60 s). When GitHub asks for a longer wait (`retry-after`,
   * or a rate limit that resets later), the call is not retried: retrying early only earns another
   * rejection, and GitHub warns that hammering a rate limit can get an integration banned.
   */
  maxDelayMs?: number;
  /** Each HTTP request is aborted (and counts as a network error) after this long (default 30 s). */
  requestTimeoutMs?: number;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Epoch milliseconds, injectable for tests (compared with `x-ratelimit-reset`). */
  now?: () => number;
}

export type RetryPolicy = Required<RetryOptions>;

export function resolvePolicy(options: RetryOptions): RetryPolicy {
  return {
    retries: options.retries ?? 3,
    baseDelayMs: options.baseDelayMs ?? 1_000,
    maxDelayMs: options.maxDelayMs ?? 60_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: options.now ?? Date.now,
  };
}

/** A failed API call: what we were doing, how many attempts it took, and GitHub's error as `cause`. */
export class GitHubCallError extends Error {
  constructor(
    readonly what: string,
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(`${what}: ${describeHttpError(cause)?.message ?? String(cause)}`, { cause });
    this.name = 'GitHubCallError';
  }
}

/**
 * How long to wait before retry number `attempt` (1-based) of a call that failed with `error`, or
 * undefined when it must not be retried (401, 403 refusals, 404, 422, a wait longer than the cap).
 */
export function retryDelayMs(
  error: unknown,
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  nowMs: number,
): number | undefined {
  const info = describeHttpError(error);
  if (info === undefined) return undefined;
  const kind = transientKind(info);
  if (kind === undefined) return undefined;
  const askedMs = serverAskedWaitMs(info.headers, nowMs);
  const waitMs =
    askedMs ??
    (kind === 'rate-limited' ? RATE_LIMIT_DEFAULT_WAIT_MS : Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs));
  return waitMs > policy.maxDelayMs ? undefined : waitMs;
}

/** Octokit's per-request options: each attempt gets its own time-out. */
export interface PerRequestOptions {
  signal: AbortSignal;
}

/** Runs `call` until it succeeds or may not be retried; `what` names the call in the error. */
export async function withRetries<T>(policy: RetryPolicy, what: string, call: (request: PerRequestOptions) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call({ signal: AbortSignal.timeout(policy.requestTimeoutMs) });
    } catch (error) {
      const delayMs = attempt <= policy.retries ? retryDelayMs(error, attempt, policy, policy.now()) : undefined;
      if (delayMs === undefined) throw new GitHubCallError(what, attempt, error);
      await policy.sleep(delayMs);
    }
  }
}
