// /etc/passwd and /etc/group as the daemon opens them when it starts a container, found in the scanned
// layers without running docker. The daemon resolves the path inside the container's root filesystem with
// FollowSymlinkInScope (moby/sys symlink/fs.go: one component at a time, at most 255 steps, absolute targets
// restart at the root, a missing component is accepted, `..` stops at the root), on the layers stacked as
// overlayfs stacks them, topped by Docker's init layer (moby daemon/initlayer/setup_unix.go). What cannot be
// told from the layers alone is left unknown, and the gate then reads it through the engine.
import { LayerEntry, ScannedLayer, cleanPath } from './archive.js';
import { ImageFile } from '../user/resolve.js';

/** Directories Docker's init layer makes (an image's symlink or file there is hidden by an empty directory). */
const INIT_DIRECTORIES = new Set(['/dev', '/dev/pts', '/dev/shm', '/proc', '/sys', '/etc']);
/** Files the init layer makes (empty) or replaces (/etc/mtab, a symlink to /proc/mounts): the engine knows best. */
const INIT_FILES = new Set(['/.dockerenv', '/etc/resolv.conf', '/etc/hosts', '/etc/hostname', '/dev/console', '/etc/mtab']);
/** FollowSymlinkInScope's limit on path components it walks (symlink targets included). */
const MAX_STEPS = 255;
const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';
const ROOT_WHITEOUT_PREFIX = `/${WHITEOUT_PREFIX}`;

/** What one path is in the final filesystem; `unknown` when only the engine can tell. */
type Found =
  | { kind: 'absent' }
  | { kind: 'not-a-directory' }
  | { kind: 'unknown' }
  /** A directory of Docker's init layer. */
  | { kind: 'directory'; layer?: undefined }
  | { kind: 'directory' | 'file' | 'symlink' | 'link' | 'other'; layer: number; entry: LayerEntry };

/**
 * Entries looked at, over all lookups, before the gate gives up and asks the engine: each lookup scans the
 * layers (no index of every path is built, as an image may hold a million), and symlinks could make many.
 */
const MAX_ENTRIES_SCANNED = 20_000_000;

function ancestorsOf(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.slice(0, -1).map((_, index) => '/' + parts.slice(0, index + 1).join('/'));
}

/** What one layer says about `path`: its entry, that it hides what lower layers have there, or nothing. */
function layerSays(entries: LayerEntry[], path: string): LayerEntry | 'hidden' | undefined {
  const under = (ancestor: string) => ancestor === '/' || (path.startsWith(ancestor) && path[ancestor.length] === '/');
  // Only the path, its ancestors and whiteouts in them matter: all begin with its first component (or /.wh.).
  const second = path.indexOf('/', 1);
  const top = second === -1 ? path : path.slice(0, second);
  let found: LayerEntry | undefined;
  let hidden = false;
  for (const entry of entries) {
    if (!entry.path.startsWith(top) && !entry.path.startsWith(ROOT_WHITEOUT_PREFIX)) continue;
    if (entry.path === path) found = entry;
    // A lower layer's content under a non-directory of this layer is hidden (overlayfs stops merging there).
    else if (under(entry.path)) hidden ||= entry.kind !== 'directory';
    else if (entry.path.includes(WHITEOUT_PREFIX)) {
      const slash = entry.path.lastIndexOf('/');
      const base = entry.path.slice(slash + 1);
      const dir = entry.path.slice(0, slash) || '/';
      if (!base.startsWith(WHITEOUT_PREFIX) || !under(dir)) continue;
      // An opaque directory empties itself of lower content; a whiteout deletes one path and what is under it.
      const deleted = base === OPAQUE_MARKER ? dir : cleanPath(`${dir}/${base.slice(WHITEOUT_PREFIX.length)}`);
      hidden ||= deleted === path || under(deleted);
    }
  }
  return found ?? (hidden ? 'hidden' : undefined);
}

/** The image's layers as one filesystem, topped by Docker's init layer. */
class FinalFilesystem {
  private readonly known = new Map<string, Found>();
  private scanned = 0;

  constructor(private readonly layers: ScannedLayer[]) {}

