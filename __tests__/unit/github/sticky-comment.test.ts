// The sticky comment (and the warnings its failures become) against a local fake of GitHub's REST API, over real HTTP, through the Octokit
// client the action uses. The fake holds to GitHub's OpenAPI description, and every test here ends by
// checking that no request (or answer) broke it.
import { getOctokit } from '@actions/github';
import { GitHubClient } from '../../../src/github/api-calls.js';
import { commentMarker } from '../../../src/github/comment-marker.js';
import { classifyGitHubError } from '../../../src/github/error-warning.js';
import { RetryOptions } from '../../../src/github/retry.js';
import { findOurComments, nextPageUrl, upsertComment } from '../../../src/github/sticky-comment.js';
import { always, fakeUser, FakeGitHub, faults, first, GITHUB_ACTIONS_BOT, nth, startFakeGitHub } from '../../support/github-server.js';

const OWNER = 'octo-org';
const REPO = 'app';
const PR = 7;
const LIST = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments';
const CREATE = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
const UPDATE = 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}';
const DELETE = 'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}';

const marker = commentMarker('ghcr.io/octo-org/app:ci');
const target = { owner: OWNER, repo: REPO, issueNumber: PR, marker };

let server: FakeGitHub;
let octokit: GitHubClient;
/** Waits the retries asked for; recorded instead of slept, so the tests stay fast. */
let waitsMs: number[];
let retry: RetryOptions;

beforeEach(async () => {
  server = await startFakeGitHub();
  server.state.addPullRequest(OWNER, REPO, PR);
  octokit = getOctokit('test-token', { baseUrl: server.url });
  waitsMs = [];
  retry = { baseDelayMs: 5, maxDelayMs: 5_000, sleep: async (ms) => void waitsMs.push(ms) };
});

afterEach(async () => {
  await server.close();
});

function report(text: string): string {
  return `${marker}\n### image-size-gate\n${text}`;
}

