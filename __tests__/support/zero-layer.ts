// An OCI image layout whose one layer is a gzip of a tar holding one file of zeros: a decompression bomb when
// the file is large (600 MB of zeros compress to about 0.6 MB). Written by streaming, never held in memory.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { header } from './synthetic-image.js';

const BLOCK = 512;
const CHUNK = Buffer.alloc(1 << 20);

async function* zeroTar(zeroBytes: number): AsyncIterable<Buffer> {
  yield header('zeros.bin', '0', zeroBytes, 0o644);
  for (let left = zeroBytes; left > 0; left -= CHUNK.length) yield CHUNK.subarray(0, Math.min(left, CHUNK.length));
  yield Buffer.alloc(((BLOCK - (zeroBytes % BLOCK)) % BLOCK) + 2 * BLOCK);
}

function hashing(hash: ReturnType<typeof createHash>, counted?: { bytes: number }) {
  return async function* (source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
    for await (const chunk of source) {
      hash.update(chunk);
      if (counted) counted.bytes += chunk.length;
      yield chunk;
    }
  };
}

async function blob(dir: string, bytes: Buffer): Promise<{ digest: string; size: number }> {
  const hex = createHash('sha256').update(bytes).digest('hex');
  await writeFile(path.join(dir, 'blobs/sha256', hex), bytes);
  return { digest: `sha256:${hex}`, size: bytes.length };
}

/**
 * Writes the layout into `dir` (created); the image runs as uid 65534. With `tag`, `docker load` of the layout's
 * files in a tar gives the image that name. Returns the layer blob's compressed size.
 */
export async function writeZeroLayerLayout(dir: string, zeroBytes: number, tag?: string): Promise<{ gzipBytes: number }> {
  await mkdir(path.join(dir, 'blobs/sha256'), { recursive: true });
  const tarHash = createHash('sha256');
  const gzipHash = createHash('sha256');
  const gzip = { bytes: 0 };
  const temporary = path.join(dir, 'blobs/sha256/layer.partial');
  await pipeline(Readable.from(zeroTar(zeroBytes)), hashing(tarHash), createGzip(), hashing(gzipHash, gzip), createWriteStream(temporary));
  const layerHex = gzipHash.digest('hex');
  await rename(temporary, path.join(dir, 'blobs/sha256', layerHex));
  const config = await blob(
    dir,
    Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        config: { User: '65534' },
        rootfs: { type: 'layers', diff_ids: [`sha256:${tarHash.digest('hex')}`] },
        history: [{ created_by: 'COPY zeros.bin /' }],
      }),
    ),
  );
  const layer = { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: `sha256:${layerHex}`, size: gzip.bytes };
  const manifest = await blob(
    dir,
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: [layer],
      }),
    ),
  );
  const annotations = tag
    ? { annotations: { 'io.containerd.image.name': `docker.io/${tag}`, 'org.opencontainers.image.ref.name': tag } }
    : {};
  const index = { schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, ...annotations }] };
  await writeFile(path.join(dir, 'index.json'), JSON.stringify(index));
  await writeFile(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  return { gzipBytes: gzip.bytes };
}
