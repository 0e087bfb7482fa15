// Pure: dive's file trees (wagoodman/dive, dive/filetree/file_tree.go and file_node.go), as the efficiency
// figures need them: a layer's tree, visited children first, and the layers below it stacked into one tree.
//
// A layer's tree holds its tar entries (FileTree.AddPath: missing directories on the way get an empty payload;
// names starting with `.wh..wh..` are never added). Visits go depth first, children before their parent,
// siblings in Go's byte order (VisitDepthChildFirst). Stacking a layer visits every node of it: a whiteout
// (`.wh.` name) removes its path, any other node is added with its payload (FileTree.Stack).
//
// Both trees are sets of paths of one PathTable, kept in columns indexed by the path's id, not in an object per
// node: a path is in the layer's tree when its stamp is the layer's, and in the stacked tree when its flag says
// so (path-tree.ts). Each tree links a directory's children in a list, so that a visit, a sum or a deletion
// costs the nodes it meets, never the paths the table holds. Nothing here recurses (a path 100,000 directories deep does not
// exhaust the call stack), and a node's place is its id: no walk from the root per node.
import { LayerEntry } from './archive.js';
import { grownColumn, NO_ID, PathTable, ROOT_ID } from './path-table.js';
import { PathTree } from './path-tree.js';
import { Steps, UNITS_BETWEEN_PAUSES } from './slices.js';

export const WHITEOUT_PREFIX = '.wh.';
/** dive's doubleWhiteoutPrefix: names it never adds to a tree (opaque-directory markers). */
const OPAQUE_PREFIX = '.wh..wh..';
/** dive's FileInfo.IsDir. */
const IS_DIR = 1;

const SURROGATE = /[\ud800-\udfff]/;

/**
 * Sibling ids in Go's string order of their names (bytewise UTF-8), which dive's visits follow. Siblings' paths
 * share everything before their names, so their paths are compared: UTF-16 order is the same for text without
 * surrogate pairs; otherwise each path's UTF-8 bytes, as a latin1 string, are compared once made.
 */
function sortSiblings(ids: number[], paths: readonly string[]): number[] {
  if (!ids.some((id) => SURROGATE.test(paths[id]))) return ids.sort((a, b) => (paths[a] < paths[b] ? -1 : paths[a] > paths[b] ? 1 : 0));
  const keyed = ids.map((id) => ({ id, key: Buffer.from(paths[id], 'utf8').toString('latin1') }));
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((item) => item.id);
}

export class DiveTrees {
  // The layer's tree: a path is in it when its stamp is the layer's; a node has children when its parent stamp is.
  private stamp = 0;
  private layerNodeCount = 0;
  private stamps = new Int32Array(0);
  private parentStamps = new Int32Array(0);
  private firstChild = new Int32Array(0);
  private nextSibling = new Int32Array(0);
  private layerFlags = new Uint8Array(0);
  /** dive's FileInfo.Size of the layer's nodes. */
  layerBytes = new Float64Array(0);
  // The stacked tree, and its nodes' payload.
  private readonly stacked: PathTree;
  private stackedFlags = new Uint8Array(0);
  private stackedBytes = new Float64Array(0);

  constructor(readonly table: PathTable) {
    this.stacked = new PathTree(table);
    this.fit();
  }

  /** Gives the columns room for every path of the table (called after paths are added). */
  fit(): void {
    const size = this.table.columnLength;
    if (size <= this.stamps.length) return;
    this.stamps = grownColumn(this.stamps, size);
    this.parentStamps = grownColumn(this.parentStamps, size);
    this.firstChild = grownColumn(this.firstChild, size);
    this.nextSibling = grownColumn(this.nextSibling, size);
    this.layerFlags = grownColumn(this.layerFlags, size);
    this.layerBytes = grownColumn(this.layerBytes, size);
    this.stackedFlags = grownColumn(this.stackedFlags, size);
    this.stackedBytes = grownColumn(this.stackedBytes, size);
    this.stacked.fit();
  }

  isWhiteout(id: number): boolean {
    return this.table.paths[id].startsWith(WHITEOUT_PREFIX, this.table.nameStart(id));
  }

  /** A whiteout's name without its prefix ('' for `.wh.` alone). */
  private deletedName(id: number): string {
    return this.table.paths[id].slice(this.table.nameStart(id) + WHITEOUT_PREFIX.length);
  }

  /** A layer's tree, in place of the previous layer's: dive's AddPath for each entry, with its payload on its own node. */
  *readLayer(entries: LayerEntry[]): Steps<void> {
    this.stamp += 1;
    this.layerNodeCount = 0;
    this.stamps[ROOT_ID] = this.stamp;
    for (let index = 0; index < entries.length; index += 1) {
      const entry = entries[index];
      const id = this.table.intern(entry.path);
      this.fit();
      if (id !== ROOT_ID && this.addToLayer(id)) {
        this.layerBytes[id] = entry.sizeBytes;
        this.layerFlags[id] = entry.kind === 'directory' ? IS_DIR : 0;
      }
      if (index % UNITS_BETWEEN_PAUSES === UNITS_BETWEEN_PAUSES - 1) yield;
    }
  }

  /** Adds a path and its missing ancestors to the layer's tree; false when a missing `.wh..wh..` name stops it. */
  private addToLayer(id: number): boolean {
    if (this.stamps[id] === this.stamp) return true;
    const parent = this.table.parentOf(id);
    if (this.stamps[parent] === this.stamp) return this.addLayerNode(id, parent);
    const missing = [id];
    for (let above = parent; this.stamps[above] !== this.stamp; above = this.table.parentOf(above)) missing.push(above);
    for (let index = missing.length - 1; index >= 0; index -= 1)
      if (!this.addLayerNode(missing[index], this.table.parentOf(missing[index]))) return false;
    return true;
  }

