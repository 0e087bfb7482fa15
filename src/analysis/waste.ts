// Pure: reclaimable bytes, the file versions that the final filesystem no longer shows (overwritten by a later
// layer, or deleted by one). This is what a rebuild could really save; every saving estimate uses it. (dive's
// figures, which count the surviving copy too, are in dive-efficiency.ts.)
//
// The files the filesystem shows so far are kept twice: in a map by path (the result), and in path tries, so
// that a deletion visits only what it deletes. One trie holds what earlier layers wrote, one what the layer being
// read wrote: an opaque directory hides only the former, so it never walks the layer's own new files (a layer
// that repeats an opaque marker 100,000 times over a directory it fills costs nothing more).
import { LayerEntry } from './archive.js';
import { runToEnd, Steps, UNITS_BETWEEN_PAUSES } from './slices.js';

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_PREFIX = '.wh..wh..';

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

class TrieNode {
  children: Map<string, TrieNode> | undefined = undefined;
  /** The visible file at this path, if any, with its path and when the path became visible. */
  file: VisibleFile | undefined = undefined;
  path = '';
  /** Deletions report files in this order, the order in which their paths entered the visible map. */
  visibleSince = 0;
}

/**
 * The node at the path `path.slice(0, end)` in a trie: made on the way when `create`, else undefined when
 * missing. Walks the names in place: no array per lookup.
 */
function nodeAt(root: TrieNode, path: string, end: number, create: boolean): TrieNode | undefined {
  let node = root;
  for (let start = 0; start < end;) {
    let stop = path.indexOf('/', start);
    if (stop < 0 || stop > end) stop = end;
    if (stop > start) {
      const name = path.slice(start, stop);
      let next = node.children?.get(name);
      if (!next) {
        if (!create) return undefined;
        (node.children ??= new Map()).set(name, (next = new TrieNode()));
      }
      node = next;
    }
    start = stop + 1;
  }
  return node;
}

/** The files at and under a node, added to `found`. */
function* filesUnder(top: TrieNode, found: TrieNode[]): Steps<void> {
  const pending = [top];
  let units = 0;
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.file) found.push(node);
    if (node.children) for (const child of node.children.values()) pending.push(child);
    if (++units % UNITS_BETWEEN_PAUSES === 0) yield;
  }
}

/**
 * Takes a node, and so all under it, out of a trie: the child `name` of the directory `path.slice(0, end)`,
 * or that directory itself when `name` is '' (for the root, everything, under a node made for them).
 */
function detach(root: TrieNode, path: string, end: number, name: string): TrieNode | undefined {
  if (name === '' && end <= 0) {
    const everything = new TrieNode();
    everything.children = root.children;
    root.children = undefined;
    return everything;
  }
  if (name === '') {
    const slash = path.lastIndexOf('/', end - 1);
    return detach(root, path, Math.max(slash, 0), path.slice(slash + 1, end));
  }
  const parent = nodeAt(root, path, end, false);
  const node = parent?.children?.get(name);
  if (node) parent!.children!.delete(name);
  return node;
}

/** Moves what a layer wrote into the trie of earlier layers (their files never share a path). */
function* merge(into: TrieNode, from: TrieNode): Steps<void> {
  const pending: [TrieNode, TrieNode][] = [[into, from]];
  let units = 0;
  while (pending.length > 0) {
    const [target, source] = pending.pop()!;
    if (source.file) {
      target.file = source.file;
      target.path = source.path;
      target.visibleSince = source.visibleSince;
    }
    for (const [name, child] of source.children ?? []) {
      const existing = target.children?.get(name);
      if (existing) pending.push([existing, child]);
      else (target.children ??= new Map()).set(name, child);
    }
    if (++units % UNITS_BETWEEN_PAUSES === 0) yield;
  }
}

class ShadowGroups {
  readonly byKey = new Map<string, ShadowedBytes>();

