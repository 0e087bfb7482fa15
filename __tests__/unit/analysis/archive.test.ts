// The `docker save` reader on archives made here from layer tars that GNU tar wrote: the classic layout
// (what Docker 20.10 to 24 save) and the OCI layout with gzip-compressed blobs (what the containerd image
// store saves), which no engine on this machine writes. Both must give the same layers; diffIDs and
// compressed sizes are checked against node's own sha256 and gzip, and against the Go push models (go-gzip/).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { ArchiveError, scanImageArchive } from '../../../src/analysis/archive.js';
import { GoGzipSizer } from '../../../src/analysis/go-gzip/sizer.js';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

let workDir: string;
let layerTars: Buffer[];
let config: Buffer;

/** An archive from name → bytes, written by GNU tar like `docker save` writes its own. */
function archiveOf(members: Record<string, Buffer>): Buffer {
  const root = mkdtempSync(path.join(workDir, 'archive-'));
  for (const [name, bytes] of Object.entries(members)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), bytes);
  }
  return execFileSync('tar', ['--create', '--format=pax', '--sort=name', '--directory', root, ...Object.keys(members)], {
    maxBuffer: 1 << 28,
  });
}

function classicArchive(): Buffer {
  const members: Record<string, Buffer> = {};
  const manifestLayers: string[] = [];
  layerTars.forEach((tar, index) => {
    const id = sha256(`layer ${index}`);
    members[`${id}/layer.tar`] = tar;
    members[`${id}/VERSION`] = Buffer.from('1.0');
    manifestLayers.push(`${id}/layer.tar`);
  });
  const configHex = sha256(config);
  members[`${configHex}.json`] = config;
  members['manifest.json'] = Buffer.from(JSON.stringify([{ Config: `${configHex}.json`, RepoTags: null, Layers: manifestLayers }]));
  return archiveOf(members);
}

function ociArchive(): { archive: Buffer; gzipSizes: number[] } {
  const members: Record<string, Buffer> = {};
  const gzipSizes: number[] = [];
  const layers = layerTars.map((tar) => {
    const gz = gzipSync(tar, { level: 6 });
    gzipSizes.push(gz.length);
    members[`blobs/sha256/${sha256(gz)}`] = gz;
    return { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: `sha256:${sha256(gz)}`, size: gz.length };
  });
  members[`blobs/sha256/${sha256(config)}`] = config;
  const manifest = Buffer.from(
    JSON.stringify({ schemaVersion: 2, config: { digest: `sha256:${sha256(config)}`, size: config.length }, layers }),
  );
  members[`blobs/sha256/${sha256(manifest)}`] = manifest;
  members['index.json'] = Buffer.from(
    JSON.stringify({ schemaVersion: 2, manifests: [{ digest: `sha256:${sha256(manifest)}`, size: manifest.length }] }),
  );
  members['oci-layout'] = Buffer.from('{"imageLayoutVersion":"1.0.0"}');
  members['manifest.json'] = Buffer.from(
    JSON.stringify([{ Config: `blobs/sha256/${sha256(config)}`, Layers: layers.map((layer) => `blobs/sha256/${layer.digest.slice(7)}`) }]),
  );
  return { archive: archiveOf(members), gzipSizes };
}

