// An image in a registry resolved to what the analysis reads: per platform the manifest's digest, the config
// (parsed JSON, digest checked) and the layers as the manifest lists them, whose size is the compressed size the
// registry stores. Pure but for the ManifestSource it is given (the client), so that it stays below the client.
import { RegistryAsk, RegistryTarget } from './errors.js';
import { DEFAULT_WALK_LIMITS, FoundManifest, walkIndex } from './index-walk.js';
import { Descriptor, ManifestDocument, ManifestFormatError, platformString } from './manifest.js';
import { ImageReference } from './reference.js';

/** Image configs larger than this are refused: a config with a long history is a few hundred kilobytes. */
export const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

export interface RegistryLayer {
  digest: string;
  /** `application/vnd.oci.image.layer.v1.tar+gzip`, `…+zstd`, `…tar`, Docker's `…rootfs.diff.tar.gzip`. */
  mediaType: string;
  /** The blob's size as the registry stores it: compressed when the layer is. */
  sizeBytes: number;
}

export interface ResolvedPlatform {
  /** `linux/amd64`, `linux/arm/v7`. */
  platform: string;
  manifestDigest: string;
  configDigest: string;
  /** The image config as JSON (`architecture`, `os`, `config`, `rootfs`, `history`, …), its digest checked. */
  config: Record<string, unknown>;
  layers: RegistryLayer[];
}

export interface ResolvedImage {
  reference: ImageReference;
  /** The digest of the manifest or index the reference names. */
  digest: string;
  /** Its media type (an index or a manifest). */
  mediaType: string;
  /** One entry per platform, attestation manifests left out, in the index's order. */
  platforms: ResolvedPlatform[];
}

/** What resolving needs of a client: documents by tag or digest, and small JSON blobs. */
export interface ManifestSource {
  /** The document named by a tag or digest; with `expected`, its digest and size are checked against the descriptor. */
  fetchManifest(
    target: RegistryTarget,
    tagOrDigest: string,
    expected?: Descriptor,
  ): Promise<{ document: ManifestDocument; digest: string }>;
  /** A blob of at most `maxBytes` parsed as a JSON object, its digest and size checked. */
  readJsonBlob(target: RegistryTarget, descriptor: Descriptor, maxBytes: number): Promise<Record<string, unknown>>;
  /** The error to throw for a malformed document. */
  formatError(target: RegistryTarget, ask: RegistryAsk, reason: string): Error;
}

function platformOfConfig(config: Record<string, unknown>): string {
  const part = (key: string) => (typeof config[key] === 'string' && config[key] !== '' ? (config[key] as string) : undefined);
  return platformString({ os: part('os') ?? 'unknown', architecture: part('architecture') ?? 'unknown', variant: part('variant') });
}

async function resolvePlatform(
  source: ManifestSource,
  target: RegistryTarget,
  found: FoundManifest,
  digest: string,
): Promise<ResolvedPlatform> {
  const { manifest, descriptor } = found;
  const config = await source.readJsonBlob(target, manifest.config, MAX_CONFIG_BYTES);
  return {
    platform: descriptor.platform ? platformString(descriptor.platform) : platformOfConfig(config),
    manifestDigest: digest,
    configDigest: manifest.config.digest,
    config,
    layers: manifest.layers.map((layer) => ({ digest: layer.digest, mediaType: layer.mediaType, sizeBytes: layer.sizeBytes })),
  };
}

/**
 * Resolves a reference: its manifest (by digest when it pins one, else by tag), and when that is an index the
 * platform manifests under it. `platforms` (`linux/amd64`) limits which of an index's platforms are fetched.
 */
export async function resolveImage(source: ManifestSource, reference: ImageReference, platforms?: string[]): Promise<ResolvedImage> {
  const target = { registry: reference.registry, repository: reference.repository };
  const name = reference.digest ?? reference.tag ?? 'latest';
  const root = await source.fetchManifest(target, name);
  const resolved = { reference, digest: root.digest, mediaType: root.document.mediaType };
  if (root.document.kind === 'image') {
    const descriptor: Descriptor = { mediaType: root.document.mediaType, digest: root.digest, sizeBytes: 0 };
    return { ...resolved, platforms: [await resolvePlatform(source, target, { descriptor, manifest: root.document }, root.digest)] };
  }
  let found: FoundManifest[];
  try {
    found = await walkIndex(
      root.digest,
      root.document,
      async (descriptor) => (await source.fetchManifest(target, descriptor.digest, descriptor)).document,
      DEFAULT_WALK_LIMITS,
      platforms,
    );
  } catch (error) {
    if (error instanceof ManifestFormatError) throw source.formatError(target, { kind: 'index' }, error.message);
    throw error;
  }
  const resolvedPlatforms: ResolvedPlatform[] = [];
  for (const entry of found) resolvedPlatforms.push(await resolvePlatform(source, target, entry, entry.descriptor.digest));
  return { ...resolved, platforms: resolvedPlatforms };
}

/** The layer digests two platforms (of one image or two) share: blobs to read once. */
export function sharedLayerDigests(a: Pick<ResolvedPlatform, 'layers'>, b: Pick<ResolvedPlatform, 'layers'>): Set<string> {
  const inA = new Set(a.layers.map((layer) => layer.digest));
  return new Set(b.layers.map((layer) => layer.digest).filter((digest) => inA.has(digest)));
}
