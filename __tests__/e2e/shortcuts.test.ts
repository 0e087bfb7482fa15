// The shortcuts turned against the gate, end to end, as a hostile pull request's author (or a writer of the
// history branch) would try them: each way of growing an image past its budget while changed-only calls it
// "unchanged, not rebuilt" now rebuilds it, and the grown image fails; a forged, duplicated, misnamed or
// off-host record of the merge base makes the gate warn, build the base, and fail the grown pull request. The
// bundled action runs as the runner runs it, against the real engine, a real git remote and the fake GitHub API.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeGitHub, startFakeGitHub } from '../support/github-server.js';
import { git, shallowCheckout } from '../support/git-repo.js';
import { useCleanEngine } from '../support/clean-engine.js';
import { ActionRun, buildImage, runAction } from '../support/e2e.js';
import { pullRequestPayload, runnerEvent } from '../support/runner-event.js';

const OWNER = 'octo-org';
const REPO = 'shop';
const PR = 23;
/** buildx (BuildKit) reads a Dockerfile's own ignore file; the classic builder of the legacy engine does not. */
const hasBuildx = (() => {
  try {
    execFileSync('docker', ['buildx', 'version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let root: string;
let server: FakeGitHub;
/** The tag the base entry of the changed-only repository builds, and a tiny image the config entries gate. */
const BASE_TAG = 'isg-e2e-shortcuts/base:ci';
const TINY = 'isg-e2e-shortcuts/tiny:latest';
const engine = useCleanEngine({
  images: [BASE_TAG, TINY],
  setup: () => void buildImage(TINY, 'FROM scratch\nCOPY f /f\n', { f: 'tiny\n' }),
});

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'isg-shortcuts-'));
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

/** A repository of its own under the suite's folder: a bare origin and a work tree on main with `files`. */
function repository(name: string, files: Record<string, string | Buffer>): { bare: string; work: string; main: string } {
  const bare = path.join(root, `${name}.git`);
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  const work = path.join(root, name);
  git(root, 'init', '--quiet', '--initial-branch=main', work);
  git(work, 'remote', 'add', 'origin', bare);
  write(work, files);
  git(work, 'add', '-A');
  git(work, 'commit', '--quiet', '-m', 'main');
  git(work, 'push', '--quiet', 'origin', 'main');
  return { bare, work, main: git(work, 'rev-parse', 'HEAD') };
}

function write(work: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(work, name)), { recursive: true });
    writeFileSync(path.join(work, name), content);
  }
}

/** A branch off main whose one commit `change` makes (adding only the paths it returns, or everything), pushed. */
function pullRequestBranch(repo: { work: string; main: string }, branch: string, change: () => string[] | void): string {
  git(repo.work, 'checkout', '--quiet', '-b', branch, repo.main);
  const paths = change();
  git(repo.work, 'add', ...(paths ?? ['-A']));
  git(repo.work, 'commit', '--quiet', '-m', branch);
  git(repo.work, 'push', '--quiet', 'origin', branch);
  const head = git(repo.work, 'rev-parse', 'HEAD');
  git(repo.work, 'checkout', '--quiet', '--force', 'main');
  return head;
}

/** The action on the pull request from `head` into main, in a fresh shallow checkout of `head`. */
async function pullRequestRun(repo: { bare: string; main: string }, head: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const payload = pullRequestPayload({ number: PR, repository: `${OWNER}/${REPO}`, base: repo.main, head });
  const env = runnerEvent(root, {
    name: 'pull_request',
    ref: `refs/pull/${PR}/merge`,
    sha: head,
    payload,
    repository: `${OWNER}/${REPO}`,
    serverUrl: 'https://github.com',
    apiUrl: server.url,
    runId: '4242',
  });
  const checkout = shallowCheckout(root, repo.bare, head);
  const run = await runAction({ 'github-token': 'test-token', ...inputs }, { cwd: checkout, env });
  if (run.outputs.report) {
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'));
    for (const image of report.images ?? [report]) engine.removeAfterwards((image.report ?? image).image?.id);
  }
  return run;
}

