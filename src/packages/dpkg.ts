// Pure: Debian's package database as dpkg leaves it: the status file (or distroless's status.d/ entries), one
// control paragraph per package, and each package's file list (/var/lib/dpkg/info/<name>[:<arch>].list, or a
// status.d entry's .md5sums). Tolerant: a malformed paragraph is skipped and counted, never thrown on.

export interface DpkgPackage {
  name: string;
  version: string;
  architecture: string;
  /** Multi-Arch: same packages name their file list `<name>:<arch>.list`. */
  multiArchSame: boolean;
}

/** The states in which a package's files are on disk (dpkg(1): not-installed and config-files have none). */
const STATES_WITH_FILES = new Set(['installed', 'half-installed', 'unpacked', 'half-configured', 'triggers-awaited', 'triggers-pending']);

/** The longest name and version kept (a longer one is cut): Debian's own are far shorter. */
export const MAX_NAME_CHARS = 214;
export const MAX_VERSION_CHARS = 128;

export function clip(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

/** The fields of each paragraph of a control file that the view needs; lines that are not `Field: value` are skipped. */
function* paragraphs(text: string): Generator<Map<string, string>> {
  let fields = new Map<string, string>();
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (line.trim() === '') {
      if (fields.size > 0) yield fields;
      fields = new Map();
      continue;
    }
    // Continuation lines (a description, conffiles) start with a space or a tab.
    if (line.startsWith(' ') || line.startsWith('\t')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const field = line.slice(0, colon).toLowerCase();
    if (field === 'package' || field === 'version' || field === 'architecture' || field === 'status' || field === 'multi-arch')
      fields.set(field, line.slice(colon + 1).trim());
  }
  if (fields.size > 0) yield fields;
}

/**
 * The packages a control file lists whose files are on disk. `statusRequired` is false for distroless's
 * status.d entries, which have no Status field. Paragraphs without a Package field are counted in `malformed`.
 */
export function parseDpkgStatus(text: string, statusRequired = true): { packages: DpkgPackage[]; malformed: number } {
  const packages: DpkgPackage[] = [];
  let malformed = 0;
  for (const fields of paragraphs(text)) {
    const name = fields.get('package');
    if (!name) {
      malformed += 1;
      continue;
    }
    const status = fields.get('status');
    if (status !== undefined || statusRequired) {
      const state = status?.split(/\s+/)[2];
      if (!state || !STATES_WITH_FILES.has(state)) continue;
    }
    packages.push({
      name: clip(name, MAX_NAME_CHARS),
      version: clip(fields.get('version') ?? '', MAX_VERSION_CHARS),
      architecture: fields.get('architecture') ?? '',
      multiArchSame: fields.get('multi-arch') === 'same',
    });
  }
  return { packages, malformed };
}

/** Calls `each` with every absolute path of a .list file (`/.`, the root, is left out). */
export function forEachListedPath(text: string, each: (path: string) => void): void {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const path = text.slice(start, end);
    start = end + 1;
    if (path.startsWith('/') && path !== '/.') each(path);
  }
}

/** Calls `each` with every path of an md5sums file (`<md5>  <path relative to />`), made absolute. */
export function forEachMd5sumsPath(text: string, each: (path: string) => void): void {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    const space = line.indexOf(' ');
    if (space < 0) continue;
    const relative = line.slice(space).replace(/^[ *]+/, '');
    if (relative !== '') each(`/${relative}`);
  }
}

/** The file-list names (without `.list`) under which dpkg may keep a package's files, the likelier first. */
export function listNamesOf(pkg: DpkgPackage): string[] {
  const qualified = pkg.architecture ? `${pkg.name}:${pkg.architecture}` : pkg.name;
  return pkg.multiArchSame ? [qualified, pkg.name] : [pkg.name, qualified];
}
