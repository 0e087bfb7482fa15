// Where the bytes are: streams `docker save` once and turns it into per-layer figures, dive-compatible
// waste, what could really be reclaimed, the compressed size, and hints.
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Docker } from '../docker/exec.js';
import { KnownLayer, LayerEntry, ScannedImage, ScannedLayer } from './archive.js';
import { Compression, CompressedSizeMethod, compressedSize, readImageLayers, uncompressedSizeBytes } from './image-layers.js';
import { attributeLayers, LayerOrigin, parseDockerfile } from './dockerfile.js';
import { computeHints } from './hints.js';
import { Hint } from './hint.js';
import { DiveEfficiency, diveEfficiencySteps } from './dive-efficiency.js';
import { finalImageFile } from './final-file.js';
import { ImageFile, MAX_USER_FILE_BYTES, USER_FILE_PATHS, UserFileName } from '../user/resolve.js';
import { LargestItems, largestOf, NotListed } from './largest.js';
import { nextTurn, runInSlices, Steps, UNITS_BETWEEN_PAUSES } from './slices.js';
import { GateError } from '../common/errors.js';
import { FinalFiles, reclaimableSteps } from './waste.js';
import { PathTable, TooManyPathsError } from './path-table.js';
import { byteMapSteps } from './byte-map.js';
import { ByteMap } from './byte-map.js';
import { packageViewSteps } from '../packages/view.js';
import { InstalledPackage, PackageSummary } from '../packages/types.js';
import type { ExpansionLimits } from './expansion-guard.js';

export interface LayerSummary {
  index: number;
  diffId: string;
  /** Sum of the file sizes in the layer (what docker history shows). */
  sizeBytes: number;
  /** Bytes of the layer's uncompressed tar, as `docker save` streams it. */
  tarBytes: number;
  /** Gzip-compressed bytes of the layer, as a registry stores it. */
  compressedBytes?: number;
  createdBy: string;
  /** Dockerfile line of the instruction that made it (when the gate built the image). */
  line?: number;
  /** Made by the image's own build rather than its base image. */
  own: boolean;
  filesAdded: number;
  filesModified: number;
  filesRemoved: number;
}

export type { NotListed } from './largest.js';

/** How long the lists of largest files and directories are. */
export const LARGEST_LISTED = 10;

export interface ImageAnalysis {
  layers: LayerSummary[];
  /** `os/architecture[/variant]` of the image these layers make. */
  platform: string;
  /** The image's uncompressed size: its layers' own bytes (regular files and symlink targets). */
  sizeBytes: number;
  /** What a registry stores and `docker pull` downloads: each distinct layer's compressed size, counted once. */
  compressedSizeBytes?: number;
  compressedSizeMethod: CompressedSizeMethod;
  dive: DiveEfficiency;
  /** Bytes of file versions the final filesystem no longer shows (earlier copies and deleted files). */
  reclaimableBytes: number;
  /** Largest files the image's own layers put in the final filesystem (at most LARGEST_LISTED). */
  largestFiles: { path: string; sizeBytes: number; layer: number }[];
  /** The image's own files left out of `largestFiles`, when there were more: how many, and their bytes. */
  largestFilesNotListed?: NotListed;
  /** Largest directories (two levels deep) of the image's own layers in the final filesystem (at most LARGEST_LISTED). */
  largestDirectories: { path: string; sizeBytes: number }[];
  /** The directories left out of `largestDirectories`, when there were more: how many, and their bytes. */
  largestDirectoriesNotListed?: NotListed;
  /** Where the final filesystem's bytes are (all layers): its largest files and directories, for the size history. */
  byteMap: ByteMap;
  /**
   * The installed packages the image's own databases name (dpkg, apk, Python, npm), largest first, each sized by
   * its files' bytes in the final filesystem (packages/view.ts).
   */
  packages?: InstalledPackage[];
  /** How the packages, the bytes no package owns and the bytes later layers hid add up to the image size. */
  packageSummary?: PackageSummary;
  hints: Hint[];
  /**
   * /etc/passwd and /etc/group as the daemon reads them when the container starts (links followed, Docker's
   * init layer on top); a file missing here is one only the engine can tell (a link to a file not kept).
   */
  userFiles: Partial<Record<UserFileName, ImageFile>>;
  /** Bytes of the docker save stream read. */
  archiveBytes: number;
  /** Layers whose compressed size was taken from the PR image's analysis (the same diffID) instead of compressed again. */
  compressedSizesReused: number;
  durationMs: number;
}

