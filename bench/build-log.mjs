// A hostile build log, measured: time and peak memory of the bundled CLI against a plain `docker build` of the
// same Dockerfile, for a build that prints one 40 MB line without a newline and one that prints 500 MB of lines.
// A benchmark, not a test: nothing here fails on speed.
//   node bench/build-log.mjs [--cli dist/cli/index.js] [--runs 1] [--cases one-line,many-lines]
// Peak memory is the largest resident set of one process (GNU time's %M): for the CLI, its Node process.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CLI = path.resolve(flag('cli', path.join(root, 'dist/cli/index.js')));
const RUNS = Number(flag('runs', '1'));
const BUSYBOX = 'image-size-gate/busybox:latest';
const LINE = 'build output of a noisy step, one line among millions, about eighty bytes long.';
const CASES = {
  'one-line': {
    title: 'one 40 MB line, no newline',
    run: (nonce) => `echo ${nonce} >/dev/null && head -c 40000000 /dev/zero | tr '\\0' x`,
  },
  'many-lines': { title: '500 MB in 80-byte lines', run: (nonce) => `echo ${nonce} >/dev/null && yes '${LINE}' | head -c 500000000` },
};
const selected = flag('cases', Object.keys(CASES).join(',')).split(',');
if (!existsSync('/usr/bin/time')) throw new Error('GNU time (/usr/bin/time) is needed to read peak memory: apt-get install time');

/** Runs a command under GNU time; returns wall and CPU seconds (its own and its clients'), peak RSS in MB and (when asked) its stdout. */
function timed(command, commandArgs, { env = {}, keepStdout = false } = {}) {
  const report = path.join(os.tmpdir(), `isg-bench-time-${randomBytes(4).toString('hex')}`);
  const result = spawnSync('/usr/bin/time', ['-o', report, '-f', '%e %U %S %M', command, ...commandArgs], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'ignore'],
  });
  const [seconds, userSeconds, systemSeconds, kilobytes] = readFileSync(report, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  rmSync(report, { force: true });
  return { seconds, cpuSeconds: userSeconds + systemSeconds, peakMb: kilobytes / 1024, status: result.status, stdout: result.stdout };
}

const made = [];
const rows = [];
try {
  for (const name of selected) {
    const testCase = CASES[name];
    if (!testCase) throw new Error(`unknown case "${name}"; the cases are ${Object.keys(CASES).join(', ')}`);
    for (let run = 0; run < RUNS; run += 1) {
      const context = mkdtempSync(path.join(os.tmpdir(), 'isg-bench-log-'));
      try {
        // A nonce in the RUN line: neither build may take the step from the cache.
        const dockerfile = (nonce) => `FROM ${BUSYBOX}\nRUN ${testCase.run(nonce)}\n`;
        const iidFile = path.join(context, 'iid');
        writeFileSync(path.join(context, 'Dockerfile'), dockerfile(randomBytes(8).toString('hex')));
        const plain = timed('docker', ['build', '--force-rm', '--iidfile', iidFile, context], { env: { DOCKER_BUILDKIT: '0' } });
        if (existsSync(iidFile)) made.push(readFileSync(iidFile, 'utf8').trim());
        for (const quiet of [true, false]) {
          writeFileSync(path.join(context, 'Dockerfile'), dockerfile(randomBytes(8).toString('hex')));
          const gate = timed(
            process.execPath,
            [CLI, ...(quiet ? ['--quiet'] : []), '--json', '--smoke', 'false', '--analyze', 'false', context],
            {
              keepStdout: true,
            },
          );
          const imageId = /"id": "(sha256:[0-9a-f]+)"/.exec(gate.stdout)?.[1];
          if (imageId) made.push(imageId);
          rows.push({ name, quiet, plain, gate });
          console.error(
            `${testCase.title}: docker build ${plain.seconds.toFixed(1)} s (CPU ${plain.cpuSeconds.toFixed(1)} s), ${plain.peakMb.toFixed(0)} MB; ` +
              `gate${quiet ? ' --quiet' : ''} ${gate.seconds.toFixed(1)} s (CPU ${gate.cpuSeconds.toFixed(1)} s), ${gate.peakMb.toFixed(0)} MB (exit ${gate.status})`,
          );
        }
      } finally {
        rmSync(context, { recursive: true, force: true });
      }
    }
  }
} finally {
  for (const id of new Set(made)) spawnSync('docker', ['image', 'rm', '--no-prune', id], { stdio: 'ignore' });
}

const lines = [
  '| build log | `docker build` | CPU | peak | gate CLI | CPU | peak | log echoed |',
  '|---|---|---|---|---|---|---|---|',
  ...rows.map(
    ({ name, quiet, plain, gate }) =>
      `| ${CASES[name].title} | ${plain.seconds.toFixed(1)} s | ${plain.cpuSeconds.toFixed(1)} s | ${plain.peakMb.toFixed(0)} MB | ` +
      `${gate.seconds.toFixed(1)} s | ${gate.cpuSeconds.toFixed(1)} s | ${gate.peakMb.toFixed(0)} MB | ${quiet ? 'no (--quiet)' : 'yes (to /dev/null)'} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
