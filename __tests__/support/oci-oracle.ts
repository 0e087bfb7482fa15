// The oracle for an image in an OCI layout or archive (podman save --format oci-archive, buildx --output type=oci),
// by GNU tar and a few lines of JSON walking here, not by the gate's reader: its first image's layers, listed by
// `tar --list --verbose` (gzip blobs or plain tars alike), and the sizes of the blobs it stores them as.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface Descriptor {
  mediaType?: string;
  digest: string;
  platform?: { os?: string; architecture?: string };
}

function blob(dir: string, digest: string): string {
  return path.join(dir, 'blobs', ...digest.split(':'));
}

/** The first image manifest an index reaches (attestation entries, platform unknown/unknown, skipped). */
function firstManifest(dir: string, descriptors: Descriptor[]): { layers: Descriptor[] } {
  for (const descriptor of descriptors) {
    if (descriptor.platform?.os === 'unknown') continue;
    const document = JSON.parse(readFileSync(blob(dir, descriptor.digest), 'utf8')) as { manifests?: Descriptor[]; layers?: Descriptor[] };
    if (document.manifests) return firstManifest(dir, document.manifests);
    if (document.layers) return { layers: document.layers };
  }
  throw new Error(`no image manifest in the layout ${dir}`);
}

/** Sizes of regular files plus the byte lengths of symlink targets, from `tar --list --verbose` lines. */
export function listingBytes(listings: string[][]): number {
  let total = 0;
  for (const listing of listings) {
    for (const line of listing) {
      if (line.startsWith('-')) total += Number(line.split(/\s+/)[2]);
      else if (line.startsWith('l')) total += Buffer.byteLength(line.slice(line.indexOf(' -> ') + 4));
    }
  }
  return total;
}

/** The layers' own bytes and the blobs' total size of the first image in an OCI layout directory or archive tar. */
export function ociImageFigures(layoutOrTar: string): { sizeBytes: number; blobBytes: number; layerCount: number } {
  const isDirectory = statSync(layoutOrTar).isDirectory();
  const dir = isDirectory ? layoutOrTar : mkdtempSync(path.join(tmpdir(), 'isg-oci-'));
  try {
    if (!isDirectory) execFileSync('tar', ['-x', '-C', dir, '-f', layoutOrTar]);
    const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as { manifests: Descriptor[] };
    const { layers } = firstManifest(dir, index.manifests);
    const listings = layers.map((layer) =>
      execFileSync('tar', ['--list', '--verbose', '--quoting-style=literal', '--file', blob(dir, layer.digest)], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      })
        .split('\n')
        .filter(Boolean),
    );
    const blobBytes = layers.reduce((sum, layer) => sum + statSync(blob(dir, layer.digest)).size, 0);
    return { sizeBytes: listingBytes(listings), blobBytes, layerCount: layers.length };
  } finally {
    if (!isDirectory) rmSync(dir, { recursive: true, force: true });
  }
}