  add(path: string, version: VisibleFile, byLayer: number, how: ShadowedBytes['how']): void {
    if (version.sizeBytes === 0) return;
    const key = `${version.layer}:${byLayer}:${how}`;
    let group = this.byKey.get(key);
    if (!group) {
      group = { writtenInLayer: version.layer, shadowedByLayer: byLayer, how, bytes: 0, fileCount: 0, examples: [] };
      this.byKey.set(key, group);
    }
    group.bytes += version.sizeBytes;
    group.fileCount += 1;
    group.examples.push({ path, sizeBytes: version.sizeBytes });
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
  visible: Map<string, VisibleFile>;
  /** Files written by earlier layers, and by the layer being read. */
  lower: TrieNode;
  current: TrieNode;
  groups: ShadowGroups;
  nextVisibleSince: number;
}

/** What a whiteout or an opaque-directory marker deletes, taken out of the tries (at most two subtrees). */
function detachDeleted(fs: Filesystem, path: string, slash: number): TrieNode[] {
  if (path.startsWith(OPAQUE_PREFIX, slash + 1)) {
    // An opaque directory hides everything lower layers had in it (not the directory itself).
    const directory = nodeAt(fs.lower, path, slash, false);
    if (!directory?.children) return [];
    const contents = new TrieNode();
    contents.children = directory.children;
    directory.children = undefined;
    return [contents];
  }
  // A whiteout deletes its path and everything under it; `.wh.` alone names its own directory (as Docker and dive read it).
  const name = path.slice(slash + 1 + WHITEOUT_PREFIX.length);
  return [detach(fs.lower, path, slash, name), detach(fs.current, path, slash, name)].filter((node) => node !== undefined);
}

/** Files that leave the visible filesystem, reported in the order their paths became visible. */
function reportDeleted(fs: Filesystem, deleted: TrieNode[], layer: number): void {
  if (deleted.length > 1) deleted.sort((a, b) => a.visibleSince - b.visibleSince);
  for (const node of deleted) {
    fs.groups.add(node.path, node.file!, layer, 'deleted');
    fs.visible.delete(node.path);
  }
}

/** A file, link or anything else but a directory: visible from now on, hiding the version it overwrites. */
function write(fs: Filesystem, entry: LayerEntry, layer: number): void {
  const version: VisibleFile = { layer, sizeBytes: entry.sizeBytes, mode: entry.mode, kind: entry.kind };
  const previous = fs.visible.get(entry.path);
  let visibleSince = fs.nextVisibleSince;
  if (previous) {
    fs.groups.add(entry.path, previous, layer, 'overwritten');
    const holder = nodeAt(previous.layer === layer ? fs.current : fs.lower, entry.path, entry.path.length, false)!;
    holder.file = undefined;
    visibleSince = holder.visibleSince;
  } else fs.nextVisibleSince += 1;
  const node = nodeAt(fs.current, entry.path, entry.path.length, true)!;
  node.file = version;
  node.path = entry.path;
  node.visibleSince = visibleSince;
  // Like any Map, the visible map keeps an overwritten path where it was.
  fs.visible.set(entry.path, version);
}

/** Bytes stored in layers that the final filesystem no longer shows, and which layers are to blame; pauses now and then. */
export function* reclaimableSteps(
  layers: LayerEntry[][],
  options: { onLayerDone?: (layersDone: number, layerCount: number) => void } = {},
): Steps<Reclaimable> {
  const fs: Filesystem = {
    visible: new Map(),
    lower: new TrieNode(),
    current: new TrieNode(),
    groups: new ShadowGroups(),
    nextVisibleSince: 0,
  };
  for (let layer = 0; layer < layers.length; layer += 1) {
    const entries = layers[layer];
    for (let index = 0; index < entries.length; index += 1) {
      const entry = entries[index];
      const slash = entry.path.lastIndexOf('/');
      if (entry.path.startsWith(WHITEOUT_PREFIX, slash + 1)) {
        const deleted: TrieNode[] = [];
        for (const top of detachDeleted(fs, entry.path, slash)) {
          if (top.children) yield* filesUnder(top, deleted);
          else if (top.file) deleted.push(top);
        }
        reportDeleted(fs, deleted, layer);
      } else if (entry.kind !== 'directory') write(fs, entry, layer);
      if (index % UNITS_BETWEEN_PAUSES === UNITS_BETWEEN_PAUSES - 1) yield;
    }
    yield* merge(fs.lower, fs.current);
    fs.current = new TrieNode();
    options.onLayerDone?.(layer + 1, layers.length);
  }
  const groups = fs.groups.sorted();
  return { bytes: groups.reduce((sum, group) => sum + group.bytes, 0), groups, visible: fs.visible };
}

/** Bytes stored in layers that the final filesystem no longer shows, and which layers are to blame. */
export function reclaimableBytes(layers: LayerEntry[][]): Reclaimable {
  return runToEnd(reclaimableSteps(layers));
}
