// Pure: reclaimable bytes, the file versions that the final filesystem no longer shows (overwritten by a later
// layer, or deleted by one). This is what a rebuild could really save; every saving estimate uses it. (dive's
// figures, which count the surviving copy too, are in dive-efficiency.ts.)
//
// The files the filesystem shows so far are kept in columns indexed by their path's id (path-table.ts), which
// are the result too (VisibleFiles), and in two path trees (path-tree.ts), so that a deletion visits only what it
// deletes. One tree holds the paths of what earlier layers wrote, one what the layer being read wrote: an opaque
// directory hides only the former, so it never walks the layer's own new files (a layer that repeats an opaque
// marker 100,000 times over a directory it fills costs nothing more).
import { LayerEntry } from './archive.js';
import { grownColumn, NO_ID, PathTable, ROOT_ID } from './path-table.js';
import { PathTree } from './path-tree.js';
import { runToEnd, Steps, UNITS_BETWEEN_PAUSES } from './slices.js';

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_PREFIX = '.wh..wh..';
const KINDS: readonly LayerEntry['kind'][] = ['file', 'directory', 'symlink', 'link', 'other'];

export interface ShadowedBytes {
  /** Layer (index) that wrote the file versions. */
  writtenInLayer: number;
  /** Layer (index) that overwrote or deleted them. */
  shadowedByLayer: number;
  how: 'deleted' | 'overwritten';
  bytes: number;
  fileCount: number;
  /** Largest first, at most 5. */
  examples: { path: string; sizeBytes: number }[];
}

export interface VisibleFile {
  layer: number;
  sizeBytes: number;
  mode: number;
  kind: LayerEntry['kind'];
}

/** The final filesystem's files by path, as a read-only Map offers them (a Map<string, VisibleFile> is one). */
export interface FinalFiles {
  readonly size: number;
  get(path: string): VisibleFile | undefined;
  has(path: string): boolean;
  [Symbol.iterator](): IterableIterator<[string, VisibleFile]>;
}

export interface Reclaimable {
  /** Bytes of file versions the final filesystem does not show. */
  bytes: number;
  /** Grouped by (writing layer, shadowing layer, how), largest first. */
  groups: ShadowedBytes[];
  /** The final filesystem: every non-directory path it shows, with the layer that wrote it. */
  visible: FinalFiles;
}

/**
 * Files visible so far, in columns indexed by path id; read as a map by path whose order is the order the paths
 * became visible (like a Map's: an overwritten path keeps its place, a deleted one written again goes last).
 */
export class VisibleFiles implements FinalFiles {
  /** The layer that wrote the file at a path, NO_ID when none is visible there. */
  private layers = new Int32Array(0);
  private bytes = new Float64Array(0);
  private modes = new Int32Array(0);
  private kinds = new Uint8Array(0);
  /** Where the path is in `order`. */
  private since = new Int32Array(0);
  private order = new Int32Array(1024);
  private orderLength = 0;
  size = 0;

  constructor(readonly table: PathTable) {
    this.fit();
  }

  fit(): void {
    const size = this.table.columnLength;
    if (size <= this.layers.length) return;
    this.layers = grownColumn(this.layers, size, NO_ID);
    this.bytes = grownColumn(this.bytes, size);
    this.modes = grownColumn(this.modes, size);
    this.kinds = grownColumn(this.kinds, size);
    this.since = grownColumn(this.since, size);
  }

  layerAt(id: number): number {
    return this.layers[id];
  }

  sinceAt(id: number): number {
    return this.since[id];
  }

  bytesAt(id: number): number {
    return this.bytes[id];
  }

  fileAt(id: number): VisibleFile | undefined {
    const layer = this.layers[id];
    if (layer === NO_ID) return undefined;
    return { layer, sizeBytes: this.bytes[id], mode: this.modes[id], kind: KINDS[this.kinds[id]] };
  }

  /** A path's file from now on; a path with none visible goes last in the order. */
  set(id: number, layer: number, entry: LayerEntry): void {
    if (this.layers[id] === NO_ID) {
      this.order = grownColumn(this.order, this.orderLength + 1);
      this.since[id] = this.orderLength;
      this.order[this.orderLength++] = id;
      this.size += 1;
    }
    this.layers[id] = layer;
    this.bytes[id] = entry.sizeBytes;
    this.modes[id] = entry.mode;
    this.kinds[id] = KINDS.indexOf(entry.kind);
  }

  delete(id: number): void {
    this.layers[id] = NO_ID;
    this.size -= 1;
  }

  get(path: string): VisibleFile | undefined {
    const id = this.table.idOf(path);
    return id === NO_ID ? undefined : this.fileAt(id);
  }

  has(path: string): boolean {
    const id = this.table.idOf(path);
    return id !== NO_ID && this.layers[id] !== NO_ID;
  }

  *[Symbol.iterator](): IterableIterator<[string, VisibleFile]> {
    for (let index = 0; index < this.orderLength; index += 1) {
      const id = this.order[index];
      if (this.layers[id] !== NO_ID && this.since[id] === index) yield [this.table.paths[id], this.fileAt(id)!];
    }
  }
}

class ShadowGroups {
  readonly byKey = new Map<string, ShadowedBytes>();

  add(path: string, writtenInLayer: number, sizeBytes: number, byLayer: number, how: ShadowedBytes['how']): void {
    if (sizeBytes === 0) return;
    const key = `${writtenInLayer}:${byLayer}:${how}`;
    let group = this.byKey.get(key);
    if (!group) {
      group = { writtenInLayer, shadowedByLayer: byLayer, how, bytes: 0, fileCount: 0, examples: [] };
      this.byKey.set(key, group);
    }
    group.bytes += sizeBytes;
    group.fileCount += 1;
    group.examples.push({ path, sizeBytes });
    // The five largest are kept: the list is cut back whenever it grows past 20.
    if (group.examples.length > 20) group.examples.sort((a, b) => b.sizeBytes - a.sizeBytes).splice(5);
  }

