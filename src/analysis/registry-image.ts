// An image in a registry read as the members of an image archive, without `docker pull`: its index, manifests
// and configs (as the registry client resolved them) become the scan's JSON documents, and each layer blob is
// streamed from the registry straight into the layer reader, never stored. A layer whose diffID the other image
// of a comparison has already read is not downloaded again: that reading is reused, with the size this
// registry stores for it.
import { ArchiveMember } from './archive.js';
import { ScannedLayer } from './layer-reader.js';
import { RegistryClient } from '../registry/client.js';
import { ResolvedImage, ResolvedPlatform } from '../registry/resolve.js';

/** Layers read already, by diffID (the gated image's, when its baseline comes from a registry). */
export type ReadLayers = Map<string, ScannedLayer>;

/** What reading an image from its registry cost: the layer blobs downloaded, and the layers taken from another reading. */
export interface RegistryReadStats {
  downloadedBytes: number;
  downloadedLayers: number;
  reusedLayers: number;
}

function hexOf(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1);
}

function jsonMember(name: string, value: unknown): ArchiveMember {
  const bytes = Buffer.from(JSON.stringify(value), 'utf8');
  return {
    name,
    sizeBytes: bytes.length,
    data: async function* () {
      yield bytes;
    },
  };
}

/**
 * Pure: the scanned layers with the compressed size the registry stores for each (its manifest's blob size),
 * whether the blob was read or a reading of the same layer reused.
 */
export function withRegistrySizes(layers: ScannedLayer[], platform: ResolvedPlatform): ScannedLayer[] {
  const diffIds = diffIdsOf(platform) ?? [];
  const sizeByDiffId = new Map(diffIds.map((diffId, index) => [diffId, platform.layers[index]?.sizeBytes]));
  return layers.map((layer) => {
    const stored = sizeByDiffId.get(layer.diffId);
    return stored === undefined
      ? layer
      : { ...layer, compressedBytes: stored, compressedBytesFromBlob: true, compressedBytesReused: false };
  });
}

/** Pure: a platform's diffIDs in manifest order (the config's rootfs.diff_ids), or undefined when the config says none. */
export function diffIdsOf(platform: ResolvedPlatform): string[] | undefined {
  const rootfs = platform.config.rootfs as { diff_ids?: unknown } | undefined;
  const ids = rootfs?.diff_ids;
  return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? (ids as string[]) : undefined;
}

/**
 * The members of a resolved image: a synthetic index.json naming each platform's manifest, the manifests and
 * configs under their digests (what the scan's image finder walks), then the layers, in the manifest's order,
 * each distinct blob once. What the registry stores of each layer is the size its manifest lists
 * (withRegistrySizes).
 */
export async function* registryImageMembers(
  client: RegistryClient,
  image: ResolvedImage,
  alreadyRead: ReadLayers = new Map(),
  stats: RegistryReadStats = { downloadedBytes: 0, downloadedLayers: 0, reusedLayers: 0 },
): AsyncIterable<ArchiveMember> {
  const target = { registry: image.reference.registry, repository: image.reference.repository };
  yield jsonMember('index.json', { manifests: image.platforms.map((platform) => ({ digest: platform.manifestDigest })) });
  for (const platform of image.platforms) {
    const manifest = { config: { digest: platform.configDigest }, layers: platform.layers.map((layer) => ({ digest: layer.digest })) };
    yield jsonMember(`blobs/sha256/${hexOf(platform.manifestDigest)}`, manifest);
    yield jsonMember(`blobs/sha256/${hexOf(platform.configDigest)}`, platform.config);
  }
  const seen = new Set<string>();
  for (const platform of image.platforms) {
    const diffIds = diffIdsOf(platform);
    for (const [index, layer] of platform.layers.entries()) {
      if (seen.has(layer.digest)) continue;
      seen.add(layer.digest);
      const known = diffIds?.[index] === undefined ? undefined : alreadyRead.get(diffIds[index]);
      if (known) {
        stats.reusedLayers += 1;
        yield { reused: known };
        continue;
      }
      stats.downloadedBytes += layer.sizeBytes;
      stats.downloadedLayers += 1;
      yield {
        name: `blobs/sha256/${hexOf(layer.digest)}`,
        sizeBytes: layer.sizeBytes,
        data: async function* () {
          yield* (await client.openBlob(target, layer.digest, layer.sizeBytes)) as AsyncIterable<Buffer>;
        },
      };
    }
  }
}
