// Reading an image's layers once, through `docker save`, for every platform the engine holds of it.
// The figures that follow from the layers alone (the uncompressed and compressed sizes) are computed here,
// so that they mean the same on every engine and image store; the deeper analysis is in analyze.ts.
import { Docker, DockerError } from '../docker/exec.js';
import { GateError } from '../common/errors.js';
import { ArchiveError, KnownLayer, PlainLayerStorage, ScannedImage, scanImageArchivePlatforms } from './archive.js';
import { goGzipGeneration } from './go-gzip/sizer.js';
import { ExpansionLimits, LayerExpansionError } from './expansion-guard.js';

export interface LayerReadOptions {
  /** Measure the compressed size of layers the archive holds uncompressed (blobs already compressed are free). */
  compressedSize: boolean;
  /** What a push stores of the plain layer tars (compressionFor). */
  plainLayers?: PlainLayerStorage;
  /** Layers whose compressed size is known already (the PR image's, when the baseline is read). */
  knownLayers?: KnownLayer[];
  onProgress?: (bytesRead: number) => void;
  /** How far one compressed layer blob may expand (the containerd store's save holds blobs). */
  expansionLimits?: ExpansionLimits;
}

export interface ImageLayers {
  /** One entry per platform, in the order of the image's index (one entry on the classic store). */
  images: ScannedImage[];
  /** Bytes of the docker save stream read. */
  archiveBytes: number;
}

/**
 * How the compressed size was obtained: the sizes of the blobs the store, archive or registry holds
 * (`stored-blobs`); what `docker push` of an engine built with Go 1.7-1.26 (`push-go-classic`) or Go 1.27 and
 * later (`push-go1.27`) uploads, computed exactly; the first of those when no engine says which Go built it
 * (`estimate-go-classic`); or zlib's gzip -6, which records made before release 0.2 hold (`gzip-6`).
 */
export const COMPRESSED_SIZE_METHODS = ['stored-blobs', 'push-go-classic', 'push-go1.27', 'estimate-go-classic', 'gzip-6'] as const;
export type CompressedSizeMethod = (typeof COMPRESSED_SIZE_METHODS)[number];

/** How an image's plain layer tars become the compressed size, and whether the compressor is known or guessed. */
export interface Compression {
  plainLayers: PlainLayerStorage;
  estimate: boolean;
}

/**
 * Pure: what a push of this engine stores of a plain layer tar. The containerd store pushes its blobs as they
 * are (a layer loaded uncompressed is pushed uncompressed); the classic store compresses each layer with the Go
 * release dockerd was built with. Without an engine, or one that does not say its Go, the compressor of the Go
 * releases Docker 20.10 to 29 are built with is assumed, and the figure is called an estimate.
 */
export function compressionFor(engine?: { imageStore: string; goVersion?: string }): Compression {
  if (engine?.imageStore === 'containerd') return { plainLayers: 'as-stored', estimate: false };
  const generation = engine?.goVersion ? goGzipGeneration(engine.goVersion) : undefined;
  return generation ? { plainLayers: generation, estimate: false } : { plainLayers: 'classic', estimate: true };
}

/** Pure: the method in words, for the log. */
export function describeCompressedSizeMethod(method: CompressedSizeMethod): string {
  switch (method) {
    case 'stored-blobs':
      return 'the blobs the image is stored as';
    case 'push-go-classic':
      return "what docker push of this engine uploads: Go 1.7-1.26's compress/gzip";
    case 'push-go1.27':
      return "what docker push of this engine uploads: Go 1.27's compress/gzip";
    case 'estimate-go-classic':
      return 'an estimate: what docker push of an engine built with Go 1.7-1.26 uploads';
    default:
      return "zlib's gzip -6 of each layer";
  }
}

/** Pure: the method a compression gives for an image whose layers are all blobs (`stored-blobs`) or not. */
export function compressionMethod(compression: Compression, allBlobs: boolean): CompressedSizeMethod {
  if (allBlobs) return 'stored-blobs';
  if (compression.estimate) return 'estimate-go-classic';
  return compression.plainLayers === 'go1.27' ? 'push-go1.27' : 'push-go-classic';
}

/** The image's uncompressed size: every layer's own bytes (regular files and symlink targets), layers counted as listed. */
export function uncompressedSizeBytes(image: ScannedImage): number {
  return image.layers.reduce((sum, layer) => sum + layer.contentBytes, 0);
}

/** What a registry stores and `docker pull` downloads: each distinct layer's compressed size, counted once. */
export function compressedSize(image: ScannedImage, compression: Compression): { bytes?: number; method: CompressedSizeMethod } {
  const byDiffId = new Map(image.layers.map((layer) => [layer.diffId, layer]));
  const layers = [...byDiffId.values()];
  const method = compressionMethod(compression, layers.length > 0 && layers.every((layer) => layer.compressedBytesFromBlob));
  if (layers.some((layer) => layer.compressedBytes === undefined)) return { method };
  return { bytes: layers.reduce((sum, layer) => sum + layer.compressedBytes!, 0), method };
}

async function readOnce(docker: Docker, imageId: string, options: LayerReadOptions): Promise<ImageLayers> {
  // `--` so that an image reference can never be read as an option.
  const save = docker.stream(['save', '--', imageId]);
  let archiveBytes = 0;
  try {
    const [images] = await Promise.all([
      scanImageArchivePlatforms(save.stdout, {
        imageId: imageId.startsWith('sha256:') ? imageId : undefined,
        compressedSize: options.compressedSize,
        plainLayers: options.plainLayers,
        knownLayers: options.knownLayers,
        expansionLimits: options.expansionLimits,
        onProgress: (bytes) => {
          archiveBytes = bytes;
          options.onProgress?.(bytes);
        },
      }),
      save.finished,
    ]);
    return { images, archiveBytes };
  } catch (error) {
    docker.killAll();
    if (error instanceof DockerError) throw new GateError('analysis', `docker save failed: ${error.message}`, { cause: error });
    if (error instanceof LayerExpansionError) throw new GateError('analysis', error.message, { cause: error });
    if (error instanceof ArchiveError)
      throw new GateError('analysis', `could not read the image archive: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * One pass over `docker save` (two when a layer only looked like a known one: then everything is compressed
 * again, so a size is never taken from a different layer).
 */
export async function readImageLayers(docker: Docker, imageId: string, options: LayerReadOptions): Promise<ImageLayers> {
  const read = await readOnce(docker, imageId, options);
  const unmatched = read.images.some((image) => image.layers.some((layer) => layer.compressedBytes === undefined));
  if (options.compressedSize && options.knownLayers && unmatched) return readOnce(docker, imageId, { ...options, knownLayers: undefined });
  return read;
}
