// Pure: wasted space, two ways.
// 1. dive-compatible efficiency and wasted bytes, computed as dive (wagoodman/dive, filetree/efficiency.go)
//    computes them, so the figures match dive's own: every leaf of every layer's tree is an occurrence of
//    its path; a removal (whiteout) counts the size of the directory it removes, or 0 for a file; a path seen
//    twice or more is inefficient and all of its occurrences count as waste, the surviving copy included
//    (dive issue #684). efficiency = sum of each path's smallest occurrence / sum of all occurrences.
// 2. reclaimable bytes: only the file versions that the final filesystem no longer shows (overwritten by a
//    later layer, or deleted by one). This is what a rebuild could really save; every saving estimate uses it.
import { LayerEntry } from './archive.js';

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_PREFIX = '.wh..wh..';

interface FileInfo {
  sizeBytes: number;
  isDir: boolean;
}

const EMPTY_INFO: FileInfo = { sizeBytes: 0, isDir: false };

class TreeNode {
  children: Map<string, TreeNode> | undefined;
  constructor(
    readonly name: string,
    public info: FileInfo,
    readonly parent: TreeNode | undefined,
  ) {}

  child(name: string): TreeNode | undefined {
    return this.children?.get(name);
  }

  addChild(name: string): TreeNode {
    this.children ??= new Map();
    const node = new TreeNode(name, EMPTY_INFO, this);
    this.children.set(name, node);
    return node;
  }

  isLeaf(): boolean {
    return this.children === undefined || this.children.size === 0;
  }

  isWhiteout(): boolean {
    return this.name.startsWith(WHITEOUT_PREFIX);
  }

  /** dive's FileNode.Path(): the whiteout prefix is dropped from the node's own name. */
  path(): string {
    const names: string[] = [];
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- a walk up the parents starts at this node
    for (let node: TreeNode | undefined = this; node?.parent; node = node.parent) {
      names.push(node === this && node.isWhiteout() ? node.name.slice(WHITEOUT_PREFIX.length) : node.name);
    }
    return '/' + names.reverse().join('/');
  }

  sortedChildren(): TreeNode[] {
    if (!this.children) return [];
    return [...this.children.values()].sort((a, b) => compareAsGo(a.name, b.name));
  }

