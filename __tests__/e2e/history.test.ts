// The size history end to end: the bundled action, run as the runner runs it, records push runs on a history
// branch of a real git remote (a bare repository on disk, and git's own HTTP server with GitHub-style tokens),
// and a pull request whose merge base was recorded is compared with the record: one build, one analysis,
// the files that grew, and the trend of the recorded commits. Pull request runs never write.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeGitHub, startFakeGitHub } from '../support/github-server.js';
import { git, GIT_IDENTITY, shallowCheckout } from '../support/git-repo.js';
import { useGitHttpServer } from '../support/git-http-server.js';
import { useCleanEngine } from '../support/clean-engine.js';
import { ActionRun, BUSYBOX, runAction, runCli } from '../support/e2e.js';
import { pullRequestPayload, RunnerEvent, runnerEvent } from '../support/runner-event.js';

const OWNER = 'octo-org';
const REPO = 'app';
const PR = 9;
const BRANCH = 'image-size-history';

let root: string;
let work: string;
let bare: string;
const mainCommits: string[] = [];
const engine = useCleanEngine({ unchanged: false });

/** A commit on main whose image holds `sizeBytes` of data (the committer date spaced a day apart). */
function commitOnMain(sizeBytes: number, day: number): string {
  writeFileSync(path.join(work, 'app', 'data', 'blob.bin'), randomBytes(sizeBytes));
  git(work, 'add', '.');
  execFileSync('git', ['commit', '--quiet', '-m', `main: ${sizeBytes} bytes`], {
    cwd: work,
    env: { ...process.env, ...GIT_IDENTITY, GIT_COMMITTER_DATE: `2026-11-${String(day).padStart(2, '0')}T12:00:00Z` },
  });
  git(work, 'push', '--quiet', 'origin', 'main');
  return git(work, 'rev-parse', 'HEAD');
}

function checkoutOf(commit: string, url?: string): string {
  return shallowCheckout(root, bare, commit, url);
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'isg-history-e2e-'));
  bare = path.join(root, 'origin.git');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  work = path.join(root, 'work');
  git(root, 'clone', '--quiet', bare, work);
  git(work, 'checkout', '--quiet', '-b', 'main');
  mkdirSync(path.join(work, 'app', 'data'), { recursive: true });
  writeFileSync(path.join(work, 'app', 'Dockerfile'), `FROM ${BUSYBOX}\nCOPY data /data\nUSER 65534:65534\n`);
  for (let index = 0; index < 5; index += 1) mainCommits.push(commitOnMain(100_000 + index * 20_000, index + 1));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

