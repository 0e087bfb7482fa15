// The decompression guard (max-layer-expansion, max-layer-expanded-size): gating an OCI layout whose one layer is a
// gzip of 2 GB of zeros (about 2 MB of blob) with the default limits, which stop it at 256 MiB, against limits so
// large that nothing stops it (what the gate did before the guard). The bundled CLI's wall time and peak RSS,
// runs alternating, each in a fresh process; writes its section of BENCHMARKS.md. A benchmark, not a test.
//   node bench/decompression-guard.mjs [--runs 3] [--zero-gb 2]
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { tarHeader, END_OF_ARCHIVE } from './synthetic-tar.mjs';
import { writeSection } from './section.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const RUNS = Number(flag('runs', '3'));
const ZERO_BYTES = Number(flag('zero-gb', '2')) * 1e9;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CLI = path.join(root, 'dist/cli/index.js');
const PEAK_RSS = path.join(root, 'bench/peak-rss.mjs');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function* zeroTar() {
  yield tarHeader('zeros.bin', { sizeBytes: ZERO_BYTES });
  const chunk = Buffer.alloc(1 << 20);
  for (let left = ZERO_BYTES; left > 0; left -= chunk.length) yield chunk.subarray(0, Math.min(left, chunk.length));
  yield Buffer.alloc((512 - (ZERO_BYTES % 512)) % 512);
  yield END_OF_ARCHIVE;
}

const hashing = (hash, counted) =>
  async function* (source) {
    for await (const chunk of source) {
      hash.update(chunk);
      counted.bytes += chunk.length;
      yield chunk;
    }
  };

/** The layout, written by streaming: index.json -> manifest -> config and the one gzip layer. */
async function writeLayout(dir) {
  mkdirSync(path.join(dir, 'blobs/sha256'), { recursive: true });
  const [tarHash, gzipHash] = [createHash('sha256'), createHash('sha256')];
  const [tar, gzip] = [{ bytes: 0 }, { bytes: 0 }];
  const partial = path.join(dir, 'blobs/sha256/partial');
  await pipeline(Readable.from(zeroTar()), hashing(tarHash, tar), createGzip(), hashing(gzipHash, gzip), createWriteStream(partial));
  const layerHex = gzipHash.digest('hex');
  renameSync(partial, path.join(dir, 'blobs/sha256', layerHex));
  const blob = (value) => {
    const bytes = Buffer.from(JSON.stringify(value));
    const hex = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(path.join(dir, 'blobs/sha256', hex), bytes);
    return { digest: `sha256:${hex}`, size: bytes.length };
  };
  const config = blob({
    architecture: 'amd64',
    os: 'linux',
    config: { User: '65534' },
    rootfs: { type: 'layers', diff_ids: [`sha256:${tarHash.digest('hex')}`] },
  });
  const manifest = blob({ schemaVersion: 2, config, layers: [{ digest: `sha256:${layerHex}`, size: gzip.bytes }] });
  writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [manifest] }));
  writeFileSync(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  return { tarBytes: tar.bytes, gzipBytes: gzip.bytes };
}

/** One gate run: wall time, peak RSS and exit code (2, not judged, when the guard stops the layer). */
function gate(layout, limits) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PEAK_RSS, CLI, '--archive', layout, '--baseline', 'none', '--quiet', ...limits], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/image-size-gate-bench.sock' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      const rss = /peak-rss-kb (\d+)/.exec(stderr);
      if (!rss || (code !== 0 && code !== 2)) return reject(new Error(`the gate failed (exit ${code}): ${stderr.slice(-800)}`));
      resolve({ wallMs: performance.now() - started, peakRssMb: Number(rss[1]) / 1024, code, stderr });
    });
  });
}

const CASES = [
  { name: 'default limits (100 times past 256 MiB, 20 GB)', limits: [] },
  {
    name: 'limits that never stop it (max-layer-expansion 1000000, max-layer-expanded-size 1TB)',
    limits: ['--max-layer-expansion', '1000000', '--max-layer-expanded-size', '1TB'],
  },
];

const work = mkdtempSync(path.join(os.tmpdir(), 'isg-bench-guard-'));
try {
  const layout = path.join(work, 'layout');
  const written = await writeLayout(layout);
  const results = CASES.map(() => []);
  for (let run = 0; run < RUNS; run += 1)
    for (const [index, { limits }] of CASES.entries()) results[index].push(await gate(layout, limits));
  const load = os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(', ');
  const lines = [
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, shared with other suites and loaded (load average ${load} at the end). ` +
      `Read on ${new Date().toISOString().slice(0, 10)}. An OCI layout whose one layer is ${(written.gzipBytes / 1e6).toFixed(2)} MB of gzip holding a ` +
      `${(written.tarBytes / 1e9).toFixed(2)} GB tar of zeros; medians of ${RUNS} runs of the bundled CLI, alternating.`,
    '',
    '| limits | wall time | peak RSS | exit | what the gate says |',
    '| --- | ---: | ---: | ---: | --- |',
    ...CASES.map(({ name }, index) => {
      const runs = results[index];
      const said = /expands past [^(]+\([^)]+\)/.exec(runs[0].stderr)?.[0] ?? 'judged the image (the layer read whole)';
      return `| ${name} | ${(median(runs.map((r) => r.wallMs)) / 1000).toFixed(2)} s | ${median(runs.map((r) => r.peakRssMb)).toFixed(0)} MiB | ${runs[0].code} | ${said} |`;
    }),
  ];
  console.log(lines.join('\n'));
  writeSection('decompression-guard', 'A decompression bomb: `node bench/decompression-guard.mjs`', lines);
} finally {
  rmSync(work, { recursive: true, force: true });
}