/** The images a run built, in order, from its log groups (`::group::api: Build the PR image: ...`), not their baselines. */
const builtNames = (run: ActionRun) =>
  run.stdout.split('\n').flatMap((line) => /^::group::([^:]+): Build the PR image/.exec(line)?.[1] ?? []);

/** The comment a run posted (or updated), by the id its comment-url output ends with. */
function postedComment(run: ActionRun): string {
  const id = Number(/(\d+)$/.exec(run.outputs['comment-url'] ?? '')?.[1]);
  const comment = server.state.comments(OWNER, REPO, PR).find((candidate) => candidate.id === id);
  if (!comment) throw new Error(`no comment was posted (comment-url: ${run.outputs['comment-url']})`);
  return comment.body;
}

/** The names of the images a multi-image run failed, from its one ::error:: line. */
function failedNames(run: ActionRun): string[] {
  const line = run.stdout.split('\n').find((candidate) => candidate.startsWith('::error::'));
  return /images failed: (.*)$/.exec(line ?? '')?.[1].split(', ') ?? [];
}

describe('changed-only: each way of growing an image unseen rebuilds it, and the grown image fails', () => {
  const CONFIG = [
    'changed-only: true',
    'defaults:',
    '  max-size: 1MB',
    '  require-non-root: false',
    '  smoke: false',
    'images:',
    '  - name: base',
    '    context: services/base',
    `    tag: ${BASE_TAG}`,
    '    max-size: 10MB',
    '  - name: api',
    '    context: services/api',
    '  - name: ign',
    '    context: services/ign',
    '    dockerfile: docker/ign.Dockerfile',
    '  - name: lnk',
    '    context: services/lnk',
    '  - name: attr',
    '    context: services/attr',
    '  - name: lit',
    '    context: ":lit"',
    '',
  ].join('\n');
  let repo: { bare: string; work: string; main: string };

  beforeAll(() => {
    repo = repository('changed-only', {
      '.github/image-size-gate.yml': CONFIG,
      'services/base/Dockerfile': 'FROM scratch\nCOPY blob /blob\n',
      'services/base/blob': randomBytes(100_000),
      'services/api/Dockerfile': `FROM ${BASE_TAG}\nCOPY app /app\n`,
      'services/api/app': 'the api\n',
      'services/ign/.dockerignore': 'big\n',
      'services/ign/big/data': randomBytes(3_000_000),
      'services/ign/page.html': '<p>small</p>\n',
      'docker/ign.Dockerfile': 'FROM scratch\nCOPY . /app\n',
      'real/lnk/Dockerfile': 'FROM scratch\nCOPY file /file\n',
      'real/lnk/file': 'linked\n',
      'services/attr/Dockerfile': 'FROM scratch\nCOPY data.txt /data.txt\n',
      'services/attr/data.txt': `${'a'.repeat(99)}\n`.repeat(5_890),
      ':lit/Dockerfile': 'FROM scratch\nCOPY data /data\n',
      ':lit/data': 'magic\n',
    });
    symlinkSync('../real/lnk', path.join(repo.work, 'services', 'lnk'));
    git(repo.work, 'add', '-A');
    git(repo.work, 'commit', '--quiet', '-m', 'a linked service');
    git(repo.work, 'push', '--quiet', 'origin', 'main');
    repo.main = git(repo.work, 'rev-parse', 'HEAD');
  });

  test("another entry's tag: api is built FROM the tag base builds; the PR grows base to 5 MB, and api is rebuilt and fails", async () => {
    const head = pullRequestBranch(repo, 'grow-base', () => write(repo.work, { 'services/base/blob': randomBytes(5_000_000) }));
    const run = await pullRequestRun(repo, head);
    expect(builtNames(run)).toEqual(['base', 'api']);
    expect(run.stdout).toContain(
      `changed-only: api is gated: it is built from docker.io/${BASE_TAG}, which the entry base builds, and that is rebuilt`,
    );
    expect(run.exitCode).toBe(1);
    expect(failedNames(run)).toEqual(['api']);
  });

  test('a Dockerfile-specific ignore file (docker/ign.Dockerfile.dockerignore) beside a Dockerfile outside the context', async () => {
    const head = pullRequestBranch(repo, 'ignore-file', () =>
      write(repo.work, { 'docker/ign.Dockerfile.dockerignore': '# nothing is ignored\n' }),
    );
    const run = await pullRequestRun(repo, head);
    expect(builtNames(run)).toEqual(['ign']);
    expect(run.stdout).toContain('changed-only: ign is gated: docker/ign.Dockerfile.dockerignore changed');
    // BuildKit prefers the Dockerfile's own ignore file, so the 3 MB the context's .dockerignore excluded enter the image.
    if (hasBuildx) expect(failedNames(run)).toEqual(['ign']);
  });

  test('a symlinked context (services/lnk -> ../real/lnk): the PR grows real/lnk/file by 4 MB', async () => {
    const head = pullRequestBranch(repo, 'grow-linked', () => write(repo.work, { 'real/lnk/file': randomBytes(4_000_000) }));
    const run = await pullRequestRun(repo, head);
    expect(builtNames(run)).toEqual(['lnk']);
    expect(run.stdout).toContain('changed-only: lnk is gated: real/lnk/file changed');
    expect(failedNames(run)).toEqual(['lnk']);
  });

  test('an attribute filter: a root .gitattributes makes services/attr/*.txt UTF-32LE at checkout (589 kB -> 2.36 MB)', async () => {
    const head = pullRequestBranch(repo, 'attributes', () => {
      write(repo.work, { '.gitattributes': 'services/attr/*.txt working-tree-encoding=UTF-32LE\n' });
      return ['.gitattributes'];
    });
    const run = await pullRequestRun(repo, head);
    // A root .gitattributes applies to every path: every image is rebuilt, and the re-encoded one fails.
    expect(builtNames(run)).toContain('attr');
    expect(run.stdout).toContain('changed-only: attr is gated: .gitattributes changed');
    expect(failedNames(run)).toEqual(['attr']);
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'));
    const attr = report.images.find((image: { name: string }) => image.name === 'attr');
    expect(attr.report.image.sizeBytes).toBe(4 * 589_000);
  });

  test('pathspec magic: a context folder named :lit, grown by 3 MB', async () => {
    const head = pullRequestBranch(repo, 'grow-lit', () => write(repo.work, { ':lit/data': randomBytes(3_000_000) }));
    const run = await pullRequestRun(repo, head);
    expect(builtNames(run)).toEqual(['lit']);
    expect(run.stdout).toContain('changed-only: lit is gated: :lit/data changed');
    expect(failedNames(run)).toEqual(['lit']);
  });
});

