// The bundled CLI (dist/cli/index.js): the same engine, exit codes 0 / 1 / 2, a readable report.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPORT_SCHEMA_VERSION } from '../../src/report/model.js';
import { useCleanEngine } from '../support/clean-engine.js';
import { expectedSizeBytes, gateContainers, runCli } from '../support/e2e.js';

useCleanEngine({ unchanged: false });

test('exit 0 on the passing example, with a table of every check', async () => {
  const reportFile = path.join(tmpdir(), `isg-cli-report-${process.pid}.json`);
  try {
    const run = await runCli([
      '--quiet',
      '--max-size',
      '25MB',
      '--max-startup-time',
      '5s',
      '--report-file',
      reportFile,
      'examples/go-scratch',
    ]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^image-size-gate: examples\/go-scratch\/Dockerfile PASSED\n/);
    expect(run.stdout).toMatch(/PASS\s+Size \(uncompressed\)\s+4\.\d\d MB \([\d,]+ B\)\s+25\.0 MB\s+[\d.]+ MB under/);
    expect(run.stdout).toMatch(/PASS\s+Start-up time\s+(\d+ ms|[\d.]+ s)\s+5\.00 s/);
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    expect(report.image.sizeBytes).toBe(expectedSizeBytes(report.image.id));
  } finally {
    rmSync(reportFile, { force: true });
  }
});

test('exit 1 when a budget fails', async () => {
  const run = await runCli(['--quiet', '--max-size', '25MB', 'examples/go-debian-root']);
  expect(run.exitCode).toBe(1);
  expect(run.stdout).toContain('FAIL Size (uncompressed): the image is');
  expect(run.stdout).toContain('FAIL Runs as non-root: no USER is set');
});

test('--json prints the report', async () => {
  const run = await runCli(['--quiet', '--json', '--smoke', 'false', 'examples/go-scratch']);
  expect(run.exitCode).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({
    schemaVersion: REPORT_SCHEMA_VERSION,
    passed: true,
    image: { nonRoot: true, layerCount: 2 },
  });
});

test('--analyze false: the named user is read from a stopped container while the smoke container is removed, and neither is left', async () => {
  const run = await runCli(['--quiet', '--json', '--analyze', 'false', 'examples/go-scratch']);
  expect(run.exitCode).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({
    passed: true,
    image: { user: 'app', nonRoot: true },
    smoke: { ran: true, passed: true },
  });
  expect(gateContainers()).toEqual([]);
});

test.each([
  [['--max-size', '25 megs'], 'image-size-gate: --max-size: "25 megs" has an unknown unit "megs"; expected e.g. 25MB, 24MiB or 25000000'],
  [['--no-such-flag'], "Unknown option '--no-such-flag'"],
  [['a', 'b'], 'expected at most one context directory, got 2: a b'],
  [['--context', 'x', 'y'], 'give the context either as --context or as the argument, not both'],
  [['no/such/dir'], 'image-size-gate: build: context "no/such/dir" is not a directory'],
])('exit 2 for %j', async (args, message) => {
  const run = await runCli(args);
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain(message);
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
});

test('exit 2 when no engine answers', async () => {
  const run = await runCli(['--image', 'x'], { DOCKER_HOST: 'unix:///tmp/image-size-gate-no-such.sock' });
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain('docker: the Docker engine is not reachable');
});

test('--help documents every flag and the exit codes; --version', async () => {
  const help = await runCli(['--help']);
  expect(help.exitCode).toBe(0);
  expect(help.stdout).toContain('Usage: image-size-gate [options] [context]');
  expect(help.stdout).toContain('--max-startup-time');
  expect(help.stdout).toContain('Exit codes: 0 every budget passed; 1 a budget failed; 2');
  const version = await runCli(['--version']);
  expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
});
