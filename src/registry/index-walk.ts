// From an image index to the image manifests it lists, as a registry's manifests are walked: attestation
// entries skipped, each digest fetched once, nested indexes followed to a bounded depth, the number of manifests
// fetched bounded. Pure but for the fetch it is given, so that it can be tested over JSON in memory.
import { Descriptor, isAttestation, isIndexDescriptor, ManifestDocument, ManifestFormatError, platformString } from './manifest.js';

export interface WalkLimits {
  /** Indexes nested deeper than this (the root is depth 1) are refused. */
  maxDepth: number;
  /** Manifests fetched in one walk, indexes included. */
  maxManifests: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { maxDepth: 4, maxManifests: 128 };

export type ImageManifest = Extract<ManifestDocument, { kind: 'image' }>;
export type IndexDocument = Extract<ManifestDocument, { kind: 'index' }>;

export interface FoundManifest {
  /** The index entry that led to it. */
  descriptor: Descriptor;
  manifest: ImageManifest;
}

/** Fetches the document a descriptor points to (its digest and size checked by the fetcher). */
export type FetchManifest = (descriptor: Descriptor) => Promise<ManifestDocument>;

/** Whether a platform asked for (`linux/arm64`) covers an entry's (`linux/arm64/v8`). */
export function platformMatches(wanted: string, descriptor: Descriptor): boolean {
  if (!descriptor.platform) return true;
  const actual = platformString(descriptor.platform);
  return actual === wanted || (wanted.split('/').length === 2 && actual.startsWith(`${wanted}/`));
}

/**
 * The image manifests under `root` (whose digest is `rootDigest`), in the index's order. `wanted` limits the
 * platforms fetched (all when undefined). Throws ManifestFormatError past a limit.
 */
export async function walkIndex(
  rootDigest: string,
  root: IndexDocument,
  fetch: FetchManifest,
  limits: WalkLimits = DEFAULT_WALK_LIMITS,
  wanted?: string[],
): Promise<FoundManifest[]> {
  const visited = new Set([rootDigest]);
  const found: FoundManifest[] = [];
  let fetched = 0;
  const visit = async (index: IndexDocument, depth: number): Promise<void> => {
    for (const descriptor of index.manifests) {
      if (isAttestation(descriptor) || visited.has(descriptor.digest)) continue;
      if (!isIndexDescriptor(descriptor) && wanted && !wanted.some((platform) => platformMatches(platform, descriptor))) continue;
      visited.add(descriptor.digest);
      fetched += 1;
      if (fetched > limits.maxManifests) throw new ManifestFormatError(`the index lists more than ${limits.maxManifests} manifests`);
      const document = await fetch(descriptor);
      if (document.kind === 'image') {
        found.push({ descriptor, manifest: document });
        continue;
      }
      if (depth + 1 > limits.maxDepth) throw new ManifestFormatError(`the index nests indexes deeper than ${limits.maxDepth} levels`);
      await visit(document, depth + 1);
    }
  };
  await visit(root, 1);
  return found;
}
