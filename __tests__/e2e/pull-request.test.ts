// Pull requests end to end: the bundled action, run as the runner runs it on a pull_request event, builds
// the PR's base commit from a shallow clone in a throw-away worktree, measures the delta, and keeps one
// sticky comment on a local fake of GitHub's REST API that holds every request to GitHub's OpenAPI description.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { faults, first, always, fakeUser, FakeGitHub, startFakeGitHub } from '../support/github-server.js';
import { git } from '../support/git-repo.js';
import { useCleanEngine } from '../support/clean-engine.js';
import { BUSYBOX, POST_ENTRY, removeImages, runAction } from '../support/e2e.js';
import { pullRequestPayload, runnerEvent } from '../support/runner-event.js';

const OWNER = 'octo-org';
const REPO = 'app';
const PR = 7;
const CREATE = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';

/** Images the runs built from this test's throw-away repository are removed at the end. */
const engine = useCleanEngine({ unchanged: false });

let root: string;
let checkout: string;
let baseSha: string;
let headSha: string;
let server: FakeGitHub;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'isg-pr-'));
  const origin = path.join(root, 'origin');
  mkdirSync(path.join(origin, 'app', 'data'), { recursive: true });
  git(origin, 'init', '--quiet', '--initial-branch=main');
  writeFileSync(path.join(origin, 'app', 'Dockerfile'), `FROM ${BUSYBOX}\nCOPY data /data\nUSER 65534\n`);
  writeFileSync(path.join(origin, 'app', 'data', 'small.txt'), 'small\n');
  git(origin, 'add', '.');
  git(origin, 'commit', '--quiet', '-m', 'base');
  baseSha = git(origin, 'rev-parse', 'HEAD');
  writeFileSync(path.join(origin, 'app', 'data', 'extra.bin'), randomBytes(3_000_000));
  git(origin, 'add', '.');
  git(origin, 'commit', '--quiet', '-m', 'head: add 3,000,000 bytes');
  headSha = git(origin, 'rev-parse', 'HEAD');
  // As actions/checkout leaves it: one commit deep, so the base commit has to be fetched.
  checkout = path.join(root, 'checkout');
  execFileSync('git', ['clone', '--quiet', '--depth=1', `file://${origin}`, checkout]);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

beforeEach(async () => {
  server = await startFakeGitHub();
  server.state.addPullRequest(OWNER, REPO, PR);
  for (let index = 0; index < 120; index += 1)
    server.state.addComment(OWNER, REPO, PR, { body: `review comment ${index}`, user: fakeUser(index % 2 ? 'alice' : 'bob') });
});

afterEach(async () => {
  expect(server.validationErrors).toEqual([]);
  await server.close();
  // The baseline worktree is always removed.
  expect(git(checkout, 'worktree', 'list').split('\n')).toHaveLength(1);
});

/** A pull_request event for `payload`, to a step run on this suite's fake of GitHub. */
function pullRequestEvent(dir: string, payload: object, more: { serverUrl?: string; runId?: string; sha?: string } = {}) {
  return runnerEvent(dir, { name: 'pull_request', payload, repository: `${OWNER}/${REPO}`, apiUrl: server.url, ...more });
}

function pullRequestRun(inputs: Record<string, string>, options: { fork?: boolean; labels?: string[] } = {}) {
  const payload = pullRequestPayload({
    action: 'synchronize',
    number: PR,
    repository: `${OWNER}/${REPO}`,
    headRepository: options.fork ? `someone/${REPO}` : undefined,
    base: baseSha,
    head: headSha,
    labels: options.labels,
  });
  const env = pullRequestEvent(root, payload, { serverUrl: 'https://github.com', runId: '4242', sha: headSha });
  const run = runAction({ context: 'app', smoke: 'false', 'github-token': 'test-token', ...inputs }, { cwd: checkout, env });
  return run.then((result) => {
    engine.removeAfterwards(result.outputs['image-id']);
    return result;
  });
}

function ourComments() {
  return server.state.comments(OWNER, REPO, PR).filter((comment) => comment.body.includes('<!-- image-size-gate:'));
}

