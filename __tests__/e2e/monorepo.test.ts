// Several images from one config file, end to end: the monorepo example (api and frontend on busybox, worker on
// scratch; frontend over its budget) gated by the bundled action on a push (which records them on the history
// branch) and on a pull request that changes the api only: with changed-only just the api is built, and one
// sticky comment shows the failing frontend first, the changed api, and the unchanged worker folded away.
// The CLI gates the same file locally, and malformed files are refused with the file, the line and the fix.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeGitHub, startFakeGitHub } from '../support/github-server.js';
import { git, shallowCheckout } from '../support/git-repo.js';
import { useCleanEngine } from '../support/clean-engine.js';
import { ActionRun, engineSnapshot, REPO_ROOT, runAction, runCli } from '../support/e2e.js';
import { pullRequestPayload, RunnerEvent, runnerEvent } from '../support/runner-event.js';

const OWNER = 'octo-org';
const REPO = 'shop';
const PR = 12;

let root: string;
let bare: string;
let work: string;
let mainCommit: string;
let headCommit: string;
let server: FakeGitHub;
const engine = useCleanEngine({ unchanged: false });

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'isg-monorepo-'));
  bare = path.join(root, 'origin.git');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  work = path.join(root, 'work');
  cpSync(path.join(REPO_ROOT, 'examples', 'monorepo'), work, { recursive: true });
  git(work, 'init', '--quiet', '--initial-branch=main');
  git(work, 'remote', 'add', 'origin', bare);
  git(work, 'add', '.');
  git(work, 'commit', '--quiet', '-m', 'three services');
  git(work, 'push', '--quiet', 'origin', 'main');
  mainCommit = git(work, 'rev-parse', 'HEAD');
  git(work, 'checkout', '--quiet', '-b', 'feature');
  writeFileSync(path.join(work, 'services', 'api', 'www', 'big.bin'), randomBytes(400_000));
  git(work, 'add', '.');
  git(work, 'commit', '--quiet', '-m', 'api: a bigger page');
  git(work, 'push', '--quiet', 'origin', 'feature');
  headCommit = git(work, 'rev-parse', 'HEAD');
  server = await startFakeGitHub();
  server.state.addPullRequest(OWNER, REPO, PR);
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

afterEach(() => {
  expect(server.validationErrors).toEqual([]);
});

function checkoutOf(commit: string): string {
  return shallowCheckout(root, bare, commit);
}

async function gateRun(checkout: string, event: Pick<RunnerEvent, 'name' | 'ref' | 'sha' | 'payload'>): Promise<ActionRun> {
  const env = runnerEvent(root, {
    ...event,
    repository: `${OWNER}/${REPO}`,
    serverUrl: 'https://github.com',
    apiUrl: server.url,
    runId: '99',
  });
  const run = await runAction({ 'history-branch': 'image-size-history', 'github-token': 'test-token' }, { cwd: checkout, env });
  const report = JSON.parse(execFileSync('cat', [run.outputs.report], { encoding: 'utf8' }));
  for (const image of report.images) if (image.report) engine.removeAfterwards(image.report.image.id);
  return run;
}

/** The images built by a run, in order, from its log groups (`::group::api: Build the image: ...`). */
const builtNames = (run: ActionRun) => run.stdout.split('\n').flatMap((line) => /^::group::([a-z]+): Build the /.exec(line)?.[1] ?? []);

function ourComments() {
  return server.state.comments(OWNER, REPO, PR).filter((comment) => comment.body.includes('<!-- image-size-gate:'));
}

