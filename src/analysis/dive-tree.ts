// Pure: dive's file trees (wagoodman/dive, dive/filetree/file_tree.go and file_node.go), as the efficiency
// figures need them: a layer's tree, visited children first, and the layers below it stacked into one tree.
//
// A layer's tree holds its tar entries (FileTree.AddPath: missing directories on the way get an empty payload;
// names starting with `.wh..wh..` are never added). Visits go depth first, children before their parent,
// siblings in Go's byte order (VisitDepthChildFirst). Stacking a layer visits every node of it: a whiteout
// (`.wh.` name) removes its path, any other node is added with its payload (FileTree.Stack).
//
// Nothing here recurses (a path 100,000 directories deep does not exhaust the call stack), and nothing walks
// from the root per node: a node's place in the stacked tree is found from its parent's and remembered on the
// frame of the visit, so a path of depth d costs d once, not d times.
import { LayerEntry } from './archive.js';
import { Steps, UNITS_BETWEEN_PAUSES } from './slices.js';

export const WHITEOUT_PREFIX = '.wh.';
/** dive's doubleWhiteoutPrefix: names it never adds to a tree (opaque-directory markers). */
const OPAQUE_PREFIX = '.wh..wh..';

export class TreeNode {
  children: Map<string, TreeNode> | undefined = undefined;
  /** dive's FileInfo.Size and IsDir: the payload, empty for a directory that only lies on the way to an entry. */
  sizeBytes = 0;
  isDir = false;

  constructor(readonly name: string) {}

  child(name: string): TreeNode | undefined {
    return this.children?.get(name);
  }

  addChild(name: string): TreeNode {
    const node = new TreeNode(name);
    (this.children ??= new Map()).set(name, node);
    return node;
  }

  isLeaf(): boolean {
    return this.children === undefined || this.children.size === 0;
  }
}

/** A node being visited, with what its visit needs to know about the nodes above it. */
export interface Frame<Memo = unknown> {
  node: TreeNode;
  parent: Frame<Memo> | undefined;
  /** The node at the same path in the stacked tree, once looked up (stacking keeps it valid, see stackLayer). */
  stacked: TreeNode | undefined;
  /** What the visitor found for this node's path (every name as stored), once looked up. */
  memo: Memo | undefined;
  children: TreeNode[];
  nextChild: number;
}

const SURROGATE = /[\ud800-\udfff]/;
const NO_CHILDREN: readonly TreeNode[] = Object.freeze([]);

/**
 * Children in Go's string order (bytewise UTF-8), which dive's visits follow. UTF-16 order is the same for
 * names without surrogate pairs; otherwise each name's UTF-8 bytes, as a latin1 string, are compared once made.
 */
function sortedChildren(node: TreeNode): TreeNode[] {
  if (node.isLeaf()) return NO_CHILDREN as TreeNode[];
  const children = [...node.children!.values()];
  if (!children.some((child) => SURROGATE.test(child.name)))
    return children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const keyed = children.map((child) => ({ child, key: Buffer.from(child.name, 'utf8').toString('latin1') }));
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((item) => item.child);
}

/**
 * dive's VisitDepthChildFirst over a whole tree: children before their parent, siblings in order; never the
 * root. Leaves, most of the nodes, are all given in one frame, reset for each: a visit keeps no frame.
 */
export function* childFirst<Memo>(root: TreeNode): Generator<Frame<Memo>, void, undefined> {
  const frameOf = (node: TreeNode, parent: Frame<Memo> | undefined): Frame<Memo> => ({
    node,
    parent,
    stacked: undefined,
    memo: undefined,
    children: sortedChildren(node),
    nextChild: 0,
  });
  const stack = [frameOf(root, undefined)];
  const leaf = frameOf(root, undefined);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.nextChild < frame.children.length) {
      const node = frame.children[frame.nextChild++];
      if (!node.isLeaf()) stack.push(frameOf(node, frame));
      else {
        leaf.node = node;
        leaf.parent = frame;
        leaf.stacked = undefined;
        leaf.memo = undefined;
        yield leaf;
      }
    } else {
      stack.pop();
      if (frame.parent) yield frame;
    }
  }
}

export function isWhiteout(node: TreeNode): boolean {
  return node.name.startsWith(WHITEOUT_PREFIX);
}

/**
 * dive's AddPath, for the names of `path.slice(0, end)`: missing nodes get an empty payload, except that a
 * missing name starting with `.wh..wh..` is never added, and then nothing is (undefined).
 */
function addNames(root: TreeNode, path: string, end: number): TreeNode | undefined {
  let node = root;
  for (let start = 0; start < end;) {
    let stop = path.indexOf('/', start);
    if (stop < 0 || stop > end) stop = end;
    if (stop > start) {
      const name = path.slice(start, stop);
      let next = node.child(name);
      if (!next) {
        if (name.startsWith(OPAQUE_PREFIX)) return undefined;
        next = node.addChild(name);
      }
      node = next;
    }
    start = stop + 1;
  }
  return node;
}

