// Many images on many runners, end to end: image-size-gate/plan, one matrix job per image, image-size-gate/report.
// The monorepo example (api and frontend on busybox, worker on scratch; frontend over its budget) in a repository
// with a bare origin and a fake GitHub. On a push the plan lists every image; three matrix jobs run at the same
// time as separate processes, each with its own RUNNER_TEMP and its own checkout, and none writes the history or
// comments; their reports are laid out as actions/download-artifact lays out one folder per artifact; the report
// fails on the frontend and leaves exactly one new commit on the history branch. On a pull request that changes
// the api with changed-only, the plan lists the api alone, one job runs, and the report posts one comment with
// every image's row, the failing one first, and a check run per image; a re-run updates the same comment. One that
// changes no image gets an empty matrix, and the report carries all three forward from their records. A
// missing report, a report of another commit and forged reports each fail with a clear reason that never
// reaches the comment raw.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeGitHub, startFakeGitHub } from '../support/github-server.js';
import { git, shallowCheckout } from '../support/git-repo.js';
import { useCleanEngine } from '../support/clean-engine.js';
import { ActionRun, errorLine, PLAN_ENTRY, REPO_ROOT, REPORT_ENTRY, runAction } from '../support/e2e.js';
import { pullRequestPayload, RunnerEvent, runnerEvent } from '../support/runner-event.js';
import { REPORT_SCHEMA_VERSION } from '../../src/report/model.js';

const OWNER = 'octo-org';
const REPO = 'shop';
const PR = 21;
const HISTORY = 'image-size-history';

let root: string;
let bare: string;
let mainCommit: string;
let headCommit: string;
let docsCommit: string;
let server: FakeGitHub;
// Each job builds untagged and removes its own containers; the suite removes the images they built, and the engine is
// then as it was before the suite (containers and tagged images).
const engine = useCleanEngine();

type Event = Pick<RunnerEvent, 'name' | 'ref' | 'sha' | 'payload'>;
let pushEvent: Event;
let prEvent: Event;
/** The pull request's matrix job's report, for the tests of bad reports. */
let prJobReport: string;
let prPlan: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'isg-matrix-'));
  bare = path.join(root, 'origin.git');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  const work = path.join(root, 'work');
  cpSync(path.join(REPO_ROOT, 'examples', 'monorepo'), work, { recursive: true });
  git(work, 'init', '--quiet', '--initial-branch=main');
  git(work, 'remote', 'add', 'origin', bare);
  git(work, 'add', '.');
  git(work, 'commit', '--quiet', '-m', 'three services');
  git(work, 'push', '--quiet', 'origin', 'main');
  mainCommit = git(work, 'rev-parse', 'HEAD');
  git(work, 'checkout', '--quiet', '-b', 'feature');
  writeFileSync(path.join(work, 'services', 'api', 'www', 'big.bin'), randomBytes(300_000));
  git(work, 'add', '.');
  git(work, 'commit', '--quiet', '-m', 'api: a bigger page');
  git(work, 'push', '--quiet', 'origin', 'feature');
  headCommit = git(work, 'rev-parse', 'HEAD');
  // A second pull request that changes no image: a file outside every context.
  git(work, 'checkout', '--quiet', '-b', 'docs', mainCommit);
  writeFileSync(path.join(work, 'NOTES.md'), 'notes\n');
  git(work, 'add', '.');
  git(work, 'commit', '--quiet', '-m', 'notes');
  git(work, 'push', '--quiet', 'origin', 'docs');
  docsCommit = git(work, 'rev-parse', 'HEAD');
  server = await startFakeGitHub();
  server.state.addPullRequest(OWNER, REPO, PR);
  pushEvent = { name: 'push', ref: 'refs/heads/main', sha: mainCommit, payload: { repository: { default_branch: 'main' } } };
  const payload = pullRequestPayload({ number: PR, repository: `${OWNER}/${REPO}`, base: mainCommit, head: headCommit });
  prEvent = { name: 'pull_request', ref: `refs/pull/${PR}/merge`, sha: headCommit, payload };
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

afterEach(() => {
  expect(server.validationErrors).toEqual([]);
});

/** A step of a job of the workflow run: its own checkout of the event's commit (each job has a runner of its own). */
async function step(entry: string | undefined, inputs: Record<string, string>, event: Event, checkout?: string): Promise<ActionRun> {
  const cwd = checkout ?? shallowCheckout(root, bare, event.sha!);
  const env = runnerEvent(root, {
    ...event,
    repository: `${OWNER}/${REPO}`,
    serverUrl: 'https://github.com',
    apiUrl: server.url,
    runId: '77',
  });
  return runAction({ 'github-token': 'test-token', ...inputs }, { cwd, env, entry });
}

