// Which failed GitHub calls are tried again, and after how long.
import { retryDelayMs } from '../../../src/github/retry.js';

describe('retry decisions', () => {
  const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000 };
  const httpError = (status: number, headers: Record<string, string> = {}, message = 'x') =>
    Object.assign(new Error(message), { status, response: { headers, data: { message } } });

  test('what is retried, and after how long', () => {
    expect(retryDelayMs(httpError(500), 1, policy, 0)).toBe(1_000);
    expect(retryDelayMs(httpError(503), 3, policy, 0)).toBe(4_000);
    expect(retryDelayMs(httpError(503, { 'retry-after': '7' }), 1, policy, 0)).toBe(7_000);
    expect(retryDelayMs(httpError(429), 1, policy, 0)).toBe(60_000);
    expect(retryDelayMs(httpError(403, { 'retry-after': '30' }), 1, policy, 0)).toBe(30_000);
    expect(retryDelayMs(httpError(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '100' }), 1, policy, 90_000)).toBe(10_000);
    expect(retryDelayMs(httpError(403, { 'retry-after': '120' }), 1, policy, 0)).toBeUndefined();
    for (const status of [401, 403, 404, 422]) expect(retryDelayMs(httpError(status), 1, policy, 0)).toBeUndefined();
    expect(retryDelayMs(new Error('a bug'), 1, policy, 0)).toBeUndefined();
    expect(retryDelayMs(Object.assign(new Error('fetch failed'), { status: 500 }), 1, policy, 0)).toBe(1_000);
  });
});
