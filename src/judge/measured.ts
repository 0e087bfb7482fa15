// What measuring an image found, per platform: the figures the budgets judge, the delta compares and the
// history records. Types only; gate/measure.ts measures.
import { ImageAnalysis } from '../analysis/analyze.js';
import { CompressedSizeMethod } from '../analysis/image-layers.js';
import { ImageMetadata } from '../docker/inspect.js';
import { UserFiles, UserResolution } from '../user/resolve.js';
import { SmokeOutcome } from './budgets.js';

export interface BuildInfo {
  builder: string;
  durationMs: number;
  context: string;
  dockerfile: string;
}

/**
 * How the uncompressed size was obtained: from the layers' own bytes (every store), or from `docker image
 * inspect .Size` on the classic store, where it is the same figure and costs nothing.
 */
export type SizeMethod = 'layers' | 'inspect';

export interface PlatformMeasurement {
  /** `os/architecture[/variant]`. */
  platform: string;
  sizeBytes: number;
  layerCount: number;
  compressedSizeBytes?: number;
  compressedSizeMethod?: CompressedSizeMethod;
  /** Config.User of this platform's image. */
  configuredUser: string;
  user: UserResolution;
  /** /etc/passwd and /etc/group as far as the layers tell (absent when the layers were not read). */
  userFiles?: UserFiles;
  analysis?: ImageAnalysis;
}

export interface Measured {
  /** What `docker image inspect` says of the image (the runner's platform). */
  image: ImageMetadata;
  sizeMethod: SizeMethod;
  /** One per platform; the first is the one the smoke test ran (the runner's own, when the image has it). */
  platforms: PlatformMeasurement[];
  smoke: SmokeOutcome;
}