function seedOthers(count: number): void {
  const people = [fakeUser('alice'), fakeUser('bob'), fakeUser('renovate[bot]', 'Bot')];
  for (let index = 0; index < count; index++) {
    server.state.addComment(OWNER, REPO, PR, { body: `comment ${index}`, user: people[index % people.length] });
  }
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('upsertComment', () => {
  afterEach(() => {
    // Happy or not, every request the code made was one GitHub documents, and every answer too.
    expect(server.validationErrors).toEqual([]);
  });

  test('the first run creates the comment, as the token user, with the marker first', async () => {
    const result = await upsertComment(octokit, { ...target, body: report('size 4.46 MB') }, retry);
    const [stored] = server.state.comments(OWNER, REPO, PR);
    expect(result).toEqual({
      action: 'created',
      id: stored.id,
      url: `https://github.com/${OWNER}/${REPO}/pull/${PR}#issuecomment-${stored.id}`,
      deletedIds: [],
    });
    expect(result.id).toBeGreaterThan(2 ** 31);
    expect(stored.user).toEqual(GITHUB_ACTIONS_BOT);
    expect(stored.body).toBe(report('size 4.46 MB'));
    expect(server.requestsTo(CREATE)).toHaveLength(1);
    expect(server.requestsTo(CREATE)[0].authScheme).toBe('token');
  });

  test('a body without the marker gets it as its first line', async () => {
    await upsertComment(octokit, { ...target, body: 'no marker here' }, retry);
    expect(server.state.comments(OWNER, REPO, PR)[0].body).toBe(`${marker}\nno marker here`);
  });

  test('a re-run updates the same comment in place', async () => {
    const created = await upsertComment(octokit, { ...target, body: report('size 4.46 MB') }, retry);
    const updated = await upsertComment(octokit, { ...target, body: report('size 5.00 MB') }, retry);
    expect(updated).toMatchObject({ action: 'updated', id: created.id, url: created.url, deletedIds: [] });
    expect(server.state.comments(OWNER, REPO, PR).map((comment) => comment.body)).toEqual([report('size 5.00 MB')]);
    expect(server.requestsTo(CREATE)).toHaveLength(1);
    expect(server.requestsTo(UPDATE)).toHaveLength(1);
  });

  test('an identical body is left alone', async () => {
    const created = await upsertComment(octokit, { ...target, body: report('same') }, retry);
    const again = await upsertComment(octokit, { ...target, body: report('same') }, retry);
    expect(again).toEqual({ action: 'unchanged', id: created.id, url: created.url, deletedIds: [] });
    expect(server.requestsTo(UPDATE)).toHaveLength(0);
  });

  test('finds our comment past the first page of 150 other comments, reading every page', async () => {
    seedOthers(150);
    const ours = server.state.addComment(OWNER, REPO, PR, { body: report('old') });
    seedOthers(30);
    const result = await upsertComment(octokit, { ...target, body: report('new') }, retry);
    expect(result).toMatchObject({ action: 'updated', id: ours.id });
    const lists = server.requestsTo(LIST);
    expect(lists.map((request) => request.url)).toEqual([
      `/repos/${OWNER}/${REPO}/issues/${PR}/comments?per_page=100`,
      // GitHub's Link header names the repository by id; the client follows it as given.
      expect.stringMatching(new RegExp(`^/repositories/\\d+/issues/${PR}/comments\\?per_page=100&page=2$`)),
    ]);
    expect(server.state.comments(OWNER, REPO, PR)).toHaveLength(181);
  });

  test('findOurComments returns every marked comment on every page, bots first, oldest first', async () => {
    const person = server.state.addComment(OWNER, REPO, PR, { body: `${marker}\ncopied by hand`, user: fakeUser('carol') });
    seedOthers(120);
    const botOld = server.state.addComment(OWNER, REPO, PR, { body: report('a') });
    seedOthers(100);
    const botNew = server.state.addComment(OWNER, REPO, PR, { body: report('b') });
    server.state.addComment(OWNER, REPO, PR, { body: `> ${marker}\n> quoted`, user: fakeUser('dave') });
    server.state.addComment(OWNER, REPO, PR, { body: commentMarker('another-image'), user: GITHUB_ACTIONS_BOT });
    const found = await findOurComments(octokit, target, retry);
    expect(found.map((comment) => comment.id)).toEqual([botOld.id, botNew.id, person.id]);
    expect(found[0]).toMatchObject({ authorLogin: 'github-actions[bot]', authorType: 'Bot', body: report('a') });
    expect(server.requestsTo(LIST)).toHaveLength(3);
  });

  test('two comments of ours (a race) leave one: the oldest is kept and updated, a person is never deleted', async () => {
    const person = server.state.addComment(OWNER, REPO, PR, { body: `${marker}\nmine`, user: fakeUser('carol') });
    const older = server.state.addComment(OWNER, REPO, PR, { body: report('run 1') });
    const newer = server.state.addComment(OWNER, REPO, PR, { body: report('run 2') });
    const result = await upsertComment(octokit, { ...target, body: report('run 3') }, retry);
    expect(result).toEqual({ action: 'updated', id: older.id, url: expect.any(String), deletedIds: [newer.id] });
    expect(server.state.comments(OWNER, REPO, PR).map((comment) => comment.id)).toEqual([person.id, older.id]);
  });

  test('two runs racing on an empty pull request leave exactly one comment', async () => {
    const results = await Promise.all([
      upsertComment(octokit, { ...target, body: report('run A') }, retry),
      upsertComment(octokit, { ...target, body: report('run B') }, retry),
    ]);
    const remaining = server.state.comments(OWNER, REPO, PR);
    expect(remaining).toHaveLength(1);
    expect(results.map((result) => result.id)).toEqual([remaining[0].id, remaining[0].id]);
    expect(server.requestsTo(CREATE)).toHaveLength(2);
  });

  test('one comment per image of a matrix', async () => {
    const other = commentMarker('ghcr.io/octo-org/worker:ci');
    await upsertComment(octokit, { ...target, body: 'app' }, retry);
    await upsertComment(octokit, { ...target, marker: other, body: 'worker' }, retry);
    await upsertComment(octokit, { ...target, body: 'app 2' }, retry);
    expect(server.state.comments(OWNER, REPO, PR).map((comment) => comment.body)).toEqual([`${marker}\napp 2`, `${other}\nworker`]);
  });

  test('a 500 is retried, then succeeds', async () => {
    server.inject(LIST, first(1, faults.serverError()));
    const result = await upsertComment(octokit, { ...target, body: report('x') }, retry);
    expect(result.action).toBe('created');
    expect(server.requestsTo(LIST).map((request) => request.status)).toEqual([500, 200, 200]);
    expect(waitsMs).toEqual([5]);
  });

  test('a 502 on page two retries page two alone, with growing back-off', async () => {
    seedOthers(150);
    server.inject(LIST, (n) => (n === 2 || n === 3 ? faults.badGateway() : undefined));
    await findOurComments(octokit, target, retry);
    const pages = server.requestsTo(LIST).map((request) => `${request.query.get('page') ?? '1'}:${request.status}`);
    expect(pages).toEqual(['1:200', '2:502', '2:502', '2:200']);
    expect(waitsMs).toEqual([5, 10]);
  });

  test('a secondary rate limit is retried after the retry-after the server asked for', async () => {
    server.inject(CREATE, first(1, faults.secondaryRateLimit(1)));
    const result = await upsertComment(octokit, { ...target, body: report('x') }, retry);
    expect(result.action).toBe('created');
    expect(server.requestsTo(CREATE).map((request) => request.status)).toEqual([403, 201]);
    expect(waitsMs).toEqual([1_000]);
    expect(server.state.comments(OWNER, REPO, PR)).toHaveLength(1);
  });

  test('with the real clock: a short retry-after is really waited for', async () => {
    server.inject(UPDATE, first(1, faults.secondaryRateLimit(0)));
    server.inject(LIST, first(1, faults.serverError()));
    server.state.addComment(OWNER, REPO, PR, { body: report('old') });
    const startedMs = Date.now();
    const result = await upsertComment(octokit, { ...target, body: report('new') }, { baseDelayMs: 20, maxDelayMs: 1_000 });
    expect(result.action).toBe('updated');
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(15);
  });

  test('a rate limit that resets later than the cap is not retried', async () => {
    const nowMs = Date.UTC(2025, 0, 1);
    server.inject(CREATE, always(faults.primaryRateLimit(nowMs / 1_000 + 600)));
    const error = await failure(upsertComment(octokit, { ...target, body: report('x') }, { ...retry, now: () => nowMs }));
    expect(server.requestsTo(CREATE)).toHaveLength(1);
    expect(waitsMs).toEqual([]);
    expect(classifyGitHubError(error)).toMatchObject({ kind: 'rate-limited', status: 403 });
  });

  test('a 403 "Resource not accessible by integration" is not retried and says what to do', async () => {
    server.inject(CREATE, always(faults.forbiddenIntegration()));
    const error = await failure(upsertComment(octokit, { ...target, body: report('x') }, retry));
    expect(server.requestsTo(CREATE)).toHaveLength(1);
    expect(waitsMs).toEqual([]);
    const classified = classifyGitHubError(error);
    expect(classified.kind).toBe('forbidden');
    expect(classified.status).toBe(403);
    expect(classified.message).toContain('Resource not accessible by integration');
    expect(classified.message).toMatch(/fork.*read-only.*workflow_run.*README/);
    expect(classified.message).not.toContain('\n');
  });

  test("a 70,000-character body gets GitHub's 422, classified too-long, not retried", async () => {
    const error = await failure(upsertComment(octokit, { ...target, body: report('x'.repeat(70_000)) }, retry));
    expect(server.requestsTo(CREATE).map((request) => request.status)).toEqual([422]);
    const classified = classifyGitHubError(error);
    expect(classified).toMatchObject({ kind: 'too-long', status: 422 });
    expect(classified.message).toContain('65,536 characters');
    expect(classified.message).toContain(`create the comment on ${OWNER}/${REPO}#${PR} (70,`);
  });

  test('a too-long update is classified the same way', async () => {
    server.state.addComment(OWNER, REPO, PR, { body: report('old') });
    const error = await failure(upsertComment(octokit, { ...target, body: report('y'.repeat(70_000)) }, retry));
    expect(classifyGitHubError(error).kind).toBe('too-long');
  });

  test('a pull request that does not exist is a 404, classified not-found', async () => {
    const error = await failure(upsertComment(octokit, { ...target, issueNumber: 999, body: 'x' }, retry));
    expect(server.requestsTo(LIST).map((request) => request.status)).toEqual([404]);
    const classified = classifyGitHubError(error);
    expect(classified.kind).toBe('not-found');
    expect(classified.message).toContain(`list the comments of ${OWNER}/${REPO}#999`);
  });

  test('an injected 404 on the update is not retried', async () => {
    server.state.addComment(OWNER, REPO, PR, { body: report('old') });
    server.inject(UPDATE, always(faults.notFound()));
    const error = await failure(upsertComment(octokit, { ...target, body: report('new') }, retry));
    expect(server.requestsTo(UPDATE)).toHaveLength(1);
    expect(classifyGitHubError(error).kind).toBe('not-found');
  });

  test('a 401 is not retried, classified unauthorized', async () => {
    server.inject(LIST, always(faults.unauthorized()));
    const error = await failure(upsertComment(octokit, { ...target, body: 'x' }, retry));
    expect(server.requestsTo(LIST)).toHaveLength(1);
    expect(classifyGitHubError(error)).toMatchObject({ kind: 'unauthorized', status: 401 });
  });

  test('retries stop after three, and the message says how many attempts', async () => {
    server.inject(LIST, always(faults.serverError()));
    const error = await failure(findOurComments(octokit, target, retry));
    expect(server.requestsTo(LIST)).toHaveLength(4);
    expect(waitsMs).toEqual([5, 10, 20]);
    const classified = classifyGitHubError(error);
    expect(classified).toMatchObject({ kind: 'server', status: 500 });
    expect(classified.message).toContain('after 4 attempts');
  });

  test('a dropped connection is retried as a network error', async () => {
    server.inject(LIST, first(1, faults.connectionReset()));
    await expect(findOurComments(octokit, target, retry)).resolves.toEqual([]);
    expect(server.requestsTo(LIST)).toHaveLength(2);
  });

  test('a server that never answers times out, and the retry succeeds', async () => {
    server.inject(LIST, first(1, faults.hang()));
    await expect(findOurComments(octokit, target, { ...retry, requestTimeoutMs: 200 })).resolves.toEqual([]);
    expect(server.requestsTo(LIST)).toHaveLength(2);
  });

  test('nothing listening is classified network', async () => {
    const url = server.url;
    await server.close();
    const offline = getOctokit('test-token', { baseUrl: url });
    const error = await failure(findOurComments(offline, target, { ...retry, retries: 1 }));
    const classified = classifyGitHubError(error);
    expect(classified.kind).toBe('network');
    expect(classified.message).toContain('after 2 attempts');
    server = await startFakeGitHub(); // for afterEach
  });

  test('a create whose answer was lost is retried, and the duplicate it made is deleted', async () => {
    server.inject(CREATE, nth(1, { ...faults.badGateway(), afterApplying: true }));
    const result = await upsertComment(octokit, { ...target, body: report('x') }, retry);
    const remaining = server.state.comments(OWNER, REPO, PR);
    expect(remaining).toHaveLength(1);
    // The first POST's comment is the older one and already holds this body.
    expect(result).toMatchObject({ action: 'unchanged', id: remaining[0].id });
    expect(result.deletedIds).toHaveLength(1);
    expect(result.deletedIds[0]).toBeGreaterThan(remaining[0].id);
    expect(server.requestsTo(DELETE)).toHaveLength(1);
  });

  test('a duplicate already deleted by another run (404) counts as deleted', async () => {
    server.state.addComment(OWNER, REPO, PR, { body: report('a') });
    const newer = server.state.addComment(OWNER, REPO, PR, { body: report('b') });
    server.inject(DELETE, always(faults.notFound()));
    const result = await upsertComment(octokit, { ...target, body: report('a') }, retry);
    expect(result).toMatchObject({ action: 'unchanged', deletedIds: [newer.id] });
  });

  test('a personal token (a User author) finds and updates its own comment', async () => {
    const me = fakeUser('octo-maintainer');
    server.state.tokenUsers.set('personal-token', me);
    const personal = getOctokit('personal-token', { baseUrl: server.url });
    const created = await upsertComment(personal, { ...target, body: 'v1' }, retry);
    const updated = await upsertComment(personal, { ...target, body: 'v2' }, retry);
    expect(updated).toMatchObject({ action: 'updated', id: created.id });
    expect(server.state.comments(OWNER, REPO, PR).map((comment) => comment.user.login)).toEqual(['octo-maintainer']);
  });
});

describe('pagination links', () => {
  test('the next page comes from the Link header and never leaves the API host', () => {
    const link =
      '<https://api.github.com/repositories/1/issues/7/comments?per_page=100&page=3>; rel="next", <https://api.github.com/repositories/1/issues/7/comments?per_page=100&page=5>; rel="last"';
    expect(nextPageUrl(link, 'https://api.github.com/repos/o/r/issues/7/comments?per_page=100&page=2')).toBe(
      'https://api.github.com/repositories/1/issues/7/comments?per_page=100&page=3',
    );
    expect(nextPageUrl('<https://api.github.com/x?page=1>; rel="prev"', 'https://api.github.com/x?page=2')).toBeUndefined();
    expect(nextPageUrl(undefined, 'https://api.github.com/x')).toBeUndefined();
    expect(() => nextPageUrl('<https://evil.example/steal>; rel="next"', 'https://api.github.com/x')).toThrow('refusing');
  });
});

describe('the fake GitHub holds clients to the published API', () => {
  const raw = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);

  test('a request without a token is refused and recorded', async () => {
    const response = await raw(`/repos/${OWNER}/${REPO}/issues/${PR}/comments`);
    expect(response.status).toBe(401);
    expect(server.validationErrors).toEqual([expect.objectContaining({ side: 'request', problem: 'no authorization header' })]);
  });

  test('undeclared query parameters and per_page over 100 are refused', async () => {
    const headers = { authorization: 'Bearer t' };
    expect((await raw(`/repos/${OWNER}/${REPO}/issues/${PR}/comments?per_page=101`, { headers })).status).toBe(422);
    expect((await raw(`/repos/${OWNER}/${REPO}/issues/${PR}/comments?perpage=10`, { headers })).status).toBe(422);
    expect(server.validationErrors.map((error) => error.problem)).toEqual([
      expect.stringContaining('per_page=101'),
      expect.stringContaining('"perpage" is not declared'),
    ]);
  });

  test('a body without the required field, of the wrong type, or not JSON is refused', async () => {
    const headers = { authorization: 'token t', 'content-type': 'application/json' };
    const path = `/repos/${OWNER}/${REPO}/issues/${PR}/comments`;
    expect((await raw(path, { method: 'POST', headers, body: JSON.stringify({ text: 'hi' }) })).status).toBe(422);
    expect((await raw(path, { method: 'POST', headers, body: JSON.stringify({ body: 42 }) })).status).toBe(422);
    expect((await raw(path, { method: 'POST', headers, body: '{' })).status).toBe(400);
    expect(server.validationErrors.map((error) => error.problem)).toEqual([
      'body: required property "body" is missing',
      'body.body: expected string, got integer',
      'the body is not JSON',
    ]);
    expect(server.state.comments(OWNER, REPO, PR)).toEqual([]);
  });

  test('operations that GitHub does not have, or the fake does not serve, are recorded', async () => {
    const headers = { authorization: 'token t' };
    expect((await raw(`/repos/${OWNER}/${REPO}/no-such-thing`, { headers })).status).toBe(404);
    expect((await raw(`/repos/${OWNER}/${REPO}/issues/${PR}`, { headers })).status).toBe(404);
    expect(server.validationErrors.map((error) => error.problem)).toEqual([
      `no operation GET /repos/${OWNER}/${REPO}/no-such-thing in GitHub's API`,
      "GET /repos/{owner}/{repo}/issues/{issue_number} is GitHub's but not served by the fake",
    ]);
  });

  test("pages of 30 by default, with GitHub's Link header", async () => {
    seedOthers(95);
    const first = await octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: PR, page: 2 });
    expect(first.data).toHaveLength(30);
    const base = `${server.url}/repositories/`;
    expect(first.headers.link).toMatch(
      new RegExp(
        `^<${base}\\d+/issues/7/comments\\?page=1>; rel="prev", <${base}\\d+/issues/7/comments\\?page=3>; rel="next", ` +
          `<${base}\\d+/issues/7/comments\\?page=4>; rel="last", <${base}\\d+/issues/7/comments\\?page=1>; rel="first"$`,
      ),
    );
    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner: OWNER, repo: REPO, issue_number: PR });
    expect(all).toHaveLength(95);
    expect(server.validationErrors).toEqual([]);
  });

  test('pull requests and labels answer with the documented shapes', async () => {
    server.state.setLabels(OWNER, REPO, PR, ['size-ok', 'allow-size-increase']);
    server.state.addPullRequest(OWNER, REPO, 8, { title: 'Shrink the image', head: { sha: 'abc123', ref: 'shrink' } });
    server.state.setLabels(OWNER, REPO, 8, ['allow-size-increase']);
    const pull = await octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 8 });
    expect(pull.data).toMatchObject({
      number: 8,
      title: 'Shrink the image',
      head: { sha: 'abc123', ref: 'shrink' },
      labels: [{ name: 'allow-size-increase' }],
    });
    const labels = await octokit.rest.issues.listLabelsOnIssue({ owner: OWNER, repo: REPO, issue_number: PR });
    expect(labels.data.map((label) => label.name)).toEqual(['size-ok', 'allow-size-increase']);
    const missing = await failure(octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 9 }));
    expect(missing).toMatchObject({ status: 404 });
    expect(server.validationErrors).toEqual([]);
  });
});
