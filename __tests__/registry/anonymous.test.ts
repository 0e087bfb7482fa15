// The registry client against a real registry without authentication (docker-registry on 127.0.0.1): images
// resolved by tag and by digest, an index walked past its attestation, configs and layers as pushed, blobs
// streamed with their digest checked, and a blob corrupted in the registry's storage refused.
import { jest } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { RegistryError } from '../../src/registry/errors.js';
import { RegistryClient } from '../../src/registry/client.js';
import { parseImageReference } from '../../src/registry/reference.js';
import { sharedLayerDigests } from '../../src/registry/resolve.js';
import { blob, Fixtures, LARGE_LAYER_BYTES, pushFixtures, uploadBlob } from '../support/registry/push.js';
import { blobPath, RegistryServer, startRegistry } from '../support/registry/server.js';
import { watchNetwork } from '../support/registry/servers.js';

let registry: RegistryServer;
let fixtures: Fixtures;
let client: RegistryClient;
jest.setTimeout(30_000);
const network = watchNetwork();

beforeAll(async () => {
  registry = await startRegistry();
  fixtures = await pushFixtures({ url: registry.url, repository: 'team/app' });
  client = new RegistryClient({ dockerConfigFile: null });
});

afterAll(async () => {
  client?.close();
  await registry?.stop();
  network.stop();
  expect(new Set(network.connections)).toEqual(new Set(['127.0.0.1']));
});

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const target = () => ({ registry: registry.host, repository: 'team/app' });

