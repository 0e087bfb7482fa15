// Pure: dive's efficiency and wasted bytes (wagoodman/dive, dive/filetree/efficiency.go), figure for figure,
// in time that grows with the layers' entries rather than with entries times deletions.
//
// What dive computes. Each layer is a tree built from its tar entries (FileTree.AddPath: missing directories
// on the way get an empty payload; names starting with `.wh..wh..` are never added). The layers are taken in
// order, and the leaves of each are visited depth first, children before their parent, siblings in byte order
// (VisitDepthChildFirst). A leaf is one occurrence of its path (FileNode.Path(), which drops the `.wh.` prefix
// of the leaf's own name). A whiteout leaf counts the bytes of what it deletes, looked up in the layers below
// stacked (StackTreeRange): a directory counts itself and everything under it, a file 0. When that lookup
// fails, the visitor returns an error, which ends the visit of that layer, after the path's record was made
// with a smallest size of -1 (which then counts in the total of smallest sizes, as in dive). A path that occurs
// twice or more is inefficient and all its occurrences are waste (the surviving copy too, dive issue #684).
// efficiency = sum over paths of the smallest occurrence / sum of all occurrences.
//
// Why it is fast here. dive stacks layers 0..i-1 afresh for every whiteout of layer i. StackTreeRange starts
// from a copy of layer 0 and stacks layers 0..i-1 onto it (layer 0 onto its own copy), so one stacked tree,
// stacked once per layer (dive-tree.ts), is the same tree. A directory's bytes are summed once per layer and
// remembered on its node. Paths are not even written out while counting: a path's record is found from its
// parent's by one name, and only the listed paths are made into text at the end.
import { LayerEntry } from './archive.js';
import {
  childFirst,
  Frame,
  isWhiteout,
  layerTree,
  stackLayer,
  subtreeBytes,
  TreeNode,
  whiteoutTarget,
  WHITEOUT_PREFIX,
} from './dive-tree.js';
import { largestOf } from './largest.js';
import { runToEnd, Steps, UNITS_BETWEEN_PAUSES } from './slices.js';

/** How many inefficient paths the analysis lists; the rest are counted. */
export const INEFFICIENT_PATHS_LISTED = 50;

/**
 * A path met, in a tree of them that only grows (a path's record is found from its parent's by one name, and
 * its text is made only for the paths listed at the end), with dive's counts once dive has made it a record.
 */
class PathRecord {
  children: Map<string, PathRecord> | undefined = undefined;
  /** In dive's map of paths (a leaf was visited at this path). */
  recorded = false;
  occurrences = 0;
  cumulativeBytes = 0;
  /** -1 until an occurrence is counted. */
  minimumBytes = -1;

  constructor(
    /** '' for the root, and for `.wh.` alone (whose path is its directory's with a slash). */
    readonly name: string,
    readonly parent: PathRecord | undefined,
  ) {}

  child(name: string): PathRecord {
    let child = this.children?.get(name);
    if (!child) (this.children ??= new Map()).set(name, (child = new PathRecord(name, this)));
    return child;
  }
}

/** dive's FileNode.Path() of a record. */
function pathOf(record: PathRecord): string {
  const names: string[] = [];
  for (let current = record; current.parent; current = current.parent) names.push(current.name);
  return '/' + names.reverse().join('/');
}

/** The record of a frame's path, every name as stored; made on the way, and remembered on the frames. */
function recordAt(frame: Frame<PathRecord>, rootRecord: PathRecord): PathRecord {
  if (frame.memo) return frame.memo;
  const parent = frame.parent;
  if (!parent) return rootRecord;
  // Usually the parent's record is known already, and no list of frames still to look up is needed.
  if (parent.memo || !parent.parent) return (frame.memo = (parent.memo ?? rootRecord).child(frame.node.name));
  const unresolved: Frame<PathRecord>[] = [];
  let known = frame;
  while (known.parent && !known.memo) {
    unresolved.push(known);
    known = known.parent;
  }
  let record = known.parent ? known.memo! : rootRecord;
  for (let index = unresolved.length - 1; index >= 0; index -= 1) {
    record = record.child(unresolved[index].node.name);
    unresolved[index].memo = record;
  }
  return record;
}

/** The record of a leaf's path as dive's FileNode.Path() gives it: a whiteout's own name loses its prefix. */
function leafRecord(frame: Frame<PathRecord>, rootRecord: PathRecord): PathRecord {
  if (!isWhiteout(frame.node)) return recordAt(frame, rootRecord);
  return recordAt(frame.parent!, rootRecord).child(frame.node.name.slice(WHITEOUT_PREFIX.length));
}

interface Tally {
  rootRecord: PathRecord;
  /** In the order dive finds them (a path's second occurrence). */
  inefficient: PathRecord[];
  /** Sums over every record of its smallest occurrence, and of all its occurrences. */
  minimumTotal: number;
  discoveredTotal: number;
}

