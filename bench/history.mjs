// The size history's goal of issue 11, measured: a pull request whose merge base was recorded on the history
// branch (one build, one analysis) against the same pull request with `baseline: auto` building its base commit
// in a worktree, each a whole run of the bundled action as the runner starts it, alternating, in one run.
// `npm run bench` runs it after its own sections; alone it writes only its own section of BENCHMARKS.md:
//   node bench/history.mjs [--runs 5]
// It needs the engine scripts/setup-docker.sh prepares (the busybox base image) and a current dist/.
// A benchmark, not a test: nothing fails on speed, but it fails loudly when a run did not do what its side
// measures (a record run that built the baseline, or a rebuild run that did not), since the figures would then
// compare the wrong things.
import { writeSection } from './section.mjs';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAIN_ENTRY = path.join(root, 'dist/main/index.js');
const BUSYBOX = 'image-size-gate/busybox:latest';
const BRANCH = 'image-size-history';
const REPOSITORY = 'bench/app';
const PR_NUMBER = 1;
/** The build argument that makes every layer after the first RUN a cache miss; this many hex digits. */
const NONCE_HEX = 16;
const IDENTITY = {
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
const MB = 1_000_000;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => (value === undefined ? '—' : `${Math.round(value).toLocaleString('en-US')} ms`);
const megabytes = (bytes) => `${(bytes / MB).toFixed(1)} MB`;

function git(cwd, ...args) {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...IDENTITY },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

function docker(...args) {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

const WORDS = 'image layer size budget gate commit branch record baseline merge docker build history trend byte file directory'.split(' ');

/** About `bytes` of text that compresses like prose (words from a small vocabulary, in random order). */
function prose(bytes) {
  const lines = [];
  let length = 0;
  while (length < bytes) {
    const words = Array.from({ length: 12 }, () => WORDS[Math.floor(Math.random() * WORDS.length)]);
    const line = `${words.join(' ')} ${Math.floor(Math.random() * 1e6)}\n`;
    lines.push(line);
    length += line.length;
  }
  return lines.join('').slice(0, bytes);
}

function write(file, content) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/**
 * The project on main: dependencies that do not change (10 MB random, 10 MB text, 1,000 small files), sources
 * (5 MB random, 5 MB text) and a build step over the sources (gzip and sha256sum): 31 MB of files, an image
 * of about 34 MB on the 2 MB busybox base. CACHE_BUST, when given a new value, makes the first RUN and so every later layer miss the
 * build cache; its default has the same length, so the image's size is the same either way.
 */
function writeProject(app) {
  write(
    path.join(app, 'Dockerfile'),
    [
      `FROM ${BUSYBOX}`,
      `ARG CACHE_BUST=${'0'.repeat(NONCE_HEX)}`,
      'RUN echo "build $CACHE_BUST" > /etc/build-id',
      'COPY vendor /opt/vendor',
      'COPY src /src',
      'RUN mkdir -p /opt/app && cat /src/text/* | busybox gzip -6 > /opt/app/text.gz && busybox sha256sum /src/random/* > /opt/app/SHA256SUMS',
      'USER 65534:65534',
      '',
    ].join('\n'),
  );
  for (let index = 0; index < 10; index += 1) {
    write(path.join(app, 'vendor', 'random', `r${index}.bin`), randomBytes(MB));
    write(path.join(app, 'vendor', 'text', `t${index}.txt`), prose(MB));
  }
  for (let dir = 0; dir < 10; dir += 1)
    for (let index = 0; index < 100; index += 1)
      write(path.join(app, 'vendor', 'lib', `d${dir}`, `f${index}.js`), prose(500 + (((dir * 100 + index) * 37) % 1000)));
  for (let index = 0; index < 5; index += 1) {
    write(path.join(app, 'src', 'random', `s${index}.bin`), randomBytes(MB));
    write(path.join(app, 'src', 'text', `t${index}.txt`), prose(MB));
  }
}

/** A bare origin with a commit on main (the merge base, to be recorded) and a pull request branch on it that adds 3 MB. */
function makeRepository(scratch) {
  const bare = path.join(scratch, 'origin.git');
  git(scratch, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  const work = path.join(scratch, 'work');
  git(scratch, 'init', '--quiet', '--initial-branch=main', work);
  git(work, 'remote', 'add', 'origin', bare);
  writeProject(path.join(work, 'app'));
  git(work, 'add', '.');
  git(work, 'commit', '--quiet', '-m', 'main: the app');
  git(work, 'push', '--quiet', 'origin', 'main');
  const base = git(work, 'rev-parse', 'HEAD');
  git(work, 'checkout', '--quiet', '-b', 'feature');
  write(path.join(work, 'app', 'src', 'random', 'extra.bin'), randomBytes(3 * MB));
  write(
    path.join(work, 'app', 'src', 'text', 't0.txt'),
    `${readFileSync(path.join(work, 'app', 'src', 'text', 't0.txt'), 'utf8')}${prose(10_000)}`,
  );
  git(work, 'add', '.');
  git(work, 'commit', '--quiet', '-m', 'feature: 3 MB more');
  git(work, 'push', '--quiet', 'origin', 'feature');
  const head = git(work, 'rev-parse', 'HEAD');
  rmSync(work, { recursive: true, force: true });
  return { bare, base, head };
}

/** A checkout of one commit, one deep, as actions/checkout leaves it (not timed). */
function checkoutOf(scratch, bare, commit) {
  const directory = mkdtempSync(path.join(scratch, 'checkout-'));
  git(directory, 'init', '--quiet');
  git(directory, 'remote', 'add', 'origin', `file://${bare}`);
  git(directory, 'fetch', '--quiet', '--depth=1', `file://${bare}`, commit);
  git(directory, 'checkout', '--quiet', '--detach', commit);
  return directory;
}

/** Parses the GITHUB_OUTPUT file format (`name<<DELIMITER`, the value's lines, `DELIMITER`). */
function parseCommandFile(text) {
  const values = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[index]);
    if (!match) continue;
    const value = [];
    for (index += 1; index < lines.length && lines[index] !== match[2]; index += 1) value.push(lines[index]);
    values[match[1]] = value.join('\n');
  }
  return values;
}

/** Runs the bundled action in `checkout` as the runner does; returns its wall time, log, outputs and JSON report. */
function runAction(scratch, checkout, event, inputs) {
  const runnerTemp = mkdtempSync(path.join(scratch, 'runner-'));
  const files = Object.fromEntries(['output', 'summary', 'state', 'event.json'].map((name) => [name, path.join(runnerTemp, name)]));
  for (const name of ['output', 'summary', 'state']) writeFileSync(files[name], '');
  writeFileSync(files['event.json'], JSON.stringify(event.payload));
  const reportFile = path.join(runnerTemp, 'report.json');
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/root',
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    ...(process.env.DOCKER_CONFIG ? { DOCKER_CONFIG: process.env.DOCKER_CONFIG } : {}),
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: checkout,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: files['event.json'],
    GITHUB_REF: event.ref,
    GITHUB_SHA: event.sha,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '1',
  };
  // No token: nothing is posted (comment: never) and the local remote needs none.
  const all = { context: 'app', name: 'app', smoke: 'false', comment: 'never', 'github-token': '', 'report-file': reportFile, ...inputs };
  for (const [name, value] of Object.entries(all)) env[`INPUT_${name.toUpperCase()}`] = value;
  const started = performance.now();
  const child = spawnSync(process.execPath, [MAIN_ENTRY], { cwd: checkout, env, encoding: 'utf8', maxBuffer: 256 * MB, timeout: 900_000 });
  const wallMs = performance.now() - started;
  try {
    const run = {
      wallMs,
      exitCode: child.status,
      stdout: child.stdout ?? '',
      stderr: child.stderr ?? '',
      outputs: parseCommandFile(readFileSync(files.output, 'utf8')),
      report: existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : undefined,
    };
    if (run.exitCode !== 0) fail(run, `the action exited with ${run.exitCode ?? child.signal}`);
    return run;
  } finally {
    rmSync(runnerTemp, { recursive: true, force: true });
  }
}

