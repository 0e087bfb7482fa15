// Issue 19, measured: image-size-gate/plan's own time, and the crossover between one step gating every image of a
// config file and the plan -> matrix -> report workflow. The monorepo example's three images, each a whole run of
// the bundled entries as the runner starts them (dist/plan, dist/main, dist/report-step), on a push that records
// on a history branch in a local bare origin:
//   - one step: the main action with the config file, the three images one after another (three history commits);
//   - the matrix, here: the plan, three jobs started at once on this machine's cores (its one engine), the report
//     (one history commit);
//   - the matrix on runners of their own: the plan, the slowest of the three jobs run alone, the report. What a
//     hosted runner adds per job (being assigned, checkout, upload-artifact and download-artifact) is not
//     measurable here and is not in the figure.
// Two sizes: the example as it is, and each service given 20 MB of random data and 20 MB of text, as
// bench/multi.mjs does. Warm build cache (a first pass fills it). `npm run bench` runs it after its own sections;
// alone it writes only its own section of BENCHMARKS.md:
//   node bench/matrix.mjs [--runs 3] [--plan-runs 11]
// A benchmark, not a test: nothing fails on speed, but it fails loudly when a run did not do what it measures.
import { writeSection } from './section.mjs';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = { main: 'dist/main/index.js', plan: 'dist/plan/index.js', report: 'dist/report-step/index.js' };
const BRANCH = 'image-size-history';
const SERVICES = ['api', 'worker', 'frontend'];
const IDENTITY = { GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'b@b' };

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const git = (cwd, ...args) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...IDENTITY }, stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** Runs one bundled entry as the runner does (INPUT_*, GITHUB_OUTPUT, its own RUNNER_TEMP); resolves with its wall time and outputs. */
function step(scratch, entry, inputs, { cwd, env }) {
  const temp = mkdtempSync(path.join(scratch, 'runner-'));
  const output = path.join(temp, 'output');
  writeFileSync(output, '');
  const variables = { ...process.env, ...env, GITHUB_OUTPUT: output, RUNNER_TEMP: temp, GITHUB_WORKSPACE: cwd, GITHUB_ACTIONS: 'true' };
  for (const [name, value] of Object.entries(inputs)) variables[`INPUT_${name.toUpperCase()}`] = value;
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, ENTRY[entry])], { cwd, env: variables, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stdout += chunk));
    child.on('close', (code) => {
      const outputs = {};
      for (const match of readFileSync(output, 'utf8').matchAll(/^([^<\n]+)<<(.+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1]] = match[3];
      resolve({ ms: performance.now() - started, code, stdout, outputs });
    });
  });
}

function expectThat(condition, run, what) {
  if (!condition) throw new Error(`bench/matrix.mjs: ${what}\n${run.stdout.slice(-2000)}`);
}