/**
 * How far the analysis has got: first the `docker save` stream is read (its length is not known before it
 * ends), then the layers' files are compared, layer by layer, in two passes (dive's figures, then what
 * later layers overwrite or delete).
 */
export type AnalysisProgress =
  { step: 'reading'; archiveBytesRead: number } | { step: 'comparing'; pass: 1 | 2; passCount: 2; layersDone: number; layerCount: number };

export interface AnalysisOptions {
  compressedSize: boolean;
  /** How the plain layer tars' compressed size was measured (what the report calls the method). */
  compression: Compression;
  /** When the gate built the image: its Dockerfile and context, for line numbers and .dockerignore hints. */
  dockerfilePath?: string;
  contextDir?: string;
  onProgress?: (progress: AnalysisProgress) => void;
  /** Layers whose compressed size is known already (the PR image's, when the baseline is read): not compressed again. */
  knownLayers?: KnownLayer[];
  /** How far one compressed layer blob may expand while the layers are read (default: DEFAULT_EXPANSION_LIMITS). */
  expansionLimits?: ExpansionLimits;
}

function* countChanges(layers: LayerEntry[][]): Steps<{ added: number; modified: number; removed: number }[]> {
  const present = new Set<string>();
  const counts = layers.map(() => ({ added: 0, modified: 0, removed: 0 }));
  for (const [layer, entries] of layers.entries()) {
    for (let index = 0; index < entries.length; index += 1) {
      const path = entries[index].path;
      const base = path.slice(path.lastIndexOf('/') + 1);
      if (base.startsWith('.wh.')) {
        if (!base.startsWith('.wh..wh..')) counts[layer].removed += 1;
      } else if (entries[index].kind !== 'directory') {
        if (present.has(path)) counts[layer].modified += 1;
        else {
          counts[layer].added += 1;
          present.add(path);
        }
      }
      if (index % UNITS_BETWEEN_PAUSES === UNITS_BETWEEN_PAUSES - 1) yield;
    }
  }
  return counts;
}

/** The directory a file's bytes count in: two levels deep (`/usr/lib`), one for a file one level deep, none at the top. */
function directoryOf(filePath: string): string | undefined {
  const first = filePath.indexOf('/', 1);
  if (first < 0) return undefined;
  const second = filePath.indexOf('/', first + 1);
  return filePath.slice(0, second < 0 ? first : second);
}

type LargestOwn = Pick<ImageAnalysis, 'largestFiles' | 'largestFilesNotListed' | 'largestDirectories' | 'largestDirectoriesNotListed'>;

/** The largest files the image's own layers put in the final filesystem, and the largest directories of them. */
function* largestOwn(visible: FinalFiles, origins: LayerOrigin[]): Steps<LargestOwn> {
  const files = new LargestItems<{ path: string; sizeBytes: number; layer: number }>(LARGEST_LISTED);
  const directoryBytes = new Map<string, number>();
  let units = 0;
  for (const [filePath, file] of visible) {
    if (++units % UNITS_BETWEEN_PAUSES === 0) yield;
    if (!origins[file.layer]?.own || file.sizeBytes === 0) continue;
    files.add({ path: filePath, sizeBytes: file.sizeBytes, layer: file.layer }, file.sizeBytes);
    const directory = directoryOf(filePath);
    if (directory) directoryBytes.set(directory, (directoryBytes.get(directory) ?? 0) + file.sizeBytes);
  }
  const largestFiles = files.result();
  const largestDirectories = largestOf(directoryBytes, LARGEST_LISTED, ([, sizeBytes]) => sizeBytes);
  return {
    largestFiles: largestFiles.listed,
    largestFilesNotListed: largestFiles.notListed,
    largestDirectories: largestDirectories.listed.map(([directory, sizeBytes]) => ({ path: directory, sizeBytes })),
    largestDirectoriesNotListed: largestDirectories.notListed,
  };
}

/** /etc/passwd and /etc/group of the final filesystem, as far as the layers alone can tell. */
export function finalUserFiles(layers: ScannedLayer[]): Partial<Record<UserFileName, ImageFile>> {
  const files: Partial<Record<UserFileName, ImageFile>> = {};
  for (const name of ['passwd', 'group'] as const) {
    const file = finalImageFile(layers, USER_FILE_PATHS[name], MAX_USER_FILE_BYTES);
    if (file) files[name] = file;
  }
  return files;
}

