// npm run bench: speed and memory of the gate, measured side by side with the shell baselines, on
// synthetic images it builds itself, then the size history's pull request runs (bench/history.mjs). Writes
// BENCHMARKS.md. A benchmark, not a test: nothing here fails on speed.
//   node bench/run.mjs [--runs 5] [--large] [--no-history] [--no-matrix] [--no-packages]   (--large adds a 1 GB
//   image; --no-history skips the size history's section, which `node bench/history.mjs` measures alone;
//   --no-matrix the plan's own time and the matrix's crossover (`node bench/matrix.mjs`); --no-packages the
//   package view's (`node bench/packages.mjs`); --no-hostile the decompression bomb's and the million files'
//   (`node bench/decompression-guard.mjs`, `node bench/million-files.mjs`))
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { benchHistory, writeHistorySection } from './history.mjs';
import { benchMatrix, writeMatrixSection } from './matrix.mjs';
import { benchPackages, writePackagesSection } from './packages.mjs';
import { benchMillionFiles, writeMillionFilesSection } from './million-files.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
// Each case: image size and number of small files. Memory is compared between the first two (ten times the
// bytes, the same files); the third is the 322 MB / 20,000-file anchor of the performance issue.
const CASES = [
  { sizeMb: 30, smallFiles: 2000 },
  { sizeMb: 300, smallFiles: 2000 },
  { sizeMb: 300, smallFiles: 20000 },
  ...(args.includes('--large') ? [{ sizeMb: 1000, smallFiles: 2000 }] : []),
];
const RUNS = Number(flag('runs', '5'));
const STARTUP_RUNS = 11;
const BUSYBOX = 'image-size-gate/busybox:latest';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function sh(command) {
  return execFileSync('bash', ['-c', command], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}
/** CPU milliseconds the Docker daemon and containerd have used so far (they do the work of `docker save`). */
const CLOCK_TICKS = Number(sh('getconf CLK_TCK'));
const daemonPids = sh('pgrep -x dockerd; pgrep -x containerd || true').split('\n').filter(Boolean);
function daemonCpuMs() {
  let ticks = 0;
  for (const pid of daemonPids) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    ticks += Number(fields[11]) + Number(fields[12]); // utime and stime (fields 14 and 15 of the whole line)
  }
  return (ticks * 1000) / CLOCK_TICKS;
}
/** Runs a shell pipeline; returns its wall time, its output lines and the daemon's CPU meanwhile. */
function measureShell(command) {
  const daemonBefore = daemonCpuMs();
  const started = performance.now();
  const output = sh(command).split('\n');
  return { wallMs: performance.now() - started, daemonCpuMs: daemonCpuMs() - daemonBefore, output };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** A synthetic image of about `sizeMb`: random and compressible data, many small files, overwrites and deletions across layers. */
function buildSynthetic(sizeMb, smallFiles) {
  const tag = `image-size-gate-bench/synthetic:${sizeMb}mb-${smallFiles}files`;
  const present = spawnSync('docker', ['image', 'inspect', tag], { stdio: 'ignore' }).status === 0;
  if (present) return tag;
  const context = mkdtempSync(path.join(os.tmpdir(), 'isg-bench-'));
  try {
    const bytes = sizeMb * 1e6;
    mkdirSync(path.join(context, 'random'));
    mkdirSync(path.join(context, 'text'));
    const bigFiles = 20;
    for (let index = 0; index < bigFiles; index += 1)
      writeFileSync(path.join(context, 'random', `r${index}.bin`), randomBytes(Math.round((bytes * 0.35) / bigFiles)));
    const line = 'the quick brown fox jumps over the lazy dog 0123456789 ';
    const text = line.repeat(Math.ceil((bytes * 0.35) / bigFiles / line.length)).slice(0, Math.round((bytes * 0.35) / bigFiles));
    for (let index = 0; index < bigFiles; index += 1) writeFileSync(path.join(context, 'text', `t${index}.txt`), `${index}\n${text}`);
    for (let dir = 0; dir < Math.ceil(smallFiles / 500); dir += 1) {
      mkdirSync(path.join(context, 'small', `d${dir}`), { recursive: true });
      for (let index = 0; index < 500 && dir * 500 + index < smallFiles; index += 1) {
        writeFileSync(path.join(context, 'small', `d${dir}`, `f${index}.dat`), randomBytes(512 + ((index * 37) % 1024)));
      }
    }
    writeFileSync(
      path.join(context, 'Dockerfile'),
      [
        `FROM ${BUSYBOX}`,
        'COPY random /data/random',
        'COPY text /data/text',
        'COPY small /data/small',
        // Overwrite a quarter of the random data (a second copy is stored) and delete another quarter.
        'RUN for i in 0 1 2 3 4; do cp /data/random/r$i.bin /tmp/x && mv /tmp/x /data/random/r$i.bin; done && rm -f /data/random/r1[0-4].bin',
        'RUN rm -rf /data/small/d0',
        '',
      ].join('\n'),
    );
    sh(`DOCKER_BUILDKIT=0 docker build -q -t ${tag} ${context} >/dev/null`);
    return tag;
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

/** The analysis entry bundled as the gate's are, with the compression worker beside it where the pool looks for it. */
function bundleAnalysisEntry() {
  const bundles = mkdtempSync(path.join(os.tmpdir(), 'isg-bench-bundle-'));
  const out = path.join(bundles, 'analysis');
  execFileSync('npx', ['ncc', 'build', 'bench/analysis-entry.ts', '--out', out, '--quiet'], { cwd: root, stdio: 'inherit' });
  execFileSync('npx', ['ncc', 'build', 'src/analysis/go-gzip/worker.ts', '--out', path.join(bundles, 'gzip-worker'), '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  writeFileSync(path.join(bundles, 'package.json'), '{"type":"module"}');
  return path.join(out, 'index.js');
}

function analyse(entry, imageId, mode) {
  return JSON.parse(execFileSync(process.execPath, [entry, imageId, mode], { encoding: 'utf8' }));
}

sh('bash scripts/setup-docker.sh >/dev/null 2>&1 || true');
const entry = bundleAnalysisEntry();
const machine = `${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Docker ${sh("docker version --format '{{.Server.Version}}'")}`;
console.log(`machine: ${machine}`);

const rows = [];
for (const { sizeMb, smallFiles } of CASES) {
  const tag = buildSynthetic(sizeMb, smallFiles);
  const imageId = sh(`docker image inspect --format '{{.Id}}' ${tag}`);
  const sizeBytes = Number(sh(`docker image inspect --format '{{.Size}}' ${tag}`));
  const samples = {
    floor: [],
    naive: [],
    full: [],
    noCompression: [],
    fullRss: [],
    noCompressionRss: [],
    fullCpu: [],
    floorDaemonCpu: [],
    firstByte: [],
  };
  let files = 0;
  let compressed = 0;
  let naiveBytes = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const floor = measureShell(`docker save ${imageId} > /dev/null`);
    samples.floor.push(floor.wallMs);
    samples.floorDaemonCpu.push(floor.daemonCpuMs);
    const naive = measureShell(`docker save ${imageId} | gzip -6 | wc -c`);
    naiveBytes = Number(naive.output[0]);
    samples.naive.push(naive.wallMs);
    const full = analyse(entry, imageId, 'full');
    samples.full.push(full.wallMs);
    samples.fullRss.push(full.maxRssBytes);
    samples.fullCpu.push(full.cpuMs);
    samples.firstByte.push(full.firstByteMs);
    const noCompression = analyse(entry, imageId, 'no-compression');
    samples.noCompression.push(noCompression.wallMs);
    samples.noCompressionRss.push(noCompression.maxRssBytes);
    files = full.files;
    compressed = full.compressedSizeBytes;
  }
  const row = {
    sizeMb,
    sizeBytes,
    files,
    compressed,
    naiveBytes,
    floorMs: median(samples.floor),
    naiveMs: median(samples.naive),
    fullMs: median(samples.full),
    noCompressionMs: median(samples.noCompression),
    fullCpuMs: median(samples.fullCpu),
    floorDaemonCpuMs: median(samples.floorDaemonCpu),
    firstByteMs: median(samples.firstByte),
    fullRss: Math.max(...samples.fullRss),
    noCompressionRss: Math.max(...samples.noCompressionRss),
  };
  rows.push(row);
  console.log(JSON.stringify(row));
}

// The gate's own overhead on the Go example: the whole CLI run minus the build, the container start and
// the app's own start (docker run -> first answer), with a warm build cache.
function overhead(extraArgs) {
  const samples = [];
  for (let run = 0; run < RUNS + 1; run += 1) {
    const reportFile = path.join(os.tmpdir(), `isg-bench-report-${run}.json`);
    const started = performance.now();
    execFileSync(process.execPath, ['dist/cli/index.js', '--quiet', '--report-file', reportFile, ...extraArgs, 'examples/go-scratch'], {
      cwd: root,
      stdio: 'ignore',
    });
    const wallMs = performance.now() - started;
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    rmSync(reportFile, { force: true });
    if (run === 0) continue; // warm-up: fills the build cache
    samples.push({
      wallMs,
      buildMs: report.build.durationMs,
      startupMs: report.smoke.startupMs ?? 0,
      analysisMs: report.analysis?.durationMs ?? 0,
    });
  }
  const pick = (key) => median(samples.map((sample) => sample[key]));
  return {
    wallMs: pick('wallMs'),
    buildMs: pick('buildMs'),
    startupMs: pick('startupMs'),
    analysisMs: pick('analysisMs'),
    overheadMs: median(samples.map((s) => s.wallMs - s.buildMs - s.startupMs)),
  };
}
const withoutAnalysis = overhead(['--analyze', 'false']);
const withAnalysis = overhead([]);
console.log(JSON.stringify({ withoutAnalysis, withAnalysis }));

// The two fixed costs inside that overhead which the gate does not control: Node's own start, and Docker
// removing a running container with a published port (what the gate must do to leave nothing behind).
const nodeStartSamples = [];
const removalSamples = [];
const goImageForRemoval = sh("docker image inspect --format '{{.Id}}' $(DOCKER_BUILDKIT=0 docker build -q examples/go-scratch)");
for (let run = 0; run < RUNS; run += 1) {
  let started = performance.now();
  execFileSync(process.execPath, ['-e', '0']);
  nodeStartSamples.push(performance.now() - started);
  const id = sh(
    `docker run -d --read-only --cap-drop ALL --security-opt no-new-privileges --memory 512m --pids-limit 256 --cpus 1 -p 127.0.0.1::8080 ${goImageForRemoval}`,
  );
  sh('sleep 0.3');
  started = performance.now();
  sh(`docker rm --force --volumes ${id}`);
  removalSamples.push(performance.now() - started);
}
const nodeStartMs = median(nodeStartSamples);
const removalMs = median(removalSamples);

// Start-up accuracy: the gate's figure against an outside measurement of the same image by a bash loop that
// spawns nothing between \`docker run\` and the answer: the clock is bash's own $EPOCHREALTIME, read just
// before \`docker run\`, and the probe is a GET over bash's /dev/tcp every 5 ms until the first "200" line, on a
// host port picked beforehand as the gate picks it. (A first version used \`date\`, \`docker port\` and curl,
// which add a process start to each attempt and to the clock.)
function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
function outsideStartupMs(imageId, port) {
  const script = `
    port=${port}
    start=$EPOCHREALTIME
    id=$(docker run -d --read-only --tmpfs /tmp:rw,nosuid,nodev,size=64m --cap-drop ALL --security-opt no-new-privileges --memory 512m --pids-limit 256 --cpus 1 -p 127.0.0.1:$port:8080 ${imageId})
    while :; do
      if exec 3<>/dev/tcp/127.0.0.1/$port; then
        printf 'GET / HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n' >&3
        line=
        IFS= read -r -t 1 line <&3
        exec 3>&-
        case $line in "HTTP/1."?" 200"*) break ;; esac
      fi 2>/dev/null
      sleep 0.005
    done
    end=$EPOCHREALTIME
    docker rm -f "$id" >/dev/null
    echo $(( (\${end/./} - \${start/./}) / 1000 ))`;
  return Number(execFileSync('bash', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim());
}
const goImage = sh("docker image inspect --format '{{.Id}}' $(DOCKER_BUILDKIT=0 docker build -q examples/go-scratch)");
const gateStartup = [];
const outsideStartup = [];
for (let run = 0; run < STARTUP_RUNS; run += 1) {
  const reportFile = path.join(os.tmpdir(), `isg-bench-startup-${run}.json`);
  execFileSync(process.execPath, ['dist/cli/index.js', '--quiet', '--analyze', 'false', '--image', goImage, '--report-file', reportFile], {
    cwd: root,
    stdio: 'ignore',
  });
  gateStartup.push(JSON.parse(readFileSync(reportFile, 'utf8')).smoke.startupMs);
  rmSync(reportFile, { force: true });
  outsideStartup.push(outsideStartupMs(goImage, await freePort()));
}
console.log(JSON.stringify({ gateStartup, outsideStartup }));

// Time to the first line of work: load the bundle and reach input validation (a bad input fails at once).
const loadSamples = [];
for (let run = 0; run < 5; run += 1) {
  const started = performance.now();
  spawnSync(process.execPath, ['dist/main/index.js'], {
    cwd: root,
    env: { PATH: process.env.PATH, 'INPUT_MAX-SIZE': 'not-a-size' },
    stdio: 'ignore',
  });
  loadSamples.push(performance.now() - started);
}
const loadMs = median(loadSamples);

const ms = (value) => `${Math.round(value).toLocaleString('en-US')} ms`;
const ratio = (value, base) => (value / base).toFixed(2);
const table = [
  '| Image | Files | docker save > /dev/null (floor) | docker save \\| gzip -6 \\| wc -c (naive) | Gate, full analysis | ratio to naive (goal ≤ 1.0, aim 0.6) | Gate, without compressed size | ratio to floor (goal ≤ 1.3) | Peak RSS full / without | Compressed: gate vs gzip -6 of the archive |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (row) =>
      `| ${mb(row.sizeBytes)} | ${row.files.toLocaleString('en-US')} | ${ms(row.floorMs)} | ${ms(row.naiveMs)} | ${ms(row.fullMs)} | **${ratio(row.fullMs, row.naiveMs)}** | ${ms(row.noCompressionMs)} | **${ratio(row.noCompressionMs, row.floorMs)}** | ${mb(row.fullRss)} / ${mb(row.noCompressionRss)} | ${mb(row.compressed)} vs ${mb(row.naiveBytes)} |`,
  ),
];
// Docker 20.10 writes the whole export to a temporary directory before it sends the first byte, so no
// reader can start before then: the full analysis cannot end sooner than that first byte plus its own CPU
// spread over every core.
const cpuTable = [
  '| Image | docker save: first byte after | docker save: daemon CPU | Gate, full analysis: its CPU | Lower bound: first byte + gate CPU / cores | Gate wall time | wall / lower bound | lower bound / naive |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((row) => {
    const boundMs = row.firstByteMs + row.fullCpuMs / os.cpus().length;
    return `| ${mb(row.sizeBytes)} | ${ms(row.firstByteMs)} | ${ms(row.floorDaemonCpuMs)} | ${ms(row.fullCpuMs)} | ${ms(boundMs)} | ${ms(row.fullMs)} | ${ratio(row.fullMs, boundMs)} | **${ratio(boundMs, row.naiveMs)}** |`;
  }),
];
const memoryGrowth = (rows[1].fullRss / rows[0].fullRss).toFixed(2);
const memoryGrowthWithoutCompression = (rows[1].noCompressionRss / rows[0].noCompressionRss).toFixed(2);
const generated = [
  `Machine: ${machine}. Medians of ${RUNS} runs, the gate and the baselines alternating. Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '### Analysis speed and memory',
  '',
  ...table,
  '',
  `Peak memory grows ${memoryGrowth}× with the compressed size and ${memoryGrowthWithoutCompression}× without it while the image grows ${(rows[1].sizeBytes / rows[0].sizeBytes).toFixed(1)}× in bytes with the same files (rows 1 and 2; goal: within 1.5×, and under 300 MB). Ten times the files (row 3) costs more: the gate keeps one small record per file.${
    rows[3]
      ? ` From row 1 to the ${mb(rows[3].sizeBytes)} image (row 4, ${(rows[3].sizeBytes / rows[0].sizeBytes).toFixed(0)}× the bytes, the same files): ${(rows[3].fullRss / rows[0].fullRss).toFixed(2)}× with the compressed size, ${(rows[3].noCompressionRss / rows[0].noCompressionRss).toFixed(2)}× without.`
      : ''
  }`,
  '',
  '### Where the CPU goes in the full analysis (medians)',
  '',
  ...cpuTable,
  '',
  `The first byte is when the gate's reader got the first bytes of \`docker save\`: the engine exports the whole image to a temporary directory before it sends anything (its CPU, read from /proc for dockerd and containerd, is in the third column). The gate cannot start before that byte, and after it cannot go faster than its own CPU spread over both cores, so the last column is the lowest ratio to the naive pipeline this engine allows on this machine.`,
  '',
  '### The gate around a build and a smoke test (examples/go-scratch, warm build cache)',
  '',
  '| Run | Whole run | docker build | docker run → first answer | Layer analysis | Gate overhead (whole − build − start) |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  `| analyze: false | ${ms(withoutAnalysis.wallMs)} | ${ms(withoutAnalysis.buildMs)} | ${ms(withoutAnalysis.startupMs)} | — | **${ms(withoutAnalysis.overheadMs)}** (goal < 300 ms) |`,
  `| default | ${ms(withAnalysis.wallMs)} | ${ms(withAnalysis.buildMs)} | ${ms(withAnalysis.startupMs)} | ${ms(withAnalysis.analysisMs)} | ${ms(withAnalysis.overheadMs)} |`,
  '',
  `Inside the overhead are two costs the gate does not control: Node's own start (\`node -e 0\`: ${ms(nodeStartMs)}) and Docker removing the running container with its published port (\`docker rm --force\`, measured alone: ${ms(removalMs)}). The gate overlaps the removal with the layer analysis, but without the analysis there is nothing left to overlap it with.`,
  '',
  `Time from \`node dist/main/index.js\` to its first line of work (bundle loaded, inputs validated): **${ms(loadMs)}** (median of 5).`,
  '',
  `### Start-up time against an outside measurement (examples/go-scratch, ${STARTUP_RUNS} runs each, alternating)`,
  '',
  '| Measure | Median | Runs |',
  '| --- | ---: | --- |',
  `| The gate's start-up-ms | ${ms(median(gateStartup))} | ${gateStartup.join(', ')} |`,
  `| Outside: bash, $EPOCHREALTIME, docker run -d on a free port, GET over /dev/tcp every 5 ms until 200 | ${ms(median(outsideStartup))} | ${outsideStartup.join(', ')} |`,
  `| Difference of medians (goal: within 10 ms) | **${ms(Math.abs(median(gateStartup) - median(outsideStartup)))}** | |`,
];
const file = path.join(root, 'BENCHMARKS.md');
const existing = readFileSync(file, 'utf8');
const [start, end] = ['<!-- bench:start -->', '<!-- bench:end -->'];
writeFileSync(
  file,
  `${existing.slice(0, existing.indexOf(start) + start.length)}\n${generated.join('\n')}\n${existing.slice(existing.indexOf(end))}`,
);
console.log(generated.join('\n'));

// The size history (issue 11): a pull request compared with its merge base's record, against the same pull
// request building its base commit. Its own section of BENCHMARKS.md; the sections above are written already.
if (!args.includes('--no-history')) writeHistorySection((await benchHistory({ runs: RUNS })).lines);

// Many images on many runners (issue 19): image-size-gate/plan's own time, and one step against plan -> matrix -> report.
if (!args.includes('--no-matrix')) writeMatrixSection((await benchMatrix({ runs: Math.min(RUNS, 3) })).lines);
// The package view (issue 18): the analysis of two 150,000-file archives with and without it. No engine needed.
if (!args.includes('--no-packages')) writePackagesSection(benchPackages({ runs: RUNS }));

// Hostile layers (issue 23): a gzip bomb against the decompression guard, and one layer of a million empty files.
if (!args.includes('--no-hostile')) {
  execFileSync(process.execPath, [path.join(root, 'bench/decompression-guard.mjs'), '--runs', String(Math.min(RUNS, 3))], {
    stdio: 'inherit',
  });
  writeMillionFilesSection(await benchMillionFiles({ runs: Math.min(RUNS, 3) }));
}
