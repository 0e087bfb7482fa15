// Pure: which files and directories grew, appeared, shrank or vanished between two byte maps (the merge base's
// record and the pull request's image). A byte map lists only the largest paths, so a path one side does not
// list may still be there: what is known of it then is a bound (at most the smallest size that side lists),
// and the change is given as far as that bound tells.
import { ByteMap } from '../analysis/byte-map.js';

export interface FileChange {
  kind: 'file' | 'directory';
  path: string;
  /** The path's bytes on that side, when that side lists it. */
  baseBytes?: number;
  headBytes?: number;
  /**
   * head - base. When one side only bounds the path's size (…AtMostBytes), the change is the least it can be:
   * a growth at least this large, or a shrink at least this large (a negative number).
   */
  changeBytes: number;
  /** The path is not in that side's (cut) map: its size there is at most this many bytes. */
  baseAtMostBytes?: number;
  headAtMostBytes?: number;
}

/** How close a directory's change must be to the change of a path under it to be explained by it: 1%. */
const EXPLAINED_FRACTION = 0.01;

interface Side {
  sizes: Map<string, number>;
  complete: boolean;
  /** When the list was cut: the smallest size it lists, which nothing left out exceeds. */
  atMostBytes?: number;
}

type Listed = ByteMap['files'];

function sideOf(listed: Listed, complete: boolean): Side {
  const sizes = new Map<string, number>();
  for (const { path, sizeBytes } of listed) if (!sizes.has(path)) sizes.set(path, sizeBytes);
  // A cut list that lists nothing bounds nothing: what it left out is of unknown size.
  const atMostBytes = complete || listed.length === 0 ? undefined : Math.min(...listed.map((item) => item.sizeBytes));
  return { sizes, complete, atMostBytes };
}

/** The change of one path between two sides, or undefined when it did not change or nothing certain can be said. */
function changeOf(kind: FileChange['kind'], path: string, base: Side, head: Side): FileChange | undefined {
  const baseBytes = base.sizes.get(path);
  const headBytes = head.sizes.get(path);
  if (baseBytes !== undefined && headBytes !== undefined) {
    return headBytes === baseBytes ? undefined : { kind, path, baseBytes, headBytes, changeBytes: headBytes - baseBytes };
  }
  if (headBytes !== undefined) {
    if (base.complete) return { kind, path, headBytes, changeBytes: headBytes };
    const bound = base.atMostBytes;
    return bound !== undefined && headBytes > bound
      ? { kind, path, headBytes, baseAtMostBytes: bound, changeBytes: headBytes - bound }
      : undefined;
  }
  if (baseBytes === undefined) return undefined;
  if (head.complete) return { kind, path, baseBytes, changeBytes: -baseBytes };
  const bound = head.atMostBytes;
  return bound !== undefined && baseBytes > bound
    ? { kind, path, baseBytes, headAtMostBytes: bound, changeBytes: bound - baseBytes }
    : undefined;
}

/** The changes of the paths either list holds that `compared` accepts (the bounds come from the whole lists). */
function changesOf(kind: FileChange['kind'], base: Side, head: Side, compared: (path: string) => boolean = () => true): FileChange[] {
  const paths = new Set([...base.sizes.keys(), ...head.sizes.keys()]);
  return [...paths]
    .filter(compared)
    .map((path) => changeOf(kind, path, base, head))
    .filter((change) => change !== undefined);
}

function depthOf(path: string): number {
  return path.split('/').filter((name) => name !== '').length;
}

function bounded(change: FileChange): boolean {
  return change.baseAtMostBytes !== undefined || change.headAtMostBytes !== undefined;
}

/** `deeper` (a path under `directory`) changed the same way and by the same bytes, within 1%, and as exactly. */
function explains(deeper: FileChange, directory: FileChange): boolean {
  return (
    deeper.path.startsWith(directory.path === '/' ? '/' : `${directory.path}/`) &&
    Math.sign(deeper.changeBytes) === Math.sign(directory.changeBytes) &&
    Math.abs(deeper.changeBytes - directory.changeBytes) <= EXPLAINED_FRACTION * Math.abs(directory.changeBytes) &&
    (!bounded(deeper) || bounded(directory))
  );
}

/**
 * The files and directories whose bytes changed most from `base` to `head`: what grew or appeared first,
 * largest growth first, then what shrank or vanished, largest shrink first; at most `limit`.
 *
 * A path one side's list leaves out: when that list is complete, the path has no bytes there (it appeared or
 * vanished); when it was cut, its size there is at most the smallest size listed, so the change is known only
 * as a bound (baseAtMostBytes / headAtMostBytes), and the path is listed only when even that bound shows a
 * change. Directories are compared down to the shallower of the two maps' depths.
 *
 * One change is told once: a directory is left out when a file or a deeper directory that is listed changed
 * the same way by the same bytes (within 1%), for then that path says it more precisely (`/app/data/extra.bin`
 * +3 MB rather than that, `/app/data` +3 MB and `/app` +3 MB). A directory whose change differs from every
 * listed path under it is kept: it tells of changes the list does not show (many small files), or the net of
 * several. An exact directory figure is not dropped for a path whose change is only a bound.
 */
export function fileChanges(base: ByteMap, head: ByteMap, limit = 10): FileChange[] {
  const depth = Math.min(base.depth, head.depth);
  const files = changesOf('file', sideOf(base.files, base.filesComplete), sideOf(head.files, head.filesComplete));
  const baseDirectories = sideOf(base.directories, base.directoriesComplete);
  const headDirectories = sideOf(head.directories, head.directoriesComplete);
  // Deepest first, so that each directory is weighed against the deeper ones kept before it.
  const directories = changesOf('directory', baseDirectories, headDirectories, (path) => depthOf(path) <= depth).sort(
    (a, b) => depthOf(b.path) - depthOf(a.path),
  );
  const kept = [...files];
  for (const directory of directories) if (!kept.some((deeper) => explains(deeper, directory))) kept.push(directory);
  const order = (a: FileChange, b: FileChange) =>
    Number(b.changeBytes > 0) - Number(a.changeBytes > 0) ||
    Math.abs(b.changeBytes) - Math.abs(a.changeBytes) ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return kept.sort(order).slice(0, Math.max(0, limit));
}
