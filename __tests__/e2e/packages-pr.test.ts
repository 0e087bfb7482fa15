// A pull request that adds one npm package (lodash, in node_modules) and one apt package (curl, in a RUN
// apt-get install), end to end: the bundled action on a pull_request event builds the base commit and the head,
// and its sticky comment, on a local fake of GitHub's REST API, says which packages changed, with the sizes the
// report gives them. The packages come from npm's registry (npm pack, on the host) and Debian's mirror.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeGitHub, startFakeGitHub } from '../support/github-server.js';
import { git } from '../support/git-repo.js';
import { useCleanEngine } from '../support/clean-engine.js';
import { runAction } from '../support/e2e.js';
import { pullRequestPayload, runnerEvent } from '../support/runner-event.js';
import { formatBytes, formatBytesDelta } from '../../src/common/units.js';
import { GateReport } from '../../src/report/model.js';

const OWNER = 'octo-org';
const REPO = 'shop';
const PR = 12;

const engine = useCleanEngine({ unchanged: false });

let root: string;
let checkout: string;
let baseSha: string;
let headSha: string;
let server: FakeGitHub;

/** An npm package unpacked into `node_modules/<name>`, as npm installs it (npm pack fetches it from the registry). */
function addNpmPackage(nodeModules: string, spec: string, name: string): void {
  const packed = mkdtempSync(path.join(tmpdir(), 'isg-npm-pack-'));
  try {
    const file = execFileSync('npm', ['pack', '--silent', '--pack-destination', packed, spec], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!;
    mkdirSync(path.join(nodeModules, name), { recursive: true });
    execFileSync('tar', ['-xzf', path.join(packed, file), '-C', path.join(nodeModules, name), '--strip-components=1']);
  } finally {
    rmSync(packed, { recursive: true, force: true });
  }
}

const dockerfile = (install: boolean) =>
  [
    'FROM debian:bookworm-slim',
    ...(install ? ['RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*'] : []),
    'COPY node_modules /app/node_modules',
    'USER 65534',
    '',
  ].join('\n');

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'isg-pr-packages-'));
  const origin = path.join(root, 'origin');
  const app = path.join(origin, 'app');
  mkdirSync(app, { recursive: true });
  git(origin, 'init', '--quiet', '--initial-branch=main');
  writeFileSync(path.join(app, 'Dockerfile'), dockerfile(false));
  addNpmPackage(path.join(app, 'node_modules'), 'ms@2.1.3', 'ms');
  git(origin, 'add', '.');
  git(origin, 'commit', '--quiet', '-m', 'base');
  baseSha = git(origin, 'rev-parse', 'HEAD');
  writeFileSync(path.join(app, 'Dockerfile'), dockerfile(true));
  addNpmPackage(path.join(app, 'node_modules'), 'lodash@4.17.21', 'lodash');
  git(origin, 'add', '.');
  git(origin, 'commit', '--quiet', '-m', 'head: curl and lodash');
  headSha = git(origin, 'rev-parse', 'HEAD');
  checkout = path.join(root, 'checkout');
  execFileSync('git', ['clone', '--quiet', '--depth=1', `file://${origin}`, checkout]);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

beforeEach(async () => {
  server = await startFakeGitHub();
  server.state.addPullRequest(OWNER, REPO, PR);
});

afterEach(async () => {
  expect(server.validationErrors).toEqual([]);
  await server.close();
});

test('the comment names the npm package and the apt package the pull request adds, with their sizes', async () => {
  const payload = pullRequestPayload({ action: 'synchronize', number: PR, repository: `${OWNER}/${REPO}`, base: baseSha, head: headSha });
  const env = runnerEvent(root, { name: 'pull_request', payload, repository: `${OWNER}/${REPO}`, apiUrl: server.url, sha: headSha });
  const run = await runAction({ context: 'app', name: 'shop', smoke: 'false', 'github-token': 'test-token' }, { cwd: checkout, env });
  engine.removeAfterwards(run.outputs['image-id']);
  expect(run.exitCode).toBe(0);
  const report = JSON.parse(readFileSync(run.outputs.report, 'utf8')) as GateReport;
  const sizeOf = (ecosystem: string, name: string) =>
    report.analysis!.packages!.find((pkg) => pkg.ecosystem === ecosystem && pkg.name === name)!.sizeBytes;
  const lodash = sizeOf('npm', 'lodash');
  const curl = sizeOf('deb', 'curl');
  expect(lodash).toBeGreaterThan(1_000_000);
  expect(curl).toBeGreaterThan(100_000);

  const comments = server.state.comments(OWNER, REPO, PR).filter((comment) => comment.body.includes('<!-- image-size-gate:'));
  expect(comments).toHaveLength(1);
  const body = comments[0].body;
  expect(body).toContain('**Which packages changed**');
  expect(body).toContain(`| 🆕 added | npm | lodash | 4.17.21 | — | ${formatBytes(lodash)} | ${formatBytesDelta(lodash)} |`);
  expect(body).toMatch(
    new RegExp(`\\| 🆕 added \\| deb \\| curl \\| 7\\.88\\.1-[^|]+ \\| — \\| ${formatBytes(curl).replace('.', '\\.')} \\| \\+`),
  );
  // The package curl brings with it are added too; ms, in both, did not change.
  expect(body).toMatch(/\| 🆕 added \| deb \| libcurl4 \|/);
  expect(body).not.toMatch(/\| ms \|/);
  const changes = report.baseline!.packageChanges!;
  expect(changes.changes.every((change) => change.kind === 'added')).toBe(true);
  expect(changes.notes).toEqual([]);
  // The README's picture of the package table is rendered from this body (scripts/screenshot-comment.mjs).
  if (process.env.SAVE_PACKAGES_COMMENT_TO) writeFileSync(process.env.SAVE_PACKAGES_COMMENT_TO, body);
  expect(run.summary).toContain(`| 🆕 added | npm | lodash | 4.17.21 | — | ${formatBytes(lodash)} |`);
  expect(git(checkout, 'worktree', 'list').split('\n')).toHaveLength(1);
});
