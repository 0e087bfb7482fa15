// Images that no engine holds (issue 20): gated from a `docker save` tar, a podman OCI archive and a buildx OCI
// layout with no engine reachable, and from a registry without a pull, as the gated image and as its baseline.
// Every figure is held against an oracle that is not the gate's reader: GNU tar over the layers for the size,
// the archive's own blobs or the registry's manifest for the compressed size, the engine for what it holds.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { useCleanEngine } from '../support/clean-engine.js';
import { BUSYBOX, docker, engineImageStore, layerBytesByGnuTar, makeContext, runAction, runCli } from '../support/e2e.js';
import { ociImageFigures } from '../support/oci-oracle.js';
import { RegistryServer, startRegistry } from '../support/registry/server.js';

const BASE = 'image-size-gate-e2e/sources-base:1';
const HEAD = 'image-size-gate-e2e/sources-head:1';
/** Engine, podman and buildx all build this one Dockerfile; BASE_IMAGE names the busybox image in each store. */
const DOCKERFILE =
  'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY data.bin /srv/data.bin\nRUN echo ok > /srv/ok.txt && ln -s /srv/data.bin /srv/link\nUSER 65534\n';
const NO_ENGINE = { DOCKER_HOST: 'unix:///nonexistent/image-size-gate-e2e.sock' };
const STORE = engineImageStore();

let work: string;
let context: ReturnType<typeof makeContext>;

/** Bytes no stage can compress, so that every compressed figure differs from the uncompressed one. */
function randomFile(bytes: number): string {
  return execFileSync('head', ['-c', String(bytes), '/dev/urandom'], { encoding: 'latin1', maxBuffer: bytes + 1 });
}

