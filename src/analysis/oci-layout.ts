// An OCI image layout directory (`docker buildx build --output type=oci,tar=false`, ko, Jib, rules_oci,
// `skopeo copy ... oci:DIR`) read as the members of an image archive: index.json, the manifests and indexes it
// reaches, and the configs and layers they name, each blob once and only if referenced. Blob paths are made
// from validated digests, and only regular files inside the directory are read (a symlink is refused), so a
// hostile layout cannot make the gate read anything else.
import { createReadStream } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ArchiveError, ArchiveMember } from './archive.js';

/** The largest index, manifest or config read whole (a real one is a few KiB; the scan keeps JSON up to 16 MiB). */
const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
/** How deep indexes may nest (an index of indexes of manifests is 2). */
const MAX_INDEX_DEPTH = 4;

interface Descriptor {
  mediaType?: string;
  digest?: string;
  size?: number;
}

interface LayoutDocument {
  manifests?: Descriptor[];
  config?: Descriptor;
  layers?: Descriptor[];
}

/** Pure: the blob path a digest names inside a layout (`blobs/sha256/<hex>`), or why the digest is refused. */
export function blobPath(digest: unknown): string {
  const match = typeof digest === 'string' ? /^(sha256|sha512):([0-9a-f]+)$/.exec(digest) : null;
  const lengths: Record<string, number> = { sha256: 64, sha512: 128 };
  if (!match || match[2].length !== lengths[match[1]])
    throw new ArchiveError(
      `the layout names a blob by ${JSON.stringify(String(digest)).slice(0, 90)}, which is not a sha256 or sha512 digest`,
    );
  return `blobs/${match[1]}/${match[2]}`;
}

async function regularFile(root: string, relative: string): Promise<number> {
  const stats = await lstat(path.join(root, relative)).catch((error: NodeJS.ErrnoException) => {
    throw new ArchiveError(error.code === 'ENOENT' ? `the layout has no ${relative}` : `cannot read ${relative}: ${error.message}`);
  });
  if (!stats.isFile())
    throw new ArchiveError(
      `${relative} in the layout is ${stats.isSymbolicLink() ? 'a symlink' : 'not a regular file'}; only regular files are read`,
    );
  return stats.size;
}

async function document(root: string, relative: string): Promise<{ text: string; sizeBytes: number }> {
  const sizeBytes = await regularFile(root, relative);
  if (sizeBytes > MAX_DOCUMENT_BYTES)
    throw new ArchiveError(
      `${relative} in the layout is ${sizeBytes} bytes, more than an index, manifest or config can be (${MAX_DOCUMENT_BYTES})`,
    );
  return { text: await readFile(path.join(root, relative), 'utf8'), sizeBytes };
}

function parseDocument(text: string, relative: string): LayoutDocument {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') return parsed as LayoutDocument;
  } catch {
    // reported below
  }
  throw new ArchiveError(`${relative} in the layout is not a JSON object`);
}

function checkedSize(descriptor: Descriptor, relative: string, actualBytes: number): void {
  if (typeof descriptor.size === 'number' && descriptor.size !== actualBytes)
    throw new ArchiveError(`${relative} in the layout is ${actualBytes} bytes, but its descriptor says ${descriptor.size}`);
}

function textMember(name: string, text: string): ArchiveMember {
  const bytes = Buffer.from(text, 'utf8');
  return {
    name,
    sizeBytes: bytes.length,
    data: async function* () {
      yield bytes;
    },
  };
}

/** Every member of the layout the image's index reaches, documents before the blobs they name. */
export async function* ociLayoutMembers(root: string): AsyncIterable<ArchiveMember> {
  const layout = parseDocument((await document(root, 'oci-layout')).text, 'oci-layout') as { imageLayoutVersion?: unknown };
  if (typeof layout.imageLayoutVersion !== 'string')
    throw new ArchiveError('oci-layout has no imageLayoutVersion: this is not an OCI image layout');
  const index = await document(root, 'index.json');
  yield textMember('index.json', index.text);
  const seen = new Set<string>();
  const layers: { relative: string; descriptor: Descriptor }[] = [];
  let level: Descriptor[] = parseDocument(index.text, 'index.json').manifests ?? [];
  for (let depth = 0; level.length > 0; depth += 1) {
    if (depth > MAX_INDEX_DEPTH) throw new ArchiveError(`the layout's indexes nest deeper than ${MAX_INDEX_DEPTH}`);
    const next: Descriptor[] = [];
    for (const descriptor of level) {
      const relative = blobPath(descriptor.digest);
      if (seen.has(relative)) continue;
      seen.add(relative);
      const blob = await document(root, relative).catch((error: unknown) => {
        // An index may list platforms whose blobs the layout does not hold (a partial copy): those are skipped.
        if (error instanceof ArchiveError && error.message.startsWith('the layout has no')) return undefined;
        throw error;
      });
      if (!blob) continue;
      checkedSize(descriptor, relative, blob.sizeBytes);
      yield textMember(relative, blob.text);
      const parsed = parseDocument(blob.text, relative);
      // An index names manifests; a manifest names its config and layers. (An image config has a `config`
      // key of its own, the container's settings, which is no descriptor.)
      if (Array.isArray(parsed.manifests)) next.push(...parsed.manifests);
      if (Array.isArray(parsed.layers)) {
        if (parsed.config) next.push(parsed.config);
        for (const layer of parsed.layers) layers.push({ relative: blobPath(layer.digest), descriptor: layer });
      }
    }
    level = next;
  }
  for (const { relative, descriptor } of layers) {
    if (seen.has(relative)) continue;
    seen.add(relative);
    const sizeBytes = await regularFile(root, relative);
    checkedSize(descriptor, relative, sizeBytes);
    yield { name: relative, sizeBytes, data: () => createReadStream(path.join(root, relative), { highWaterMark: 1 << 20 }) };
  }
}