/** Stops the benchmark, with the end of the run's log, because the run did not measure what it stands for. */
function fail(run, why) {
  const tail = `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-40).join('\n');
  throw new Error(`bench/history.mjs: ${why}; the figures would compare the wrong things. End of the run's log:\n${tail}`);
}

function groups(run, prefix) {
  return run.stdout.split('\n').filter((line) => line.startsWith(`::group::${prefix}`)).length;
}

/** A pull request run that used the record: no baseline build, exactly one build (the PR image's). */
function checkRecordRun(run, base) {
  if (!run.stdout.includes('no baseline build')) fail(run, 'a run with the history did not say "no baseline build"');
  if (groups(run, 'Build the') !== 1) fail(run, `a run with the history built ${groups(run, 'Build the')} images, not 1`);
  if (run.report?.baseline?.source !== 'record' || run.report.baseline.reference !== base)
    fail(run, `a run with the history did not compare with the record of ${base.slice(0, 12)}`);
}

/** A pull request run that rebuilt its base: two builds, the second the baseline's. */
function checkRebuildRun(run, base) {
  if (groups(run, 'Build the') !== 2 || groups(run, 'Build the baseline image') !== 1)
    fail(run, `a run without the history built ${groups(run, 'Build the')} images, not the PR image and the baseline`);
  if (run.report?.baseline?.source !== 'base-commit' || run.report.baseline.reference !== base)
    fail(run, `a run without the history did not build the base commit ${base.slice(0, 12)}`);
}

