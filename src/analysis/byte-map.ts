// Pure: a bounded map of where the final filesystem's bytes are (every layer's files, not only the image's own):
// its largest files, and the totals of its directories a few levels deep. The size history keeps one per
// recorded commit, so that a pull request can say which files and directories grew since its merge base.
// Paths are kept exactly as the layers name them: escaping is the renderer's job.
import { LargestItems } from './largest.js';
import { Steps, UNITS_BETWEEN_PAUSES } from './slices.js';
import { FinalFiles } from './waste.js';

/** A bounded map of where an image's bytes are: its largest files, and directory totals a few levels deep. */
export interface ByteMap {
  /** The largest files of the final filesystem, largest first. */
  files: { path: string; sizeBytes: number }[];
  /** Every file larger than 0 bytes is listed (the list was not cut). */
  filesComplete: boolean;
  /** Directories down to `depth` levels (`/usr`, `/usr/lib`, `/usr/lib/x86_64-linux-gnu`), largest first. */
  directories: { path: string; sizeBytes: number }[];
  directoriesComplete: boolean;
  /** How many levels deep directory totals go. */
  depth: number;
}

/** How many of the largest files a byte map lists. */
export const BYTE_MAP_FILES = 32;
/** How many of the largest directories a byte map lists. */
export const BYTE_MAP_DIRECTORIES = 64;
/** How many levels deep directory totals go: `/usr`, `/usr/lib`, `/usr/lib/x86_64-linux-gnu`. */
export const BYTE_MAP_DEPTH = 3;

type Entry = { path: string; sizeBytes: number };

/** Adds a file's bytes to each directory above it, from depth 1 down to `depth` (not the file itself). */
function addToDirectories(directoryBytes: Map<string, number>, filePath: string, sizeBytes: number, depth: number): void {
  let slash = filePath.indexOf('/', 1);
  for (let level = 1; level <= depth && slash > 0; level += 1) {
    const directory = filePath.slice(0, slash);
    directoryBytes.set(directory, (directoryBytes.get(directory) ?? 0) + sizeBytes);
    slash = filePath.indexOf('/', slash + 1);
  }
}

/**
 * The byte map of a final filesystem (the `visible` map reclaimableSteps returns): the BYTE_MAP_FILES largest
 * files larger than 0 bytes (symlinks count as VisibleFile counts them: the length of their target), and the
 * BYTE_MAP_DIRECTORIES largest directories down to BYTE_MAP_DEPTH levels, each with every byte beneath it at
 * any depth. A list is complete when nothing larger than 0 bytes was left out. Pauses now and then.
 */
export function* byteMapSteps(visible: FinalFiles): Steps<ByteMap> {
  const files = new LargestItems<Entry>(BYTE_MAP_FILES);
  const directoryBytes = new Map<string, number>();
  let units = 0;
  for (const [filePath, file] of visible) {
    if (++units % UNITS_BETWEEN_PAUSES === 0) yield;
    if (file.kind === 'directory' || !(file.sizeBytes > 0)) continue;
    files.add({ path: filePath, sizeBytes: file.sizeBytes }, file.sizeBytes);
    addToDirectories(directoryBytes, filePath, file.sizeBytes, BYTE_MAP_DEPTH);
  }
  const directories = new LargestItems<Entry>(BYTE_MAP_DIRECTORIES);
  for (const [directory, sizeBytes] of directoryBytes) {
    if (++units % UNITS_BETWEEN_PAUSES === 0) yield;
    directories.add({ path: directory, sizeBytes }, sizeBytes);
  }
  const listedFiles = files.result();
  const listedDirectories = directories.result();
  return {
    files: listedFiles.listed,
    filesComplete: listedFiles.notListed === undefined,
    directories: listedDirectories.listed,
    directoriesComplete: listedDirectories.notListed === undefined,
    depth: BYTE_MAP_DEPTH,
  };
}
