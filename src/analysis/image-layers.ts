// Reading an image's layers once, through `docker save`, for every platform the engine holds of it.
// The figures that follow from the layers alone (the uncompressed and compressed sizes) are computed here,
// so that they mean the same on every engine and image store; the deeper analysis is in analyze.ts.
import { Docker, DockerError } from '../docker/exec.js';
import { GateError } from '../common/errors.js';
import { ArchiveError, KnownLayer, ScannedImage, scanImageArchivePlatforms } from './archive.js';

export interface LayerReadOptions {
  /** Measure the compressed size of layers the archive holds uncompressed (blobs already compressed are free). */
  compressedSize: boolean;
  /** Layers whose compressed size is known already (the PR image's, when the baseline is read). */
  knownLayers?: KnownLayer[];
  onProgress?: (bytesRead: number) => void;
}

export interface ImageLayers {
  /** One entry per platform, in the order of the image's index (one entry on the classic store). */
  images: ScannedImage[];
  /** Bytes of the docker save stream read. */
  archiveBytes: number;
}

/** How the compressed size was obtained: the sizes of the blobs the engine stores, or gzip -6 of each layer tar. */
export type CompressedSizeMethod = 'stored-blobs' | 'gzip-6';

/** The image's uncompressed size: every layer's own bytes (regular files and symlink targets), layers counted as listed. */
export function uncompressedSizeBytes(image: ScannedImage): number {
  return image.layers.reduce((sum, layer) => sum + layer.contentBytes, 0);
}

/** What a registry stores and `docker pull` downloads: each distinct layer's compressed size, counted once. */
export function compressedSize(image: ScannedImage): { bytes?: number; method: CompressedSizeMethod } {
  const byDiffId = new Map(image.layers.map((layer) => [layer.diffId, layer]));
  const layers = [...byDiffId.values()];
  const method: CompressedSizeMethod =
    layers.length > 0 && layers.every((layer) => layer.compressedBytesFromBlob) ? 'stored-blobs' : 'gzip-6';
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
        knownLayers: options.knownLayers,
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