function pushEvent(commit) {
  const payload = { ref: 'refs/heads/main', after: commit, repository: { default_branch: 'main', full_name: REPOSITORY } };
  return { name: 'push', ref: 'refs/heads/main', sha: commit, payload };
}

function pullRequestEvent(base, head) {
  const side = (sha, ref) => ({ sha, ref, repo: { full_name: REPOSITORY } });
  const pullRequest = { number: PR_NUMBER, base: side(base, 'main'), head: side(head, 'feature'), labels: [] };
  const payload = { action: 'synchronize', number: PR_NUMBER, pull_request: pullRequest, repository: { default_branch: 'main' } };
  return { name: 'pull_request', ref: `refs/pull/${PR_NUMBER}/merge`, sha: head, payload };
}

/** The timed figures of one pull request run. */
function sample(run) {
  return {
    wallMs: run.wallMs,
    buildMs: run.report?.build?.durationMs,
    analysisMs: run.report?.analysis?.durationMs,
    baselineBuildMs: run.report?.baseline?.buildMs,
    baselineTotalMs: run.report?.baseline?.totalMs,
    sizeDelta: run.outputs['size-delta'],
    sizeBytes: Number(run.outputs.size),
  };
}

/**
 * Measures both sides `runs` times each, alternating which goes first, after `warmUp` discarded pairs. `buildArgs`
 * gives each run its build arguments (a new CACHE_BUST per run makes its builds miss the cache).
 */
function measureVariant({ scratch, repo, runs, warmUp, buildArgs, images, log }) {
  const event = pullRequestEvent(repo.base, repo.head);
  const side = (withRecord) => {
    const checkout = checkoutOf(scratch, repo.bare, repo.head);
    try {
      const inputs = { 'build-args': buildArgs(), ...(withRecord ? { 'history-branch': BRANCH } : {}) };
      const run = runAction(scratch, checkout, event, inputs);
      if (run.outputs['image-id']) images.add(run.outputs['image-id']);
      if (withRecord) checkRecordRun(run, repo.base);
      else checkRebuildRun(run, repo.base);
      return sample(run);
    } finally {
      rmSync(checkout, { recursive: true, force: true });
    }
  };
  const record = [];
  const rebuild = [];
  for (let pair = -warmUp; pair < runs; pair += 1) {
    const order = pair % 2 === 0 ? [true, false] : [false, true];
    for (const withRecord of order) {
      const figures = side(withRecord);
      if (pair >= 0) (withRecord ? record : rebuild).push(figures);
      log(`  ${pair < 0 ? 'warm-up' : `pair ${pair + 1}`}: ${withRecord ? 'with the record ' : 'rebuilding base'} ${ms(figures.wallMs)}`);
    }
  }
  return { record, rebuild };
}

function summarize(variant) {
  const pick = (samples, key) => {
    const values = samples.map((each) => each[key]).filter((value) => typeof value === 'number');
    return values.length > 0 ? median(values) : undefined;
  };
  const ratios = variant.record.map((each, index) => each.wallMs / variant.rebuild[index].wallMs);
  const agree = variant.record.filter((each, index) => each.sizeDelta === variant.rebuild[index].sizeDelta).length;
  return {
    record: pick(variant.record, 'wallMs'),
    rebuild: pick(variant.rebuild, 'wallMs'),
    recordBuild: pick(variant.record, 'buildMs'),
    rebuildBuild: pick(variant.rebuild, 'buildMs'),
    recordAnalysis: pick(variant.record, 'analysisMs'),
    rebuildAnalysis: pick(variant.rebuild, 'analysisMs'),
    baselineBuild: pick(variant.rebuild, 'baselineBuildMs'),
    baselineTotal: pick(variant.rebuild, 'baselineTotalMs'),
    ratioLow: Math.min(...ratios),
    ratioHigh: Math.max(...ratios),
    agree,
    pairs: variant.record.length,
    sizeDelta: variant.record[0]?.sizeDelta,
    sizeBytes: variant.record[0]?.sizeBytes,
    recordRuns: variant.record.map((each) => Math.round(each.wallMs)),
    rebuildRuns: variant.rebuild.map((each) => Math.round(each.wallMs)),
  };
}

function engineLine() {
  const info = docker('info', '--format', '{{.ServerVersion}} {{json .DriverStatus}}');
  return `Docker ${info.split(' ')[0]}, ${info.includes('io.containerd.snapshotter') ? 'containerd' : 'classic'} image store`;
}

/**
 * Records the merge base once (a push run on main), then measures a warm and a cold build cache. Returns the
 * markdown lines of the section and the figures. Throws when a run did not do what its side stands for.
 */