/** A layer's tree: dive's AddPath for each entry, with the entry's payload on its own node. */
export function* layerTree(entries: LayerEntry[]): Steps<TreeNode> {
  const root = new TreeNode('');
  // A tar lists a directory's entries together: its node is looked up once for all of them (a layer tree only grows).
  let directoryPath = '';
  let directory: TreeNode | undefined = root;
  for (let index = 0; index < entries.length; index += 1) {
    const path = entries[index].path;
    const slash = path.lastIndexOf('/');
    if (slash !== directoryPath.length || !path.startsWith(directoryPath)) {
      directoryPath = path.slice(0, slash);
      directory = addNames(root, path, slash);
    }
    const name = path.slice(slash + 1);
    const node = directory?.child(name) ?? (directory && !name.startsWith(OPAQUE_PREFIX) ? directory.addChild(name) : undefined);
    if (node) {
      node.sizeBytes = entries[index].sizeBytes;
      node.isDir = entries[index].kind === 'directory';
    }
    if (index % UNITS_BETWEEN_PAUSES === UNITS_BETWEEN_PAUSES - 1) yield;
  }
  return root;
}

/**
 * The stacked tree's node at a frame's path (every name as stored). Missing nodes are made on the way when
 * `create` (AddPath gives them an empty payload); otherwise a missing one gives undefined (GetNode).
 * Found nodes are remembered on the frames, so a frame costs one lookup per visit however deep it is.
 */
function stackedNode(frame: Frame, stackedRoot: TreeNode, create: boolean): TreeNode | undefined {
  if (frame.stacked) return frame.stacked;
  const parent = frame.parent;
  if (!parent) return stackedRoot;
  // Usually the parent's node is known already, and no list of frames still to look up is needed.
  const parentNode = !parent.parent ? stackedRoot : (parent.stacked ?? stackedNodeOfChain(parent, stackedRoot, create));
  const node = parentNode?.child(frame.node.name) ?? (create ? parentNode?.addChild(frame.node.name) : undefined);
  frame.stacked = node;
  return node;
}

/** stackedNode for a frame whose parent's node is not known yet: the frames up to one that is are walked down. */
function stackedNodeOfChain(frame: Frame, stackedRoot: TreeNode, create: boolean): TreeNode | undefined {
  const unresolved: Frame[] = [];
  let known: Frame = frame;
  while (known.parent && !known.stacked) {
    unresolved.push(known);
    known = known.parent;
  }
  let node = known.parent ? known.stacked! : stackedRoot;
  for (let index = unresolved.length - 1; index >= 0; index -= 1) {
    const name = unresolved[index].node.name;
    const next = node.child(name) ?? (create ? node.addChild(name) : undefined);
    if (!next) return undefined;
    unresolved[index].stacked = next;
    node = next;
  }
  return node;
}

/** dive's GetNode(Path()) for a whiteout: the node it deletes in the stacked tree, if there is one. */
export function whiteoutTarget(frame: Frame, stackedRoot: TreeNode): TreeNode | undefined {
  const directory = stackedNode(frame.parent!, stackedRoot, false);
  const name = frame.node.name.slice(WHITEOUT_PREFIX.length);
  return name === '' ? directory : directory?.child(name);
}

/**
 * Bytes of a stacked node and everything under it (dive's sizer). `known` holds the totals of the nodes summed
 * already while the stacked tree has not changed, so that nested deletions sum each node once.
 */
export function* subtreeBytes(top: TreeNode, known: Map<TreeNode, number>): Steps<number> {
  const pending = [top];
  const order: TreeNode[] = [];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (known.has(node)) continue;
    order.push(node);
    if (node.children) for (const child of node.children.values()) pending.push(child);
    if (order.length % UNITS_BETWEEN_PAUSES === 0) yield;
  }
  // Reversed, every node comes after all of its children.
  for (let index = order.length - 1; index >= 0; index -= 1) {
    const node = order[index];
    let total = node.sizeBytes;
    if (node.children) for (const child of node.children.values()) total += known.get(child)!;
    known.set(node, total);
  }
  return known.get(top)!;
}

/**
 * dive's FileTree.Stack: every node of the layer, children first; a whiteout removes its path, any other node
 * is added with its payload. The stacked nodes remembered on frames stay valid: a whiteout only removes a
 * sibling's subtree (visited already, or not yet looked up), except `.wh.` alone, whose path is its own
 * directory's: that directory goes (never the root), and is looked up again if a later sibling needs it.
 */
export function* stackLayer(upper: TreeNode, stackedRoot: TreeNode): Steps<void> {
  let units = 0;
  for (const frame of childFirst(upper)) {
    if (++units % UNITS_BETWEEN_PAUSES === 0) yield;
    const parent = frame.parent!;
    if (!isWhiteout(frame.node)) {
      const node = stackedNode(frame, stackedRoot, true)!;
      node.sizeBytes = frame.node.sizeBytes;
      node.isDir = frame.node.isDir;
    } else if (frame.node.name !== WHITEOUT_PREFIX) {
      stackedNode(parent, stackedRoot, false)?.children?.delete(frame.node.name.slice(WHITEOUT_PREFIX.length));
    } else if (parent.parent) {
      stackedNode(parent.parent, stackedRoot, false)?.children?.delete(parent.node.name);
      parent.stacked = undefined;
    }
  }
}
