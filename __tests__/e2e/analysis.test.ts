// The layer analysis through the bundled action, against outside oracles: dive's published figures for its
// test image, hand-derived dive figures for a write-then-delete image, and a real registry's stored sizes.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyzeImage } from '../../src/analysis/analyze.js';
import { Docker } from '../../src/docker/exec.js';
import { probeEngine } from '../../src/docker/engine.js';
import { compressionFor } from '../../src/analysis/image-layers.js';
import { useCleanEngine } from '../support/clean-engine.js';
import { BUSYBOX, docker, engineImageStore, layerListings, makeContext, removeImages, REPO_ROOT, runAction } from '../support/e2e.js';

const STORE = engineImageStore();
const FIXTURE = path.resolve(REPO_ROOT, '__tests__/fixtures/dive-test-image.tar');

// dive's test image is loaded and stays: the engine is not compared.
useCleanEngine({ unchanged: false });

/** A build context for the block's tests, made before them; it and the image they tag `tag` are removed after them. */
function useBuildContext(tag: string, files: Record<string, string>): { dir: string } {
  const context = { dir: '', cleanup: () => {} };
  beforeAll(() => {
    Object.assign(context, makeContext(files));
  });
  afterAll(() => {
    context.cleanup();
    removeImages([tag]);
  });
  return context;
}