export async function benchHistory({ runs = 5, log = console.log } = {}) {
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`bench/history.mjs: --runs must be a whole number of 1 or more, got ${runs}`);
  if (!existsSync(MAIN_ENTRY)) throw new Error(`bench/history.mjs: ${MAIN_ENTRY} is missing; run npm run package`);
  if (spawnSync('docker', ['image', 'inspect', BUSYBOX], { stdio: 'ignore' }).status !== 0)
    throw new Error(`bench/history.mjs: ${BUSYBOX} is missing or docker does not answer; run bash scripts/setup-docker.sh`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'isg-bench-history-'));
  const images = new Set();
  try {
    log('size history: making the repository');
    const repo = makeRepository(scratch);
    const mainCheckout = checkoutOf(scratch, repo.bare, repo.base);
    const recorded = runAction(scratch, mainCheckout, pushEvent(repo.base), { 'history-branch': BRANCH });
    rmSync(mainCheckout, { recursive: true, force: true });
    if (recorded.outputs['image-id']) images.add(recorded.outputs['image-id']);
    if (!recorded.stdout.includes(`Recorded 1 record(s) on branch ${BRANCH}`)) fail(recorded, 'the push run on main recorded nothing');
    const tip = git(repo.bare, 'rev-parse', BRANCH);
    const builder = recorded.report?.build?.builder ?? 'unknown';

    log('size history: warm build cache');
    const warm = summarize(measureVariant({ scratch, repo, runs, warmUp: 1, buildArgs: () => '', images, log }));
    log('size history: cold build cache (a new CACHE_BUST per run)');
    const nonce = () => `CACHE_BUST=${randomBytes(NONCE_HEX / 2).toString('hex')}`;
    const cold = summarize(measureVariant({ scratch, repo, runs, warmUp: 0, buildArgs: nonce, images, log }));
    if (git(repo.bare, 'rev-parse', BRANCH) !== tip) throw new Error('bench/history.mjs: a pull request run wrote to the history branch');

    const machine = `${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${engineLine()}, ${builder} builder`;
    const lines = historySection({ machine, runs, warm, cold });
    log(lines.join('\n'));
    return { lines, warm, cold };
  } finally {
    // The images the runs left (the baselines' are removed by the gate), with their intermediate layers on the
    // classic builder; BuildKit's own cache is left to its garbage collection.
    if (images.size > 0) spawnSync('docker', ['image', 'rm', '--force', ...images], { stdio: 'ignore' });
    rmSync(scratch, { recursive: true, force: true });
  }
}

function historySection({ machine, runs, warm, cold }) {
  const row = (label, figures) =>
    `| ${label} | ${ms(figures.record)} | ${ms(figures.rebuild)} | **${(figures.record / figures.rebuild).toFixed(2)}** (${figures.ratioLow.toFixed(2)} to ${figures.ratioHigh.toFixed(2)}) | ${ms(figures.recordBuild)} / ${ms(figures.rebuildBuild)} | ${ms(figures.recordAnalysis)} / ${ms(figures.rebuildAnalysis)} | ${ms(figures.baselineBuild)} / ${ms(figures.baselineTotal)} | ${figures.agree} of ${figures.pairs} |`;
  return [
    `Machine: ${machine}. Medians of ${runs} pairs, the two sides alternating. Generated by \`node bench/history.mjs\` (part of \`npm run bench\`) on ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `The image: ${megabytes(warm.sizeBytes)} on the busybox base. The pull request adds ${megabytes(Number(warm.sizeDelta))} (size-delta ${Number(warm.sizeDelta).toLocaleString('en-US')} B). Each figure is a whole run of \`dist/main/index.js\` with \`smoke: false\`, from its start to its exit.`,
    '',
    '| Build cache | PR with the record | Same PR, building its base | record / rebuild (goal ≤ 0.5; range over the pairs) | PR image build: with record / rebuilding | PR image layer comparison (after the read): with record / rebuilding | Baseline: build / worktree + build + analysis | Same size-delta |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('warm', warm),
    row('cold', cold),
    '',
    `Wall times of each run, in ms. Warm: with the record ${warm.recordRuns.join(', ')}; rebuilding ${warm.rebuildRuns.join(', ')}. Cold: with the record ${cold.recordRuns.join(', ')}; rebuilding ${cold.rebuildRuns.join(', ')}.`,
  ];
}

export function writeHistorySection(lines) {
  writeSection('history', 'The size history: a recorded baseline against a rebuilt one (issue 11)', lines);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const index = process.argv.indexOf('--runs');
  const runs = index > 0 ? Number(process.argv[index + 1]) : 5;
  const result = await benchHistory({ runs });
  writeHistorySection(result.lines);
}