function hasDockerignore(contextDir: string): Promise<boolean> {
  return access(path.join(contextDir, '.dockerignore')).then(
    () => true,
    () => false,
  );
}

/** Reads the layers once and analyses the image they hold (the first platform's, when there are several). */
export async function analyzeImage(docker: Docker, imageId: string, options: AnalysisOptions): Promise<ImageAnalysis> {
  const started = performance.now();
  const read = await readImageLayers(docker, imageId, {
    ...options,
    plainLayers: options.compression.plainLayers,
    onProgress: (bytes) => options.onProgress?.({ step: 'reading', archiveBytesRead: bytes }),
  });
  const analysis = await analyzeLayers(read.images[0], read.archiveBytes, options);
  return { ...analysis, durationMs: performance.now() - started };
}

/** dive's figures, then what could really be reclaimed: two passes over the layers' files, on one table of paths. */
async function compareLayers(entries: LayerEntry[][], reportLayers: (pass: 1 | 2) => (layersDone: number) => void) {
  const table = new PathTable(entries.reduce((count, layer) => count + layer.length, 1));
  try {
    // dive's trees first: the files reclaimableSteps returns are not held meanwhile.
    const dive = await runInSlices(diveEfficiencySteps(entries, { onLayerDone: reportLayers(1), table }));
    const reclaimable = await runInSlices(reclaimableSteps(entries, { onLayerDone: reportLayers(2), table }));
    return { dive, reclaimable };
  } catch (error) {
    if (error instanceof TooManyPathsError) throw new GateError('analysis', error.message, { cause: error });
    throw error;
  }
}

/** Everything the gate figures out from one platform's layers, once they have been read. */
export async function analyzeLayers(scanned: ScannedImage, archiveBytes: number, options: AnalysisOptions): Promise<ImageAnalysis> {
  const started = performance.now();
  const dockerfile = options.dockerfilePath ? parseDockerfile(await readFile(options.dockerfilePath, 'utf8')) : undefined;
  const entries = scanned.layers.map((layer) => layer.entries);
  const origins = attributeLayers(scanned.history, scanned.layers.length, dockerfile);
  // The comparisons below run in slices with turns of the event loop between them: an image with 150,000
  // deletions takes seconds, during which progress is logged and a cancelling signal is handled.
  const reportLayers = (pass: 1 | 2) => (layersDone: number) =>
    options.onProgress?.({ step: 'comparing', pass, passCount: 2, layersDone, layerCount: entries.length });
  reportLayers(1)(0);
  const { dive, reclaimable } = await compareLayers(entries, reportLayers);
  const changes = await runInSlices(countChanges(entries));
  const contextHasDockerignore = options.contextDir ? await hasDockerignore(options.contextDir) : undefined;
  const sizeBytes = uncompressedSizeBytes(scanned);
  const lineOf = (layer: number) => origins[layer]?.instruction?.line;
  const viewStarted = performance.now();
  const packageView = await runInSlices(
    packageViewSteps({ layers: scanned.layers, visible: reclaimable.visible, imageBytes: sizeBytes, lineOf }),
  );
  packageView.summary.durationMs = performance.now() - viewStarted;
  await nextTurn();
  const hints = computeHints({ layers: scanned.layers, origins, reclaimable, contextHasDockerignore, packageView });
  const largest = await runInSlices(largestOwn(reclaimable.visible, origins));
  const byteMap = await runInSlices(byteMapSteps(reclaimable.visible));
  const compressed = compressedSize(scanned, options.compression);

  return {
    layers: scanned.layers.map((layer, index) => ({
      index,
      diffId: layer.diffId,
      sizeBytes: layer.contentBytes,
      tarBytes: layer.tarBytes,
      compressedBytes: layer.compressedBytes,
      createdBy: origins[index].createdBy,
      line: origins[index].instruction?.line,
      own: origins[index].own,
      filesAdded: changes[index].added,
      filesModified: changes[index].modified,
      filesRemoved: changes[index].removed,
    })),
    platform: scanned.platform,
    sizeBytes,
    compressedSizeBytes: compressed.bytes,
    compressedSizeMethod: compressed.method,
    dive,
    reclaimableBytes: reclaimable.bytes,
    ...largest,
    byteMap,
    packages: packageView.packages,
    packageSummary: packageView.summary,
    hints,
    userFiles: finalUserFiles(scanned.layers),
    archiveBytes,
    compressedSizesReused: scanned.layers.filter((layer) => layer.compressedBytesReused).length,
    durationMs: performance.now() - started,
  };
}
