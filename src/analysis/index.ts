// Where the bytes are: streams `docker save` once and turns it into per-layer figures, dive-compatible
// waste, what could really be reclaimed, the compressed size, and hints.
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Docker } from '../docker/exec.js';
import { KnownLayer, LayerEntry, ScannedImage, ScannedLayer } from './archive.js';
import { CompressedSizeMethod, compressedSize, readImageLayers, uncompressedSizeBytes } from './image-layers.js';
import { attributeLayers, parseDockerfile } from './dockerfile.js';
import { computeHints, Hint } from './hints.js';
import { diveEfficiency, DiveEfficiency, reclaimableBytes } from './waste.js';
import { finalImageFile } from './final-file.js';
import { ImageFile, MAX_USER_FILE_BYTES, USER_FILE_PATHS, UserFileName } from '../user.js';

export interface LayerSummary {
  index: number;
  diffId: string;
  /** The layer's own bytes: regular files and symlink targets (what docker history shows on the classic store). */
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

export interface ImageAnalysis {
  layers: LayerSummary[];
  /** `os/architecture[/variant]` of the image these layers make. */
  platform: string;
  /** The image's uncompressed size: its layers' own bytes (regular files and symlink targets). */
  sizeBytes: number;
  /** What a registry stores and `docker pull` downloads: each distinct layer's compressed size, counted once. */
  compressedSizeBytes?: number;
  compressedSizeMethod: CompressedSizeMethod;
  dive: Omit<DiveEfficiency, 'inefficientPaths'> & { inefficientPaths: DiveEfficiency['inefficientPaths'] };
  /** Bytes of file versions the final filesystem no longer shows (earlier copies and deleted files). */
  reclaimableBytes: number;
  /** Largest files the image's own layers put in the final filesystem. */
  largestFiles: { path: string; sizeBytes: number; layer: number }[];
  /** Largest directories (two levels deep) of the image's own layers in the final filesystem. */
  largestDirectories: { path: string; sizeBytes: number }[];
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

export interface AnalysisOptions {
  compressedSize: boolean;
  /** When the gate built the image: its Dockerfile and context, for line numbers and .dockerignore hints. */
  dockerfilePath?: string;
  contextDir?: string;
  onProgress?: (bytesRead: number) => void;
  /** Layers whose compressed size is known already (the PR image's, when the baseline is read): not compressed again. */
  knownLayers?: KnownLayer[];
}

function countChanges(layers: LayerEntry[][]): { added: number; modified: number; removed: number }[] {
  const present = new Set<string>();
  return layers.map((entries) => {
    const counts = { added: 0, modified: 0, removed: 0 };
    for (const entry of entries) {
      const base = entry.path.slice(entry.path.lastIndexOf('/') + 1);
      if (base.startsWith('.wh.')) {
        if (!base.startsWith('.wh..wh..')) counts.removed += 1;
        continue;
      }
      if (entry.kind === 'directory') continue;
      if (present.has(entry.path)) counts.modified += 1;
      else {
        counts.added += 1;
        present.add(entry.path);
      }
    }
    return counts;
  });
}

function largestDirectories(files: { path: string; sizeBytes: number }[], limit: number): { path: string; sizeBytes: number }[] {
  const totals = new Map<string, number>();
  for (const file of files) {
    const parts = file.path.split('/').filter(Boolean);
    if (parts.length < 2) continue;
    const directory = '/' + parts.slice(0, Math.min(2, parts.length - 1)).join('/');
    totals.set(directory, (totals.get(directory) ?? 0) + file.sizeBytes);
  }
  return [...totals.entries()]
    .map(([dir, sizeBytes]) => ({ path: dir, sizeBytes }))
    .sort((a, b) => b.sizeBytes - a.sizeBytes)
    .slice(0, limit);
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

/** Reads the layers once and analyses the image they hold (the first platform's, when there are several). */
export async function analyzeImage(docker: Docker, imageId: string, options: AnalysisOptions): Promise<ImageAnalysis> {
  const started = performance.now();
  const read = await readImageLayers(docker, imageId, options);
  const analysis = await analyzeLayers(read.images[0], read.archiveBytes, options);
  return { ...analysis, durationMs: performance.now() - started };
}

/** Everything the gate figures out from one platform's layers, once they have been read. */
export async function analyzeLayers(scanned: ScannedImage, archiveBytes: number, options: AnalysisOptions): Promise<ImageAnalysis> {
  const started = performance.now();
  const dockerfile = options.dockerfilePath ? parseDockerfile(await readFile(options.dockerfilePath, 'utf8')) : undefined;
  const entries = scanned.layers.map((layer) => layer.entries);
  const origins = attributeLayers(scanned.history, scanned.layers.length, dockerfile);
  const reclaimable = reclaimableBytes(entries);
  const changes = countChanges(entries);
  const contextHasDockerignore = options.contextDir
    ? await access(path.join(options.contextDir, '.dockerignore')).then(
        () => true,
        () => false,
      )
    : undefined;
  const hints = computeHints({ layers: scanned.layers, origins, reclaimable, contextHasDockerignore });

  const ownFiles = [...reclaimable.visible.entries()]
    .filter(([, file]) => origins[file.layer]?.own && file.sizeBytes > 0)
    .map(([filePath, file]) => ({ path: filePath, sizeBytes: file.sizeBytes, layer: file.layer }));
  const compressed = compressedSize(scanned);

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
    sizeBytes: uncompressedSizeBytes(scanned),
    compressedSizeBytes: compressed.bytes,
    compressedSizeMethod: compressed.method,
    dive: diveEfficiency(entries),
    reclaimableBytes: reclaimable.bytes,
    largestFiles: [...ownFiles].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, 10),
    largestDirectories: largestDirectories(ownFiles, 10),
    hints,
    userFiles: finalUserFiles(scanned.layers),
    archiveBytes,
    compressedSizesReused: scanned.layers.filter((layer) => layer.compressedBytesReused).length,
    durationMs: performance.now() - started,
  };
}
