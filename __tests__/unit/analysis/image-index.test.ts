// The archive the containerd image store saves: index.json names an image index (the image id) whose entries
// are one manifest per platform plus an attestation manifest; layers are gzip blobs. Layer tars are written
// by GNU tar from folders made here, so the layers' own bytes can be checked against the filesystem (lstat:
// regular files' sizes plus symlink targets' lengths, each hard-linked inode once).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { ScannedImage, scanImageArchivePlatforms } from '../../../src/analysis/archive.js';
import { ArchiveDocuments, findImages, platformName } from '../../../src/analysis/image-index.js';
import { compressedSize, uncompressedSizeBytes } from '../../../src/analysis/image-layers.js';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

let workDir: string;

function tarOf(dir: string): Buffer {
  return execFileSync('tar', ['--create', '--format=pax', '--sort=name', '--directory', dir, '.'], { maxBuffer: 1 << 26 });
}

/** What the classic store's du-like walk counts for a folder: regular files and symlinks by lstat size, each inode once. */
function lstatBytes(dir: string): number {
  const seen = new Set<number>();
  let total = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const stat = lstatSync(path.join(dir, name));
    if (!(stat.isFile() || stat.isSymbolicLink()) || seen.has(stat.ino)) continue;
    seen.add(stat.ino);
    total += stat.size;
  }
  return total;
}

function folder(
  name: string,
  files: Record<string, string>,
  links: Record<string, string> = {},
  hardLinks: Record<string, string> = {},
): string {
  const dir = path.join(workDir, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  for (const [link, target] of Object.entries(links)) {
    mkdirSync(path.dirname(path.join(dir, link)), { recursive: true });
    symlinkSync(target, path.join(dir, link));
  }
  for (const [link, target] of Object.entries(hardLinks)) linkSync(path.join(dir, target), path.join(dir, link));
  return dir;
}

interface Platform {
  os: string;
  architecture: string;
  dirs: string[];
  user: string;
}

/** A containerd-store `docker save` archive of one image index; returns it with the index digest (the image id). */
function containerdArchive(
  platforms: Platform[],
  options: { dropBlobsOf?: string } = {},
): { archive: Buffer; imageId: string; blobSizes: number[][] } {
  const members: Record<string, Buffer> = {};
  const blobSizes: number[][] = [];
  const blob = (bytes: Buffer) => {
    members[`blobs/sha256/${sha256(bytes)}`] = bytes;
    return `sha256:${sha256(bytes)}`;
  };
  const entries = platforms.map((platform) => {
    const tars = platform.dirs.map(tarOf);
    const config = json({
      architecture: platform.architecture,
      os: platform.os,
      config: { User: platform.user, ExposedPorts: { '8080/tcp': {} } },
      rootfs: { type: 'layers', diff_ids: tars.map((tar) => `sha256:${sha256(tar)}`) },
      history: platform.dirs.map((dir) => ({ created_by: `COPY ${path.basename(dir)} /` })),
    });
    blobSizes.push([]);
    const layers = tars.map((tar) => {
      const gz = gzipSync(tar);
      blobSizes.at(-1)!.push(gz.length);
      const digest = platform.architecture === options.dropBlobsOf ? `sha256:${sha256(gz)}` : blob(gz);
      return { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest, size: gz.length };
    });
    const configDigest = platform.architecture === options.dropBlobsOf ? `sha256:${sha256(config)}` : blob(config);
    const manifest = json({ schemaVersion: 2, config: { digest: configDigest, size: config.length }, layers });
    const digest = platform.architecture === options.dropBlobsOf ? `sha256:${sha256(manifest)}` : blob(manifest);
    return {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest,
      platform: { os: platform.os, architecture: platform.architecture },
    };
  });
  // An attestation manifest: platform unknown/unknown, its "layer" an in-toto statement.
  const statement = blob(json({ _type: 'https://in-toto.io/Statement/v0.1' }));
  const attestationConfig = blob(json({ architecture: 'unknown', os: 'unknown', rootfs: { type: 'layers', diff_ids: [statement] } }));
  const attestation = blob(
    json({
      schemaVersion: 2,
      config: { digest: attestationConfig },
      layers: [{ mediaType: 'application/vnd.in-toto+json', digest: statement }],
    }),
  );
  const index = json({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      ...entries,
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: attestation,
        platform: { os: 'unknown', architecture: 'unknown' },
        annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': entries[0].digest },
      },
    ],
  });
  const imageId = blob(index);
  members['index.json'] = json({
    schemaVersion: 2,
    manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: imageId }],
  });
  members['oci-layout'] = Buffer.from('{"imageLayoutVersion":"1.0.0"}');
  const root = mkdtempSync(path.join(workDir, 'archive-'));
  for (const [name, bytes] of Object.entries(members)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), bytes);
  }
  const archive = execFileSync('tar', ['--create', '--format=pax', '--sort=name', '--directory', root, ...Object.keys(members)], {
    maxBuffer: 1 << 26,
  });
  return { archive, imageId, blobSizes };
}