/** Feeds the archive in awkward chunks, as a pipe would. */
function chunked(archive: Buffer, size = 65_531): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < archive.length; offset += size) chunks.push(archive.subarray(offset, offset + size));
  return Readable.from(chunks);
}

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'isg-archive-'));
  const base = path.join(workDir, 'base');
  mkdirSync(path.join(base, 'etc'), { recursive: true });
  mkdirSync(path.join(base, 'data'), { recursive: true });
  writeFileSync(path.join(base, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001::/:/nonexistent\n');
  // Several compression blocks of real machine code (the start of node's own binary) and a little text.
  writeFileSync(path.join(base, 'data/noise.bin'), readFileSync(process.execPath).subarray(0, 5 << 20));
  writeFileSync(path.join(base, 'data/text.txt'), 'the quick brown fox jumps over the lazy dog\n'.repeat(5_000));
  const top = path.join(workDir, 'top');
  mkdirSync(path.join(top, 'data'), { recursive: true });
  writeFileSync(path.join(top, 'data/.wh.noise.bin'), '');
  writeFileSync(path.join(top, 'data/new.txt'), 'new\n');
  layerTars = [base, top].map((dir) =>
    execFileSync('tar', ['--create', '--format=pax', '--sort=name', '--directory', dir, '.'], { maxBuffer: 1 << 28 }),
  );
  config = Buffer.from(
    JSON.stringify({
      rootfs: { type: 'layers', diff_ids: layerTars.map((tar) => `sha256:${sha256(tar)}`) },
      history: [{ created_by: 'COPY base /' }, { created_by: 'COPY top /' }],
    }),
  );
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

test("the classic layout: diffIDs, entries, /etc/passwd, and each layer's size as docker push of a Go <= 1.26 engine makes it", async () => {
  const scanned = await scanImageArchive(chunked(classicArchive()), { compressedSize: true });
  expect(scanned.layers.map((layer) => layer.diffId)).toEqual(layerTars.map((tar) => `sha256:${sha256(tar)}`));
  expect(scanned.layers.map((layer) => layer.tarBytes)).toEqual(layerTars.map((tar) => tar.length));
  expect(scanned.layers[0].userFiles?.get('/etc/passwd')?.toString()).toContain('app:x:10001');
  expect(scanned.layers[1].entries.map((entry) => entry.path)).toEqual(['/data', '/data/.wh.noise.bin', '/data/new.txt']);
  expect(scanned.history.map((step) => step.created_by)).toEqual(['COPY base /', 'COPY top /']);
  // The model itself is held against Go's output in go-gzip.test.ts; here, that the scan feeds it each layer.
  scanned.layers.forEach((layer, index) => {
    const sizer = new GoGzipSizer('classic');
    sizer.write(layerTars[index]);
    expect(layer.compressedBytes).toBe(sizer.finish());
  });
});

test('plain layer tars: sized by the Go 1.27 model when asked, or taken as stored (the containerd store)', async () => {
  const modern = await scanImageArchive(chunked(classicArchive()), { compressedSize: true, plainLayers: 'go1.27' });
  const stored = await scanImageArchive(chunked(classicArchive()), { compressedSize: true, plainLayers: 'as-stored' });
  modern.layers.forEach((layer, index) => {
    const sizer = new GoGzipSizer('go1.27');
    sizer.write(layerTars[index]);
    expect(layer.compressedBytes).toBe(sizer.finish());
  });
  expect(stored.layers.map((layer) => layer.compressedBytes)).toEqual(layerTars.map((tar) => tar.length));
  expect(stored.layers.every((layer) => layer.compressedBytesFromBlob)).toBe(true);
});

test('the OCI layout with gzip blobs gives the same layers, and the blob sizes exactly as compressed sizes', async () => {
  const classic = await scanImageArchive(chunked(classicArchive()), { compressedSize: true });
  const { archive, gzipSizes } = ociArchive();
  const oci = await scanImageArchive(chunked(archive, 4099), { compressedSize: true });
  expect(oci.layers.map((layer) => layer.compressedBytes)).toEqual(gzipSizes);
  expect(oci.layers.map(({ diffId, entries, tarBytes, userFiles }) => ({ diffId, entries, tarBytes, userFiles }))).toEqual(
    classic.layers.map(({ diffId, entries, tarBytes, userFiles }) => ({ diffId, entries, tarBytes, userFiles })),
  );
});

test('without the compressed size, no layer has one', async () => {
  const scanned = await scanImageArchive(chunked(classicArchive()), { compressedSize: false });
  expect(scanned.layers.map((layer) => layer.compressedBytes)).toEqual([undefined, undefined]);
});

test('a truncated gzip blob is an archive error, not a crash', async () => {
  const { archive } = ociArchive();
  // Replace the first layer blob's bytes with a gzip stream cut short (same length, so the tar stays valid).
  const broken = Buffer.from(archive);
  const gz = gzipSync(layerTars[0], { level: 6 });
  const at = broken.indexOf(gz.subarray(0, 64));
  expect(at).toBeGreaterThan(0);
  broken.fill(0, at + 200, at + gz.length);
  await expect(scanImageArchive(chunked(broken), { compressedSize: true })).rejects.toThrow(ArchiveError);
});

test('a layer tar with a corrupted header is an archive error naming the byte', async () => {
  const archive = classicArchive();
  const broken = Buffer.from(archive);
  const at = broken.indexOf(layerTars[1].subarray(0, 100));
  expect(at % 512).toBe(0);
  broken[at + 5] ^= 0xff;
  await expect(scanImageArchive(chunked(broken), { compressedSize: true })).rejects.toThrow(
    new ArchiveError('not a valid tar header at byte 0 (checksum mismatch)'),
  );
});

test('an archive without the config the caller names says so', async () => {
  await expect(scanImageArchive(chunked(classicArchive()), { compressedSize: false, imageId: `sha256:${'0'.repeat(64)}` })).rejects.toThrow(
    /does not contain the image sha256:0000/,
  );
});

describe('compressed sizes known from another image (the PR image, when the baseline is read)', () => {
  test('a layer with a known diffID and length is not compressed again: the known size is taken', async () => {
    const first = await scanImageArchive(chunked(classicArchive()), { compressedSize: true });
    // A made-up size proves that no compression ran for the first layer; the second is not known and is compressed.
    const knownLayers = [{ diffId: first.layers[0].diffId, tarBytes: first.layers[0].tarBytes, compressedBytes: 12_345 }];
    const again = await scanImageArchive(chunked(classicArchive()), { compressedSize: true, knownLayers });
    expect(again.layers.map((layer) => layer.compressedBytes)).toEqual([12_345, first.layers[1].compressedBytes]);
  });

  test('a layer of the same length but another diffID is left without a size, for the caller to read again', async () => {
    const first = await scanImageArchive(chunked(classicArchive()), { compressedSize: true });
    const decoy = [{ diffId: `sha256:${'1'.repeat(64)}`, tarBytes: first.layers[1].tarBytes, compressedBytes: 99 }];
    const again = await scanImageArchive(chunked(classicArchive()), { compressedSize: true, knownLayers: decoy });
    expect(again.layers.map((layer) => layer.compressedBytes)).toEqual([first.layers[0].compressedBytes, undefined]);
  });
});
