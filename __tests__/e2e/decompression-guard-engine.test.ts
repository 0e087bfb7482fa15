// The decompression guard on an engine's image: on the containerd store `docker save` streams the layer blobs as
// the store holds them (gzip), so a loaded decompression bomb is stopped at the default limit, `docker save` is
// killed, and nothing is left behind. (The classic store unpacks a loaded layer and saves it as a plain tar,
// which is not decompressed: the guard does not apply there, and this suite is skipped.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useCleanEngine } from '../support/clean-engine.js';
import { docker, engineImageStore, gateContainers, runCli } from '../support/e2e.js';
import { writeZeroLayerLayout } from '../support/zero-layer.js';

const BOMB = 'image-size-gate-e2e/bomb:1';
const onContainerd = engineImageStore() === 'containerd' ? describe : describe.skip;

onContainerd('a loaded gzip layer of 300 MB of zeros, gated by reference', () => {
  let work: string;
  useCleanEngine({ images: [BOMB] });

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'isg-guard-engine-'));
    const layout = path.join(work, 'layout');
    await writeZeroLayerLayout(layout, 300_000_000, BOMB);
    const archive = path.join(work, 'bomb.tar');
    execFileSync('tar', ['--create', '--file', archive, '--directory', layout, 'oci-layout', 'index.json', 'blobs']);
    docker(['load', '--quiet', '--input', archive]);
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('stops at the ratio bound: exit 2, the layer and the bound named, no container or temporary file left', async () => {
    const temp = mkdtempSync(path.join(work, 'tmp-'));
    const run = await runCli(['--image', BOMB, '--baseline', 'none'], { TMPDIR: temp });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      /image-size-gate: analysis: layer 1 of 1 \(sha256:[0-9a-f]{12}\) expands past 268 MB \(max-layer-expansion 100: more than 100 times its [0-9.]+ kB compressed blob, once past 256 MiB\)/,
    );
    expect(gateContainers()).toEqual([]);
    expect(docker(['ps', '--all', '--quiet', '--filter', `ancestor=${BOMB}`])).toBe('');
    expect(execFileSync('ls', ['-A', temp], { encoding: 'utf8' })).toBe('');
  });

  test('with limits above what it holds it is read whole and judged', async () => {
    const run = await runCli(['--image', BOMB, '--baseline', 'none', '--max-layer-expansion', '2000', '--json']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).image.sizeBytes).toBe(300_000_000);
  });
});