test('the size delta, the layer that grew, and one sticky comment that re-runs update', async () => {
  const run = await pullRequestRun({ name: 'app', 'max-size': '10MB', 'max-increase': '5MB' });
  expect(run.exitCode).toBe(0);
  const delta = Number(run.outputs['size-delta']);
  expect(Math.abs(delta - 3_000_000) / 3_000_000).toBeLessThan(0.01);
  expect(Number(run.outputs['baseline-size'])).toBe(Number(run.outputs.size) - delta);
  expect(run.stdout).toContain(`Fetching base commit ${baseSha.slice(0, 12)}`);
  const comments = ourComments();
  expect(comments).toHaveLength(1);
  const body = comments[0].body;
  expect(run.outputs['comment-url']).toMatch(new RegExp(`#issuecomment-${comments[0].id}$`));
  expect(body.split('\n')[1]).toMatch(/^### ✅ image-size-gate: \*\*app\*\* passed · [\d.]+ MB \(\+3\.00 MB, \+\d+\.\d%\)$/);
  // The classic builder's history reads `COPY dir:<hash> in /data`, BuildKit's `COPY data /data`.
  expect(body).toMatch(/\| 📈 grew \| line 2: COPY (dir:[0-9a-f]{12}… in \/data|data \/data) \| [\d.]+ k?B \| 3\.00 MB \| \+3\.00 MB \|/);
  expect(body).toContain('[workflow run](https://github.com/octo-org/app/actions/runs/4242)');
  // The README's picture of the comment is rendered from this body (scripts/screenshot-comment.mjs).
  if (process.env.SAVE_COMMENT_TO) writeFileSync(process.env.SAVE_COMMENT_TO, body);
  expect(run.summary).toContain(`### Against the baseline: the base commit \`${baseSha.slice(0, 7)}\``);

  const again = await pullRequestRun({ name: 'app' });
  expect(again.exitCode).toBe(0);
  expect(ourComments()).toHaveLength(1);
  expect(ourComments()[0].id).toBe(comments[0].id);
  expect(server.requestsTo(CREATE)).toHaveLength(1);
});

test('max-increase: 1MB fails the PR; the allow-increase-label turns the failure into a warning', async () => {
  const failing = await pullRequestRun({ 'max-increase': '1MB', 'allow-increase-label': 'size-increase-ok' });
  expect(failing.exitCode).toBe(1);
  expect(failing.outputs.passed).toBe('false');
  expect(failing.stdout).toMatch(
    /::error::.*Growth against baseline \(2\.\d\d MB over max-increase; add the "size-increase-ok" label to accept it\)/,
  );
  expect(ourComments()[0].body).toContain('### ❌ image-size-gate');

  server.state.setLabels(OWNER, REPO, PR, ['size-increase-ok']);
  const accepted = await pullRequestRun({ 'max-increase': '1MB', 'allow-increase-label': 'size-increase-ok' });
  expect(accepted.exitCode).toBe(0);
  expect(accepted.outputs.passed).toBe('true');
  expect(accepted.summary).toContain('accepted by the "size-increase-ok" label');
  expect(ourComments()).toHaveLength(1);
  expect(ourComments()[0].body).toContain('### ✅ image-size-gate');
});

test('a pull request from a fork: the verdict stands, the comment goes to the summary and the output, with a warning', async () => {
  const run = await pullRequestRun({}, { fork: true });
  expect(run.exitCode).toBe(0);
  expect(ourComments()).toHaveLength(0);
  expect(run.stdout).toMatch(/::warning::image-size-gate: A pull request from a fork runs with a read-only token.*workflow_run/);
  expect(run.summary).toContain('### The PR comment (not posted: the pull request comes from a fork (read-only token))');
  expect(run.outputs['comment-body']).toContain('<!-- image-size-gate:');
  expect(run.outputs['comment-url']).toBe('');
});

test('a 403 from the API never fails a passing gate; a 500 is retried', async () => {
  server.inject(CREATE, always(faults.forbiddenIntegration()));
  const forbidden = await pullRequestRun({});
  expect(forbidden.exitCode).toBe(0);
  expect(forbidden.outputs.passed).toBe('true');
  expect(forbidden.stdout).toMatch(/::warning::image-size-gate: the PR comment was not posted; the gate's verdict stands\./);
  expect(forbidden.summary).toContain('### The PR comment (not posted:');

  server.clearFaults();
  server.inject(CREATE, first(1, faults.serverError()));
  const retried = await pullRequestRun({});
  expect(retried.exitCode).toBe(0);
  expect(ourComments()).toHaveLength(1);
  expect(server.requestsTo(CREATE).length).toBeGreaterThanOrEqual(2);
});

test('a main step killed while it builds the baseline: the post step removes the worktree it left', async () => {
  // A repository of its own whose base commit builds slowly, so the run can be killed mid-build.
  const slowRoot = mkdtempSync(path.join(tmpdir(), 'isg-pr-slow-'));
  const origin = path.join(slowRoot, 'origin');
  const slowCheckout = path.join(slowRoot, 'checkout');
  // Both Dockerfiles are unique to this run, so no build cache makes the base quick or shares the head's layers.
  const nonce = randomBytes(6).toString('hex');
  try {
    mkdirSync(path.join(origin, 'app'), { recursive: true });
    git(origin, 'init', '--quiet', '--initial-branch=main');
    writeFileSync(path.join(origin, 'app', 'Dockerfile'), `FROM ${BUSYBOX}\nLABEL isg-e2e-run=${nonce}\nRUN sleep 6\nUSER 65534\n`);
    git(origin, 'add', '.');
    git(origin, 'commit', '--quiet', '-m', 'base: slow to build');
    const slowBase = git(origin, 'rev-parse', 'HEAD');
    writeFileSync(path.join(origin, 'app', 'Dockerfile'), `FROM ${BUSYBOX}\nLABEL isg-e2e-run=${nonce}\nUSER 65534\n`);
    git(origin, 'commit', '--quiet', '-am', 'head: quick to build');
    execFileSync('git', ['clone', '--quiet', '--depth=1', `file://${origin}`, slowCheckout]);
    const payload = pullRequestPayload({
      action: 'synchronize',
      number: PR,
      repository: `${OWNER}/${REPO}`,
      base: slowBase,
      head: git(origin, 'rev-parse', 'HEAD'),
    });
    const killed = await runAction(
      { context: 'app', smoke: 'false', 'github-token': 'test-token' },
      {
        cwd: slowCheckout,
        env: pullRequestEvent(slowRoot, payload),
        // SIGKILL, as the runner does when a step ignores cancellation: no handler of ours runs.
        onSpawn: (child, output) => {
          const poll = setInterval(() => {
            if (!output.stdout.includes('::group::Build the baseline image')) return;
            clearInterval(poll);
            child.kill('SIGKILL');
          }, 20);
          child.on('close', () => clearInterval(poll));
        },
      },
    );
    expect(killed.exitCode).toBeNull();
    const built = /Built the PR image (sha256:[0-9a-f]{64})/.exec(killed.stdout);
    if (built) engine.removeAfterwards(built[1]);
    const { directory } = JSON.parse(killed.state['baseline-worktree']) as { directory: string };
    expect(existsSync(directory)).toBe(true);
    expect(git(slowCheckout, 'worktree', 'list').split('\n')).toHaveLength(2);

    const post = await runAction(
      {},
      { entry: POST_ENTRY, cwd: slowCheckout, env: { 'STATE_baseline-worktree': killed.state['baseline-worktree'] } },
    );
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain(`Removed the baseline worktree ${directory}`);
    expect(existsSync(directory)).toBe(false);
    expect(git(slowCheckout, 'worktree', 'list').split('\n')).toHaveLength(1);
  } finally {
    // The orphaned build client dies with its pipe; wait until the engine has let go of its build container.
    for (
      let waited = 0;
      waited < 30_000 &&
      execFileSync('docker', ['ps', '--all', '--no-trunc', '--format', '{{.Command}}'], { encoding: 'utf8' }).includes('sleep 6');
      waited += 500
    ) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    rmSync(slowRoot, { recursive: true, force: true });
    // The orphaned client may have finished the base build: its untagged images carry this run's label.
    const leftovers = execFileSync('docker', ['images', '--all', '--quiet', '--filter', `label=isg-e2e-run=${nonce}`], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    // The head image shares the labelled layer with the base's, so this list holds parents of images still there.
    removeImages(leftovers);
  }
});