  /** What `path` is, its ancestors being directories; searched from the top layer down, as overlayfs does. */
  private kindAt(path: string): Found {
    if (INIT_FILES.has(path)) return { kind: 'unknown' };
    if (INIT_DIRECTORIES.has(path)) return { kind: 'directory' };
    const known = this.known.get(path);
    if (known) return known;
    let found: Found = { kind: 'absent' };
    for (let layer = this.layers.length - 1; layer >= 0; layer -= 1) {
      const entries = this.layers[layer].entries;
      this.scanned += entries.length;
      if (this.scanned > MAX_ENTRIES_SCANNED) return { kind: 'unknown' };
      const says = layerSays(entries, path);
      if (says === undefined) continue;
      if (says !== 'hidden') found = { kind: says.kind, layer, entry: says };
      break;
    }
    this.known.set(path, found);
    return found;
  }

  /** os.Lstat: every ancestor must be a directory (a missing one makes the path missing, a file makes it ENOTDIR). */
  lstat(path: string): Found {
    for (const ancestor of ancestorsOf(path)) {
      const found = this.kindAt(ancestor);
      if (found.kind === 'absent' || found.kind === 'unknown') return found;
      if (found.kind === 'symlink') return { kind: 'unknown' };
      if (found.kind !== 'directory') return { kind: 'not-a-directory' };
    }
    return this.kindAt(path);
  }
}

/** FollowSymlinkInScope: the path the daemon opens, or why it cannot (then the container does not start). */
function followInScope(fs: FinalFilesystem, path: string): { resolved: string } | { failed: string } | 'unknown' {
  let rest = path;
  let walked = '';
  for (let step = 0; rest !== ''; step += 1) {
    if (step > MAX_STEPS) return { failed: 'its symbolic links go round or nest too deep (evalSymlinksInScope: too many links)' };
    const slash = rest.indexOf('/');
    const part = slash === -1 ? rest : rest.slice(0, slash);
    rest = slash === -1 ? '' : rest.slice(slash + 1);
    if (part === '') continue;
    const candidate = cleanPath(`/${walked}${part}`);
    if (candidate === '/') {
      walked = '';
      continue;
    }
    const found = fs.lstat(candidate);
    if (found.kind === 'unknown') return 'unknown';
    if (found.kind === 'not-a-directory') return { failed: `${ancestorsOf(candidate).join(', ')} is not a directory` };
    if (found.kind !== 'symlink') {
      walked += `${part}/`;
      continue;
    }
    const target = found.entry.linkTarget ?? '';
    if (target.startsWith('/')) walked = '';
    rest = `${target}/${rest}`;
  }
  return { resolved: cleanPath(`/${walked}`) };
}

/** Pure: the file at `path` as the daemon reads it when the container starts, or undefined when only the engine can tell. */
export function finalImageFile(layers: ScannedLayer[], path: string, maxBytes: number): ImageFile | undefined {
  const fs = new FinalFilesystem(layers);
  const followed = followInScope(fs, path);
  if (followed === 'unknown') return undefined;
  if ('failed' in followed) return { kind: 'unreadable', why: `Docker cannot resolve ${path}: ${followed.failed}` };
  const found = fs.lstat(followed.resolved);
  switch (found.kind) {
    case 'absent':
      return { kind: 'absent' };
    case 'directory':
      return { kind: 'directory' };
    case 'file':
    case 'link': {
      // A hard link names a file of its own layer, which the tar gave (with its bytes) before the link.
      const dataPath = found.kind === 'link' ? cleanPath(found.entry.linkTarget ?? '') : followed.resolved;
      const layer = layers[found.layer];
      const target = found.kind === 'link' ? layer.entries.find((entry) => entry.path === dataPath) : found.entry;
      if (target?.kind === 'file' && target.sizeBytes > maxBytes)
        return { kind: 'unreadable', why: `it is ${target.sizeBytes} bytes, more than the ${maxBytes} the gate reads` };
      const bytes = target?.kind === 'file' ? layer.userFiles?.get(dataPath) : undefined;
      return bytes ? { kind: 'file', bytes } : undefined;
    }
    case 'other':
      return { kind: 'unreadable', why: `${followed.resolved} is a device, FIFO or socket, not a regular file` };
    default:
      return undefined;
  }
}
