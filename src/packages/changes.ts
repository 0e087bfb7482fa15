// Pure: which packages a pull request added, removed, grew, shrank or updated against its baseline (an image
// measured now, or a size history record that keeps only the largest packages). Packages are compared by
// ecosystem and name, their versions' bytes summed. A record's list is cut: what it left out is at most the
// smallest size it lists, and a change is given only as far as that bound tells (as file-changes.ts does).
import { Ecosystem, InstalledPackage, PackageSummary } from './types.js';

/** What a comparison reads of one side: its packages, whether the list is whole, and which databases were read. */
export interface PackageSide {
  packages: Pick<InstalledPackage, 'ecosystem' | 'name' | 'version' | 'sizeBytes'>[];
  complete: boolean;
  /** Ecosystems whose database was read (a record's or an analysis's). */
  ecosystems: Ecosystem[];
}

export type PackageChangeKind = 'added' | 'removed' | 'grew' | 'shrank' | 'updated';

export interface PackageChange {
  kind: PackageChangeKind;
  ecosystem: Ecosystem;
  name: string;
  /** The versions on each side (several, comma-separated, when several are installed); absent where it is not listed. */
  baseVersion?: string;
  headVersion?: string;
  baseBytes?: number;
  headBytes?: number;
  /** head - base; with a bound (…AtMostBytes), the least the change can be. */
  changeBytes: number;
  /** The package is not in that side's cut list: it has at most this many bytes there. */
  baseAtMostBytes?: number;
  headAtMostBytes?: number;
}

export interface PackageChanges {
  /** Added and grown first, largest first; then removed and shrunk; then updated at the same size. At most `limit`. */
  changes: PackageChange[];
  /** How many changed in all (the list may be cut). */
  changedCount: number;
  /** Ecosystems one side read and the other could not, said in words. */
  notes: string[];
}

/** The side an analysis gives: all its packages (cut only when the analysis cut them) and the databases it read. */
export function packageSideOf(packages: InstalledPackage[], summary: PackageSummary): PackageSide {
  return {
    packages,
    complete: summary.notListed === undefined,
    ecosystems: summary.ecosystems.filter((ecosystem) => ecosystem.read).map((ecosystem) => ecosystem.ecosystem),
  };
}

/** Ecosystems whose packages exist only where a database says so; npm's and Python's folders describe themselves. */
const DATABASE_ECOSYSTEMS = new Set<Ecosystem>(['deb', 'apk', 'rpm']);
const DATABASE_NAME: Record<Ecosystem, string> = { deb: 'dpkg', apk: 'apk', rpm: 'rpm', python: 'Python', npm: 'npm' };

interface Totals {
  versions: Set<string>;
  sizeBytes: number;
}

function totalsOf(side: PackageSide, compared: (ecosystem: Ecosystem) => boolean): Map<string, Totals> {
  const totals = new Map<string, Totals>();
  for (const pkg of side.packages) {
    if (!compared(pkg.ecosystem)) continue;
    const key = `${pkg.ecosystem}\u0000${pkg.name}`;
    const total = totals.get(key) ?? { versions: new Set(), sizeBytes: 0 };
    total.versions.add(pkg.version);
    total.sizeBytes += pkg.sizeBytes;
    totals.set(key, total);
  }
  return totals;
}

/** The smallest size a cut list holds: nothing it left out is larger. Undefined for a whole list (or an empty cut one). */
function boundOf(side: PackageSide, totals: Map<string, Totals>): number | undefined {
  if (side.complete || totals.size === 0) return undefined;
  return Math.min(...[...totals.values()].map((total) => total.sizeBytes));
}

function versionsOf(total: Totals | undefined): string | undefined {
  return total ? [...total.versions].sort().join(', ') : undefined;
}

