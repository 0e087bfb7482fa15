import { DEFAULT_RETRY_POLICY, retryAfterMs, retryDecision } from '../../../src/registry/retry.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const policy = { ...DEFAULT_RETRY_POLICY, sleep: async () => undefined };

test('Retry-After in seconds or as an HTTP date', () => {
  expect(retryAfterMs('2', NOW)).toBe(2000);
  expect(retryAfterMs(' 0 ', NOW)).toBe(0);
  expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', NOW)).toBe(5000);
  expect(retryAfterMs('Wed, 31 Dec 2025 00:00:00 GMT', NOW)).toBe(0);
  expect(retryAfterMs('soon', NOW)).toBeUndefined();
  expect(retryAfterMs(undefined, NOW)).toBeUndefined();
  expect(retryAfterMs('99999999999', NOW)).toBeUndefined();
});

describe('retryDecision', () => {
  test('429 and 503 wait what they ask, up to 4 retries', () => {
    expect(retryDecision({ status: 429, retryAfter: '3' }, 0, 0, policy, NOW)).toEqual({ retry: true, waitMs: 3000 });
    expect(retryDecision({ status: 503 }, 1, 0, policy, NOW)).toEqual({ retry: true, waitMs: 2000 });
    expect(retryDecision({ status: 429, retryAfter: '1' }, 4, 0, policy, NOW)).toEqual({ retry: false, why: 'after 5 tries' });
  });

  test('a wait longer than 30 s is not waited for, and all waits stay under 60 s', () => {
    expect(retryDecision({ status: 429, retryAfter: '31' }, 0, 0, policy, NOW)).toEqual({
      retry: false,
      why: 'the registry asked to wait 31 s, longer than the 30 s waited at most',
    });
    expect(retryDecision({ status: 429, retryAfter: '30' }, 2, 45_000, policy, NOW)).toEqual({
      retry: false,
      why: 'after 3 tries and 45 s of waiting (at most 60 s)',
    });
  });

  test('other 5xx and retryable network failures back off 1, 2, 4 s, 3 retries', () => {
    expect([0, 1, 2].map((n) => retryDecision({ status: 502 }, n, 0, policy, NOW))).toEqual([
      { retry: true, waitMs: 1000 },
      { retry: true, waitMs: 2000 },
      { retry: true, waitMs: 4000 },
    ]);
    expect(retryDecision({ status: 500 }, 3, 0, policy, NOW)).toEqual({ retry: false, why: 'after 4 tries' });
    expect(retryDecision({ network: true, retryable: true }, 0, 0, policy, NOW)).toEqual({ retry: true, waitMs: 1000 });
  });

  test('refusals and failures that will not pass are not retried', () => {
    for (const status of [400, 401, 403, 404, 416]) expect(retryDecision({ status }, 0, 0, policy, NOW)).toEqual({ retry: false });
    expect(retryDecision({ network: true, retryable: false }, 0, 0, policy, NOW)).toEqual({ retry: false });
  });
});