test('a push gates and records all three; a PR that changes the api builds only the api, with one comment, failing row first', async () => {
  const push = await gateRun(checkoutOf(mainCommit), {
    name: 'push',
    ref: 'refs/heads/main',
    sha: mainCommit,
    payload: { repository: { default_branch: 'main' } },
  });
  expect(push.exitCode).toBe(1);
  expect(push.stdout).toMatch(/::error::image-size-gate: 1 of 3 images failed: frontend/);
  expect(builtNames(push)).toEqual(['api', 'worker', 'frontend']);
  expect(git(bare, 'ls-tree', '-r', '--name-only', 'image-size-history').split('\n')).toHaveLength(3);
  const pushReport = JSON.parse(execFileSync('cat', [push.outputs.report], { encoding: 'utf8' }));
  expect(pushReport.images.map((image: { name: string; status: string }) => `${image.name}:${image.status}`)).toEqual([
    'api:gated',
    'worker:gated',
    'frontend:gated',
  ]);

  const payload = pullRequestPayload({ number: PR, repository: `${OWNER}/${REPO}`, base: mainCommit, head: headCommit });
  const pr = await gateRun(checkoutOf(headCommit), { name: 'pull_request', ref: `refs/pull/${PR}/merge`, sha: headCommit, payload });
  expect(pr.exitCode).toBe(1);
  // Only the api was built (and its baseline came from the record: no second build).
  expect(builtNames(pr)).toEqual(['api']);
  expect(pr.stdout).toContain('changed-only: 2 of 3 image(s) unchanged since the merge base');
  const comments = ourComments();
  expect(comments).toHaveLength(1);
  const body = comments[0].body;
  expect(body.split('\n')[1]).toBe('### ❌ image-size-gate: 1 of 3 images failed');
  const rows = body.split('\n').filter((line) => /^\| \*\*/.test(line));
  expect(rows.map((row) => row.split('|')[1].trim())).toEqual(['**frontend**', '**api**', '**worker**']);
  expect(rows[0]).toContain('unchanged, not rebuilt');
  expect(rows[0]).toMatch(/❌ \|$/);
  expect(rows[1]).toMatch(/\+400 kB/);
  expect(rows[2]).toContain('unchanged, not rebuilt');
  // The unchanged worker sits in the folded section, after the table of the others.
  expect(body.indexOf('<summary>1 unchanged image</summary>')).toBeLessThan(body.indexOf('| **worker**'));
  const prReport = JSON.parse(execFileSync('cat', [pr.outputs.report], { encoding: 'utf8' }));
  expect(prReport.images.map((image: { name: string; status: string }) => `${image.name}:${image.status}`)).toEqual([
    'api:gated',
    'worker:unchanged',
    'frontend:unchanged',
  ]);
  if (process.env.SAVE_MULTI_COMMENT_TO) writeFileSync(process.env.SAVE_MULTI_COMMENT_TO, body);

  // A second run updates the same comment.
  const again = await gateRun(checkoutOf(headCommit), { name: 'pull_request', ref: `refs/pull/${PR}/merge`, sha: headCommit, payload });
  expect(again.exitCode).toBe(1);
  expect(ourComments()).toHaveLength(1);
  expect(ourComments()[0].id).toBe(comments[0].id);
});

test('the CLI gates every image of the file, prints one table, and exits 1 when one fails', async () => {
  const checkout = checkoutOf(headCommit);
  const run = await runCli(['--config', path.join(checkout, '.github', 'image-size-gate.yml'), '--quiet']);
  expect(run.exitCode).toBe(1);
  const lines = run.stdout.split('\n');
  expect(lines[0]).toBe('image-size-gate: 1 of 3 images FAILED');
  expect(lines.slice(3, 6).map((line) => line.split(/\s+/).slice(0, 2).join(' '))).toEqual(['FAIL frontend', 'PASS api', 'PASS worker']);
});

describe('malformed config files: the file, the line and the fix; exit 2; nothing left behind', () => {
  test.each([
    ['bad YAML', 'images:\n  - name: api\n    context: [\n', /bad\.yml:4:1: .*is not valid YAML/],
    [
      'an unknown key',
      'images:\n  - name: api\n    max-sise: 1MB\n',
      /bad\.yml:3:5: images\[0\]\.max-sise: unknown key; did you mean max-size\?/,
    ],
    ['a wrong type', 'images:\n  - name: api\n    max-layers: many\n', /bad\.yml:3:17: images\[0\]\.max-layers: /],
    ['a duplicate name', 'images:\n  - name: api\n  - name: api\n', /bad\.yml:3:\d+: .*api.*line 2/],
    ['an image and a context', 'images:\n  - name: api\n    image: app:ci\n    context: .\n', /bad\.yml:\d+:\d+: .*image.*context/],
  ])('%s', async (_what, text, expected) => {
    const file = path.join(root, 'bad.yml');
    writeFileSync(file, text);
    const before = engineSnapshot();
    const run = await runCli(['--config', file]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(engineSnapshot()).toEqual(before);
  });
});
