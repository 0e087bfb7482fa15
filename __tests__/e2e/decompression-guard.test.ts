// The decompression guard, end to end with no engine: an OCI layout (and the same as an OCI archive tar) whose one
// layer is a gzip of 600 MB of zeros, gated by the bundled CLI. Past either bound the layer's decompression stops,
// the run fails as not judged (exit 2) naming the layer and the bound, and leaves no file behind; a small image
// of the same kind still passes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { E2E_TIMEOUT_MS, runCli } from '../support/e2e.js';
import { writeZeroLayerLayout } from '../support/zero-layer.js';

/** No engine: the archive is read by the gate alone. */
const NO_ENGINE = { DOCKER_HOST: 'unix:///nonexistent/image-size-gate-e2e.sock' };
const BOMB_ZERO_BYTES = 600_000_000;

let work: string;
let bomb: string;
let bombTar: string;
let small: string;
let gzipBytes: number;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'isg-guard-'));
  bomb = path.join(work, 'bomb-layout');
  ({ gzipBytes } = await writeZeroLayerLayout(bomb, BOMB_ZERO_BYTES));
  // The OCI archive: the layout's files in one tar, documents first.
  bombTar = path.join(work, 'bomb.tar');
  execFileSync('tar', ['--create', '--file', bombTar, '--directory', bomb, 'oci-layout', 'index.json', 'blobs']);
  small = path.join(work, 'small-layout');
  await writeZeroLayerLayout(small, 1_000_000);
}, E2E_TIMEOUT_MS);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The CLI with a temporary directory of its own, to tell whether it left anything there. */
async function gate(args: string[]) {
  const temp = mkdtempSync(path.join(work, 'tmp-'));
  const run = await runCli([...args, '--baseline', 'none'], { ...NO_ENGINE, TMPDIR: temp });
  return { ...run, leftBehind: readdirSync(temp) };
}

test('the bomb is about a thousand times smaller than what it holds', () => {
  expect(gzipBytes).toBeLessThan(BOMB_ZERO_BYTES / 500);
});

describe('a gzip layer of 600 MB of zeros', () => {
  test.each([
    ['the OCI layout', () => bomb],
    ['the OCI archive tar', () => bombTar],
  ])(
    'with the default limits, %s stops at the ratio bound: exit 2, the layer and the bound named',
    async (_name, archive) => {
      const run = await gate(['--archive', archive()]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(
        /image-size-gate: analysis: archive .*: layer 1 of 1 \(sha256:[0-9a-f]{12}\) expands past 268 MB \(max-layer-expansion 100: more than 100 times its [0-9.]+ kB compressed blob, once past 256 MiB\): its gzip decompression was stopped there, so the figures that depend on it cannot be known and the image is not judged/,
      );
      expect(run.stdout).not.toContain('PASSED');
      expect(run.leftBehind).toEqual([]);
    },
    E2E_TIMEOUT_MS,
  );

  test(
    'with --max-layer-expanded-size 100MB it stops at the absolute bound',
    async () => {
      const run = await gate(['--archive', bomb, '--max-layer-expanded-size', '100MB']);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(/layer 1 of 1 \(sha256:[0-9a-f]{12}\) expands past 100 MB \(max-layer-expanded-size 100 MB\)/);
      expect(run.leftBehind).toEqual([]);
    },
    E2E_TIMEOUT_MS,
  );

  test(
    'with limits above what it holds, it is read whole and judged',
    async () => {
      const run = await gate(['--archive', bomb, '--max-layer-expansion', '5000', '--max-size', '1GB', '--json']);
      expect(run.exitCode).toBe(0);
      expect(JSON.parse(run.stdout).image.sizeBytes).toBe(BOMB_ZERO_BYTES);
    },
    E2E_TIMEOUT_MS,
  );

  test(
    'a bad limit is refused before anything is read',
    async () => {
      const run = await gate(['--archive', bomb, '--max-layer-expansion', '0']);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain('--max-layer-expansion: "0" is not a whole number of 1 or more; expected e.g. 100');
    },
    E2E_TIMEOUT_MS,
  );
});

test(
  'a small image of the same kind still passes with the default limits',
  async () => {
    const run = await gate(['--archive', small, '--max-size', '2MB']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('PASSED');
    expect(run.leftBehind).toEqual([]);
  },
  E2E_TIMEOUT_MS,
);

test(
  'in a config file, the bomb is an image not judged, in the table and the report, and the other image is still gated',
  async () => {
    const config = path.join(work, 'images.yml');
    const reportFile = path.join(work, 'multi-report.json');
    writeFileSync(config, `images:\n  - name: bomb\n    archive: ${bomb}\n  - name: small\n    archive: ${small}\n    max-size: 2MB\n`);
    const run = await gate(['--config', config, '--report-file', reportFile]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toMatch(/FAIL {2}bomb .* could not be judged/);
    expect(run.stdout).toMatch(/PASS {2}small /);
    expect(run.stdout).toMatch(
      /bomb: analysis: archive .*: layer 1 of 1 \(sha256:[0-9a-f]{12}\) expands past 268 MB \(max-layer-expansion 100/,
    );
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    expect(report.passed).toBe(false);
    expect(report.images[0]).toEqual({
      name: 'bomb',
      status: 'error',
      error: expect.stringMatching(/layer 1 of 1 .* expands past 268 MB/),
    });
    expect(report.images[1]).toMatchObject({ name: 'small', status: 'gated', report: { passed: true } });
    expect(run.leftBehind).toEqual([]);
  },
  E2E_TIMEOUT_MS,
);
