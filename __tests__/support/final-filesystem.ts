// Oracles for the package view, computed without the gate: the final filesystem's bytes from GNU tar's listing
// of every layer with overlayfs's rules applied here, and sizes read inside the image by its own tools (find,
// stat, Python's csv module), in throw-away containers the tests start and remove.
import { execFileSync } from 'node:child_process';
import { layerListings } from './e2e.js';

/** One GNU tar `--list --verbose` line: its type letter, size, path (absolute, no trailing slash) and symlink target. */
function parseListing(line: string): { type: string; sizeBytes: number; path: string; target?: string } {
  // mode, owner/group, size (major,minor for a device), date, time, then the name (which may hold spaces).
  const match = /^(\S+)\s+\S+\s+(\S+)\s+\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2}(?::\d{2})?\s(.*)$/.exec(line);
  if (!match) throw new Error(`GNU tar printed a line this oracle does not read: ${line}`);
  const [, mode, size, name] = match;
  const type = mode[0];
  const arrow = type === 'l' ? name.indexOf(' -> ') : -1;
  const rawPath = arrow >= 0 ? name.slice(0, arrow) : type === 'h' ? name.slice(0, name.indexOf(' link to ')) : name;
  const path = `/${rawPath.replace(/^\.?\//, '').replace(/\/$/, '')}`;
  return { type, sizeBytes: Number(size), path, target: arrow >= 0 ? name.slice(arrow + 4) : undefined };
}

const under = (path: string, directory: string) => path.startsWith(directory === '/' ? '/' : `${directory}/`);

/**
 * The bytes the final filesystem shows, as the image size counts them (regular files, symlink targets' lengths),
 * from GNU tar's listing of each layer: a layer's whiteouts and opaque directories hide what lower layers had,
 * then its entries replace what is at their paths (a directory or a file hides what was under a file, and the
 * other way round).
 */
export function visibleBytesByGnuTar(reference: string): number {
  const visible = new Map<string, number>();
  const directories = new Set<string>();
  const removeUnder = (directory: string) => {
    for (const path of [...visible.keys()]) if (under(path, directory)) visible.delete(path);
  };
  for (const listing of layerListings(reference)) {
    const entries = listing.map(parseListing);
    for (const entry of entries) {
      const slash = entry.path.lastIndexOf('/');
      const directory = entry.path.slice(0, slash) || '/';
      const base = entry.path.slice(slash + 1);
      if (base === '.wh..wh..opq') removeUnder(directory);
      else if (base.startsWith('.wh.')) {
        const deleted = `${directory === '/' ? '' : directory}/${base.slice(4)}`;
        visible.delete(deleted);
        removeUnder(deleted);
      }
    }
    for (const entry of entries) {
      if (entry.path.slice(entry.path.lastIndexOf('/') + 1).startsWith('.wh.')) continue;
      if (entry.type === 'd') {
        visible.delete(entry.path);
        directories.add(entry.path);
        continue;
      }
      // A file where a directory was hides everything that was under it.
      if (directories.delete(entry.path)) removeUnder(entry.path);
      const bytes = entry.type === '-' ? entry.sizeBytes : entry.type === 'l' ? Buffer.byteLength(entry.target ?? '') : 0;
      visible.set(entry.path, bytes);
    }
  }
  return [...visible.values()].reduce((sum, bytes) => sum + bytes, 0);
}

/** Runs a shell script inside the image (a container of the test's own, removed at once) and returns its output. */
export function inImage(image: string, script: string, shell = 'sh'): string {
  return execFileSync('docker', ['run', '--rm', '--network', 'none', '--entrypoint', shell, image, '-c', script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 26,
  }).trim();
}

/** An npm package's bytes by find(1) inside the image: its folder's regular files and symlinks, its own node_modules left out. */
export function npmFolderBytes(image: string, folder: string): number {
  const sizes = inImage(image, `find '${folder}' -path '${folder}/node_modules' -prune -o \\( -type f -o -type l \\) -printf '%s\\n'`);
  return sizes.split('\n').reduce((sum, size) => sum + Number(size), 0);
}

/** A deb package's bytes by stat(1) inside the image: each path of its .list that is a regular file or a symlink (not to a directory). */
export function debListBytes(image: string, listName: string): number {
  const sizes = inImage(
    image,
    `while IFS= read -r p; do if [ -L "$p" ] && [ ! -d "$p" ]; then stat -c %s "$p"; elif [ -f "$p" ] && [ ! -L "$p" ]; then stat -c %s "$p"; fi; done < /var/lib/dpkg/info/${listName}.list`,
  );
  return sizes === '' ? 0 : sizes.split('\n').reduce((sum, size) => sum + Number(size), 0);
}

/** A Python distribution's bytes by the image's own Python: the regular files and symlinks its RECORD lists, each once. */
export function recordBytes(image: string, python: string, record: string): number {
  const script = [
    'import csv, os, stat, sys',
    `record = ${JSON.stringify(record)}`,
    'site = os.path.dirname(os.path.dirname(record))',
    'seen, total = set(), 0',
    'for row in csv.reader(open(record, newline="")):',
    '    if not row or not row[0]: continue',
    '    path = os.path.normpath(os.path.join(site, row[0]))',
    '    if path in seen: continue',
    '    seen.add(path)',
    '    try: mode = os.lstat(path)',
    '    except FileNotFoundError: continue',
    '    if stat.S_ISREG(mode.st_mode) or stat.S_ISLNK(mode.st_mode): total += mode.st_size',
    'print(total)',
  ].join('\n');
  return Number(
    execFileSync('docker', ['run', '--rm', '--network', 'none', '--entrypoint', python, image, '-B', '-c', script], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim(),
  );
}