describe("dive's test image", () => {
  beforeAll(() => {
    execFileSync('docker', ['load', '--input', FIXTURE], { stdio: 'ignore' });
  });

  test("the gate reports exactly dive's efficiency and wasted bytes", async () => {
    const run = await runAction({
      image: 'dive-test:latest',
      'require-non-root': 'false',
      smoke: 'false',
      'min-efficiency': '0.98',
      'max-wasted-size': '32025',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.efficiency).toBe('0.9844212134184309');
    expect(run.outputs['wasted-size']).toBe('32025');
    expect(run.outputs.size).toBe('1220598');
    expect(run.summary).toContain('efficiency 98.44%, 32.0 kB wasted (48.35% of the image');
    const strict = await runAction({
      image: 'dive-test:latest',
      'require-non-root': 'false',
      smoke: 'false',
      'max-wasted-size': '32024',
    });
    expect(strict.exitCode).toBe(1);
    expect(strict.summary).toMatch(/\| Wasted \(dive\) \| 32\.0 kB \(32,025 B\) \| 32\.0 kB \| 1 B over \| ❌ fail/);
  });
});

describe('a file written in one layer and deleted in the next', () => {
  const tag = 'image-size-gate-e2e/write-delete:1';
  const context = useBuildContext(tag, {
    Dockerfile: `FROM ${BUSYBOX}\nRUN head -c 5000000 /dev/urandom > /big\nRUN rm /big\nUSER 65534\n`,
    '.dockerignore': 'Dockerfile\n',
  });

  test("efficiency and wasted bytes are dive's, and a hint names both instructions", async () => {
    const run = await runAction({ context: context.dir, tag, smoke: 'false' });
    expect(run.exitCode).toBe(0);
    // dive counts /big twice (5,000,000 bytes, then 0 for its removal) and every base file once, so
    // efficiency = base / (base + 5,000,000), where base is the sum of the tar header sizes of the base
    // layer (dive's file sizes: symlinks count 0), read here by GNU tar, not by the gate.
    const baseBytes = layerListings(BUSYBOX)
      .flat()
      .filter((line) => line.startsWith('-'))
      .reduce((sum, line) => sum + Number(line.split(/\s+/)[2]), 0);
    expect(baseBytes).toBeGreaterThan(1_000_000);
    expect(run.outputs['wasted-size']).toBe('5000000');
    expect(Number(run.outputs.efficiency)).toBe(baseBytes / (baseBytes + 5_000_000));
    expect(run.outputs['reclaimable-size']).toBe('5000000');
    const hint = run.stdout.split('\n').find((line) => line.startsWith('::warning') && line.includes('written in one layer and deleted'));
    expect(hint).toBeDefined();
    expect(hint).toContain(`file=${path.relative(REPO_ROOT, context.dir)}/Dockerfile,line=3`);
    expect(hint).toContain('line 2 (`RUN head -c 5000000 /dev/urandom > /big`)');
    expect(hint).toContain('line 3 (`RUN rm /big`) deletes');
    expect(hint).toContain('saves about 5.00 MB');
  });
});

describe('hints on a final stage with an apt cache, a toolchain and an unstripped binary', () => {
  const tag = 'image-size-gate-e2e/fat-go:1';
  const context = useBuildContext(tag, {
    Dockerfile: [
      'FROM debian:bookworm-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends golang-go',
      'WORKDIR /src',
      'COPY go.mod main.go ./',
      'RUN CGO_ENABLED=0 go build -o /usr/local/bin/hello .',
      'USER 65534',
      'EXPOSE 8080',
      'CMD ["hello"]',
      '',
    ].join('\n'),
    'go.mod': 'module example.com/hello\n\ngo 1.19\n',
    'main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n',
  });

  test('each hint appears with a saving estimate on the right Dockerfile line', async () => {
    const run = await runAction({ context: context.dir, tag, smoke: 'false', 'require-non-root': 'false' });
    expect(run.exitCode).toBe(0);
    const warnings = run.stdout.split('\n').filter((line) => line.startsWith('::warning'));
    const find = (text: string) => warnings.find((line) => line.includes(text));
    const file = `file=${path.relative(REPO_ROOT, context.dir)}/Dockerfile`;
    expect(find('apt package lists left in the image')).toContain(`${file},line=2`);
    expect(find('Go toolchain in the final image')).toContain(`${file},line=2`);
    expect(find('Binary with symbols or debug information')).toContain(`${file},line=5`);
    expect(find('/usr/local/bin/hello')).toMatch(/saves about \d+(\.\d+)? (kB|MB)/);
    for (const kind of ['apt package lists', 'Go toolchain', 'Binary with symbols'])
      expect(find(kind)).toMatch(/saves about [\d.]+ (kB|MB)/);
    expect(run.summary).toContain('#### Hints');
    expect(run.summary).toContain('No .dockerignore in the build context');
  });
});

describe('a baseline that shares layers with the PR image', () => {
  test('the shared layers are not compressed twice, and the baseline figure is the one its own analysis gives', async () => {
    const alone = await runAction({ image: 'debian:bookworm-slim', smoke: 'false', 'require-non-root': 'false' });
    expect(alone.exitCode).toBe(0);
    // go-debian-root's final stage is FROM debian:bookworm-slim: it shares that layer.
    const run = await runAction({
      context: 'examples/go-debian-root',
      baseline: 'debian:bookworm-slim',
      smoke: 'false',
      'require-non-root': 'false',
    });
    expect(run.exitCode).toBe(0);
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'));
    if (STORE === 'classic') expect(run.stdout).toContain('the compressed size of 1 layer(s) already measured was not measured twice');
    // On the containerd store nothing is compressed at all: the blobs the engine holds give the sizes.
    else expect(report.image.compressedSizeMethod).toBe('stored-blobs');
    const compressed = report.baseline.figures.find((figure: { id: string }) => figure.id === 'compressed-size');
    expect(compressed.base).toBe(Number(alone.outputs['compressed-size']));
    expect(compressed.head).toBe(Number(run.outputs['compressed-size']));
  });

  // Only where the gate compresses layers itself: the containerd store's blobs carry their own sizes.
  (STORE === 'classic' ? test : test.skip)(
    'a layer that only has the length of a known one is found out by its diffID, and the archive is read again',
    async () => {
      const imageId = docker(['image', 'inspect', '--format', '{{.Id}}', 'debian:bookworm-slim']);
      const compression = compressionFor(await probeEngine(new Docker(), { needsBuilder: false }).engine);
      const plain = await analyzeImage(new Docker(), imageId, { compressedSize: true, compression });
      const decoy = plain.layers.map((layer) => ({ diffId: `sha256:${'0'.repeat(64)}`, tarBytes: layer.tarBytes, compressedBytes: 1 }));
      const reread = await analyzeImage(new Docker(), imageId, { compressedSize: true, compression, knownLayers: decoy });
      expect(reread.compressedSizeBytes).toBe(plain.compressedSizeBytes);
      expect(reread.compressedSizesReused).toBe(0);
      const honest = plain.layers.map((layer) => ({
        diffId: layer.diffId,
        tarBytes: layer.tarBytes,
        compressedBytes: layer.compressedBytes!,
      }));
      expect(
        (await analyzeImage(new Docker(), imageId, { compressedSize: true, compression, knownLayers: honest })).compressedSizesReused,
      ).toBe(plain.layers.length);
    },
  );
});

/** The method the gate must name on the classic store: the push compressor of the Go release dockerd was built with. */
function expectedPushMethod(): string {
  const minor = Number(/^go1\.(\d+)/.exec(docker(['version', '--format', '{{.Server.GoVersion}}']))?.[1]);
  return minor >= 27 ? 'push-go1.27' : 'push-go-classic';
}

interface RegistryDocument {
  layers?: { size: number }[];
  manifests?: { digest: string; platform?: { architecture?: string } }[];
}

describe('compressed size against a real registry', () => {
  let registry: ChildProcess | undefined;
  let port = 0;
  let dataDir = '';
  const pushed: string[] = [];

  beforeAll(async () => {
    port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address() as { port: number };
        server.close(() => resolve(address.port));
      });
    });
    dataDir = mkdtempSync(path.join(tmpdir(), 'isg-registry-'));
    const config = path.join(dataDir, 'config.yml');
    writeFileSync(
      config,
      `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${dataDir}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`,
    );
    registry = spawn('docker-registry', ['serve', config], { stdio: 'ignore' });
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const up = await fetch(`http://127.0.0.1:${port}/v2/`).then(
        (response) => response.ok,
        () => false,
      );
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('docker-registry did not start');
  });

  afterAll(() => {
    registry?.kill();
    removeImages(pushed);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function registryLayerSizes(image: string): Promise<number[]> {
    const name = `isg-e2e/${image.replace(/[^a-z0-9]+/g, '-')}`;
    const reference = `127.0.0.1:${port}/${name}:t`;
    docker(['tag', image, reference]);
    pushed.push(reference);
    execFileSync('docker', ['push', reference], { stdio: 'ignore' });
    const get = (ref: string) =>
      fetch(`http://127.0.0.1:${port}/v2/${name}/manifests/${ref}`, {
        headers: {
          accept: [
            'application/vnd.docker.distribution.manifest.v2+json',
            'application/vnd.oci.image.manifest.v1+json',
            'application/vnd.oci.image.index.v1+json',
          ].join(', '),
        },
      }).then((response) => response.json() as Promise<RegistryDocument>);
    let manifest = await get('t');
    // The containerd store pushes an image index (with attestations): its linux/amd64 manifest holds the layers.
    const entry = manifest.manifests?.find((candidate) => candidate.platform?.architecture === 'amd64');
    if (entry) manifest = await get(entry.digest);
    return (manifest.layers ?? []).map((layer) => layer.size);
  }

  // The compressed size is what this engine's push stores, to the byte: the containerd store's blobs as they are,
  // or on the classic store the exact size of what the Go release dockerd was built with makes of each layer.
  test.each([['examples/go-scratch'], ['examples/go-debian-root']])(
    '%s: compressed-size is what the registry stores after a push, to the byte',
    async (context) => {
      const run = await runAction({ context, smoke: 'false', 'require-non-root': 'false' });
      expect(run.exitCode).toBe(0);
      const stored = await registryLayerSizes(run.outputs['image-id']);
      expect(Number(run.outputs['compressed-size'])).toBe(stored.reduce((sum, size) => sum + size, 0));
      const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'));
      expect(report.image.compressedSizeMethod).toBe(STORE === 'containerd' ? 'stored-blobs' : expectedPushMethod());
      expect(run.summary).toContain('Compressed');
    },
  );

  // dive's image is `docker load`ed from an uncompressed archive: the classic store compresses its layers on
  // push, the containerd store keeps and pushes them uncompressed. Either way the gate says what is stored.
  test("dive's test image: every layer's stored size, to the byte", async () => {
    execFileSync('docker', ['load', '--input', FIXTURE], { stdio: 'ignore' });
    const run = await runAction({ image: 'dive-test:latest', smoke: 'false', 'require-non-root': 'false' });
    const stored = await registryLayerSizes('dive-test:latest');
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'));
    const measured: number[] = report.analysis.layers.map((layer: { compressedBytes: number }) => layer.compressedBytes);
    expect(measured).toEqual(stored);
  });
});