const chunked = (archive: Buffer, size = 9_973) => {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < archive.length; offset += size) chunks.push(archive.subarray(offset, offset + size));
  return Readable.from(chunks);
};

let amd64Dirs: string[];
let arm64Dirs: string[];

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'isg-index-'));
  const base = folder(
    'base',
    { 'etc/passwd': 'root:x:0:0::/root:/bin/sh\napp:x:10001:10001::/:/bin/false\n', 'bin/busybox': 'x'.repeat(70_000) },
    { 'bin/sh': 'busybox', 'bin/ls': '/bin/busybox', 'lib/é-long-target-link': 'a/'.repeat(60) + 'target' },
    { 'bin/hardlinked-busybox': 'bin/busybox' },
  );
  const amd64App = folder('app-amd64', { 'app/server': 's'.repeat(12_345) });
  const arm64App = folder('app-arm64', { 'app/server': 'a'.repeat(23_456), 'app/extra': 'e'.repeat(99) });
  amd64Dirs = [base, amd64App];
  arm64Dirs = [base, arm64App];
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function expectSizesMatchFilesystem(image: ScannedImage, dirs: string[]) {
  expect(image.layers.map((layer) => layer.contentBytes)).toEqual(dirs.map(lstatBytes));
  expect(uncompressedSizeBytes(image)).toBe(dirs.map(lstatBytes).reduce((a, b) => a + b, 0));
}

test('every platform of an image index is read from one archive; the attestation manifest is skipped', async () => {
  const platforms = [
    { os: 'linux', architecture: 'amd64', dirs: amd64Dirs, user: 'app' },
    { os: 'linux', architecture: 'arm64', dirs: arm64Dirs, user: '10002' },
  ];
  const { archive, imageId, blobSizes } = containerdArchive(platforms);
  const images = await scanImageArchivePlatforms(chunked(archive), { imageId, compressedSize: true });
  expect(images.map((image) => image.platform)).toEqual(['linux/amd64', 'linux/arm64']);
  expect(images.map((image) => image.config.user)).toEqual(['app', '10002']);
  expect(images[0].config.exposedPorts).toEqual(['8080/tcp']);
  expectSizesMatchFilesystem(images[0], amd64Dirs);
  expectSizesMatchFilesystem(images[1], arm64Dirs);
  // The blobs are what a registry stores: their own sizes, nothing compressed again.
  for (const image of images) {
    expect(image.layers.every((layer) => layer.compressedBytesFromBlob)).toBe(true);
    const expected = image.layers.reduce((sum, layer) => sum + layer.compressedBytes!, 0);
    expect(compressedSize(image, { plainLayers: 'as-stored', estimate: false })).toEqual({ bytes: expected, method: 'stored-blobs' });
  }
  expect(images.map((image) => image.layers.map((layer) => layer.compressedBytes))).toEqual(blobSizes);
});

test('a symlink counts the bytes of its target, a hard link nothing (the classic store inspect figure)', async () => {
  const { archive, imageId } = containerdArchive([{ os: 'linux', architecture: 'amd64', dirs: [amd64Dirs[0]], user: '' }]);
  const [image] = await scanImageArchivePlatforms(chunked(archive), { imageId, compressedSize: false });
  // 70,000 (busybox, once) + passwd (58) + 'busybox' (7) + '/bin/busybox' (12) + a 126-byte target: lstat agrees.
  expect(image.layers[0].contentBytes).toBe(lstatBytes(amd64Dirs[0]));
  expect(image.layers[0].contentBytes).toBe(70_000 + 58 + 7 + 12 + 126);
});