/** dive's efficiency visitor over one layer's leaves, against the layers below it stacked. */
function* measureLayer(tree: TreeNode, stackedRoot: TreeNode, tally: Tally): Steps<void> {
  let units = 0;
  // Sizes of deleted directories, summed once for the layer (the stacked tree does not change during its visit).
  const directoryBytes = new Map<TreeNode, number>();
  for (const frame of childFirst<PathRecord>(tree)) {
    if (++units % UNITS_BETWEEN_PAUSES === 0) yield;
    if (!frame.node.isLeaf()) continue;
    const record = leafRecord(frame, tally.rootRecord);
    if (!record.recorded) {
      record.recorded = true;
      tally.minimumTotal += record.minimumBytes;
    }
    let sizeBytes = frame.node.sizeBytes;
    if (isWhiteout(frame.node)) {
      const deleted = whiteoutTarget(frame, stackedRoot);
      if (!deleted) return;
      sizeBytes = deleted.isDir ? yield* subtreeBytes(deleted, directoryBytes) : 0;
    }
    record.cumulativeBytes += sizeBytes;
    tally.discoveredTotal += sizeBytes;
    if (record.minimumBytes < 0 || sizeBytes < record.minimumBytes) {
      tally.minimumTotal += sizeBytes - record.minimumBytes;
      record.minimumBytes = sizeBytes;
    }
    record.occurrences += 1;
    if (record.occurrences === 2) tally.inefficient.push(record);
  }
}

export interface InefficientPath {
  path: string;
  occurrences: number;
  /** dive's CumulativeSize: every occurrence, the surviving one included. */
  cumulativeBytes: number;
}

export interface DiveEfficiency {
  efficiency: number;
  /** Sum of file sizes in all layers. */
  imageSizeBytes: number;
  /** Sum of file sizes in all layers but the first. */
  userSizeBytes: number;
  wastedBytes: number;
  wastedUserPercent: number;
  /** The largest inefficient paths, largest first (at most INEFFICIENT_PATHS_LISTED). */
  inefficientPaths: InefficientPath[];
  /** The inefficient paths left out of the list, when there were more: how many, and their bytes. */
  inefficientPathsNotListed?: { count: number; cumulativeBytes: number };
}

export function layerFileBytes(entries: LayerEntry[]): number {
  let total = 0;
  for (const entry of entries) total += entry.sizeBytes;
  return total;
}

function summarize(layers: LayerEntry[][], tally: Tally, listLimit: number): DiveEfficiency {
  const { minimumTotal, discoveredTotal } = tally;
  const largest = largestOf(tally.inefficient, listLimit, (record) => record.cumulativeBytes);
  const listed = largest.listed.map((record) => ({
    path: pathOf(record),
    occurrences: record.occurrences,
    cumulativeBytes: record.cumulativeBytes,
  }));
  const wastedBytes = listed.reduce((sum, item) => sum + item.cumulativeBytes, largest.notListed?.sizeBytes ?? 0);
  const sizes = layers.map(layerFileBytes);
  const imageSizeBytes = sizes.reduce((sum, size) => sum + size, 0);
  const userSizeBytes = imageSizeBytes - (sizes[0] ?? 0);
  return {
    efficiency: discoveredTotal === 0 ? 1 : minimumTotal / discoveredTotal,
    imageSizeBytes,
    userSizeBytes,
    wastedBytes,
    wastedUserPercent: userSizeBytes === 0 ? 0 : wastedBytes / userSizeBytes,
    inefficientPaths: listed,
    ...(largest.notListed
      ? { inefficientPathsNotListed: { count: largest.notListed.count, cumulativeBytes: largest.notListed.sizeBytes } }
      : {}),
  };
}

export interface DiveOptions {
  /** How many inefficient paths to list (default INEFFICIENT_PATHS_LISTED). */
  listLimit?: number;
  /** Called after each layer with the number of layers done. */
  onLayerDone?: (layersDone: number, layerCount: number) => void;
}

/** dive's efficiency figures for layers given in order (base layer first), as a computation that pauses. */
export function* diveEfficiencySteps(layers: LayerEntry[][], options: DiveOptions = {}): Steps<DiveEfficiency> {
  const tally: Tally = { rootRecord: new PathRecord('', undefined), inefficient: [], minimumTotal: 0, discoveredTotal: 0 };
  let stackedRoot: TreeNode | undefined;
  for (let layer = 0; layer < layers.length; layer += 1) {
    const tree = yield* layerTree(layers[layer]);
    stackedRoot ??= yield* layerTree(layers[0]);
    yield* measureLayer(tree, stackedRoot, tally);
    yield* stackLayer(tree, stackedRoot);
    options.onLayerDone?.(layer + 1, layers.length);
  }
  return summarize(layers, tally, options.listLimit ?? INEFFICIENT_PATHS_LISTED);
}

/** dive's efficiency figures for layers given in order (base layer first). */
export function diveEfficiency(layers: LayerEntry[][], options: DiveOptions = {}): DiveEfficiency {
  return runToEnd(diveEfficiencySteps(layers, options));
}