  /** Largest first, each with its five largest examples. */
  sorted(): ShadowedBytes[] {
    const sorted = [...this.byKey.values()].sort((a, b) => b.bytes - a.bytes);
    for (const group of sorted) group.examples = group.examples.sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, 5);
    return sorted;
  }
}

interface Filesystem {
  table: PathTable;
  visible: VisibleFiles;
  /** The paths of files written by earlier layers, and by the layer being read. */
  lower: PathTree;
  current: PathTree;
  groups: ShadowGroups;
}

/** What a whiteout or an opaque-directory marker deletes: the files it takes out of the trees (ids). */
function deletedFiles(fs: Filesystem, id: number, layer: number): number[] {
  const table = fs.table;
  const directory = table.parentOf(id);
  const nameStart = table.nameStart(id);
  const path = table.paths[id];
  const removedLower: number[] = [];
  const removedCurrent: number[] = [];
  if (path.startsWith(OPAQUE_PREFIX, nameStart)) {
    // An opaque directory hides everything lower layers had in it (not the directory itself).
    if (fs.lower.has(directory)) fs.lower.removeChildren(directory, removedLower);
  } else {
    // A whiteout deletes its path and everything under it; `.wh.` alone names its own directory (as Docker and dive read it).
    const name = path.slice(nameStart + WHITEOUT_PREFIX.length);
    const target = name === '' ? directory : table.idOf(table.childPath(directory, name));
    if (target !== NO_ID && fs.lower.has(target)) fs.lower.remove(target, removedLower);
    if (target !== NO_ID && fs.current.has(target)) fs.current.remove(target, removedCurrent);
  }
  const deleted = removedLower.filter((removed) => isIn(fs, removed, layer, false));
  for (const removed of removedCurrent) if (isIn(fs, removed, layer, true)) deleted.push(removed);
  return deleted;
}

/** Whether a path of a tree holds a visible file of that tree: one the layer being read wrote, or an earlier one. */
function isIn(fs: Filesystem, id: number, layer: number, current: boolean): boolean {
  const writtenIn = fs.visible.layerAt(id);
  return writtenIn !== NO_ID && (current ? writtenIn === layer : writtenIn < layer);
}

/** Files that leave the visible filesystem, reported in the order their paths became visible. */
function reportDeleted(fs: Filesystem, deleted: number[], layer: number): void {
  if (deleted.length > 1) deleted.sort((a, b) => fs.visible.sinceAt(a) - fs.visible.sinceAt(b));
  for (const id of deleted) {
    fs.groups.add(fs.table.paths[id], fs.visible.layerAt(id), fs.visible.bytesAt(id), layer, 'deleted');
    fs.visible.delete(id);
  }
}

/** A file, link or anything else but a directory: visible from now on, hiding the version it overwrites. */
function write(fs: Filesystem, id: number, entry: LayerEntry, layer: number): void {
  const previousLayer = fs.visible.layerAt(id);
  if (previousLayer !== NO_ID) fs.groups.add(entry.path, previousLayer, fs.visible.bytesAt(id), layer, 'overwritten');
  fs.visible.set(id, layer, entry);
  fs.current.add(id);
}

/** Moves the paths the layer wrote into the tree of earlier layers' (its files are earlier layers' from now on). */
function* merge(fs: Filesystem): Steps<void> {
  const pending = [ROOT_ID];
  let units = 0;
  while (pending.length > 0) {
    const id = pending.pop()!;
    fs.lower.add(id);
    for (let child = fs.current.firstChild(id); child !== NO_ID; child = fs.current.nextSibling(child)) pending.push(child);
    if (++units % UNITS_BETWEEN_PAUSES === 0) yield;
  }
  fs.current.removeChildren(ROOT_ID);
}

/** Bytes stored in layers that the final filesystem no longer shows, and which layers are to blame; pauses now and then. */
export function* reclaimableSteps(
  layers: LayerEntry[][],
  options: { onLayerDone?: (layersDone: number, layerCount: number) => void; table?: PathTable } = {},
): Steps<Reclaimable> {
  const table = options.table ?? new PathTable();
  const fs: Filesystem = {
    table,
    visible: new VisibleFiles(table),
    lower: new PathTree(table),
    current: new PathTree(table),
    groups: new ShadowGroups(),
  };
  for (let layer = 0; layer < layers.length; layer += 1) {
    const entries = layers[layer];
    for (let index = 0; index < entries.length; index += 1) {
      const entry = entries[index];
      const id = table.intern(entry.path);
      fs.visible.fit();
      fs.lower.fit();
      fs.current.fit();
      if (id === ROOT_ID) continue;
      if (table.paths[id].startsWith(WHITEOUT_PREFIX, table.nameStart(id))) reportDeleted(fs, deletedFiles(fs, id, layer), layer);
      else if (entry.kind !== 'directory') write(fs, id, entry, layer);
      if (index % UNITS_BETWEEN_PAUSES === UNITS_BETWEEN_PAUSES - 1) yield;
    }
    yield* merge(fs);
    options.onLayerDone?.(layer + 1, layers.length);
  }
  const groups = fs.groups.sorted();
  return { bytes: groups.reduce((sum, group) => sum + group.bytes, 0), groups, visible: fs.visible };
}

/** Bytes stored in layers that the final filesystem no longer shows, and which layers are to blame. */
export function reclaimableBytes(layers: LayerEntry[][]): Reclaimable {
  return runToEnd(reclaimableSteps(layers));
}