const plan = (event: Event) => step(PLAN_ENTRY, {}, event);

/** The matrix: one job per entry, all started at once. Each image a job built is removed after the suite. */
async function matrixJobs(matrix: { include: { image: string }[] }, event: Event): Promise<ActionRun[]> {
  const jobs = await Promise.all(matrix.include.map((entry) => step(undefined, { images: entry.image, 'history-branch': HISTORY }, event)));
  for (const job of jobs) {
    const report = JSON.parse(readFileSync(job.outputs.report, 'utf8'));
    for (const image of report.images) engine.removeAfterwards(image.report?.image.id);
  }
  return jobs;
}

/** The jobs' reports as actions/download-artifact lays them out: a folder per artifact, or all in one (merge-multiple). */
function download(jobs: ActionRun[], names: string[], merged: boolean): string {
  const folder = mkdtempSync(path.join(root, 'reports-'));
  jobs.forEach((job, index) => {
    const into = merged ? folder : path.join(folder, `image-size-report-${names[index]}`);
    mkdirSync(into, { recursive: true });
    cpSync(job.outputs.report, path.join(into, path.basename(job.outputs.report)));
  });
  return folder;
}

const report = (inputs: Record<string, string>, event: Event) => step(REPORT_ENTRY, { 'history-branch': HISTORY, ...inputs }, event);
const historyCommits = () => git(bare, 'rev-list', '--count', HISTORY);
const ourComments = () => server.state.comments(OWNER, REPO, PR).filter((comment) => comment.body.includes('<!-- image-size-gate:'));
const rowNames = (body: string) =>
  body
    .split('\n')
    .filter((line) => /^\| \*\*/.test(line))
    .map((row) => row.split('|')[1].trim());

test('a push: the plan lists every image, three jobs gate one each at the same time, the report fails on the frontend and records all in one commit', async () => {
  const planned = await plan(pushEvent);
  expect(planned.exitCode).toBe(0);
  const matrix = JSON.parse(planned.outputs.matrix);
  expect(matrix).toEqual({ include: [{ image: 'api' }, { image: 'worker' }, { image: 'frontend' }] });
  expect(planned.outputs.count).toBe('3');

  const jobs = await matrixJobs(matrix, pushEvent);
  // Separate processes that ran at the same time, each with a RUNNER_TEMP of its own.
  expect(Math.max(...jobs.map((job) => job.startedAtMs))).toBeLessThan(Math.min(...jobs.map((job) => job.endedAtMs)));
  expect(new Set(jobs.map((job) => job.runnerTemp)).size).toBe(3);
  expect(jobs.map((job) => job.exitCode)).toEqual([0, 0, 1]);
  for (const job of jobs) {
    expect(job.stdout).toContain('A matrix job: the PR comment and the size history');
    expect(path.dirname(job.outputs.report)).toBe(job.runnerTemp);
  }
  expect(errorLine(jobs[2].stdout)).toContain('1 of 1 images failed: frontend');
  // No job wrote the history: the branch does not exist yet.
  expect(git(bare, 'branch', '--list', HISTORY)).toBe('');

  const reports = download(jobs, ['api', 'worker', 'frontend'], false);
  const merged = await report({ reports, plan: planned.outputs.plan }, pushEvent);
  expect(merged.exitCode).toBe(1);
  expect(errorLine(merged.stdout)).toMatch(/::error::image-size-gate: 1 of 3 images failed: frontend$/);
  expect(merged.outputs.passed).toBe('false');
  expect(merged.outputs.failed).toBe('frontend');
  // Exactly one commit on the history branch, holding a record of each image.
  expect(historyCommits()).toBe('1');
  const files = git(bare, 'ls-tree', '-r', '--name-only', HISTORY).split('\n');
  expect(files.map((file) => file.split('/')[0]).sort()).toEqual(['api', 'frontend', 'worker']);
  expect(git(bare, 'log', '-1', '--format=%s', HISTORY)).toBe(
    `image-size-gate: record 3 image(s) at ${mainCommit.slice(0, 12)}: api, worker, frontend`,
  );
  expect(merged.summary).toContain('## ❌ image-size-gate: 1 of 3 images failed');
  const document = JSON.parse(readFileSync(merged.outputs.report, 'utf8'));
  expect(document.images.map((image: { name: string; status: string }) => `${image.name}:${image.status}`)).toEqual([
    'api:gated',
    'worker:gated',
    'frontend:gated',
  ]);
  expect(document.images[0].report.history.recorded.paths).toEqual([files.find((file) => file.startsWith('api/'))]);
});

