// The size history's data: one record per gated image, platform and recorded commit, as a JSON file on the
// history branch. Types only; record.ts builds, writes and reads records, store.ts moves them with git.
import { FigureId } from '../judge/delta.js';
import { ImageStore } from '../docker/engine.js';
import { SizeMethod } from '../judge/measured.js';
import { ByteMap } from '../analysis/byte-map.js';
import { CompressedSizeMethod } from '../analysis/image-layers.js';
import { Ecosystem } from '../packages/types.js';

/** Bumped when a field changes meaning; a reader skips records of a schema it does not know. */
export const RECORD_SCHEMA_VERSION = 1;

export interface RecordedLayer {
  diffId: string;
  createdBy: string;
  line?: number;
  /** The layer's own bytes (regular files and symlink targets). */
  sizeBytes: number;
  /** Bytes of the layer's uncompressed tar. */
  tarBytes: number;
  compressedBytes?: number;
}

/** The largest packages of a recorded image, for the pull requests that compare with it (packages/changes.ts). */
export interface RecordedPackages {
  /** Largest first, at most MAX_RECORDED_PACKAGES. */
  listed: { ecosystem: Ecosystem; name: string; version: string; sizeBytes: number }[];
  /** Every package the image had is listed. */
  complete: boolean;
  /** The ecosystems whose database was read. */
  ecosystems: Ecosystem[];
}

export interface HistoryRecord {
  schemaVersion: number;
  /** The gated image's display name, and its key in the branch's layout. */
  name: string;
  /** `os/architecture[/variant]`. */
  platform: string;
  commit: string;
  /** The commit's committer time, ISO 8601 UTC. */
  commitTime: string;
  /** The branch that was pushed (refs/heads/main). */
  ref?: string;
  runUrl?: string;
  recordedAt: string;
  imageId: string;
  engine: { version: string; imageStore: ImageStore; storageDriver: string };
  sizeMethod: SizeMethod;
  compressedSizeMethod?: CompressedSizeMethod;
  figures: Partial<Record<FigureId, number>> & { size: number; layers: number };
  user: string;
  nonRoot: boolean;
  /** Absent when the layers were not analysed (analyze: false). */
  layers?: RecordedLayer[];
  bytes?: ByteMap;
  /** Absent in records made before packages were read, or without the analysis. */
  packages?: RecordedPackages;
}

/** One commit of an image's recorded series: what the trend shows. */
export interface TrendPoint {
  commit: string;
  /** ISO 8601; only its date is shown. */
  commitTime: string;
  sizeBytes: number;
  label?: string;
}
