// Measuring an image in a registry without pulling it: the registry client resolves its platforms, the
// layers are streamed from the registry through the same analysis as `docker save`'s, and nothing is written
// to the runner's disk. The compressed size is what the registry stores (its manifests' blob sizes); layers the
// other image of the comparison has read already are not downloaded again.
import { scanImageMembers, ScannedImage } from '../analysis/archive.js';
import { Compression } from '../analysis/image-layers.js';
import { ReadLayers, RegistryReadStats, registryImageMembers, withRegistrySizes } from '../analysis/registry-image.js';
import { GateError, GateStep } from '../common/errors.js';
import { formatBytes, formatDurationMs } from '../common/units.js';
import { GateOptions } from '../inputs/options.js';
import { Measured, PlatformMeasurement } from '../judge/measured.js';
import { RegistryClient } from '../registry/client.js';
import { RegistryError } from '../registry/errors.js';
import { ImageReferenceError, parseImageReference } from '../registry/reference.js';
import { ResolvedImage } from '../registry/resolve.js';
import type { GateDependencies } from './deps.js';
import { archiveMetadata } from './measure-archive.js';
import { measurePlatform, progressReporter } from './measure.js';

/** Every layer of a registry image is a blob it stores: its size is the compressed size, whatever its compression. */
const AS_STORED: Compression = { plainLayers: 'as-stored', estimate: false };

/** How an input names an image to be read from its registry whether or not an engine holds it. */
export const REGISTRY_PREFIX = 'registry://';

export interface RegistryMeasureRequest {
  /** The reference, without REGISTRY_PREFIX. */
  reference: string;
  /** How the log names this image: "image", "PR image", "baseline image". */
  label: string;
  /** Which input named it, for errors: image or baseline. */
  step: GateStep;
  options: GateOptions;
  client: RegistryClient;
  /** Only these platforms of an index (the gated image's, for a baseline); default: the gate's platforms input, or all. */
  platforms?: string[];
  /** The platform to put first (the runner's); default: the index's first. */
  preferredPlatform?: string;
  /** Layers read already (the gated image's): reused, not downloaded. */
  alreadyRead?: ReadLayers;
  /** Told every layer this read, for the other image of the comparison. */
  keep?: ReadLayers;
}

/** True when the text names an image to read from its registry (REGISTRY_PREFIX). */
export function namesRegistryImage(text: string): boolean {
  return text.startsWith(REGISTRY_PREFIX);
}

async function resolve(request: RegistryMeasureRequest): Promise<ResolvedImage> {
  try {
    const reference = parseImageReference(request.reference);
    const platforms = request.platforms ?? (request.options.platforms.length > 0 ? request.options.platforms : undefined);
    const resolved = await request.client.resolveImage(reference, { platforms });
    if (resolved.platforms.length === 0)
      throw new GateError(
        request.step,
        `${request.reference} in its registry has none of the platforms ${platforms?.join(', ') ?? ''}; expected an image for them`,
      );
    return resolved;
  } catch (error) {
    if (error instanceof ImageReferenceError || error instanceof RegistryError)
      throw new GateError(request.step, `could not read ${request.reference} from its registry: ${error.message}`, { cause: error });
    throw error;
  }
}

async function scan(
  request: RegistryMeasureRequest,
  resolved: ResolvedImage,
  stats: RegistryReadStats,
  onBytes: (bytes: number) => void,
): Promise<ScannedImage[]> {
  try {
    // The registry's own blob sizes are the compressed size: nothing is compressed here.
    const images = await scanImageMembers(registryImageMembers(request.client, resolved, request.alreadyRead, stats), {
      compressedSize: false,
      onProgress: onBytes,
      expansionLimits: request.options.layerExpansion,
    });
    return images.map((image) => {
      const platform = resolved.platforms.find((candidate) => candidate.configDigest === image.configDigest);
      return platform ? { ...image, layers: withRegistrySizes(image.layers, platform) } : image;
    });
  } catch (error) {
    if (error instanceof GateError) throw error;
    throw new GateError(request.step, `could not read the layers of ${request.reference} from its registry: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Resolves the image in its registry, streams its layers once, and measures each platform, the preferred first. */
export async function measureRegistryImage(request: RegistryMeasureRequest, deps: GateDependencies): Promise<Measured> {
  const { log } = deps;
  const started = performance.now();
  const resolved = await resolve(request);
  const progress = progressReporter(log, 0);
  const stats: RegistryReadStats = { downloadedBytes: 0, downloadedLayers: 0, reusedLayers: 0 };
  let bytesRead = 0;
  const platforms: PlatformMeasurement[] = [];
  let first: ScannedImage;
  try {
    first = await log.group(`Read the ${request.label} ${request.reference} from its registry (no pull)`, async () => {
      const images = await scan(request, resolved, stats, (bytes) => {
        bytesRead = bytes;
        progress.update({ step: 'reading', archiveBytesRead: bytes });
      });
      const preferred = request.preferredPlatform;
      const ordered = [...images].sort((a, b) => Number(b.platform === preferred) - Number(a.platform === preferred));
      for (const image of ordered) {
        for (const layer of image.layers) request.keep?.set(layer.diffId, layer);
        platforms.push(await measurePlatform(image, bytesRead, { ...request, compression: AS_STORED }, log, progress.update));
      }
      return ordered[0];
    });
  } finally {
    progress.stop();
  }
  const reused =
    stats.reusedLayers > 0 ? `; ${stats.reusedLayers} layer(s) it shares with the image read already were not downloaded again` : '';
  log.info(
    `Downloaded ${formatBytes(stats.downloadedBytes)} in ${stats.downloadedLayers} layer(s) of ${request.reference} from its registry for ${platforms.length} platform(s) in ${formatDurationMs(performance.now() - started)}${reused}`,
  );
  const image = { ...archiveMetadata(first), id: resolved.digest };
  return {
    image,
    sizeMethod: 'layers',
    platforms,
    smoke: { ran: false, reason: 'the image is read from its registry without a pull (nothing runs it)' },
  };
}
