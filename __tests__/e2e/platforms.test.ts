// Several platforms and named builders, on whichever engine the suite runs against: the containerd image
// store loads a linux/amd64,linux/arm64 build (cross-compiled, no emulation) and every platform is measured
// and judged; the classic store cannot, and says how to fix it before building anything.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { useCleanEngine } from '../support/clean-engine.js';
import { docker, engineImageStore, runAction } from '../support/e2e.js';

const MULTIPLATFORM = { context: 'examples/go-scratch', dockerfile: 'examples/go-scratch/Dockerfile.multiplatform' };
const PLATFORMS = 'linux/amd64,linux/arm64';
const store = engineImageStore();
const hasBuildx = (() => {
  try {
    execFileSync('docker', ['buildx', 'version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const engine = useCleanEngine();

interface PlatformEntry {
  platform: string;
  sizeBytes: number;
  passed: boolean;
}

(store === 'containerd' ? describe : describe.skip)('the containerd image store', () => {
  test('every platform is measured and judged: a budget between the two sizes fails the larger one only', async () => {
    const first = await runAction({ ...MULTIPLATFORM, platforms: PLATFORMS, smoke: 'false' });
    engine.removeAfterwards(first.outputs['image-id']);
    expect(first.exitCode).toBe(0);
    const report = JSON.parse(readFileSync(first.outputs.report, 'utf8')) as { platforms: PlatformEntry[]; image: { sizeBytes: number } };
    expect(report.platforms.map((entry) => entry.platform).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    const [smaller, larger] = [...report.platforms].sort((a, b) => a.sizeBytes - b.sizeBytes);
    expect(smaller.sizeBytes).toBeLessThan(larger.sizeBytes);
    // The Go binary differs per architecture; the host's platform comes first and gives the size output.
    expect(report.platforms[0].platform).toBe('linux/amd64');
    expect(Number(first.outputs.size)).toBe(report.platforms[0].sizeBytes);
    expect(first.summary).toMatch(/\| linux\/arm64 \| [\d.]+ MB \(\d+ B\) \|/);

    const budget = Math.floor((smaller.sizeBytes + larger.sizeBytes) / 2);
    const judged = await runAction({ ...MULTIPLATFORM, platforms: PLATFORMS, smoke: 'false', 'max-size': String(budget) });
    expect(judged.exitCode).toBe(1);
    const failed = JSON.parse(readFileSync(judged.outputs.report, 'utf8')) as { platforms: PlatformEntry[] };
    expect(failed.platforms.map((entry) => `${entry.platform} ${entry.passed}`).sort()).toEqual(
      [`${larger.platform} false`, `${smaller.platform} true`].sort(),
    );
    expect(judged.stdout).toContain(`failed ${larger.platform}: Size (uncompressed)`);
  });

  test('builder: a named builder (the docker driver of a second docker context, selected as the current one) builds the image', async () => {
    const contextName = `isg-e2e-${process.pid}`;
    docker(['context', 'create', contextName, '--docker', `host=${process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock'}`]);
    try {
      // A docker-driver builder is usable from its own context only (buildx says so otherwise), so the run
      // selects that context, as a workflow does with `docker context use`.
      const env = { DOCKER_HOST: '', DOCKER_CONTEXT: contextName };
      const run = await runAction({ context: 'examples/go-scratch', builder: contextName, smoke: 'false' }, { env });
      engine.removeAfterwards(run.outputs['image-id']);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain('(buildx builder)');
      const bad = await runAction({ context: 'examples/go-scratch', builder: 'isg-no-such-builder', smoke: 'false' }, { env });
      expect(bad.exitCode).toBe(1);
      expect(bad.stdout).toMatch(/::error::image-size-gate: (build: )?docker build failed: .*isg-no-such-builder/);
    } finally {
      docker(['context', 'rm', '--force', contextName]);
    }
  });
});

(store === 'classic' ? describe : describe.skip)('the classic image store', () => {
  test('several platforms fail before any build, with the reason and the fix, and leave nothing behind', async () => {
    const run = await runAction({ ...MULTIPLATFORM, platforms: PLATFORMS });
    expect(run.exitCode).toBe(1);
    const reason = hasBuildx
      ? /cannot be loaded into this engine's classic image store .*containerd-snapshotter/
      : /platforms linux\/amd64,linux\/arm64 needs docker buildx/;
    expect(run.stdout).toMatch(reason);
    expect(run.stdout).not.toContain('::group::Build');
  });
});

test('platforms that are not os/architecture are refused where they enter', async () => {
  const run = await runAction({ ...MULTIPLATFORM, platforms: 'linux/amd64,--push' });
  expect(run.exitCode).toBe(1);
  expect(run.stdout).toContain('input platforms: "--push" is not os/architecture[/variant]');
});
