// What a failed GitHub API call tells us, read from Octokit's error: the status, GitHub's message, the
// rate-limit headers, and whether the failure is transient (worth a retry) or a refusal.

/** What an Octokit RequestError carries, read structurally (a bundle may hold two copies of the class). */
export interface HttpErrorInfo {
  /** 0 when no response arrived. */
  status: number;
  /** False for network failures and time-outs: Octokit reports those as status 500 with no response. */
  hasResponse: boolean;
  headers: Record<string, string | undefined>;
  /** GitHub's own message (`{"message": ...}`), else the error's. */
  message: string;
  /** The name of the thrown error (AbortError when the caller aborted). */
  name: string;
}

export function describeHttpError(error: unknown): HttpErrorInfo | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { status?: unknown; response?: unknown; message?: unknown; name?: unknown };
  if (typeof candidate.status !== 'number') return undefined;
  const response = candidate.response as { headers?: Record<string, string | undefined>; data?: unknown } | undefined;
  const data = response?.data as { message?: unknown } | undefined;
  const message = typeof data?.message === 'string' ? data.message : typeof candidate.message === 'string' ? candidate.message : '';
  return {
    status: response === undefined ? 0 : candidate.status,
    hasResponse: response !== undefined,
    headers: lowerCaseKeys(response?.headers ?? {}),
    message,
    name: typeof candidate.name === 'string' ? candidate.name : '',
  };
}

function lowerCaseKeys(headers: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}

export type TransientKind = 'rate-limited' | 'server' | 'network';

/** Why a failure may pass if the call is made again, or undefined when it is a refusal that will not. */
export function transientKind(info: HttpErrorInfo): TransientKind | undefined {
  // The caller's own abort is a decision, not a fault; our time-outs arrive as TimeoutError instead.
  if (!info.hasResponse) return info.name === 'AbortError' ? undefined : 'network';
  if (info.status === 429) return 'rate-limited';
  if (info.status === 403 && isRateLimit(info)) return 'rate-limited';
  if (info.status >= 500) return 'server';
  return undefined;
}

/** A 403 is a rate limit (primary or secondary) only when GitHub says so; otherwise it is a refusal. */
function isRateLimit(info: HttpErrorInfo): boolean {
  return /rate limit/i.test(info.message) || info.headers['retry-after'] !== undefined || info.headers['x-ratelimit-remaining'] === '0';
}

/** The wait GitHub asked for: `retry-after` (seconds or an HTTP date), else the rate limit's reset time. */
export function serverAskedWaitMs(headers: Record<string, string | undefined>, nowMs: number): number | undefined {
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1_000;
    const dateMs = Date.parse(retryAfter);
    if (!Number.isNaN(dateMs)) return Math.max(0, dateMs - nowMs);
  }
  const reset = headers['x-ratelimit-reset'];
  if (headers['x-ratelimit-remaining'] === '0' && reset !== undefined && /^\d+$/.test(reset)) {
    return Math.max(0, Number(reset) * 1_000 - nowMs);
  }
  return undefined;
}
