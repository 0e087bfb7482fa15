// Would gating several images at once be faster on a 2-core runner? Three images of the monorepo example, each
// given 40 MB of its own data, gated one after another (the config file, as the action does) against the same
// three gated by three CLI processes at once (smoke tests off in both, since two smoke tests must never overlap).
// Warm build cache: what overlapping could win is the layer reading and analysis.
//   node bench/multi.mjs [--runs 3]      (writes nothing; prints a markdown table for BENCHMARKS.md)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CLI = path.join(root, 'dist', 'cli', 'index.js');
const runsIndex = process.argv.indexOf('--runs');
const RUNS = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 3;
const SERVICES = ['api', 'worker', 'frontend'];

function gate(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => (code === 2 ? reject(new Error(`gate could not judge: ${stderr.slice(-500)}`)) : resolve(code)));
  });
}

async function timed(work) {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'isg-bench-multi-'));
try {
  cpSync(path.join(root, 'examples', 'monorepo'), work, { recursive: true });
  for (const service of SERVICES) {
    const dir = path.join(work, 'services', service, service === 'api' ? 'www' : service === 'frontend' ? 'public' : '.');
    writeFileSync(path.join(dir, 'random.bin'), randomBytes(20e6));
    writeFileSync(path.join(dir, 'text.txt'), 'the quick brown fox jumps over the lazy dog\n'.repeat(20e6 / 44));
  }
  const config = path.join(work, '.github', 'image-size-gate.yml');
  const quiet = ['--quiet', '--smoke', 'false'];
  // A first pass fills the build cache.
  await gate(['--config', config, ...quiet], work);
  const sequential = [];
  const parallel = [];
  for (let run = 0; run < RUNS; run += 1) {
    sequential.push(await timed(() => gate(['--config', config, ...quiet], work)));
    parallel.push(
      await timed(() =>
        Promise.all(
          SERVICES.map((service) => gate([path.join('services', service), '--quiet', '--smoke', 'false', '--name', service], work)),
        ),
      ),
    );
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const s = median(sequential);
  const p = median(parallel);
  console.log(`| Three images, ${os.cpus().length} cores, warm cache | one after another (config) | three at once | ratio |`);
  console.log('| --- | ---: | ---: | ---: |');
  console.log(`| median of ${RUNS} | ${(s / 1000).toFixed(2)} s | ${(p / 1000).toFixed(2)} s | ${(p / s).toFixed(2)}× |`);
} finally {
  // The images stay, untagged, as the build cache's layers do after any gate run.
  rmSync(work, { recursive: true, force: true });
}
