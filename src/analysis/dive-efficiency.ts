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
// remembered for it. A path's record is kept in columns indexed by the path's id (path-table.ts), so a million
// paths cost typed-array slots, not a million objects; only whiteouts make new path text.
import { LayerEntry } from './archive.js';
import { DiveTrees } from './dive-tree.js';
import { largestOf } from './largest.js';
import { grownColumn, NO_ID, PathTable } from './path-table.js';
import { runToEnd, Steps, UNITS_BETWEEN_PAUSES } from './slices.js';

/** How many inefficient paths the analysis lists; the rest are counted. */
export const INEFFICIENT_PATHS_LISTED = 50;

/** dive's records of the paths met (its map of paths), in columns indexed by the path's id. */
class PathRecords {
  /** In dive's map of paths (a leaf was visited at this path). */
  recorded = new Uint8Array(0);
  occurrences = new Int32Array(0);
  cumulativeBytes = new Float64Array(0);
  /** -1 until an occurrence is counted. */
  minimumBytes = new Float64Array(0);
  /** In the order dive finds them (a path's second occurrence). */
  readonly inefficient: number[] = [];
  /** Sums over every record of its smallest occurrence, and of all its occurrences. */
  minimumTotal = 0;
  discoveredTotal = 0;

  fit(size: number): void {
    if (size <= this.recorded.length) return;
    this.recorded = grownColumn(this.recorded, size);
    this.occurrences = grownColumn(this.occurrences, size);
    this.cumulativeBytes = grownColumn(this.cumulativeBytes, size);
    this.minimumBytes = grownColumn(this.minimumBytes, size, -1);
  }

  /** One occurrence of a path, of `sizeBytes`. */
  count(id: number, sizeBytes: number): void {
    this.cumulativeBytes[id] += sizeBytes;
    this.discoveredTotal += sizeBytes;
    if (this.minimumBytes[id] < 0 || sizeBytes < this.minimumBytes[id]) {
      this.minimumTotal += sizeBytes - this.minimumBytes[id];
      this.minimumBytes[id] = sizeBytes;
    }
    this.occurrences[id] += 1;
    if (this.occurrences[id] === 2) this.inefficient.push(id);
  }
}

/** dive's efficiency visitor over one layer's leaves, against the layers below it stacked. */
function* measureLayer(trees: DiveTrees, order: Int32Array, records: PathRecords): Steps<void> {
  // Sizes of deleted directories, summed once for the layer (the stacked tree does not change during its visit).
  const directoryBytes = new Map<number, number>();
  for (let index = 0; index < order.length; index += 1) {
    if (index % UNITS_BETWEEN_PAUSES === UNITS_BETWEEN_PAUSES - 1) yield;
    const id = order[index];
    if (!trees.isLayerLeaf(id)) continue;
    const record = trees.recordId(id);
    records.fit(trees.table.columnLength);
    if (!records.recorded[record]) {
      records.recorded[record] = 1;
      records.minimumTotal += records.minimumBytes[record];
    }
    let sizeBytes = trees.layerBytes[id];
    if (trees.isWhiteout(id)) {
      const deleted = trees.whiteoutTarget(id);
      if (deleted === NO_ID) return;
      sizeBytes = trees.isStackedDirectory(deleted) ? yield* trees.subtreeBytes(deleted, directoryBytes) : 0;
    }
    records.count(record, sizeBytes);
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

function summarize(layers: LayerEntry[][], table: PathTable, records: PathRecords, listLimit: number): DiveEfficiency {
  const { minimumTotal, discoveredTotal } = records;
  const largest = largestOf(records.inefficient, listLimit, (id) => records.cumulativeBytes[id]);
  const listed = largest.listed.map((id) => ({
    path: table.paths[id],
    occurrences: records.occurrences[id],
    cumulativeBytes: records.cumulativeBytes[id],
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
  /** The paths, when the caller shares them with another pass (the reclaimable bytes'). */
  table?: PathTable;
}

/** dive's efficiency figures for layers given in order (base layer first), as a computation that pauses. */
export function* diveEfficiencySteps(layers: LayerEntry[][], options: DiveOptions = {}): Steps<DiveEfficiency> {
  const table = options.table ?? new PathTable();
  const trees = new DiveTrees(table);
  const records = new PathRecords();
  for (let layer = 0; layer < layers.length; layer += 1) {
    yield* trees.readLayer(layers[layer]);
    const order = yield* trees.layerOrder();
    if (layer === 0) yield* trees.copyLayer(order);
    yield* measureLayer(trees, order, records);
    yield* trees.stackLayer(order);
    options.onLayerDone?.(layer + 1, layers.length);
  }
  return summarize(layers, table, records, options.listLimit ?? INEFFICIENT_PATHS_LISTED);
}

/** dive's efficiency figures for layers given in order (base layer first). */
export function diveEfficiency(layers: LayerEntry[][], options: DiveOptions = {}): DiveEfficiency {
  return runToEnd(diveEfficiencySteps(layers, options));
}
