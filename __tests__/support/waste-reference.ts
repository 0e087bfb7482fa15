// Straightforward reference implementations of the waste figures, written to be obviously right rather than
// fast (both are quadratic), for the unit tests to compare the fast ones with on random images.
// diveReference follows dive's own code step by step (dive/filetree/efficiency.go, file_tree.go,
// file_node.go): the layers below are stacked afresh from a copy of layer 0 for every whiteout, paths are
// built by walking up the parents, lookups and additions walk down from the root.
import { LayerEntry } from '../../src/analysis/archive.js';
import { ShadowedBytes, VisibleFile } from '../../src/analysis/waste.js';

class Node {
  children = new Map<string, Node>();
  sizeBytes = 0;
  isDir = false;
  constructor(
    readonly name: string,
    public parent: Node | undefined,
  ) {}

  /** dive's FileNode.Path(): the names up to the root, the node's own without its whiteout prefix. */
  path(): string {
    const names = [this.name.startsWith('.wh.') ? this.name.slice(4) : this.name];
    for (let node = this.parent; node?.parent; node = node.parent) names.unshift(node.name);
    return this.parent ? '/' + names.join('/') : '/';
  }

  copy(parent: Node | undefined): Node {
    const node = new Node(this.name, parent);
    node.sizeBytes = this.sizeBytes;
    node.isDir = this.isDir;
    for (const [name, child] of this.children) node.children.set(name, child.copy(node));
    return node;
  }
}

const goOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Children first, in byte order; the root is not visited; stops at the first visitor that returns false. */
function visit(node: Node, visitor: (node: Node) => boolean, only?: (node: Node) => boolean): boolean {
  for (const name of [...node.children.keys()].sort(goOrder)) if (!visit(node.children.get(name)!, visitor, only)) return false;
  if (!node.parent || (only && !only(node))) return true;
  return visitor(node);
}

function getNode(root: Node, path: string): Node | undefined {
  let node: Node | undefined = root;
  for (const name of path.split('/')) if (name !== '') node = node?.children.get(name);
  return node;
}

function addPath(root: Node, path: string, sizeBytes: number, isDir: boolean): void {
  const names = path.split('/').filter((name) => name !== '');
  let node = root;
  for (const [index, name] of names.entries()) {
    let next = node.children.get(name);
    if (!next) {
      if (name.startsWith('.wh..wh..')) return;
      next = new Node(name, node);
      node.children.set(name, next);
    }
    node = next;
    if (index === names.length - 1) Object.assign(node, { sizeBytes, isDir });
  }
}

function stack(lower: Node, upper: Node): void {
  visit(upper, (node) => {
    const path = node.path();
    if (!node.name.startsWith('.wh.')) addPath(lower, path, node.sizeBytes, node.isDir);
    else {
      const target = getNode(lower, path);
      if (target?.parent) target.parent.children.delete(target.name);
    }
    return true;
  });
}

