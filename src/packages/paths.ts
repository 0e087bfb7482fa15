// Pure: paths as package databases name them, matched to the final filesystem's paths. Databases name a file
// where the package put it (/bin/ls); on a merged-/usr system it lives behind a symlinked directory
// (/bin -> usr/bin), so an ancestor that is a symlink is followed, as the kernel would.

/** Go's path.Clean with a leading slash: no `.`, `..` or repeated slashes (`..` stops at the root). */
export function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

/** `relative` from `directory` (an absolute `relative` stands alone), cleaned. */
export function joinPath(directory: string, relative: string): string {
  return cleanPath(relative.startsWith('/') ? relative : `${directory}/${relative}`);
}

/** Symlinks followed while resolving one directory before the gate gives up on it (Linux allows 40). */
const MAX_LINKS = 40;

/** Finds the final filesystem's path (and what is there) for a path a database names. */
export class PathResolver<T> {
  private readonly directories = new Map<string, string>();

  constructor(
    /** What the final filesystem shows at this path (not a directory), if anything. */
    private readonly lookup: (path: string) => T | undefined,
    /** The target of the symlink at this path, if the final filesystem has one there. */
    private readonly linkTarget: (path: string) => string | undefined,
  ) {}

  /** The file `path` names (its ancestors' symlinks followed, not its own) and where it is, or undefined when there is none. */
  resolve(listed: string): { path: string; found: T } | undefined {
    const path = listed.includes('/.') || listed.includes('//') ? cleanPath(listed) : listed;
    const found = this.lookup(path);
    if (found !== undefined) return { path, found };
    const slash = path.lastIndexOf('/');
    if (slash <= 0) return undefined;
    const directory = path.slice(0, slash);
    const resolved = this.resolveDirectory(directory);
    if (resolved === directory) return undefined;
    const candidate = resolved === '/' ? path.slice(slash) : resolved + path.slice(slash);
    const atCandidate = this.lookup(candidate);
    return atCandidate === undefined ? undefined : { path: candidate, found: atCandidate };
  }

  /** A directory with every symlink along it followed; the directory itself when none is, or they go round. */
  private resolveDirectory(directory: string): string {
    const known = this.directories.get(directory);
    if (known !== undefined) return known;
    const pending = directory.split('/').filter(Boolean);
    let resolved = '';
    let links = 0;
    let result: string | undefined;
    while (pending.length > 0) {
      const part = pending.shift()!;
      if (part === '.') continue;
      if (part === '..') {
        resolved = resolved.slice(0, Math.max(0, resolved.lastIndexOf('/')));
        continue;
      }
      const next = `${resolved}/${part}`;
      const target = this.linkTarget(next);
      if (target === undefined) {
        resolved = next;
        continue;
      }
      if (++links > MAX_LINKS) {
        result = directory;
        break;
      }
      if (target.startsWith('/')) resolved = '';
      pending.unshift(...target.split('/').filter(Boolean));
    }
    result ??= resolved || '/';
    this.directories.set(directory, result);
    return result;
  }
}