test('a pull request that changes the api: one job, one comment with every row (failing first), a check run each; a re-run updates the comment', async () => {
  const planned = await plan(prEvent);
  expect(planned.exitCode).toBe(0);
  expect(JSON.parse(planned.outputs.matrix)).toEqual({ include: [{ image: 'api' }] });
  expect(planned.stdout).toContain('changed-only: 2 of 3 image(s) unchanged since the merge base');
  prPlan = planned.outputs.plan;

  const jobs = await matrixJobs(JSON.parse(planned.outputs.matrix), prEvent);
  expect(jobs.map((job) => job.exitCode)).toEqual([0]);
  // The api's baseline is the merge base's record the push made: no second build.
  expect(jobs[0].stdout).toContain('no baseline build');
  expect(ourComments()).toEqual([]);
  prJobReport = readFileSync(jobs[0].outputs.report, 'utf8');
  const before = historyCommits();

  const reports = download(jobs, ['api'], true);
  const first = await report({ reports, plan: prPlan, checks: 'true' }, prEvent);
  expect(first.exitCode).toBe(1);
  expect(errorLine(first.stdout)).toMatch(/1 of 3 images failed: frontend$/);
  const comments = ourComments();
  expect(comments).toHaveLength(1);
  const body = comments[0].body;
  expect(body.split('\n')[1]).toBe('### ❌ image-size-gate: 1 of 3 images failed');
  expect(rowNames(body)).toEqual(['**frontend**', '**api**', '**worker**']);
  const rows = body.split('\n').filter((line) => /^\| \*\*/.test(line));
  expect(rows[0]).toContain('unchanged, not rebuilt');
  expect(rows[0]).toMatch(/❌ \|$/);
  expect(rows[1]).toMatch(/\+300 kB/);
  expect(first.outputs['comment-url']).toMatch(/#issuecomment-\d+$/);
  // A pull request never writes the history.
  expect(historyCommits()).toBe(before);
  // One check run per image on the pull request's head, named for branch protection.
  const checks = server.state.checkRuns(OWNER, REPO);
  expect(checks.map((check) => [check.name, check.headSha, check.conclusion])).toEqual([
    ['image-size-gate / api', headCommit, 'success'],
    ['image-size-gate / worker', headCommit, 'success'],
    ['image-size-gate / frontend', headCommit, 'failure'],
  ]);
  expect(checks[0].output?.summary).toContain('## ✅ image-size-gate: api passed');

  const again = await report({ reports, plan: prPlan }, prEvent);
  expect(again.exitCode).toBe(1);
  expect(ourComments()).toHaveLength(1);
  expect(ourComments()[0].id).toBe(comments[0].id);
});

test('a pull request that changes no image: an empty matrix, no job, and the report carries every image forward', async () => {
  const number = PR + 1;
  server.state.addPullRequest(OWNER, REPO, number);
  const payload = pullRequestPayload({ number, repository: `${OWNER}/${REPO}`, base: mainCommit, head: docsCommit });
  const event: Event = { name: 'pull_request', ref: `refs/pull/${number}/merge`, sha: docsCommit, payload };
  const planned = await plan(event);
  expect(planned.exitCode).toBe(0);
  expect(planned.outputs.matrix).toBe('{"include":[]}');
  expect(planned.outputs.count).toBe('0');
  expect(planned.stdout).toContain('nothing to gate (no image changed); the matrix is empty');
  // The gate job is skipped, so download-artifact finds nothing: the folder is not even made.
  const run = await report({ reports: path.join(root, 'never-downloaded'), plan: planned.outputs.plan }, event);
  expect(run.exitCode).toBe(1);
  expect(errorLine(run.stdout)).toMatch(/1 of 3 images failed: frontend$/);
  expect(run.stdout).not.toContain('does not exist');
  const body = server.state.comments(OWNER, REPO, number)[0].body;
  expect(body.split('\n')[1]).toBe('### ❌ image-size-gate: 1 of 3 images failed');
  expect(rowNames(body)).toEqual(['**frontend**', '**api**', '**worker**']);
  expect(
    body
      .split('\n')
      .filter((line) => /^\| \*\*/.test(line))
      .every((row) => row.includes('unchanged, not rebuilt')),
  ).toBe(true);
});

describe('reports that cannot be used: a clear reason, a failed step, and nothing raw in the comment', () => {
  /** A reports folder holding these texts, one file each. */
  function folderOf(texts: string[]): string {
    const folder = mkdtempSync(path.join(root, 'bad-reports-'));
    texts.forEach((text, index) => writeFileSync(path.join(folder, `report-${index}.json`), text));
    return folder;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a report's JSON, edited as a forger would
  const edited = (edit: (document: any) => void) => {
    const document = JSON.parse(prJobReport);
    edit(document);
    return JSON.stringify(document);
  };

  test('a missing report: the api is not judged, named with its job', async () => {
    const run = await report({ reports: folderOf([]), plan: prPlan }, prEvent);
    expect(run.exitCode).toBe(1);
    expect(errorLine(run.stdout)).toContain('api not judged: no report of it reached this step (the matrix job gate (api) failed');
    const body = ourComments()[0].body;
    expect(body).toMatch(/\| \*\*api\*\* \| — \| — \| could not be judged \|/);
  });

  test('a report of another commit is refused, saying whose', async () => {
    const other = edited((document) => (document.matrix.commit = 'f'.repeat(40)));
    const run = await report({ reports: folderOf([other]), plan: prPlan }, prEvent);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`report-0.json: refused: it is of commit ffffffffffff, and this run is of ${headCommit.slice(0, 12)}`);
    expect(errorLine(run.stdout)).toContain('api not judged');
  });

  test('a report of another schema version, or made from another version of the config file, is refused', async () => {
    const older = edited((document) => (document.schemaVersion = 3));
    const otherConfig = edited((document) => (document.matrix.configDigest = `sha256:${'0'.repeat(64)}`));
    const run = await report({ reports: folderOf([older, otherConfig]), plan: prPlan }, prEvent);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`report-0.json: refused: schemaVersion 3 is not the version this step reads (${REPORT_SCHEMA_VERSION})`);
    expect(run.stdout).toContain('report-1.json: refused: it was made from another version of .github/image-size-gate.yml');
  });

  test('forged reports: markup where an id belongs is refused by field; hostile text where text belongs is shown escaped only', async () => {
    const forgedId = edited((document) => (document.images[0].report.image.id = '<img src=x onerror=alert(1)>'));
    const run = await report({ reports: folderOf([forgedId]), plan: prPlan }, prEvent);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('report-0.json: refused: images[0].image.id is not in the expected form');
    expect(ourComments()[0].body).not.toContain('onerror');

    const hostile = '<img src=x onerror=alert(1)> @octo-org/admins [link](https://evil.example) ::error::x';
    const forgedText = edited((document) => {
      const api = document.images[0].report;
      api.checks[0].detail = hostile;
      api.checks[0].verdict = 'fail';
      api.passed = false;
      api.smoke = { ran: true, passed: false, failure: hostile, containerLog: [] };
    });
    const shown = await report({ reports: folderOf([forgedText]), plan: prPlan }, prEvent);
    expect(shown.exitCode).toBe(1);
    const body = ourComments()[0].body;
    expect(body).toContain('&#60;img src=x onerror=alert(1)&#62; &#64;octo-org/admins &#91;link&#93;(https://evil.example)');
    expect(body).not.toMatch(/<img|@octo-org\/admins|\[link\]\(/);
    expect(shown.summary).not.toMatch(/<img|@octo-org\/admins|\[link\]\(/);
    for (const line of shown.stdout.split('\n')) expect(line).not.toMatch(/^::error::x/);
  });
});

describe('mistakes stop a step before anything is built, with one line naming the input or the file', () => {
  test('a matrix job naming an image the file does not list, or with no config file at all', async () => {
    const unknown = await step(undefined, { images: 'apx' }, pushEvent);
    expect(unknown.exitCode).toBe(1);
    expect(errorLine(unknown.stdout)).toBe(
      '::error::image-size-gate: input images: "apx" is not an image of .github/image-size-gate.yml (it lists api, worker, frontend); expected e.g. images: api',
    );
    const empty = mkdtempSync(path.join(root, 'no-config-'));
    const alone = await step(undefined, { images: 'api' }, pushEvent, empty);
    expect(errorLine(alone.stdout)).toBe(
      '::error::image-size-gate: input images: names images of a config file, and there is none; expected e.g. config: .github/image-size-gate.yml with images',
    );
  });

  test('the plan refuses a wrong config file as the one step does: the file, the line and the fix', async () => {
    const checkout = mkdtempSync(path.join(root, 'bad-plan-'));
    mkdirSync(path.join(checkout, '.github'));
    writeFileSync(path.join(checkout, '.github', 'image-size-gate.yml'), 'images:\n  - name: api\n    runs-on: "arm runner"\n');
    const bad = await step(PLAN_ENTRY, {}, pushEvent, checkout);
    expect(bad.exitCode).toBe(1);
    expect(errorLine(bad.stdout)).toMatch(
      /^::error::image-size-gate: \.github\/image-size-gate\.yml:3:5: images\[0\]\.runs-on: "arm runner" is not a runner label/,
    );
    expect(bad.outputs.matrix).toBeUndefined();
    const none = await step(PLAN_ENTRY, {}, pushEvent, mkdtempSync(path.join(root, 'empty-')));
    expect(errorLine(none.stdout)).toContain('input config: is not set and .github/image-size-gate.yml does not exist');
  });
});