  private addLayerNode(id: number, parent: number): boolean {
    if (this.table.paths[id].startsWith(OPAQUE_PREFIX, this.table.nameStart(id))) return false;
    this.stamps[id] = this.stamp;
    this.layerBytes[id] = 0;
    this.layerFlags[id] = 0;
    if (this.parentStamps[parent] !== this.stamp) {
      this.parentStamps[parent] = this.stamp;
      this.firstChild[parent] = NO_ID;
    }
    this.nextSibling[id] = this.firstChild[parent];
    this.firstChild[parent] = id;
    this.layerNodeCount += 1;
    return true;
  }

  /** A node of the layer's tree without children in it (what dive's efficiency visitor counts). */
  isLayerLeaf(id: number): boolean {
    return this.parentStamps[id] !== this.stamp;
  }

  private layerChildren(id: number): number[] {
    const children: number[] = [];
    if (this.isLayerLeaf(id)) return children;
    for (let child = this.firstChild[id]; child !== NO_ID; child = this.nextSibling[child]) children.push(child);
    return sortSiblings(children, this.table.paths);
  }

  /** The layer tree's nodes as dive's VisitDepthChildFirst gives them: children before their parent, siblings in order; never the root. */
  *layerOrder(): Steps<Int32Array> {
    const order = new Int32Array(this.layerNodeCount);
    let length = 0;
    const stack = [{ id: ROOT_ID, children: this.layerChildren(ROOT_ID), next: 0 }];
    for (let units = 1; stack.length > 0; units += 1) {
      if (units % UNITS_BETWEEN_PAUSES === 0) yield;
      const frame = stack[stack.length - 1];
      if (frame.next < frame.children.length) {
        const id = frame.children[frame.next++];
        if (this.isLayerLeaf(id)) order[length++] = id;
        else stack.push({ id, children: this.layerChildren(id), next: 0 });
      } else {
        stack.pop();
        if (frame.id !== ROOT_ID) order[length++] = frame.id;
      }
    }
    return order;
  }

  isStacked(id: number): boolean {
    return this.stacked.has(id);
  }

  isStackedDirectory(id: number): boolean {
    return (this.stackedFlags[id] & IS_DIR) !== 0;
  }

  /** dive's AddPath in the stacked tree: missing ancestors get an empty payload, the path the layer node's. */
  private stackPath(id: number): void {
    if (!this.stacked.has(id)) {
      for (let above = this.table.parentOf(id); !this.stacked.has(above); above = this.table.parentOf(above)) {
        this.stackedBytes[above] = 0;
        this.stackedFlags[above] = 0;
      }
      this.stacked.add(id);
    }
    this.stackedBytes[id] = this.layerBytes[id];
    this.stackedFlags[id] = this.layerFlags[id];
  }

  /** dive's StackTreeRange starts from a copy of layer 0's tree: every node of it, whiteouts too, with its payload. */
  *copyLayer(order: Int32Array): Steps<void> {
    for (let index = 0; index < order.length; index += 1) {
      this.stackPath(order[index]);
      if (index % UNITS_BETWEEN_PAUSES === UNITS_BETWEEN_PAUSES - 1) yield;
    }
  }

  /** dive's GetNode(Path()) for a whiteout: the stacked path it deletes (its directory for `.wh.` alone), or NO_ID. */
  whiteoutTarget(id: number): number {
    const directory = this.table.parentOf(id);
    if (!this.isStacked(directory)) return NO_ID;
    const name = this.deletedName(id);
    if (name === '') return directory;
    const target = this.table.idOf(this.table.childPath(directory, name));
    return target !== NO_ID && this.isStacked(target) ? target : NO_ID;
  }

  /** The path whose record a leaf counts in: its own, or for a whiteout the path without the prefix (dive's Path()). */
  recordId(id: number): number {
    if (!this.isWhiteout(id)) return id;
    const recordId = this.table.intern(this.table.childPath(this.table.parentOf(id), this.deletedName(id)));
    this.fit();
    return recordId;
  }

  /**
   * Bytes of a stacked node and everything under it (dive's sizer). `known` holds the totals of the nodes summed
   * already while the stacked tree has not changed, so that nested deletions sum each node once.
   */
  *subtreeBytes(top: number, known: Map<number, number>): Steps<number> {
    const pending = [top];
    const order: number[] = [];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (known.has(node)) continue;
      order.push(node);
      for (let child = this.stacked.firstChild(node); child !== NO_ID; child = this.stacked.nextSibling(child)) pending.push(child);
      if (order.length % UNITS_BETWEEN_PAUSES === 0) yield;
    }
    // Reversed, every node comes after all of its children.
    for (let index = order.length - 1; index >= 0; index -= 1) {
      const node = order[index];
      let total = this.stackedBytes[node];
      for (let child = this.stacked.firstChild(node); child !== NO_ID; child = this.stacked.nextSibling(child)) total += known.get(child)!;
      known.set(node, total);
    }
    return known.get(top)!;
  }

  /**
   * dive's FileTree.Stack: every node of the layer, children first; a whiteout removes its path (`.wh.` alone its
   * own directory, never the root), any other node is added with its payload.
   */
  *stackLayer(order: Int32Array): Steps<void> {
    for (let index = 0; index < order.length; index += 1) {
      const id = order[index];
      if (!this.isWhiteout(id)) this.stackPath(id);
      else {
        const target = this.whiteoutTarget(id);
        if (target !== NO_ID && target !== ROOT_ID) this.stacked.remove(target);
      }
      if (index % UNITS_BETWEEN_PAUSES === UNITS_BETWEEN_PAUSES - 1) yield;
    }
  }
}
