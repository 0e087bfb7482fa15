// Pure: Debian's package database as dpkg leaves it: the status file (or distroless's status.d/ entries), one
// control paragraph per package, and each package's file list (/var/lib/dpkg/info/<name>[:<arch>].list, or a
// status.d entry's .md5sums). Tolerant: a malformed paragraph is skipped and counted, never thrown on.
import { finish, UNITS_BETWEEN_PAUSES } from './steps.js';

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

const WANTED_FIELDS = new Set(['package', 'version', 'architecture', 'status', 'multi-arch']);

/**
 * The packages a control file lists whose files are on disk, pausing every UNITS_BETWEEN_PAUSES lines.
 * `statusRequired` is false for distroless's status.d entries, which have no Status field. Paragraphs without a
 * Package field are counted in `malformed`; lines that are not `Field: value` and continuation lines are skipped.
 */
export function* parseDpkgStatusSteps(
  text: string,
  statusRequired = true,
): Generator<void, { packages: DpkgPackage[]; malformed: number }, void> {
  const packages: DpkgPackage[] = [];
  let malformed = 0;
  let fields = new Map<string, string>();
  const close = () => {
    if (fields.size === 0) return;
    const pkg = packageOf(fields, statusRequired);
    if (pkg === 'malformed') malformed += 1;
    else if (pkg) packages.push(pkg);
    fields = new Map();
  };
  let lines = 0;
  for (let start = 0; start <= text.length;) {
    if (++lines % UNITS_BETWEEN_PAUSES === 0) yield;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (line.trim() === '') close();
    else if (!line.startsWith(' ') && !line.startsWith('\t')) {
      const colon = line.indexOf(':');
      const field = colon > 0 ? line.slice(0, colon).toLowerCase() : '';
      if (WANTED_FIELDS.has(field)) fields.set(field, line.slice(colon + 1).trim());
    }
  }
  close();
  return { packages, malformed };
}

/** A paragraph's package when its files are on disk; 'malformed' without a Package field; undefined for the rest. */
function packageOf(fields: Map<string, string>, statusRequired: boolean): DpkgPackage | 'malformed' | undefined {
  const name = fields.get('package');
  if (!name) return 'malformed';
  const status = fields.get('status');
  if (status !== undefined || statusRequired) {
    const state = status?.split(/\s+/)[2];
    if (!state || !STATES_WITH_FILES.has(state)) return undefined;
  }
  return {
    name: clip(name, MAX_NAME_CHARS),
    version: clip(fields.get('version') ?? '', MAX_VERSION_CHARS),
    architecture: fields.get('architecture') ?? '',
    multiArchSame: fields.get('multi-arch') === 'same',
  };
}

/** parseDpkgStatusSteps run to its end. */
export function parseDpkgStatus(text: string, statusRequired = true): { packages: DpkgPackage[]; malformed: number } {
  return finish(parseDpkgStatusSteps(text, statusRequired));
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
