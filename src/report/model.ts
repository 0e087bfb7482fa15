// The report: everything one run found, as the JSON report file holds it and the renderers read it.
import { Check } from '../judge/budgets.js';
import { ImageStore } from '../docker/engine.js';
import { SizeMethod } from '../judge/measured.js';
import { CompressedSizeMethod } from '../analysis/image-layers.js';
import { ImageAnalysis } from '../analysis/analyze.js';
import { FigureDelta, LayerChange } from '../judge/delta.js';
import { FileChange } from '../history/file-changes.js';
import { HistoryRecord, TrendPoint } from '../history/types.js';
import { PackageChanges } from '../packages/changes.js';

// 2: image.sizeBytes is the layers' own bytes on every engine (was docker image inspect .Size); adds
// image.platform, image.sizeMethod, image.engineSizeBytes, engine and platforms.
// 3: adds baseline source record (with recordedAt, recordRunUrl, recordImageStore), baseline.fileChanges,
// analysis.byteMap and history.
// 4: adds history.pending (a matrix job's records, left to image-size-gate/report) and, in the report of a config
// file's images, matrix (the commit and the config file's digest of a matrix job).
// 5: adds analysis.packages, analysis.packageSummary and baseline.packageChanges.
export const REPORT_SCHEMA_VERSION = 5;

/**
 * Where a baseline came from: base-commit, built from the base commit now; image, an image reference measured in
 * the engine; registry, one read from its registry without a pull; record, the size history's record.
 */
export const BASELINE_SOURCES = ['base-commit', 'image', 'registry', 'record'] as const;
export type BaselineSource = (typeof BASELINE_SOURCES)[number];

export interface BaselineReport {
  source: BaselineSource;
  /** The base commit's sha, the image reference, or the recorded commit (the pull request's merge base). */
  reference: string;
  id: string;
  /** How long building the base commit took (base-commit only). */
  buildMs?: number;
  /** Worktree, build and measurement together (base-commit only). */
  totalMs?: number;
  figures: FigureDelta[];
  /** Which layers appeared, vanished, grew or shrank (when both images were analysed). */
  layerChanges?: LayerChange[];
  /** Which files and directories grew, appeared, shrank or vanished most (when both byte maps are known). */
  fileChanges?: FileChange[];
  /** Which packages were added, removed, grew, shrank or were updated (when both sides' packages are known). */
  packageChanges?: PackageChanges;
  /** record only: when and by which run the record was made, and the image store that measured it. */
  recordedAt?: string;
  recordRunUrl?: string;
  recordImageStore?: ImageStore;
}

export interface HistoryReport {
  branch: string;
  /** The last recorded commits of the gated platform, oldest first (the one this run recorded included). */
  trend: TrendPoint[];
  /** What this run recorded (push runs on a recorded branch only). */
  recorded?: { commit: string; paths: string[]; attempts: number };
  /** A matrix job's records of a push, which image-size-gate/report commits with every other image's in one commit. */
  pending?: HistoryRecord[];
}

export interface SmokeReport {
  ran: boolean;
  skippedBecause?: string;
  port?: number;
  path?: string;
  passed?: boolean;
  startupMs?: number;
  status?: number;
  bodyExcerpt?: string;
  failure?: string;
  containerLog?: string[];
}

export interface PlatformReport {
  platform: string;
  sizeBytes: number;
  compressedSizeBytes?: number;
  layerCount: number;
  user: string;
  nonRoot: boolean;
  /** Every check of this platform passed. */
  passed: boolean;
  /** The baseline's size for the same platform (its first platform when it lacks this one). */
  baselineSizeBytes?: number;
}

export interface GateReport {
  schemaVersion: number;
  /** Display name of the gated image. */
  name: string;
  passed: boolean;
  image: {
    /** What the user named (image input or tag), or the id when the gate built an untagged image. */
    reference: string;
    id: string;
    /** `os/architecture[/variant]` of the platform the figures below are for (the smoke-tested one). */
    platform: string;
    /** Uncompressed size: the layers' own bytes (regular files and symlink targets), the same on every engine. */
    sizeBytes: number;
    /** layers: summed from the layers; inspect: docker image inspect .Size on the classic store, the same figure. */
    sizeMethod: SizeMethod;
    /** What `docker image inspect .Size` says; on the containerd image store it is not the uncompressed size. */
    engineSizeBytes: number;
    /** What a registry stores (absent when it was not measured). */
    compressedSizeBytes?: number;
    /** How the compressed size was obtained (analysis/image-layers.ts CompressedSizeMethod): blobs, or docker push's exact compressor. */
    compressedSizeMethod?: CompressedSizeMethod;
    layerCount: number;
    user: string;
    nonRoot: boolean;
    os: string;
    architecture: string;
  };
  /** The engine that measured: a figure is only comparable with one from the same size method. */
  engine: { version: string; imageStore: ImageStore; storageDriver: string };
  build?: { builder: string; durationMs: number; context: string; dockerfile: string };
  smoke?: SmokeReport;
  /** One entry per platform when the image has several (the checks are then labelled with the platform). */
  platforms?: PlatformReport[];
  baseline?: BaselineReport;
  noBaselineReason?: string;
  /** The size history, when a history branch is set and could be read. */
  history?: HistoryReport;
  /** The layer analysis (absent when analyze is false). */
  analysis?: ImageAnalysis;
  checks: Check[];
}
