// npm run bench:engines: the layer analysis on the classic image store (Docker 20.10) next to the containerd
// image store (Docker 26 + containerd 1.7), measured in the same run, on the same images built on each engine.
// Writes the section between <!-- engines:start --> and <!-- engines:end --> of BENCHMARKS.md.
//   node bench/engines.mjs [--runs 3]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const runsIndex = process.argv.indexOf('--runs');
const RUNS = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 3;
const ENGINES = ['legacy', 'modern'];
const IMAGES = [
  { name: 'examples/go-scratch', build: ['examples/go-scratch'] },
  { name: 'examples/go-debian-root', build: ['examples/go-debian-root'] },
  { name: "dive's test image", load: '__tests__/fixtures/dive-test-image.tar', reference: 'dive-test:latest' },
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** The environment that selects an engine, as scripts/setup-docker.sh prints it. */
function engineEnv(engine) {
  const exports = execFileSync('bash', ['scripts/setup-docker.sh'], {
    cwd: root,
    env: { ...process.env, ENGINE: engine },
    encoding: 'utf8',
  });
  const env = { ...process.env };
  delete env.DOCKER_HOST;
  delete env.DOCKER_CONFIG;
  for (const [, name, value] of exports.matchAll(/(DOCKER_HOST|DOCKER_CONFIG)=(\S+)/g)) env[name] = value;
  return env;
}

function bundleAnalysisEntry() {
  const out = mkdtempSync(path.join(os.tmpdir(), 'isg-bench-bundle-'));
  execFileSync('npx', ['ncc', 'build', 'bench/analysis-entry.ts', '--out', out, '--quiet'], { cwd: root, stdio: 'inherit' });
  writeFileSync(path.join(out, 'package.json'), '{"type":"module"}');
  return path.join(out, 'index.js');
}

function imageId(image, env) {
  const run = (args) => execFileSync('docker', args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  if (image.load) {
    run(['load', '--input', image.load]);
    return run(['image', 'inspect', '--format', '{{.Id}}', image.reference]);
  }
  const iid = path.join(mkdtempSync(path.join(os.tmpdir(), 'isg-bench-iid-')), 'iid');
  run(['build', '--quiet', '--iidfile', iid, ...image.build]);
  return readFileSync(iid, 'utf8').trim();
}

function measure(entry, id, env) {
  const floor = [];
  const full = [];
  const plain = [];
  let figures;
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    execFileSync('bash', ['-c', 'docker save "$1" > /dev/null', 'bash', id], { env });
    floor.push(performance.now() - started);
    figures = JSON.parse(execFileSync(process.execPath, [entry, id, 'full'], { env, encoding: 'utf8' }));
    full.push(figures.wallMs);
    plain.push(JSON.parse(execFileSync(process.execPath, [entry, id, 'no-compression'], { env, encoding: 'utf8' })).wallMs);
  }
  return { floor: median(floor), full: median(full), plain: median(plain), figures };
}

const entry = bundleAnalysisEntry();
const rows = [];
for (const image of IMAGES) {
  for (const engine of ENGINES) {
    const env = engineEnv(engine);
    const store = execFileSync('docker', ['info', '--format', '{{.ServerVersion}} {{json .DriverStatus}}'], { env, encoding: 'utf8' });
    const label = `${store.split(' ')[0]}, ${store.includes('io.containerd.snapshotter') ? 'containerd store' : 'classic store'}`;
    const result = measure(entry, imageId(image, env), env);
    rows.push(
      `| ${image.name} | ${label} | ${result.figures.archiveBytes.toLocaleString('en-US')} | ${seconds(result.floor)} | ${seconds(result.plain)} | ${seconds(result.full)} | ${(result.figures.compressedSizeBytes ?? 0).toLocaleString('en-US')} |`,
    );
    console.log(rows.at(-1));
  }
}

const generated = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0].model.trim()}, Node ${process.version}; medians of ${RUNS} runs; \`npm run bench:engines\`.`,
  "The containerd store's `docker save` sends the compressed blobs it holds: fewer bytes to read, gunzip instead of gzip, and the compressed size is the blobs' own.",
  '',
  '| Image | Engine | docker save bytes | docker save > /dev/null | Analysis without compression | Full analysis | Compressed size (B) |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
];
const file = path.join(root, 'BENCHMARKS.md');
const existing = readFileSync(file, 'utf8');
const [start, end] = ['<!-- engines:start -->', '<!-- engines:end -->'];
const section = `${start}\n${generated.join('\n')}\n${end}`;
writeFileSync(
  file,
  existing.includes(start)
    ? `${existing.slice(0, existing.indexOf(start))}${section}${existing.slice(existing.indexOf(end) + end.length)}`
    : `${existing.trimEnd()}\n\n## The classic and the containerd image store, side by side\n\n${section}\n`,
);
console.log(generated.join('\n'));