function changeOf(
  key: string,
  base: Totals | undefined,
  head: Totals | undefined,
  bounds: { base?: number; head?: number; baseComplete: boolean; headComplete: boolean },
): PackageChange | undefined {
  const [ecosystem, name] = key.split('\u0000') as [Ecosystem, string];
  const common = {
    ecosystem,
    name,
    baseVersion: versionsOf(base),
    headVersion: versionsOf(head),
    baseBytes: base?.sizeBytes,
    headBytes: head?.sizeBytes,
  };
  if (base && head) {
    const changeBytes = head.sizeBytes - base.sizeBytes;
    if (changeBytes !== 0) return { ...common, kind: changeBytes > 0 ? 'grew' : 'shrank', changeBytes };
    return common.baseVersion === common.headVersion ? undefined : { ...common, kind: 'updated', changeBytes: 0 };
  }
  if (head) {
    if (bounds.baseComplete) return { ...common, kind: 'added', changeBytes: head.sizeBytes };
    return bounds.base !== undefined && head.sizeBytes > bounds.base
      ? { ...common, kind: 'added', baseAtMostBytes: bounds.base, changeBytes: head.sizeBytes - bounds.base }
      : undefined;
  }
  if (!base) return undefined;
  if (bounds.headComplete) return { ...common, kind: 'removed', changeBytes: -base.sizeBytes };
  return bounds.head !== undefined && base.sizeBytes > bounds.head
    ? { ...common, kind: 'removed', headAtMostBytes: bounds.head, changeBytes: bounds.head - base.sizeBytes }
    : undefined;
}

/** What one side read and the other did not, for the ecosystems that need a database. */
function ecosystemNotes(base: PackageSide, head: PackageSide): { notes: string[]; compared: (ecosystem: Ecosystem) => boolean } {
  const notes: string[] = [];
  const skipped = new Set<Ecosystem>();
  const count = (side: PackageSide, ecosystem: Ecosystem) => side.packages.filter((pkg) => pkg.ecosystem === ecosystem).length;
  for (const ecosystem of DATABASE_ECOSYSTEMS) {
    const inBase = base.ecosystems.includes(ecosystem);
    const inHead = head.ecosystems.includes(ecosystem);
    if (inBase === inHead) continue;
    skipped.add(ecosystem);
    const database = DATABASE_NAME[ecosystem];
    notes.push(
      inBase
        ? `${ecosystem}: the baseline has a ${database} database (${count(base, ecosystem)} packages listed) and this image has none, so its packages are not compared`
        : `${ecosystem}: this image has a ${database} database (${count(head, ecosystem)} packages listed) and the baseline had none, so its packages are not compared`,
    );
  }
  return { notes, compared: (ecosystem) => !skipped.has(ecosystem) };
}

function order(a: PackageChange, b: PackageChange): number {
  const rank = (change: PackageChange) => (change.changeBytes > 0 ? 0 : change.changeBytes < 0 ? 1 : 2);
  return (
    rank(a) - rank(b) ||
    Math.abs(b.changeBytes) - Math.abs(a.changeBytes) ||
    (a.ecosystem < b.ecosystem ? -1 : a.ecosystem > b.ecosystem ? 1 : 0) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

/** The packages that changed from `base` to `head`, largest change first, at most `limit`. */
export function packageChanges(base: PackageSide, head: PackageSide, limit = 50): PackageChanges {
  const { notes, compared } = ecosystemNotes(base, head);
  const baseTotals = totalsOf(base, compared);
  const headTotals = totalsOf(head, compared);
  const bounds = {
    base: boundOf(base, baseTotals),
    head: boundOf(head, headTotals),
    baseComplete: base.complete,
    headComplete: head.complete,
  };
  const changes: PackageChange[] = [];
  for (const key of new Set([...baseTotals.keys(), ...headTotals.keys()])) {
    const change = changeOf(key, baseTotals.get(key), headTotals.get(key), bounds);
    if (change) changes.push(defined(change));
  }
  changes.sort(order);
  return { changes: changes.slice(0, Math.max(0, limit)), changedCount: changes.length, notes };
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