test('a platform whose blobs the archive lacks is skipped; an image with no platform left is an error', async () => {
  const platforms = [
    { os: 'linux', architecture: 'amd64', dirs: amd64Dirs, user: 'app' },
    { os: 'linux', architecture: 'arm64', dirs: arm64Dirs, user: 'app' },
  ];
  const partial = containerdArchive(platforms, { dropBlobsOf: 'arm64' });
  const images = await scanImageArchivePlatforms(chunked(partial.archive), { imageId: partial.imageId, compressedSize: false });
  expect(images.map((image) => image.platform)).toEqual(['linux/amd64']);
  const none = containerdArchive([platforms[1], { ...platforms[1], architecture: 'arm64' }], { dropBlobsOf: 'arm64' });
  await expect(scanImageArchivePlatforms(chunked(none.archive), { imageId: none.imageId, compressedSize: false })).rejects.toThrow(
    /no image config with layers/,
  );
});

describe('findImages (pure)', () => {
  const config = (architecture: string) =>
    JSON.stringify({ architecture, os: 'linux', rootfs: { diff_ids: ['sha256:' + 'a'.repeat(64)] } });
  const hex = (text: string) => sha256(text);

  test('an image id that names the config itself (the classic store) gives that config', () => {
    const documents = new ArchiveDocuments(new Map([[`${hex(config('amd64'))}.json`, config('amd64')]]));
    const [image] = findImages(documents, `sha256:${hex(config('amd64'))}`);
    expect(image).toMatchObject({ platform: 'linux/amd64', configDigest: `sha256:${hex(config('amd64'))}` });
  });

  test('an id the archive does not hold is named in the error', () => {
    expect(() => findImages(new ArchiveDocuments(new Map()), `sha256:${'0'.repeat(64)}`)).toThrow(/does not contain the image sha256:0000/);
  });

  test('nesting deeper than any engine writes is not followed (a hostile index cannot loop)', () => {
    const loopHex = 'b'.repeat(64);
    const loop = JSON.stringify({ manifests: [{ digest: `sha256:${loopHex}` }] });
    expect(() => findImages(new ArchiveDocuments(new Map([[`blobs/sha256/${loopHex}`, loop]])), `sha256:${loopHex}`)).toThrow(
      /no image config/,
    );
  });

  test('a sub-index named from many places is walked once (a hostile index cannot multiply the work)', () => {
    // Four levels of indexes, each naming the next 500 times: walked without de-duplication that is 500^3
    // visits of the last one; walked once per digest it is four documents and one config.
    const configText = config('amd64');
    const documents = new Map([[`blobs/sha256/${hex(configText)}`, configText]]);
    let child = JSON.stringify({ config: { digest: `sha256:${hex(configText)}` }, layers: [] });
    documents.set(`blobs/sha256/${hex(child)}`, child);
    for (let level = 0; level < 3; level += 1) {
      const parent = JSON.stringify({ manifests: Array(500).fill({ digest: `sha256:${hex(child)}` }) });
      documents.set(`blobs/sha256/${hex(parent)}`, parent);
      child = parent;
    }
    let lookups = 0;
    class CountingDocuments extends ArchiveDocuments {
      override byDigest(digest: string | undefined): unknown {
        lookups += 1;
        return super.byDigest(digest);
      }
    }
    const images = findImages(new CountingDocuments(documents), `sha256:${hex(child)}`);
    expect(images.map((image) => image.platform)).toEqual(['linux/amd64']);
    // The start, the two indexes and the manifest below it, and its config: each name read once.
    expect(lookups).toBe(5);
  });

  test('platform names carry the variant when there is one', () => {
    expect(platformName({ os: 'linux', architecture: 'arm', variant: 'v7' })).toBe('linux/arm/v7');
    expect(platformName({})).toBe('unknown/unknown');
  });
});