/** A bare origin holding the monorepo example on main (each service given `dataMb` MB of its own data), and a checkout factory. */
function repository(scratch, dataMb) {
  const bare = path.join(scratch, 'origin.git');
  git(scratch, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  const work = path.join(scratch, 'work');
  cpSync(path.join(root, 'examples', 'monorepo'), work, { recursive: true });
  for (const service of dataMb > 0 ? SERVICES : []) {
    const dir = path.join(work, 'services', service, service === 'api' ? 'www' : service === 'frontend' ? 'public' : '.');
    writeFileSync(path.join(dir, 'random.bin'), randomBytes((dataMb / 2) * 1e6));
    writeFileSync(path.join(dir, 'text.txt'), 'the quick brown fox jumps over the lazy dog\n'.repeat(Math.round((dataMb / 2) * 1e6) / 44));
  }
  git(work, 'init', '--quiet', '--initial-branch=main');
  git(work, 'add', '.');
  git(work, 'commit', '--quiet', '-m', 'three services');
  git(work, 'push', '--quiet', bare, 'main');
  const commit = git(work, 'rev-parse', 'HEAD');
  const event = path.join(scratch, 'push.json');
  writeFileSync(event, JSON.stringify({ repository: { default_branch: 'main' } }));
  const env = {
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: event,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: commit,
    GITHUB_REPOSITORY: 'bench/shop',
  };
  /** Each job checks out on a runner of its own: a checkout of its own. */
  const checkout = () => {
    const dir = mkdtempSync(path.join(scratch, 'checkout-'));
    git(dir, 'init', '--quiet');
    git(dir, 'remote', 'add', 'origin', `file://${bare}`);
    git(dir, 'fetch', '--quiet', '--depth=1', 'origin', commit);
    git(dir, 'checkout', '--quiet', '--detach', commit);
    return { cwd: dir, env };
  };
  const resetHistory = () => execFileSync('git', ['update-ref', '-d', `refs/heads/${BRANCH}`], { cwd: bare, stdio: 'ignore' });
  return { bare, checkout, resetHistory };
}

const commitsOn = (bare) => Number(git(bare, 'rev-list', '--count', BRANCH));

async function oneStep(scratch, repo, images) {
  repo.resetHistory();
  const run = await step(scratch, 'main', { 'history-branch': BRANCH }, repo.checkout());
  expectThat(run.outputs.passed === 'false' && commitsOn(repo.bare) === 3, run, 'the one step did not gate and record all three');
  for (const id of JSON.parse(readFileSync(run.outputs.report, 'utf8')).images.map((image) => image.report?.image.id)) images.add(id);
  return run.ms;
}

/** The plan, the jobs (at once, or one after another), the report; the figures of each part. */
async function matrix(scratch, repo, images, together) {
  repo.resetHistory();
  const plan = await step(scratch, 'plan', {}, repo.checkout());
  const include = JSON.parse(plan.outputs.matrix).include;
  expectThat(include.length === 3, plan, 'the plan did not list three images');
  // Every job's checkout is made first: a runner checks out before the gate starts, and the clock is the gate's.
  const checkouts = include.map(() => repo.checkout());
  const job = (entry, index) => step(scratch, 'main', { images: entry.image, 'history-branch': BRANCH }, checkouts[index]);
  const started = performance.now();
  const jobs = together
    ? await Promise.all(include.map(job))
    : await include.reduce(async (done, entry, index) => [...(await done), await job(entry, index)], []);
  const jobsMs = performance.now() - started;
  const reports = mkdtempSync(path.join(scratch, 'reports-'));
  for (const [index, run] of jobs.entries()) {
    mkdirSync(path.join(reports, include[index].image));
    cpSync(run.outputs.report, path.join(reports, include[index].image, 'report.json'));
    for (const image of JSON.parse(readFileSync(run.outputs.report, 'utf8')).images) images.add(image.report?.image.id);
  }
  const report = await step(scratch, 'report', { reports, plan: plan.outputs.plan, 'history-branch': BRANCH }, repo.checkout());
  expectThat(
    report.outputs.failed.includes('frontend') && commitsOn(repo.bare) === 1,
    report,
    'the report did not judge all three in one commit',
  );
  return { planMs: plan.ms, jobsMs, slowestJobMs: Math.max(...jobs.map((run) => run.ms)), reportMs: report.ms };
}

async function measureSize(dataMb, runs, log) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'isg-bench-matrix-'));
  const images = new Set();
  try {
    const repo = repository(scratch, dataMb);
    await oneStep(scratch, repo, images); // fills the build cache
    const figures = { oneStep: [], together: [], alone: [], plan: [], report: [] };
    for (let run = 0; run < runs; run += 1) {
      log(`matrix: ${dataMb} MB per image, run ${run + 1} of ${runs}`);
      figures.oneStep.push(await oneStep(scratch, repo, images));
      const together = await matrix(scratch, repo, images, true);
      figures.together.push(together.planMs + together.jobsMs + together.reportMs);
      const alone = await matrix(scratch, repo, images, false);
      figures.alone.push(alone.planMs + alone.slowestJobMs + alone.reportMs);
      figures.plan.push(together.planMs, alone.planMs);
      figures.report.push(together.reportMs, alone.reportMs);
    }
    return Object.fromEntries(Object.entries(figures).map(([name, values]) => [name, median(values)]));
  } finally {
    const ids = [...images].filter(Boolean);
    if (ids.length > 0) execFileSync('docker', ['image', 'rm', '--force', '--no-prune', ...ids], { stdio: 'ignore' });
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The plan step alone, `runs` times on a push (no git call) and on a pull request with changed-only (one merge-base fetch). */
async function measurePlan(runs) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'isg-bench-plan-'));
  try {
    const repo = repository(scratch, 0);
    const checkout = repo.checkout();
    const work = path.join(scratch, 'work');
    git(work, 'checkout', '--quiet', '-b', 'feature');
    writeFileSync(path.join(work, 'services', 'api', 'www', 'new.html'), 'new');
    git(work, 'add', '.');
    git(work, 'commit', '--quiet', '-m', 'api changes');
    git(work, 'push', '--quiet', repo.bare, 'feature');
    const head = git(work, 'rev-parse', 'HEAD');
    const base = git(work, 'rev-parse', 'main');
    const prEvent = path.join(scratch, 'pr.json');
    writeFileSync(prEvent, JSON.stringify({ pull_request: { number: 1, base: { sha: base, ref: 'main' }, head: { sha: head } } }));
    const push = [];
    const pr = [];
    for (let run = 0; run < runs; run += 1) {
      push.push((await step(scratch, 'plan', {}, checkout)).ms);
      const prCheckout = repo.checkout();
      git(prCheckout.cwd, 'fetch', '--quiet', '--depth=1', 'origin', head);
      git(prCheckout.cwd, 'checkout', '--quiet', '--detach', head);
      const env = {
        ...prCheckout.env,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: prEvent,
        GITHUB_SHA: head,
        GITHUB_REF: 'refs/pull/1/merge',
      };
      const planned = await step(scratch, 'plan', {}, { cwd: prCheckout.cwd, env });
      expectThat(JSON.parse(planned.outputs.matrix).include.length === 1, planned, 'the pull request plan did not list the api alone');
      pr.push(planned.ms);
    }
    return { push: median(push), pr: median(pr) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export async function benchMatrix({ runs = 3, planRuns = 11, log = console.log } = {}) {
  for (const entry of Object.values(ENTRY))
    if (!existsSync(path.join(root, entry))) throw new Error(`bench/matrix.mjs: ${entry} is missing; run npm run package`);
  const loadBefore = os.loadavg()[0].toFixed(1);
  log('matrix: the plan step alone');
  const plan = await measurePlan(planRuns);
  const sizes = [];
  for (const dataMb of [0, 40]) sizes.push({ dataMb, ...(await measureSize(dataMb, runs, log)) });
  const engine = execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).trim();
  const store = execFileSync('docker', ['info', '--format', '{{json .DriverStatus}}'], { encoding: 'utf8' }).includes('snapshotter')
    ? 'containerd'
    : 'classic';
  // The machine is shared: its load says how much of the two cores the runs had.
  const load = os.loadavg()[0].toFixed(1);
  const machine = `${os.cpus().length} × ${os.cpus()[0].model.trim()}, Node ${process.version}, Docker ${engine} (${store} store), load average ${loadBefore} before and ${load} after`;
  const lines = [
    `Measured on ${new Date().toISOString().slice(0, 10)} on ${machine}; medians of ${runs} runs (the plan: ${planRuns}), warm build cache.`,
    '',
    '| The plan step alone (node start included) | Median |',
    '| --- | ---: |',
    `| On a push: read and validate the file, output the matrix | ${seconds(plan.push)} |`,
    `| On a pull request with changed-only: the same, and one merge-base fetch (a local origin here) | ${seconds(plan.pr)} |`,
    '',
    '| Three images, a push that records | one step | matrix here (3 jobs at once on 2 cores) | matrix, a runner per job (slowest job alone) | of which plan + report |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...sizes.map(
      (size) =>
        `| ${size.dataMb === 0 ? 'the example as it is (2 MB images)' : `each with ${size.dataMb} MB of data of its own`} | ${seconds(size.oneStep)} | ${seconds(size.together)} | ${seconds(size.alone)} | ${seconds(size.plan + size.report)} |`,
    ),
  ];
  log(lines.join('\n'));
  return { lines, plan, sizes };
}

export function writeMatrixSection(lines) {
  writeSection('matrix', 'Many images on many runners (issue 19): `node bench/matrix.mjs`', lines);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = (name, fallback) =>
    process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback;
  writeMatrixSection((await benchMatrix({ runs: flag('runs', 3), planRuns: flag('plan-runs', 11) })).lines);
}
