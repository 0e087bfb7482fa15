// What sound change detection costs (issue 23): the bundled action on a pull request, with changed-only, over a
// config file of N images of which none changed, so that no image is built and the step's time is the
// detection itself (git diff, ls-tree, status and the Dockerfile read, per image) plus reading the config and
// writing the report. Also the multi-image comment rendered for the same N images. A benchmark, not a test:
// it fails on nothing. No Docker engine is needed (nothing is built).
//   node bench/changed-only.mjs [--counts 50,200,500] [--runs 3]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const COUNTS = flag('counts', '50,200,500').split(',').map(Number);
const RUNS = Number(flag('runs', '3'));
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const IDENTITY = { GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
const git = (cwd, ...rest) => execFileSync('git', rest, { cwd, encoding: 'utf8', env: { ...process.env, ...IDENTITY } }).trim();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A repository of `count` services (each its own context, Dockerfile and file), on main, and a PR that touches none. */
function repository(dir, count) {
  const entries = ['changed-only: true', 'defaults:', '  smoke: false', 'images:'];
  for (let index = 0; index < count; index += 1) {
    const service = path.join(dir, 'services', `s${index}`);
    mkdirSync(service, { recursive: true });
    writeFileSync(path.join(service, 'Dockerfile'), 'FROM scratch\nCOPY page /page\n');
    writeFileSync(path.join(service, 'page'), `service ${index}\n`);
    entries.push(`  - name: s${index}`, `    context: services/s${index}`);
  }
  mkdirSync(path.join(dir, '.github'));
  writeFileSync(path.join(dir, '.github', 'image-size-gate.yml'), `${entries.join('\n')}\n`);
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'main');
  const base = git(dir, 'rev-parse', 'HEAD');
  writeFileSync(path.join(dir, 'README'), 'touched\n');
  git(dir, 'add', 'README');
  git(dir, 'commit', '--quiet', '-m', 'pr');
  return { base, head: git(dir, 'rev-parse', 'HEAD') };
}

/** One run of the bundled action on the pull request; its wall time and the changed-only line it logged. */
function runStep(dir, commits) {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'isg-bench-step-'));
  const event = path.join(temp, 'event.json');
  const payload = {
    number: 1,
    pull_request: { number: 1, base: { sha: commits.base, ref: 'main' }, head: { sha: commits.head, ref: 'pr' } },
  };
  writeFileSync(event, JSON.stringify(payload));
  for (const file of ['output', 'summary', 'state']) writeFileSync(path.join(temp, file), '');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'bench/repo',
    GITHUB_OUTPUT: path.join(temp, 'output'),
    GITHUB_STEP_SUMMARY: path.join(temp, 'summary'),
    GITHUB_STATE: path.join(temp, 'state'),
    RUNNER_TEMP: temp,
  };
  const started = performance.now();
  const run = spawnSync(process.execPath, [path.join(root, 'dist', 'main', 'index.js')], { cwd: dir, env, encoding: 'utf8' });
  const wallMs = performance.now() - started;
  const summaryBytes = Buffer.byteLength(readFileSync(path.join(temp, 'summary'), 'utf8'));
  rmSync(temp, { recursive: true, force: true });
  const line = run.stdout.split('\n').find((text) => text.startsWith('changed-only: ') && text.includes('unchanged since'));
  if (run.status !== 0 || !line) throw new Error(`the step failed (${run.status}): ${run.stdout.slice(-2000)}`);
  return { wallMs, line, summaryBytes };
}

console.log(
  `# changed-only over N unchanged images (median of ${RUNS} runs; Node ${process.version}; git ${git(root, 'version').replace('git version ', '')})`,
);
console.log('| images | step | per image | summary |');
console.log('| ---: | ---: | ---: | ---: |');
for (const count of COUNTS) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'isg-bench-changed-'));
  try {
    const commits = repository(dir, count);
    const runs = Array.from({ length: RUNS }, () => runStep(dir, commits));
    const wallMs = median(runs.map((run) => run.wallMs));
    if (!runs[0].line.includes(`${count} of ${count} image(s) unchanged`)) throw new Error(`unexpected: ${runs[0].line}`);
    console.log(
      `| ${count} | ${(wallMs / 1000).toFixed(2)} s | ${(wallMs / count).toFixed(1)} ms | ${(runs[0].summaryBytes / 1000).toFixed(1)} kB |`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