describe('records are checked before they are believed: a +2 MB pull request against max-increase: 5%', () => {
  const BRANCH = 'image-size-history';
  let repo: { bare: string; work: string; main: string };
  let head: string;
  let recordFile: string;
  let genuineTip: string;

  /** The action with the history branch: on the push of main (which records it), or on the pull request. */
  function gateRun(event: 'push' | 'pull_request'): Promise<ActionRun> {
    const inputs = { context: 'app', name: 'app', smoke: 'false', 'history-branch': BRANCH, 'max-increase': '5%' };
    if (event === 'pull_request') return pullRequestRun(repo, head, inputs);
    const payload = { ref: 'refs/heads/main', after: repo.main, repository: { default_branch: 'main', full_name: `${OWNER}/${REPO}` } };
    const env = runnerEvent(root, {
      name: 'push',
      ref: 'refs/heads/main',
      sha: repo.main,
      payload,
      repository: `${OWNER}/${REPO}`,
      serverUrl: 'https://github.com',
      runId: '77',
    });
    return runAction({ ...inputs, 'github-token': 'test-token' }, { cwd: shallowCheckout(root, repo.bare, repo.main), env }).then((run) => {
      engine.removeAfterwards(run.outputs['image-id']);
      return run;
    });
  }

  /** Commits `change` (which edits the files of a checkout of the history branch) to the branch; restored after the test. */
  function tamper(change: (dir: string) => void): void {
    const dir = mkdtempSync(path.join(root, 'tamper-'));
    git(dir, 'init', '--quiet');
    git(dir, 'fetch', '--quiet', repo.bare, BRANCH);
    git(dir, 'checkout', '--quiet', 'FETCH_HEAD');
    change(dir);
    git(dir, 'add', '-A');
    git(dir, 'commit', '--quiet', '-m', 'edited by a writer of the branch');
    git(dir, 'push', '--quiet', repo.bare, `HEAD:refs/heads/${BRANCH}`);
  }

  const record = (dir: string) => JSON.parse(readFileSync(path.join(dir, recordFile), 'utf8'));
  const rewrite = (dir: string, file: string, value: object) => writeFileSync(path.join(dir, file), JSON.stringify(value) + '\n');

  beforeAll(async () => {
    repo = repository('records', {
      'app/Dockerfile': 'FROM image-size-gate/busybox:latest\nCOPY data /data\nUSER 65534:65534\n',
      'app/data/blob.bin': randomBytes(100_000),
    });
    const push = await gateRun('push');
    expect(push.exitCode).toBe(0);
    recordFile = git(repo.bare, 'ls-tree', '-r', '--name-only', BRANCH);
    expect(recordFile).toMatch(new RegExp(`^app/linux-[a-z0-9-]+/\\d{8}T\\d{6}Z-${repo.main}\\.json$`));
    genuineTip = git(repo.bare, 'rev-parse', BRANCH);
    head = pullRequestBranch(repo, 'grow-2mb', () => write(repo.work, { 'app/data/extra.bin': randomBytes(2_000_000) }));
  });

  afterEach(() => {
    git(repo.bare, 'update-ref', `refs/heads/${BRANCH}`, genuineTip);
  });

  const warningsNaming = (run: ActionRun, file: string) =>
    run.stdout.split('\n').filter((line) => line.startsWith('::warning::') && line.includes(file));

  /** The run warned once about the record file, built the base, and failed max-increase. */
  function expectRebuiltAndFailed(run: ActionRun, file: string, reason: string): void {
    expect(warningsNaming(run, file).filter((line) => line.includes(reason))).toHaveLength(1);
    expect(run.stdout).toMatch(/::group::Build the baseline image/);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::.*Growth/);
    expect(Number(run.outputs['size-delta'])).toBeGreaterThanOrEqual(2_000_000);
  }

  test('the genuine record is the baseline (no base build), and the PR fails', async () => {
    const run = await gateRun('pull_request');
    expect(run.stdout).toContain(`Baseline: the record of merge base ${repo.main.slice(0, 12)}`);
    expect(run.stdout).not.toMatch(/::group::Build the baseline image/);
    expect(run.exitCode).toBe(1);
    expect(Number(run.outputs['size-delta'])).toBeGreaterThanOrEqual(2_000_000);
  });

  test('a record edited to claim 9e15 bytes is not used: the base is built, and the PR fails', async () => {
    tamper((dir) => rewrite(dir, recordFile, { ...record(dir), figures: { ...record(dir).figures, size: 9e15 } }));
    const run = await gateRun('pull_request');
    expectRebuiltAndFailed(run, recordFile, 'figures.size is more than 1 PiB');
    expect(postedComment(run)).not.toMatch(/TB|−100\.0%/);
  });

  test('a record whose size is moved into its own layer (consistent with itself) disagrees with the shared base layer', async () => {
    tamper((dir) => {
      const value = record(dir);
      value.layers[0].sizeBytes += 50_000_000;
      value.figures.size += 50_000_000;
      rewrite(dir, recordFile, value);
    });
    expectRebuiltAndFailed(await gateRun('pull_request'), recordFile, 'in the image measured now');
  });

  test('a second record of the merge base, named 19700101T000000Z-<sha>.json and claiming 50 MB, beside the genuine one', async () => {
    const forged = recordFile.replace(/\/\d{8}T\d{6}Z-/, '/19700101T000000Z-');
    tamper((dir) => rewrite(dir, forged, { ...record(dir), figures: { ...record(dir).figures, size: 50_000_000 } }));
    const run = await gateRun('pull_request');
    expectRebuiltAndFailed(run, forged, "commitTime is not the time its file's name says");
    expect(run.stdout).toContain(`are all for commit ${repo.main.slice(0, 12)}: none of them is used`);
  });

  test('a record whose runUrl is https://evil.example/login?next=github.com', async () => {
    tamper((dir) => rewrite(dir, recordFile, { ...record(dir), runUrl: 'https://evil.example/login?next=github.com' }));
    const run = await gateRun('pull_request');
    expectRebuiltAndFailed(run, recordFile, 'runUrl is not on https://github.com');
    expect(postedComment(run)).not.toContain('evil.example');
  });

  test('a record named ../../etc', async () => {
    tamper((dir) => rewrite(dir, recordFile, { ...record(dir), name: '../../etc' }));
    expectRebuiltAndFailed(await gateRun('pull_request'), recordFile, 'name is not the name of the image it is filed under');
  });

  test('a record that cannot be read is warned about once, though both the trend and the baseline ask for it', async () => {
    tamper((dir) => writeFileSync(path.join(dir, recordFile), '{ not json'));
    const run = await gateRun('pull_request');
    expectRebuiltAndFailed(run, recordFile, 'the record is not JSON');
    expect(warningsNaming(run, recordFile)).toHaveLength(1);
  });
});

