// Gating one 300 MB image from the engine (docker save) and from a registry (no pull), in the same run: the
// bundled CLI's wall time and peak RSS, runs alternating. The image is pushed once to Debian's docker-registry
// on 127.0.0.1; the registry run reads its manifest and streams its blobs. Prints a markdown table and writes
// its section of BENCHMARKS.md; a benchmark, not a test: nothing fails on speed.
//   node bench/sources.mjs [--runs 5] [--size-mb 300]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { writeSection } from './section.mjs';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const RUNS = Number(flag('runs', '5'));
const SIZE_MB = Number(flag('size-mb', '300'));
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CLI = path.join(root, 'dist/cli/index.js');
const PEAK_RSS = path.join(root, 'bench/peak-rss.mjs');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sh = (command) => execFileSync('bash', ['-c', command], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** An image of about SIZE_MB: random and compressible data in several layers (what a real service image has). */
function buildImage(tag) {
  const context = mkdtempSync(path.join(os.tmpdir(), 'isg-bench-sources-'));
  try {
    const share = (SIZE_MB * 1e6) / 6;
    for (const layer of ['a', 'b', 'c']) {
      mkdirSync(path.join(context, layer));
      writeFileSync(path.join(context, layer, 'random.bin'), randomBytes(Math.round(share)));
      writeFileSync(
        path.join(context, layer, 'text.txt'),
        `${layer} the quick brown fox jumps over the lazy dog\n`.repeat(Math.round(share / 46)),
      );
    }
    writeFileSync(path.join(context, 'Dockerfile'), 'FROM image-size-gate/busybox:latest\nCOPY a /a\nCOPY b /b\nCOPY c /c\nUSER 65534\n');
    sh(`DOCKER_BUILDKIT=0 docker build -q -t ${tag} ${context} >/dev/null`);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

/** One gate run of the bundled CLI: wall time and the process's peak RSS (from bench/peak-rss.mjs). */
function gate(image) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PEAK_RSS, CLI, '--image', image, '--smoke', 'false', '--json', '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const rss = /peak-rss-kb (\d+)/.exec(stderr);
      if (code !== 0 || !rss) return reject(new Error(`the gate failed on ${image} (exit ${code}): ${stderr.slice(-800)}`));
      const report = JSON.parse(stdout);
      resolve({
        wallMs,
        peakRssMb: Number(rss[1]) / 1024,
        sizeBytes: report.image.sizeBytes,
        compressedBytes: report.image.compressedSizeBytes,
      });
    });
  });
}

const tag = `image-size-gate-bench/sources:${SIZE_MB}mb`;
const port = await freePort();
const storage = mkdtempSync(path.join(os.tmpdir(), 'isg-bench-registry-'));
writeFileSync(
  path.join(storage, 'config.yml'),
  `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${storage}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`,
);
const registry = spawn('docker-registry', ['serve', path.join(storage, 'config.yml')], { stdio: 'ignore' });
const pushed = `127.0.0.1:${port}/bench/sources:1`;
try {
  for (let tries = 0; tries < 100 && spawnSync('curl', ['-sf', `http://127.0.0.1:${port}/v2/`]).status !== 0; tries += 1)
    await new Promise((resolve) => setTimeout(resolve, 100));
  if (spawnSync('docker', ['image', 'inspect', tag], { stdio: 'ignore' }).status !== 0) buildImage(tag);
  sh(`docker tag ${tag} ${pushed} && docker push -q ${pushed} >/dev/null && docker rmi ${pushed} >/dev/null`);
  const samples = { engine: [], registry: [] };
  for (let run = 0; run < RUNS; run += 1) {
    samples.engine.push(await gate(tag));
    samples.registry.push(await gate(`registry://${pushed}`));
  }
  const row = (name, list) =>
    `| ${name} | ${Math.round(median(list.map((s) => s.wallMs))).toLocaleString('en')} ms | ${Math.round(Math.min(...list.map((s) => s.wallMs))).toLocaleString('en')}–${Math.round(Math.max(...list.map((s) => s.wallMs))).toLocaleString('en')} ms | ${median(list.map((s) => s.peakRssMb)).toFixed(1)} MB | ${list[0].sizeBytes.toLocaleString('en')} B | ${list[0].compressedBytes.toLocaleString('en')} B |`;
  const engine = sh("docker version --format '{{.Server.Version}}'");
  const lines = [
    `Docker ${engine}, ${os.cpus().length} cores, Node ${process.version}, load average ${os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(', ')} at the end; read on ${new Date().toISOString().slice(0, 10)}; medians of ${RUNS} runs, alternating.`,
    '',
    '| Where the image is read | Wall time (median) | min–max | Peak RSS (median) | Size | Compressed |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row(`the engine (docker save of ${tag})`, samples.engine),
    row('a registry on 127.0.0.1, no pull', samples.registry),
  ];
  console.log(lines.join('\n'));
  writeSection('sources', 'Where the image is read: the engine or a registry (issue 20): `node bench/sources.mjs`', lines);
} finally {
  registry.kill();
  rmSync(storage, { recursive: true, force: true });
}