export function diveReference(layers: LayerEntry[][]) {
  const trees = layers.map((entries) => {
    const root = new Node('', undefined);
    for (const entry of entries) addPath(root, entry.path, entry.sizeBytes, entry.kind === 'directory');
    return root;
  });
  const records = new Map<string, { path: string; occurrences: number; cumulativeBytes: number; minimumBytes: number }>();
  const inefficient: { path: string; occurrences: number; cumulativeBytes: number }[] = [];
  trees.forEach((tree, current) => {
    visit(
      tree,
      (node) => {
        const path = node.path();
        if (!records.has(path)) records.set(path, { path, occurrences: 0, cumulativeBytes: 0, minimumBytes: -1 });
        const record = records.get(path)!;
        let sizeBytes = node.sizeBytes;
        if (node.name.startsWith('.wh.')) {
          const stacked = trees[0].copy(undefined);
          for (let index = 0; index <= current - 1; index += 1) stack(stacked, trees[index]);
          const previous = getNode(stacked, path);
          if (!previous) return false;
          sizeBytes = 0;
          // The directory itself and everything under it (visit() skips the node it starts from only when it is a root).
          if (previous.isDir) visit(previous, (child) => ((sizeBytes += child.sizeBytes), true));
        }
        record.cumulativeBytes += sizeBytes;
        if (record.minimumBytes < 0 || sizeBytes < record.minimumBytes) record.minimumBytes = sizeBytes;
        record.occurrences += 1;
        if (record.occurrences === 2) inefficient.push(record);
        return true;
      },
      (node) => node.children.size === 0,
    );
  });
  let minimum = 0;
  let discovered = 0;
  for (const record of records.values()) {
    minimum += record.minimumBytes;
    discovered += record.cumulativeBytes;
  }
  const sizes = layers.map((entries) => entries.reduce((sum, entry) => sum + entry.sizeBytes, 0));
  const imageSizeBytes = sizes.reduce((sum, size) => sum + size, 0);
  const userSizeBytes = imageSizeBytes - (sizes[0] ?? 0);
  const wastedBytes = inefficient.reduce((sum, record) => sum + record.cumulativeBytes, 0);
  return {
    efficiency: discovered === 0 ? 1 : minimum / discovered,
    imageSizeBytes,
    userSizeBytes,
    wastedBytes,
    wastedUserPercent: userSizeBytes === 0 ? 0 : wastedBytes / userSizeBytes,
    inefficientPaths: [...inefficient]
      .sort((a, b) => b.cumulativeBytes - a.cumulativeBytes)
      .map(({ path, occurrences, cumulativeBytes }) => ({ path, occurrences, cumulativeBytes })),
  };
}

/** Every visible path in a map; a deletion scans the whole map. */
export function reclaimableReference(layers: LayerEntry[][]) {
  const visible = new Map<string, VisibleFile>();
  const groups = new Map<string, ShadowedBytes>();
  const shadow = (path: string, version: VisibleFile, byLayer: number, how: ShadowedBytes['how']) => {
    if (version.sizeBytes === 0) return;
    const key = `${version.layer}:${byLayer}:${how}`;
    const group = groups.get(key) ?? { writtenInLayer: version.layer, shadowedByLayer: byLayer, how, bytes: 0, fileCount: 0, examples: [] };
    group.bytes += version.sizeBytes;
    group.fileCount += 1;
    group.examples.push({ path, sizeBytes: version.sizeBytes });
    groups.set(key, group);
  };
  const deleteWhere = (byLayer: number, matches: (path: string, version: VisibleFile) => boolean) => {
    for (const [path, version] of visible)
      if (matches(path, version)) {
        shadow(path, version, byLayer, 'deleted');
        visible.delete(path);
      }
  };
  layers.forEach((entries, layer) => {
    for (const entry of entries) {
      const slash = entry.path.lastIndexOf('/');
      const directory = entry.path.slice(0, slash) || '/';
      const base = entry.path.slice(slash + 1);
      const under = (path: string) => (path === '/' ? '/' : `${path}/`);
      if (base.startsWith('.wh..wh..')) {
        deleteWhere(layer, (path, version) => path.startsWith(under(directory)) && version.layer < layer);
      } else if (base.startsWith('.wh.')) {
        const name = base.slice(4);
        const target = name === '' ? directory : `${directory === '/' ? '' : directory}/${name}`;
        deleteWhere(layer, (path) => path === target || path.startsWith(under(target)));
      } else if (entry.kind !== 'directory') {
        const previous = visible.get(entry.path);
        if (previous) shadow(entry.path, previous, layer, 'overwritten');
        visible.set(entry.path, { layer, sizeBytes: entry.sizeBytes, mode: entry.mode, kind: entry.kind });
      }
    }
  });
  const sorted = [...groups.values()].sort((a, b) => b.bytes - a.bytes);
  // Stable sorts: of equal sizes, the example met first comes first.
  for (const group of sorted) group.examples = group.examples.sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, 5);
  return { bytes: sorted.reduce((sum, group) => sum + group.bytes, 0), groups: sorted, visible };
}