async function gateRun(
  checkout: string,
  event: Pick<RunnerEvent, 'name' | 'ref' | 'sha' | 'payload'>,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<ActionRun> {
  const eventEnv = runnerEvent(root, { ...event, repository: `${OWNER}/${REPO}`, serverUrl: 'https://github.com', runId: '77' });
  const run = await runAction(
    { context: 'app', name: 'app', smoke: 'false', 'history-branch': BRANCH, 'github-token': 'test-token', ...inputs },
    { cwd: checkout, env: { ...eventEnv, ...env } },
  );
  engine.removeAfterwards(run.outputs['image-id']);
  return run;
}

function pushRun(commit: string, checkout = checkoutOf(commit), env: Record<string, string> = {}, inputs: Record<string, string> = {}) {
  const payload = { ref: 'refs/heads/main', after: commit, repository: { default_branch: 'main', full_name: `${OWNER}/${REPO}` } };
  return gateRun(checkout, { name: 'push', ref: 'refs/heads/main', sha: commit, payload }, inputs, env);
}

/** A branch off `from` that adds `file` of `sizeBytes` under app/data, pushed; main is checked out again. Its head. */
function branchAdding(branch: string, from: string, file: string, sizeBytes: number, message: string): string {
  git(work, 'checkout', '--quiet', '-b', branch, from);
  writeFileSync(path.join(work, 'app', 'data', file), randomBytes(sizeBytes));
  git(work, 'add', '.');
  git(work, 'commit', '--quiet', '-m', message);
  git(work, 'push', '--quiet', 'origin', branch);
  const head = git(work, 'rev-parse', 'HEAD');
  git(work, 'checkout', '--quiet', 'main');
  return head;
}

function recordsOnBranch(): string[] {
  return git(bare, 'ls-tree', '-r', '--name-only', BRANCH).split('\n').filter(Boolean).sort();
}

function groupsNamed(run: ActionRun, prefix: string): number {
  return run.stdout.split('\n').filter((line) => line.startsWith(`::group::${prefix}`)).length;
}

test('push runs record; two at the same moment both land; the branch is an orphan of one file per commit and platform', async () => {
  for (const commit of mainCommits.slice(0, 3)) {
    const run = await pushRun(commit);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`Recorded 1 record(s) on branch ${BRANCH}`);
  }
  // The last two pushes record at the same moment, from two checkouts.
  const racing = await Promise.all(mainCommits.slice(3).map((commit) => pushRun(commit)));
  for (const run of racing) expect(run.exitCode).toBe(0);
  const records = recordsOnBranch();
  expect(records).toHaveLength(5);
  for (const [index, commit] of mainCommits.entries()) {
    const file = records.find((name) => name.endsWith(`-${commit}.json`));
    expect(file).toMatch(new RegExp(`^app/linux-[a-z0-9-]+/202611${String(index + 1).padStart(2, '0')}T120000Z-${commit}\\.json$`));
    const record = JSON.parse(git(bare, 'show', `${BRANCH}:${file}`));
    expect(record).toMatchObject({ schemaVersion: 1, name: 'app', commit, ref: 'refs/heads/main' });
    expect(record.figures.size).toBeGreaterThanOrEqual(100_000 + index * 20_000);
    expect(record.bytes.files).toContainEqual({ path: '/data/blob.bin', sizeBytes: 100_000 + index * 20_000 });
  }
  // An orphan branch: its first commit has no parent, and nothing of main is in it.
  const first = git(bare, 'rev-list', '--max-parents=0', BRANCH);
  expect(git(bare, 'rev-list', '--parents', '-n', '1', first)).toBe(first);
  // The CLI prints the series from a clone that fetched the branch; it fetches nothing itself.
  const clone = checkoutOf(mainCommits[4]);
  const missing = await runCli(['history', clone]);
  expect(missing.exitCode).toBe(2);
  expect(missing.stderr).toContain(`run git fetch origin ${BRANCH} first`);
  git(clone, 'fetch', '--quiet', 'origin', `${BRANCH}:refs/remotes/origin/${BRANCH}`);
  const series = await runCli(['history', '--name', 'app', clone]);
  expect(series.exitCode).toBe(0);
  const lines = series.stdout.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^app \(linux\/[a-z0-9/]+\) {2}[▁-█]{5}$/);
  expect(lines.slice(1).map((line) => line.trim().split(/\s+/)[1])).toEqual(mainCommits.map((commit) => commit.slice(0, 12)));
  expect(lines[2]).toMatch(/\+20\.0 kB$/);
  const json = JSON.parse((await runCli(['history', '--json', '--limit', '2', clone])).stdout);
  expect(json.map((record: { commit: string }) => record.commit)).toEqual(mainCommits.slice(3));
  // The summary of the last push shows the trend, with the commit just recorded.
  expect(racing[1].summary).toContain('### Size history');
  expect(racing[1].summary).toMatch(/\*\*Trend\*\* \(last \d recorded commits\)/);
});

