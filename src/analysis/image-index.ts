// Finding the images a `docker save` archive holds, from its small JSON members. Pure.
// Three layouts are met:
// - the classic docker-archive: `manifest.json` names `<config-hex>.json` and `<id>/layer.tar` members;
// - the OCI layout the classic store writes since Docker 25: `index.json` -> manifest -> config, layers as
//   uncompressed blobs;
// - the containerd image store's OCI layout: `index.json` names an image index (a manifest list) whose
//   entries are one manifest per platform plus attestation manifests (platform `unknown/unknown`, annotated
//   `vnd.docker.reference.type: attestation-manifest`, config without layers), layers as gzip (or zstd) blobs.
// The image id the engine gives is the config's digest on the classic store and the digest of the index
// (or manifest) on the containerd store, so the walk starts from whichever document that digest names.

export interface ImageConfigHistory {
  created_by?: string;
  empty_layer?: boolean;
  comment?: string;
}

/** What the gate reads from an image config besides its layers. */
export interface ImageConfigSummary {
  os: string;
  architecture: string;
  variant?: string;
  /** Config.User as written ('' when unset). */
  user: string;
  exposedPorts: string[];
  /** Paths the image declares as VOLUME, exactly as written (untrusted). */
  volumes: string[];
}

export class ImageIndexError extends Error {}

export interface ImageConfigJson {
  os?: string;
  architecture?: string;
  variant?: string;
  config?: { User?: string; ExposedPorts?: Record<string, unknown> | null; Volumes?: Record<string, unknown> | null } | null;
  rootfs?: { diff_ids?: string[] };
  history?: ImageConfigHistory[];
}

export interface IndexedImage {
  platform: string;
  configDigest: string;
  config: ImageConfigSummary;
  diffIds: string[];
  history: ImageConfigHistory[];
}

interface Descriptor {
  mediaType?: string;
  digest?: string;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

interface JsonDocument {
  mediaType?: string;
  manifests?: Descriptor[];
  config?: Descriptor;
  layers?: Descriptor[];
  rootfs?: unknown;
}

const ATTESTATION = 'attestation-manifest';
const MAX_DEPTH = 4;

function hexOf(digest: string | undefined): string | undefined {
  const match = /^(?:sha256:)?([0-9a-f]{64})$/.exec(digest ?? '');
  return match?.[1];
}

function parse(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isAttestation(descriptor: Descriptor): boolean {
  const platform = descriptor.platform;
  return (
    descriptor.annotations?.['vnd.docker.reference.type'] === ATTESTATION ||
    (platform?.os === 'unknown' && platform.architecture === 'unknown')
  );
}

export function platformName(config: { os?: string; architecture?: string; variant?: string }): string {
  return [config.os || 'unknown', config.architecture || 'unknown', config.variant].filter(Boolean).join('/');
}

function summarize(config: ImageConfigJson): ImageConfigSummary {
  return {
    os: config.os ?? '',
    architecture: config.architecture ?? '',
    variant: config.variant,
    user: config.config?.User ?? '',
    exposedPorts: Object.keys(config.config?.ExposedPorts ?? {}),
    volumes: Object.keys(config.config?.Volumes ?? {}),
  };
}

/** The documents of an archive by digest (blobs, classic `<hex>.json` configs) and by name (index.json, manifest.json). */
export class ArchiveDocuments {
  constructor(private readonly jsonByName: Map<string, string>) {}

  byName(name: string): unknown {
    return parse(this.jsonByName.get(name));
  }

  byDigest(digest: string | undefined): unknown {
    const hex = hexOf(digest);
    if (!hex) return undefined;
    return parse(this.jsonByName.get(`blobs/sha256/${hex}`) ?? this.jsonByName.get(`${hex}.json`));
  }
}

/**
 * Every image (one per platform) the archive holds for `imageId`, or for the archive's own index when no id
 * is given. Attestation manifests are skipped; platforms whose blobs the archive lacks are skipped too.
 */
export function findImages(documents: ArchiveDocuments, imageId: string | undefined): IndexedImage[] {
  const images: IndexedImage[] = [];
  // Each document once: a hostile archive may name one sub-index from many places, or from itself.
  const visited = new Set<string>();
  /** The document a digest names, once: undefined when it was visited already. */
  const firstTime = (digest: string | undefined): unknown => {
    const key = hexOf(digest) ?? digest ?? '';
    if (visited.has(key)) return undefined;
    visited.add(key);
    return documents.byDigest(digest);
  };
  const visit = (document: unknown, digest: string | undefined, depth: number): void => {
    if (!document || typeof document !== 'object' || depth > MAX_DEPTH) return;
    const doc = document as JsonDocument;
    if (Array.isArray(doc.manifests)) {
      for (const entry of doc.manifests) if (!isAttestation(entry)) visit(firstTime(entry.digest), entry.digest, depth + 1);
    } else if (doc.config && Array.isArray(doc.layers)) {
      visit(firstTime(doc.config.digest), doc.config.digest, depth + 1);
    } else if (doc.rootfs !== undefined && digest) {
      addConfig(images, doc as ImageConfigJson, digest);
    }
  };
  if (imageId) {
    const start = firstTime(imageId);
    if (start === undefined) throw new ImageIndexError(`the archive does not contain the image ${imageId}`);
    visit(start, imageId, 0);
  } else {
    const index = documents.byName('index.json');
    if (index) visit(index, undefined, 0);
    else visitClassicManifest(documents, (config, digest) => addConfig(images, config, digest));
  }
  if (images.length === 0) throw new ImageIndexError('the archive holds no image config with layers (rootfs.diff_ids) for any platform');
  return images;
}

function visitClassicManifest(documents: ArchiveDocuments, onConfig: (config: ImageConfigJson, digest: string) => void): void {
  const manifest = documents.byName('manifest.json');
  const first = Array.isArray(manifest) ? (manifest[0] as { Config?: string } | undefined) : undefined;
  const hex = hexOf(first?.Config?.replace(/^blobs\/sha256\//, '').replace(/\.json$/, ''));
  const config = hex ? documents.byDigest(hex) : undefined;
  if (hex && config && typeof config === 'object') onConfig(config as ImageConfigJson, `sha256:${hex}`);
}

function addConfig(images: IndexedImage[], config: ImageConfigJson, digest: string): void {
  const diffIds = config.rootfs?.diff_ids;
  if (!Array.isArray(diffIds)) return;
  const configDigest = `sha256:${hexOf(digest)}`;
  if (images.some((image) => image.configDigest === configDigest)) return;
  images.push({ platform: platformName(config), configDigest, config: summarize(config), diffIds, history: config.history ?? [] });
}