describe("the repository's own files are bounded and escaped", () => {
  const DEFAULTS = ['defaults:', '  smoke: false', '  analyze: false', '  require-non-root: false', '  max-size: 1MB'];

  test('400 entries with 120-character names: one comment under 65,536 characters, posted; the report keeps every name whole', async () => {
    const names = Array.from({ length: 400 }, (_, index) =>
      `${String(index).padStart(3, '0')}-${'service-name-'.repeat(10)}`.slice(0, 120),
    );
    const entries = names.flatMap((name) => [`  - name: ${name}`, `    image: ${TINY}`]);
    const repo = repository('many', { '.github/image-size-gate.yml': [...DEFAULTS, 'images:', ...entries, ''].join('\n') });
    const head = pullRequestBranch(repo, 'touch', () => write(repo.work, { README: 'x\n' }));
    const run = await pullRequestRun(repo, head);
    expect(run.exitCode).toBe(0);
    // Posted: the fake API, like GitHub's, refuses a body over 65,536 characters with a 422.
    const body = postedComment(run);
    expect([...body].length).toBeLessThan(65_536);
    expect(body.split('\n')[1]).toBe('### ✅ image-size-gate: all 400 images passed');
    // Every image has its row, or is counted in the line that says where the rest are.
    const rows = body.split('\n').filter((line) => /^\| \*\*\d{3}-service-name-/.test(line)).length;
    const more = Number(/…and (\d+) more images \(see the job summary or the report\)\./.exec(body)?.[1] ?? 0);
    expect(rows + more).toBe(400);
    expect(body).not.toContain(names[0]);
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(1024 * 1024);
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'));
    expect(report.images.map((image: { name: string }) => image.name)).toEqual(names);
  });

  test('a config file that is a symlink out of the checkout is refused without printing a byte of its target', async () => {
    writeFileSync(path.join(root, 'secret.env'), 'SECRET_API_KEY=sk-live-4f1c2e\n');
    const repo = repository('linked-config', { README: 'x\n' });
    mkdirSync(path.join(repo.work, '.github'));
    symlinkSync('../../secret.env', path.join(repo.work, '.github', 'image-size-gate.yml'));
    symlinkSync('/proc/self/environ', path.join(repo.work, 'environ.yml'));
    git(repo.work, 'add', '-A');
    git(repo.work, 'commit', '--quiet', '-m', 'links');
    const checkout = path.join(root, 'checkout-linked');
    git(root, 'clone', '--quiet', repo.work, checkout);
    const secretEnv = { ISG_E2E_SECRET: 'sk-live-environ-9a8b' };
    for (const inputs of [{}, { config: 'environ.yml' }] as Record<string, string>[]) {
      const run = await runAction(inputs, { cwd: checkout, env: secretEnv });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(
        /::error::image-size-gate: input config: ".*" is a symbolic link that resolves outside the checkout, so it is not read/,
      );
      for (const text of [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs)])
        expect(text).not.toMatch(/sk-live|SECRET_API_KEY|secret\.env/);
    }
  });

  test('bidi and zero-width characters in names never reach the comment, the summary, the log or the outputs raw; look-alike names are refused', async () => {
    const names = ['\u202eevil-image', 'zero\u200bwidth', 'tag\u{e0041}s'];
    const entries = names.flatMap((name) => [`  - name: ${JSON.stringify(name)}`, `    image: ${TINY}`, '    max-size: 1B']);
    const repo = repository('invisible', { '.github/image-size-gate.yml': [...DEFAULTS, 'images:', ...entries, ''].join('\n') });
    const head = pullRequestBranch(repo, 'touch', () => write(repo.work, { README: 'x\n' }));
    const run = await pullRequestRun(repo, head);
    expect(run.exitCode).toBe(1);
    const body = postedComment(run);
    const raw = /[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]|\u{e0041}/u;
    for (const text of [body, run.summary, run.stdout, run.stderr, ...Object.values(run.outputs), readFileSync(run.outputs.report, 'utf8')])
      expect(text).not.toMatch(raw);
    expect(body).toContain('&#92;u202eevil-image');
    expect(run.stdout).toContain('images failed: \\u202eevil-image, zero\\u200bwidth, tag\\u{e0041}s');
    // The report still holds the names themselves.
    expect(JSON.parse(readFileSync(run.outputs.report, 'utf8')).images.map((image: { name: string }) => image.name)).toEqual(names);

    const lookalike = repository('lookalike', {
      '.github/image-size-gate.yml': [
        ...DEFAULTS,
        'images:',
        '  - name: api',
        `    image: ${TINY}`,
        '  - name: "api\\u200b"',
        `    image: ${TINY}`,
        '',
      ].join('\n'),
    });
    const refused = await runAction({}, { cwd: lookalike.work });
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toContain('is already the name of the image on line');
    expect(refused.stdout).toContain('(the two differ only by invisible characters)');
  });

  test('a context outside the repository with changed-only is an error of that entry alone, with its own prefix', async () => {
    const repo = repository('outside', {
      '.github/image-size-gate.yml': [
        'changed-only: true',
        ...DEFAULTS,
        'images:',
        '  - name: good',
        '    context: services/good',
        '  - name: outside',
        '    context: ../no-such-folder',
        '  - name: tiny',
        `    image: ${TINY}`,
        '',
      ].join('\n'),
      'services/good/Dockerfile': 'FROM scratch\nCOPY page /page\n',
      'services/good/page': 'good\n',
    });
    const head = pullRequestBranch(repo, 'touch', () => write(repo.work, { README: 'x\n' }));
    const run = await pullRequestRun(repo, head);
    expect(run.stdout).toContain('changed-only: outside is gated: its context ../no-such-folder lies outside the repository');
    expect(run.stdout).toContain('changed-only: 1 of 3 image(s) unchanged since the merge base');
    expect(run.stdout).not.toMatch(/baseline: could not compare/);
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'));
    expect(report.images.map((image: { name: string; status: string }) => `${image.name}:${image.status}`)).toEqual([
      'good:unchanged',
      'outside:error',
      'tiny:gated',
    ]);
    expect(report.images[1].error).toMatch(/^build: context "\.\.\/no-such-folder" is not a directory/);
  });
});