describe('pull requests read the history and never write it', () => {
  let server: FakeGitHub;
  beforeEach(async () => {
    server = await startFakeGitHub();
    server.state.addPullRequest(OWNER, REPO, PR);
  });
  afterEach(async () => {
    expect(server.validationErrors).toEqual([]);
    await server.close();
  });

  function pullRequestRun(baseSha: string, headSha: string) {
    const payload = {
      ...pullRequestPayload({ action: 'synchronize', number: PR, repository: `${OWNER}/${REPO}`, base: baseSha, head: headSha }),
      repository: { default_branch: 'main' },
    };
    const event = { name: 'pull_request', ref: `refs/pull/${PR}/merge`, sha: headSha, payload };
    return gateRun(checkoutOf(headSha), event, { 'max-increase': '5MB' }, { GITHUB_API_URL: server.url });
  }

  test('a merge base with a record: one build, one analysis, the added file named with its size, a five-point trend', async () => {
    const tipBefore = git(bare, 'rev-parse', BRANCH);
    const head = branchAdding('feature', mainCommits[4], 'extra.bin', 3_000_000, 'feature: add 3,000,000 bytes');
    // The base branch moved on after the PR branched: its tip is not the merge base.
    const movedBase = commitOnMain(150_000, 20);

    const run = await pullRequestRun(movedBase, head);
    expect(run.exitCode).toBe(0);
    expect(groupsNamed(run, 'Build the')).toBe(1);
    expect(groupsNamed(run, 'Read the layers')).toBe(1);
    expect(run.stdout).toContain(`Baseline: the record of merge base ${mainCommits[4].slice(0, 12)}`);
    expect(Number(run.outputs['size-delta'])).toBe(3_000_000);
    // The record's compressed sizes are never taken for the PR image's: a writer of the branch could make a
    // layer look smaller, and nothing checks a compressed size but compressing the layer again.
    expect(run.stdout).not.toMatch(/already measured was not measured twice/);
    const body = server.state.comments(OWNER, REPO, PR)[0].body;
    expect(body).toContain(`Compared with the merge base \`${mainCommits[4].slice(0, 7)}\` as recorded on 20`);
    expect(body).toMatch(/\| 🆕 \| \/data\/extra\.bin \| — \| 3\.00 MB \| \+3\.00 MB \|/);
    expect(body).toMatch(/\*\*Trend\*\* \(last 5 recorded commits, then this PR\)/);
    expect(body).toContain('xychart-beta');
    for (const commit of mainCommits) expect(body).toContain(commit.slice(0, 7));
    if (process.env.SAVE_HISTORY_COMMENT_TO) writeFileSync(process.env.SAVE_HISTORY_COMMENT_TO, body);
    // Nothing was written by the pull request's run.
    expect(git(bare, 'rev-parse', BRANCH)).toBe(tipBefore);
    expect(run.stdout).toContain('pull_request runs never record');
  });

  test('a merge base without a record: the base commit is built as before', async () => {
    const unrecorded = commitOnMain(90_000, 21);
    const head = branchAdding('feature-2', unrecorded, 'more.bin', 500_000, 'feature-2');
    const tipBefore = git(bare, 'rev-parse', BRANCH);

    const run = await pullRequestRun(unrecorded, head);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`No record of merge base ${unrecorded.slice(0, 12)}`);
    expect(groupsNamed(run, 'Build the baseline image')).toBe(1);
    expect(Number(run.outputs['size-delta'])).toBe(500_000);
    // The built baseline names the grown files too.
    expect(server.state.comments(OWNER, REPO, PR)[0].body).toMatch(/\| 🆕 \| \/data\/more\.bin \| — \| 500 kB \| \+500 kB \|/);
    expect(git(bare, 'rev-parse', BRANCH)).toBe(tipBefore);
  });
});

describe('over HTTP with GitHub-style tokens', () => {
  const server = useGitHttpServer(() => root, { read: ['read-token'], write: ['write-token'] });

  test('a token that may only read: the gate passes with one warning naming contents: write, and the branch is unchanged', async () => {
    const commit = commitOnMain(110_000, 22);
    const tipBefore = git(bare, 'rev-parse', BRANCH);
    const checkout = checkoutOf(commit, `${server.url}/origin.git`);
    const env = { GITHUB_SERVER_URL: server.url };
    const denied = await pushRun(commit, checkout, env, { 'github-token': 'read-token' });
    expect(denied.exitCode).toBe(0);
    expect(denied.outputs.passed).toBe('true');
    const warnings = denied.stdout.split('\n').filter((line) => line.startsWith('::warning::'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('permissions: contents: write');
    expect(git(bare, 'rev-parse', BRANCH)).toBe(tipBefore);

    const allowed = await pushRun(commit, checkout, env, { 'github-token': 'write-token' });
    expect(allowed.exitCode).toBe(0);
    expect(recordsOnBranch().some((file) => file.endsWith(`-${commit}.json`))).toBe(true);
    // The token never reached the checkout's configuration.
    expect(git(checkout, 'config', '--list', '--show-origin')).not.toMatch(/extraheader|write-token/i);
  });
});