useCleanEngine({
  images: [BASE, HEAD],
  setup: () => {
    work = mkdtempSync(path.join(tmpdir(), 'isg-sources-'));
    context = makeContext({ Dockerfile: DOCKERFILE });
    writeFileSync(path.join(context.dir, 'data.bin'), randomFile(300_000), 'latin1');
    execFileSync('docker', ['build', '--quiet', '--build-arg', `BASE_IMAGE=${BUSYBOX}`, '--tag', BASE, context.dir], {
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
    });
    const head = makeContext({ Dockerfile: `FROM ${BASE}\nCOPY more.bin /srv/more.bin\n` });
    writeFileSync(path.join(head.dir, 'more.bin'), randomFile(1_000_000), 'latin1');
    execFileSync('docker', ['build', '--quiet', '--tag', HEAD, head.dir], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
    head.cleanup();
  },
});

afterAll(() => {
  context?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

function report(run: { outputs: Record<string, string> }): {
  image: { sizeBytes: number; compressedSizeBytes: number; compressedSizeMethod: string; layerCount: number };
  engine: { imageStore: string };
  baseline?: { source: string; reference: string };
} {
  return JSON.parse(readFileSync(run.outputs.report, 'utf8'));
}

describe('an archive, gated with no engine reachable', () => {
  test('a docker save tar: the size is the layers’ own bytes, with no engine to ask', async () => {
    const archive = path.join(work, 'saved.tar');
    execFileSync('docker', ['save', '--output', archive, BASE]);
    const run = await runAction({ archive, 'max-size': '25MB' }, { env: NO_ENGINE });
    expect(run.exitCode).toBe(0);
    expect(Number(run.outputs.size)).toBe(layerBytesByGnuTar(BASE));
    expect(report(run).engine.imageStore).toBe('archive');
    expect(run.summary).toContain('Measured from the archive itself, without an engine');
    expect(run.outputs['non-root']).toBe('true');
  });

  test('a podman OCI archive of the same Dockerfile: size by GNU tar, compressed size = its blobs', async () => {
    const podmanBase = 'localhost/image-size-gate-e2e/sources-busybox:1';
    const tag = 'localhost/image-size-gate-e2e/sources-podman:1';
    const archive = path.join(work, 'podman.tar');
    // podman names what it loads after the archive's own tag, which differs by engine (docker.io/... or localhost/...).
    const saved = path.join(work, 'busybox.tar');
    execFileSync('docker', ['save', '--output', saved, BUSYBOX]);
    const loaded = /Loaded image(?:\(s\))?: (\S+)/.exec(execFileSync('podman', ['load', '--input', saved], { encoding: 'utf8' }))?.[1];
    try {
      execFileSync('podman', ['tag', loaded ?? BUSYBOX, podmanBase]);
      execFileSync('podman', ['build', '--quiet', '--build-arg', `BASE_IMAGE=${podmanBase}`, '--tag', tag, context.dir]);
      execFileSync('podman', ['save', '--quiet', '--format', 'oci-archive', '--output', archive, tag]);
    } finally {
      spawnSync('podman', ['rmi', '--force', tag, podmanBase, ...(loaded ? [loaded] : [])], { stdio: 'ignore' });
    }
    const oracle = ociImageFigures(archive);
    const run = await runAction({ archive }, { env: NO_ENGINE });
    expect(run.exitCode).toBe(0);
    expect(Number(run.outputs.size)).toBe(oracle.sizeBytes);
    expect(Number(run.outputs['compressed-size'])).toBe(oracle.blobBytes);
    expect(Number(run.outputs.layers)).toBe(oracle.layerCount);
    expect(report(run).image.compressedSizeMethod).toBe('stored-blobs');
  });

  // buildx writes an OCI layout from the docker driver only with the containerd image store.
  (STORE === 'containerd' ? test : test.skip)(
    'a buildx OCI layout directory and OCI tar: size by GNU tar, compressed = blobs',
    async () => {
      const layout = path.join(work, 'layout');
      const tarball = path.join(work, 'buildx-oci.tar');
      for (const output of [`type=oci,tar=false,dest=${layout}`, `type=oci,dest=${tarball}`])
        execFileSync('docker', ['buildx', 'build', '--quiet', '--build-arg', `BASE_IMAGE=${BUSYBOX}`, '--output', output, context.dir]);
      for (const archive of [layout, tarball]) {
        const oracle = ociImageFigures(archive);
        const run = await runAction({ archive }, { env: NO_ENGINE });
        expect(run.exitCode).toBe(0);
        expect(Number(run.outputs.size)).toBe(oracle.sizeBytes);
        expect(Number(run.outputs['compressed-size'])).toBe(oracle.blobBytes);
      }
    },
  );

  test('bad archives are errors that name the archive and what was expected', async () => {
    const notAnImage = path.join(work, 'not-an-image.tar');
    execFileSync('tar', ['-c', '-f', notAnImage, '-C', context.dir, 'Dockerfile']);
    for (const [archive, expected] of [
      [path.join(work, 'missing.tar'), /archive .*missing\.tar: no such file or directory; expected a docker save tar/],
      [
        notAnImage,
        /archive .*not-an-image\.tar could not be read: .*\(expected a docker save tar, an OCI archive or an OCI layout directory\)/,
      ],
    ] as const) {
      const run = await runAction({ archive }, { env: NO_ENGINE });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(expected);
      expect(run.stdout).not.toMatch(/\n\s+at /);
    }
  });
});

describe('a registry, read without a pull', () => {
  let open: RegistryServer;
  let locked: RegistryServer;
  const password = 's3cret-registry-password';

  beforeAll(async () => {
    open = await startRegistry();
    locked = await startRegistry({ auth: { kind: 'htpasswd', htpasswdLine: `ci:${bcrypt.hashSync(password, 4)}` } });
    // docker's own push (its compressor, its manifest), the pushed tags removed again: the engine keeps BASE only.
    const pushed = `${open.host}/isg-e2e/base:1`;
    docker(['tag', BASE, pushed]);
    try {
      execFileSync('docker', ['push', '--quiet', pushed]);
    } finally {
      docker(['image', 'rm', '--no-prune', pushed]);
    }
    execFileSync('skopeo', [
      'copy',
      '--quiet',
      '--src-tls-verify=false',
      '--dest-tls-verify=false',
      '--dest-creds',
      `ci:${password}`,
      `docker://${pushed}`,
      `docker://${locked.host}/isg-e2e/base:1`,
    ]);
  });

  afterAll(async () => {
    await open?.stop();
    await locked?.stop();
  });

  /** What the registry stores of the image: its manifest's layer sizes (the linux/amd64 one under an index). */
  async function storedBytes(server: RegistryServer, name: string): Promise<number> {
    const accept = [
      'application/vnd.oci.image.index.v1+json',
      'application/vnd.docker.distribution.manifest.v2+json',
      'application/vnd.oci.image.manifest.v1+json',
    ];
    const get = (ref: string) =>
      fetch(`${server.url}/v2/${name}/manifests/${ref}`, { headers: { accept: accept.join(', ') } }).then(
        (answer) =>
          answer.json() as Promise<{ manifests?: { digest: string; platform?: { architecture?: string } }[]; layers?: { size: number }[] }>,
      );
    let manifest = await get('1');
    const entry = manifest.manifests?.find((candidate) => candidate.platform?.architecture === 'amd64');
    if (entry) manifest = await get(entry.digest);
    return (manifest.layers ?? []).reduce((sum, layer) => sum + layer.size, 0);
  }

  test('image: registry://… with no engine: the size is the engine image’s, the compressed size the registry’s', async () => {
    const run = await runAction({ image: `registry://${open.host}/isg-e2e/base:1` }, { env: NO_ENGINE });
    expect(run.exitCode).toBe(0);
    expect(Number(run.outputs.size)).toBe(layerBytesByGnuTar(BASE));
    expect(Number(run.outputs['compressed-size'])).toBe(await storedBytes(open, 'isg-e2e/base'));
    expect(report(run).engine.imageStore).toBe('registry');
  });

  test('a registry baseline: no pull, the shared layers not downloaded, the delta exact', async () => {
    const reference = `${open.host}/isg-e2e/base:1`;
    const run = await runAction({ image: HEAD, baseline: reference, 'max-increase': '2MB' });
    expect(run.exitCode).toBe(0);
    expect(Number(run.outputs['baseline-size'])).toBe(layerBytesByGnuTar(BASE));
    expect(Number(run.outputs['size-delta'])).toBe(layerBytesByGnuTar(HEAD) - layerBytesByGnuTar(BASE));
    expect(run.stdout).toContain(`Baseline image ${reference} is not in the engine: reading it from its registry (no pull)`);
    // Every layer of the baseline is one of the head's, read from the engine already: none is downloaded.
    expect(run.stdout).toMatch(
      new RegExp(
        `Downloaded 0 B in 0 layer\\(s\\) of ${reference} from its registry .*; 3 layer\\(s\\) it shares with the image read already were not downloaded again`,
      ),
    );
    expect(report(run).baseline).toMatchObject({ source: 'registry', reference });
    // No pull: the engine does not hold the registry's image afterwards.
    expect(spawnSync('docker', ['image', 'inspect', reference], { stdio: 'ignore' }).status).not.toBe(0);
  });

  test('the CLI reads --image from its registry when the engine lacks it', async () => {
    const run = await runCli(['--image', `${open.host}/isg-e2e/base:1`, '--json', '--quiet']);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout) as { image: { sizeBytes: number }; engine: { imageStore: string } };
    expect(json.image.sizeBytes).toBe(layerBytesByGnuTar(BASE));
    expect(json.engine.imageStore).toBe('registry');
  });

  test('credentials from the inputs reach a registry with Basic auth; a wrong password is a clear error without it', async () => {
    const image = `registry://${locked.host}/isg-e2e/base:1`;
    const good = await runAction({ image, 'registry-username': 'ci', 'registry-password': password }, { env: NO_ENGINE });
    expect(good.exitCode).toBe(0);
    expect(Number(good.outputs.size)).toBe(layerBytesByGnuTar(BASE));
    const bad = await runAction({ image, 'registry-username': 'ci', 'registry-password': 'wrong-password-x' }, { env: NO_ENGINE });
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toMatch(
      new RegExp(`::error::image-size-gate: image: could not read ${locked.host}/isg-e2e/base:1 from its registry: .*401`),
    );
    // The runner is told to mask it (::add-mask::); no other line carries it.
    const lines = (bad.stdout + bad.stderr).split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect(lines.join('\n')).not.toContain('wrong-password-x');
    expect(bad.stdout).toContain('::add-mask::wrong-password-x');
  });

  test('an image the registry does not have names the registry, the repository and the status', async () => {
    const run = await runAction({ image: `registry://${open.host}/isg-e2e/absent:1` }, { env: NO_ENGINE });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`registry ${open.host}, repository isg-e2e/absent: manifest "1": 404`));
  });

  test('an image neither the engine nor its registry holds: the error says what each said', async () => {
    const image = `${open.host}/isg-e2e/absent:1`;
    const withEngine = await runAction({ image });
    expect(withEngine.exitCode).toBe(1);
    expect(withEngine.stdout).toContain(`${image}: the engine does not hold it; reading it from its registry instead (no pull)`);
    expect(withEngine.stdout).toMatch(
      new RegExp(
        `::error::image-size-gate: image: image "${image}" does not exist locally.*; reading it from its registry instead failed too \\(.*manifest "1": 404`,
      ),
    );
    const noEngine = await runAction({ image }, { env: NO_ENGINE });
    expect(noEngine.exitCode).toBe(1);
    expect(noEngine.stdout).toMatch(
      /::error::image-size-gate: docker: the Docker engine is not reachable \(.*\); .*reading it from its registry instead failed too/,
    );
  });

  test('a bare name the engine lacks is not looked up on Docker Hub: it is an engine error, as before', async () => {
    const run = await runAction({ image: 'image-size-gate-e2e/never-built:1' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('image: image "image-size-gate-e2e/never-built:1" does not exist locally');
    expect(run.stdout).not.toContain('registry');
  });
});