describe('resolving an image', () => {
  test('by tag: the index, its two platforms without the attestation, their configs and layers as pushed', async () => {
    const image = await client.resolveImage(parseImageReference(`${registry.host}/team/app:multi`));
    expect(image.digest).toBe(fixtures.index.digest);
    expect(image.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(image.platforms.map((platform) => platform.platform)).toEqual(['linux/amd64', 'linux/arm64/v8']);
    const [amd64, arm64] = image.platforms;
    expect(amd64.manifestDigest).toBe(fixtures.amd64.manifest.digest);
    expect(amd64.configDigest).toBe(fixtures.amd64.config.digest);
    expect(amd64.config).toEqual(JSON.parse(fixtures.amd64.config.bytes.toString('utf8')));
    expect(amd64.layers).toEqual(fixtures.amd64.layers.map(({ digest, mediaType, sizeBytes }) => ({ digest, mediaType, sizeBytes })));
    expect(amd64.layers[1].sizeBytes).toBeGreaterThan(LARGE_LAYER_BYTES);
    expect(arm64.manifestDigest).toBe(fixtures.arm64.manifest.digest);
    expect(sharedLayerDigests(amd64, arm64)).toEqual(new Set([fixtures.amd64.layers[0].digest]));
  });

  test('by the index digest, and by one platform manifest digest (its platform read from the config)', async () => {
    const byIndex = await client.resolveImage(parseImageReference(`${registry.host}/team/app@${fixtures.index.digest}`));
    expect(byIndex.platforms.map((platform) => platform.manifestDigest)).toEqual([
      fixtures.amd64.manifest.digest,
      fixtures.arm64.manifest.digest,
    ]);
    const byManifest = await client.resolveImage(parseImageReference(`${registry.host}/team/app@${fixtures.arm64.manifest.digest}`));
    expect(byManifest.digest).toBe(fixtures.arm64.manifest.digest);
    expect(byManifest.platforms).toHaveLength(1);
    expect(byManifest.platforms[0].platform).toBe('linux/arm64/v8');
  });

  test("Docker's schema 2 media types", async () => {
    const image = await client.resolveImage(parseImageReference(`${registry.host}/team/app:docker`));
    expect(image.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    expect(image.platforms[0].platform).toBe('linux/amd64');
    expect(image.platforms[0].layers[0].mediaType).toBe('application/vnd.docker.image.rootfs.diff.tar.gzip');
  });

  test('only the platforms asked for', async () => {
    const image = await client.resolveImage(parseImageReference(`${registry.host}/team/app:multi`), { platforms: ['linux/arm64'] });
    expect(image.platforms.map((platform) => platform.platform)).toEqual(['linux/arm64/v8']);
  });

  test("a digest the registry does not hold, and an unknown tag: 404 with the registry's code, naming what was asked", async () => {
    const wrong = `sha256:${'0'.repeat(64)}`;
    const error = await client.resolveImage(parseImageReference(`${registry.host}/team/app@${wrong}`)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).message).toBe(
      `registry ${registry.host}, repository team/app: manifest "${wrong}": 404 Not Found: MANIFEST_UNKNOWN manifest unknown`,
    );
    await expect(client.resolveImage(parseImageReference(`${registry.host}/team/app:nope`))).rejects.toThrow(
      `registry ${registry.host}, repository team/app: manifest "nope": 404 Not Found: MANIFEST_UNKNOWN manifest unknown`,
    );
  });
});

/** skopeo, when installed (apt-get install skopeo), is a second client, independent of this one and of the test's uploader. */
const skopeoInstalled = spawnSync('skopeo', ['--version'], { stdio: 'ignore' }).status === 0;

(skopeoInstalled ? test : test.skip)(
  'skopeo, an independent client, copies each platform: its layer files have our digests and sizes',
  async () => {
    const image = await client.resolveImage(parseImageReference(`${registry.host}/team/app:multi`));
    const copies = await mkdtemp(path.join(os.tmpdir(), 'isg-skopeo-'));
    try {
      for (const [platform, override] of [
        [image.platforms[0], ['--override-arch', 'amd64']],
        [image.platforms[1], ['--override-arch', 'arm64', '--override-variant', 'v8']],
      ] as const) {
        const directory = path.join(copies, platform.platform.replace(/\//g, '-'));
        const source = `docker://${registry.host}/team/app:multi`;
        execFileSync('skopeo', [
          'copy',
          '--quiet',
          '--src-tls-verify=false',
          '--override-os',
          'linux',
          ...override,
          source,
          `dir:${directory}`,
        ]);
        const manifest = JSON.parse(await readFile(path.join(directory, 'manifest.json'), 'utf8')) as { layers: { digest: string }[] };
        expect(manifest.layers.map((layer) => layer.digest)).toEqual(platform.layers.map((layer) => layer.digest));
        for (const layer of platform.layers) expect((await stat(path.join(directory, layer.digest.slice(7)))).size).toBe(layer.sizeBytes);
      }
    } finally {
      await rm(copies, { recursive: true, force: true });
    }
  },
);

describe('streaming a blob', () => {
  test('the large layer streams whole, in many chunks, its digest checked', async () => {
    const layer = fixtures.amd64.layers[1];
    const stream = await client.openBlob(target(), layer.digest, layer.sizeBytes);
    let chunks = 0;
    stream.on('data', () => (chunks += 1));
    const bytes = await readAll(stream);
    expect(bytes.equals(layer.bytes)).toBe(true);
    expect(chunks).toBeGreaterThan(4);
  });

  test('a gzip layer streams as stored (compressed); the caller decompresses it', async () => {
    const layer = fixtures.arm64.layers[1];
    const bytes = await readAll(await client.openBlob(target(), layer.digest, layer.sizeBytes));
    expect(bytes.equals(layer.bytes)).toBe(true);
    expect(gunzipSync(bytes).subarray(0, 9).toString('latin1')).toBe('etc/arm/\u0000');
  });

  test('a blob corrupted in the registry storage fails at its end, naming the digest it has', async () => {
    const content = blob('application/octet-stream', Buffer.alloc(256 * 1024, 7));
    await uploadBlob({ url: registry.url, repository: 'team/tamper' }, content);
    const file = blobPath(registry, content.digest);
    const tampered = await readFile(file);
    tampered[100_000] ^= 0xff;
    await writeFile(file, tampered);
    const stream = await client.openBlob({ registry: registry.host, repository: 'team/tamper' }, content.digest, content.sizeBytes);
    const error = await readAll(stream).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^registry ${registry.host}, repository team/tamper: blob ${content.digest}: the bytes the registry sent have the digest sha256:[0-9a-f]{64}: the content is corrupt`,
      ),
    );
  });

  test('a blob whose length is not the one the manifest lists is refused before it streams', async () => {
    const layer = fixtures.arm64.layers[1];
    await expect(client.openBlob(target(), layer.digest, layer.sizeBytes + 1)).rejects.toThrow(
      `blob ${layer.digest}: the registry announces ${layer.sizeBytes} bytes where the manifest lists ${layer.sizeBytes + 1}`,
    );
  });

  test('a repository or tag that could change the path is refused before any request', async () => {
    await expect(client.openBlob({ registry: registry.host, repository: 'team/../v2' }, fixtures.index.digest)).rejects.toThrow(
      'repository team/../v2: blob',
    );
    await expect(client.fetchManifest(target(), '../../x')).rejects.toThrow('manifest "../../x": this is neither a tag nor a digest');
  });

  test('a blob the registry does not hold: 404 with its code', async () => {
    const missing = `sha256:${'1'.repeat(64)}`;
    await expect(client.openBlob(target(), missing)).rejects.toThrow(
      `blob ${missing}: 404 Not Found: BLOB_UNKNOWN blob unknown to registry`,
    );
  });
});