  copy(parent: TreeNode | undefined): TreeNode {
    const node = new TreeNode(this.name, this.info, parent);
    if (this.children) {
      node.children = new Map();
      for (const [name, child] of this.children) node.children.set(name, child.copy(node));
    }
    return node;
  }
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * Go's string order (bytewise UTF-8), which dive's visit order follows. JavaScript's UTF-16 order is the
 * same for every string without surrogate pairs, so the allocation-free comparison serves nearly always.
 */
function compareAsGo(a: string, b: string): number {
  if (SURROGATE.test(a) || SURROGATE.test(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : a > b ? 1 : 0;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((name) => name !== '');
}

class Tree {
  constructor(readonly root: TreeNode = new TreeNode('', EMPTY_INFO, undefined)) {}

  /** dive's FileTree.AddPath: intermediate nodes get an empty payload; opaque markers are never added. */
  addPath(path: string, info: FileInfo): void {
    const names = splitPath(path);
    let node = this.root;
    for (let index = 0; index < names.length; index += 1) {
      const name = names[index];
      const existing = node.child(name);
      if (existing) node = existing;
      else {
        if (name.startsWith(OPAQUE_PREFIX)) return;
        node = node.addChild(name);
      }
      if (index === names.length - 1) node.info = info;
    }
  }

  getNode(path: string): TreeNode | undefined {
    let node: TreeNode | undefined = this.root;
    for (const name of splitPath(path)) {
      node = node.child(name);
      if (!node) return undefined;
    }
    return node;
  }

  removePath(path: string): void {
    const node = this.getNode(path);
    if (node?.parent) node.parent.children?.delete(node.name);
  }

  copy(): Tree {
    return new Tree(this.root.copy(undefined));
  }

  /** Depth first, children before their parent, children in byte order; never the root. */
  visitChildFirst(visit: (node: TreeNode) => boolean | void, only?: (node: TreeNode) => boolean): boolean {
    const walk = (node: TreeNode): boolean => {
      for (const child of node.sortedChildren()) if (!walk(child)) return false;
      if (node === this.root || (only && !only(node))) return true;
      return visit(node) !== false;
    };
    return walk(this.root);
  }

  /** dive's FileTree.Stack: whiteouts remove, everything else is added (payload replaced). */
  stack(upper: Tree): void {
    upper.visitChildFirst((node) => {
      if (node.isWhiteout()) this.removePath(node.path());
      else this.addPath(node.path(), node.info);
    });
  }
}

function layerTree(entries: LayerEntry[]): Tree {
  const tree = new Tree();
  for (const entry of entries) tree.addPath(entry.path, { sizeBytes: entry.sizeBytes, isDir: entry.kind === 'directory' });
  return tree;
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
  /** Largest first. */
  inefficientPaths: InefficientPath[];
}

export function layerFileBytes(entries: LayerEntry[]): number {
  let total = 0;
  for (const entry of entries) total += entry.sizeBytes;
  return total;
}

/** dive's efficiency figures for layers given in order (base layer first). */
export function diveEfficiency(layers: LayerEntry[][]): DiveEfficiency {
  const trees = layers.map(layerTree);
  const byPath = new Map<string, { occurrences: number; cumulativeBytes: number; minimumBytes: number }>();
  const inefficient: string[] = [];
  // dive stacks layers 0..n-1 afresh for every whiteout; stacking once per layer gives the same tree.
  let stackedBelow: Tree | undefined;
  trees.forEach((tree, index) => {
    if (index === 0) stackedBelow = trees[0].copy();
    const below = stackedBelow!;
    tree.visitChildFirst(
      (node) => {
        const path = node.path();
        let sizeBytes = 0;
        if (node.isWhiteout()) {
          const previous = below.getNode(path);
          // dive stops visiting this layer when a whiteout names a path that does not exist below it.
          if (!previous) return false;
          if (previous.info.isDir) {
            const subtree = new Tree(previous);
            subtree.visitChildFirst((child) => {
              sizeBytes += child.info.sizeBytes;
            });
            sizeBytes += previous.info.sizeBytes;
          }
        } else {
          sizeBytes = node.info.sizeBytes;
        }
        const data = byPath.get(path) ?? { occurrences: 0, cumulativeBytes: 0, minimumBytes: -1 };
        data.cumulativeBytes += sizeBytes;
        if (data.minimumBytes < 0 || sizeBytes < data.minimumBytes) data.minimumBytes = sizeBytes;
        data.occurrences += 1;
        byPath.set(path, data);
        if (data.occurrences === 2) inefficient.push(path);
        return true;
      },
      (node) => node.isLeaf(),
    );
    below.stack(tree);
  });

  let minimumTotal = 0;
  let discoveredTotal = 0;
  for (const data of byPath.values()) {
    minimumTotal += data.minimumBytes;
    discoveredTotal += data.cumulativeBytes;
  }
  const inefficientPaths = inefficient
    .map((path) => ({ path, occurrences: byPath.get(path)!.occurrences, cumulativeBytes: byPath.get(path)!.cumulativeBytes }))
    .sort((a, b) => b.cumulativeBytes - a.cumulativeBytes);
  const wastedBytes = inefficientPaths.reduce((sum, item) => sum + item.cumulativeBytes, 0);
  const sizes = layers.map(layerFileBytes);
  const imageSizeBytes = sizes.reduce((sum, size) => sum + size, 0);
  const userSizeBytes = imageSizeBytes - (sizes[0] ?? 0);
  return {
    efficiency: discoveredTotal === 0 ? 1 : minimumTotal / discoveredTotal,
    imageSizeBytes,
    userSizeBytes,
    wastedBytes,
    wastedUserPercent: userSizeBytes === 0 ? 0 : wastedBytes / userSizeBytes,
    inefficientPaths,
  };
}

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

export interface Reclaimable {
  /** Bytes of file versions the final filesystem does not show. */
  bytes: number;
  /** Grouped by (writing layer, shadowing layer, how), largest first. */
  groups: ShadowedBytes[];
  /** The final filesystem: every non-directory path it shows, with the layer that wrote it. */
  visible: Map<string, VisibleFile>;
}

/** Bytes stored in layers that the final filesystem no longer shows, and which layers are to blame. */
export function reclaimableBytes(layers: LayerEntry[][]): Reclaimable {
  const visible = new Map<string, VisibleFile>();
  const groups = new Map<string, ShadowedBytes>();
  const shadow = (path: string, version: { layer: number; sizeBytes: number }, byLayer: number, how: 'deleted' | 'overwritten') => {
    if (version.sizeBytes === 0) return;
    const key = `${version.layer}:${byLayer}:${how}`;
    const group = groups.get(key) ?? { writtenInLayer: version.layer, shadowedByLayer: byLayer, how, bytes: 0, fileCount: 0, examples: [] };
    group.bytes += version.sizeBytes;
    group.fileCount += 1;
    group.examples.push({ path, sizeBytes: version.sizeBytes });
    if (group.examples.length > 20) group.examples.sort((a, b) => b.sizeBytes - a.sizeBytes).splice(5);
    groups.set(key, group);
  };
  const removeTree = (path: string, byLayer: number, keepLayer?: number) => {
    const prefix = path === '/' ? '/' : `${path}/`;
    for (const [candidate, version] of visible) {
      if ((candidate === path || candidate.startsWith(prefix)) && version.layer !== keepLayer) {
        shadow(candidate, version, byLayer, 'deleted');
        visible.delete(candidate);
      }
    }
  };
  layers.forEach((entries, layer) => {
    for (const entry of entries) {
      const slash = entry.path.lastIndexOf('/');
      const dir = entry.path.slice(0, slash) || '/';
      const base = entry.path.slice(slash + 1);
      if (base.startsWith(OPAQUE_PREFIX)) {
        // An opaque directory hides everything lower layers had in it.
        const prefix = dir === '/' ? '/' : `${dir}/`;
        for (const [candidate, version] of visible) {
          if (candidate.startsWith(prefix) && version.layer < layer) {
            shadow(candidate, version, layer, 'deleted');
            visible.delete(candidate);
          }
        }
      } else if (base.startsWith(WHITEOUT_PREFIX)) {
        removeTree(`${dir === '/' ? '' : dir}/${base.slice(WHITEOUT_PREFIX.length)}`, layer);
      } else if (entry.kind !== 'directory') {
        const previous = visible.get(entry.path);
        if (previous) shadow(entry.path, previous, layer, 'overwritten');
        visible.set(entry.path, { layer, sizeBytes: entry.sizeBytes, mode: entry.mode, kind: entry.kind });
      }
    }
  });
  const sorted = [...groups.values()].sort((a, b) => b.bytes - a.bytes);
  for (const group of sorted) group.examples = group.examples.sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, 5);
  return { bytes: sorted.reduce((sum, group) => sum + group.bytes, 0), groups: sorted, visible };
}
