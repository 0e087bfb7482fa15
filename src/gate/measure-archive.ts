// Measuring an image from a file instead of an engine: a `docker save` tar, an OCI image archive
// (`podman save --format oci-archive`, `skopeo copy ... oci-archive:`) or an OCI image layout directory
// (`docker buildx build --output type=oci,tar=false`, ko, Jib, rules_oci). Every figure comes from the archive's
// own documents and layers, so no engine is needed; the compressed size is its blobs' where it holds them.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ArchiveError, scanImageArchivePlatforms, scanImageMembers, ScannedImage } from '../analysis/archive.js';
import { compressionFor, uncompressedSizeBytes } from '../analysis/image-layers.js';
import { ExpansionLimits, LayerExpansionError } from '../analysis/expansion-guard.js';
import { ociLayoutMembers } from '../analysis/oci-layout.js';
import { GateError } from '../common/errors.js';
import { formatBytes, formatDurationMs } from '../common/units.js';
import { ImageMetadata } from '../docker/inspect.js';
import { GateOptions } from '../inputs/options.js';
import { Measured, PlatformMeasurement } from '../judge/measured.js';
import type { GateDependencies } from './deps.js';
import { measurePlatform, progressReporter } from './measure.js';

/** No engine says which compressor would push the archive's plain layer tars: the common one, as an estimate. */
const ARCHIVE_COMPRESSION = compressionFor(undefined);

export interface ArchiveMeasureRequest {
  /** The archive file or layout directory, as the input gave it. */
  path: string;
  /** How the log names this image: "image", "PR image", "baseline image". */
  label: string;
  options: GateOptions;
  /** The platform to put first (the runner's, when an engine says which); default: the archive's first. */
  preferredPlatform?: string;
}

/** Pure: what the gate knows of the archive's image, shaped as `docker image inspect` would give it. */
export function archiveMetadata(image: ScannedImage): ImageMetadata {
  return {
    id: image.configDigest,
    sizeBytes: uncompressedSizeBytes(image),
    layerCount: image.layers.length,
    user: image.config.user,
    exposedPorts: image.config.exposedPorts,
    volumes: image.config.volumes,
    os: image.config.os,
    architecture: image.config.architecture,
    repoTags: [],
  };
}

async function readArchive(
  archivePath: string,
  onProgress: (bytes: number) => void,
  { compressedSize, expansionLimits }: { compressedSize: boolean; expansionLimits: ExpansionLimits },
): Promise<ScannedImage[]> {
  const stats = await stat(archivePath).catch((error: NodeJS.ErrnoException) => {
    throw new GateError(
      'image',
      `archive ${archivePath}: ${error.code === 'ENOENT' ? 'no such file or directory' : error.message}; expected a docker save tar, an OCI archive or an OCI layout directory`,
    );
  });
  // A plain layer tar in an archive is pushed by whatever loads it: measured as docker push of the Go releases
  // Docker 20.10 to 29 are built with, and called an estimate.
  const options = { compressedSize, onProgress, plainLayers: ARCHIVE_COMPRESSION.plainLayers, expansionLimits };
  try {
    if (stats.isDirectory()) return await scanImageMembers(ociLayoutMembers(archivePath), options);
    if (!stats.isFile()) throw new ArchiveError('it is neither a regular file nor a directory');
    return await scanImageArchivePlatforms(createReadStream(archivePath, { highWaterMark: 1 << 20 }), options);
  } catch (error) {
    if (error instanceof LayerExpansionError) throw new GateError('analysis', `archive ${archivePath}: ${error.message}`, { cause: error });
    if (error instanceof ArchiveError)
      throw new GateError(
        'image',
        `archive ${archivePath} could not be read: ${error.message} (expected a docker save tar, an OCI archive or an OCI layout directory)`,
        { cause: error },
      );
    throw error;
  }
}

/** Reads the archive once and measures every platform it holds, the preferred one first. */
export async function measureArchive(request: ArchiveMeasureRequest, deps: GateDependencies): Promise<Measured> {
  const { log } = deps;
  const started = performance.now();
  const progress = progressReporter(log, 0);
  let archiveBytes = 0;
  const platforms: PlatformMeasurement[] = [];
  let images: ScannedImage[];
  try {
    images = await log.group(`Read the ${request.label} from ${request.path}`, async () => {
      const read = await readArchive(
        request.path,
        (bytes) => {
          archiveBytes = bytes;
          progress.update({ step: 'reading', archiveBytesRead: bytes });
        },
        { compressedSize: request.options.analyze, expansionLimits: request.options.layerExpansion },
      );
      const preferred = request.preferredPlatform;
      const ordered = [...read].sort((a, b) => Number(b.platform === preferred) - Number(a.platform === preferred));
      for (const scanned of ordered)
        platforms.push(
          await measurePlatform(scanned, archiveBytes, { ...request, compression: ARCHIVE_COMPRESSION }, log, progress.update),
        );
      return ordered;
    });
  } finally {
    progress.stop();
  }
  log.info(
    `Read ${formatBytes(archiveBytes)} of the archive for ${platforms.length} platform(s) in ${formatDurationMs(performance.now() - started)}`,
  );
  const reason =
    'the image comes from an archive, which the gate reads without an engine (docker load it and gate it with image: to smoke-test it)';
  return { image: archiveMetadata(images[0]), sizeMethod: 'layers', platforms, smoke: { ran: false, reason } };
}
