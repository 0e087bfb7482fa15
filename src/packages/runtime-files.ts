// Pure: what the package view's walk over the final files also counts, for the hints that read it: files a
// runtime never loads inside node_modules and site-packages (source maps, TypeScript, tests, docs, type stubs),
// and Python's sources and bytecode, each by the layer that wrote them. Counted in the walk the view makes anyway,
// so that the hints need no pass of their own over every file.

export type ExtrasArea = 'node_modules' | 'site-packages';

/** Files and bytes of one kind in one layer. */
export interface FileTally {
  layer: number;
  files: number;
  bytes: number;
}

export interface RuntimeFiles {
  /** Files a runtime never loads, by area, kind and layer; devDependencies' own files are left to their hint. */
  extras: (FileTally & { area: ExtrasArea; kind: string })[];
  /** `.pyc` files in `__pycache__`, by layer. */
  bytecode: FileTally[];
  /** `.py` files, by layer. */
  sources: FileTally[];
}

const DOC_NAME = /^(readme|changelog|history|changes)(\.|$)/i;
/** Every path extraKind names a kind for matches this (and most others do not): one scan of the path instead of ten. */
const MAYBE_EXTRA =
  /\.(map|[mc]?tsx?|pyi|md|markdown|rst)$|\/(tests?|__tests__|spec|docs?|examples?)\/|\/(readme|changelog|history|changes)(\.[^/]*)?$/i;

/**
 * What kind of file a runtime never loads this is, inside node_modules or a Python site directory; undefined for
 * the rest. Called for every file in those folders: one regular expression rules most out, cheap tests then name the
 * kind.
 */
export function extraKind(path: string, area: ExtrasArea): string | undefined {
  if (!MAYBE_EXTRA.test(path)) return undefined;
  if (area === 'node_modules') {
    if (path.endsWith('.map')) return 'source maps';
    if (path.endsWith('.ts') || path.endsWith('.tsx') || path.endsWith('.mts') || path.endsWith('.cts'))
      return 'TypeScript sources and declarations';
  } else if (path.endsWith('.pyi')) return 'type stubs';
  if ((path.includes('/test') || path.includes('/__tests__/') || path.includes('/spec/')) && /\/(tests?|__tests__|spec)\//.test(path))
    return 'tests';
  if ((path.includes('/doc') || path.includes('/example')) && /\/(docs?|examples?)\//.test(path)) return 'docs';
  if (path.endsWith('.md') || path.endsWith('.MD') || path.endsWith('.markdown') || path.endsWith('.rst')) return 'docs';
  const slash = path.lastIndexOf('/');
  return 'rRcChH'.includes(path[slash + 1] ?? '') && DOC_NAME.test(path.slice(slash + 1)) ? 'docs' : undefined;
}

function add(tallies: Map<string, FileTally>, key: string, layer: number, bytes: number): FileTally {
  let tally = tallies.get(key);
  if (!tally) tallies.set(key, (tally = { layer, files: 0, bytes: 0 }));
  tally.files += 1;
  tally.bytes += bytes;
  return tally;
}

/** Counts the final files as the walk hands them over. */
export class RuntimeFileCounter {
  private readonly extras = new Map<string, FileTally & { area?: ExtrasArea; kind?: string }>();
  private readonly bytecode = new Map<string, FileTally>();
  private readonly sources = new Map<string, FileTally>();

  /** A regular file; `npmFolder` when it is in an npm package's folder, `skipExtras` for a devDependency's. */
  count(path: string, layer: number, bytes: number, npmFolder: boolean, skipExtras: boolean): void {
    if (path.endsWith('.py')) add(this.sources, String(layer), layer, bytes);
    else if (path.endsWith('.pyc') && path.includes('/__pycache__/')) add(this.bytecode, String(layer), layer, bytes);
    if (skipExtras || bytes === 0) return;
    const area: ExtrasArea | undefined = npmFolder
      ? 'node_modules'
      : path.includes('/site-packages/') || path.includes('/dist-packages/')
        ? 'site-packages'
        : undefined;
    const kind = area && extraKind(path, area);
    if (!area || !kind) return;
    Object.assign(add(this.extras, `${area}\u0000${kind}\u0000${layer}`, layer, bytes), { area, kind });
  }

  result(): RuntimeFiles {
    return {
      extras: [...this.extras.values()] as RuntimeFiles['extras'],
      bytecode: [...this.bytecode.values()],
      sources: [...this.sources.values()],
    };
  }
}
