// The one-line warning each kind of failed GitHub call becomes (the fake server covers the same kinds
// over real HTTP; these are the cases it cannot easily produce).
import { classifyGitHubError } from '../../../src/github/error-warning.js';
import { GitHubCallError } from '../../../src/github/retry.js';

const httpError = (status: number, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { status, response: { headers: {}, data: { message, ...extra } } });

describe('classifyGitHubError', () => {
  test('an error that is not an HTTP error is "other", on one line, named by the call', () => {
    const classified = classifyGitHubError(new GitHubCallError('list the comments of o/r#1', 1, new Error('a\nbug')));
    expect(classified).toEqual({ kind: 'other', message: 'list the comments of o/r#1: a bug' });
  });

  test("the caller's own abort is not a network fault, and has no status", () => {
    const aborted = Object.assign(new Error('This operation was aborted'), { status: 500, name: 'AbortError' });
    expect(classifyGitHubError(aborted)).toEqual({ kind: 'other', message: 'post the pull-request comment: This operation was aborted' });
  });

  test('a 422 that is not about length, and a status no row names, quote GitHub', () => {
    expect(classifyGitHubError(httpError(422, 'Validation Failed', { errors: [{ code: 'invalid' }] }))).toEqual({
      kind: 'other',
      status: 422,
      message: 'post the pull-request comment: GitHub answered 422 (Validation Failed)',
    });
    expect(classifyGitHubError(httpError(409, 'Conflict'))).toMatchObject({ kind: 'other', status: 409 });
  });

  test('a 403 that is neither a rate limit nor an integration refusal names the permission', () => {
    expect(classifyGitHubError(httpError(403, 'Forbidden')).message).toBe(
      'post the pull-request comment: GitHub refused (403 Forbidden); the token needs "pull-requests: write" (or "issues: write") on this repository',
    );
  });

  test("GitHub's message is quoted on one line and cut to 200 characters", () => {
    const { message } = classifyGitHubError(httpError(418, `tea\n${'x'.repeat(500)}`));
    expect(message).not.toContain('\n');
    expect(message).toMatch(/\(tea x+…\)$/);
    expect(message.length).toBeLessThan(260);
  });
});
