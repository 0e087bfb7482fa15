// Pure: each database the view reads, turned into package instances whose listed files are claimed in the
// ledger: dpkg (status and info/*.list, or distroless's status.d), apk, Python's RECORD and installed-files.txt.
// rpm's database is only detected. Each returns its ecosystem's summary, or undefined when the image has none.
import { APK_INSTALLED, DPKG_INFO, DPKG_STATUS, DPKG_STATUS_D } from './capture.js';
import { DpkgPackage, forEachMd5sumsPath, listNamesOf, parseDpkgStatusSteps } from './dpkg.js';
import { parseApkInstalledSteps } from './apk.js';
import { distributionOf, forEachInstalledFile, forEachRecordPath } from './python.js';
import { Ledger, PackageInstance } from './ledger.js';
import { EcosystemSummary } from './types.js';
import { UNITS_BETWEEN_PAUSES } from './steps.js';

type Database = { bytes: Buffer; layer: number };

/**
 * Claims the paths of a .list file. A path the list also names a child of is a directory to dpkg (it lists every
 * directory level, though not always before its contents), even where the image has a symlink (/lib64 -> usr/lib64
 * on a merged-/usr system): it is not claimed. Only a symlink can be such a path, so the list's directories are
 * gathered only when one is found.
 */
function* claimList(ledger: Ledger, instance: PackageInstance, text: string): Generator<void, void, void> {
  const links: { path: string; listed: string }[] = [];
  const paths: string[] = [];
  let lines = 0;
  for (let start = 0; start < text.length;) {
    if (++lines % UNITS_BETWEEN_PAUSES === 0) yield;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const listed = text.slice(start, end);
    start = end + 1;
    if (!listed.startsWith('/') || listed === '/.') continue;
    paths.push(listed);
    const found = ledger.find(listed);
    if (!found) continue;
    if (found.file.kind === 'symlink') links.push({ path: found.path, listed });
    else ledger.claimFile(instance, found.path, found.file);
  }
  if (links.length === 0) return;
  const directories = new Set(paths.map((path) => path.slice(0, path.lastIndexOf('/'))));
  for (const link of links) if (!directories.has(link.listed)) ledger.claimFile(instance, link.path, ledger.visible.get(link.path)!);
}

function summaryOf(ledger: Ledger, ecosystem: EcosystemSummary['ecosystem'], database: string, notes: string[]): EcosystemSummary {
  const instances = ledger.instances.filter((instance) => instance.ecosystem === ecosystem);
  return {
    ecosystem,
    read: true,
    database,
    packageCount: instances.length,
    sizeBytes: instances.reduce((sum, instance) => sum + instance.sizeBytes, 0),
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
  };
}

/** The dpkg packages of the status file and of status.d/, each with where its file list may be. */
function* dpkgPackages(ledger: Ledger, notes: string[]): Generator<void, { pkg: DpkgPackage; layer: number; md5sums?: string }[], void> {
  const found: { pkg: DpkgPackage; layer: number; md5sums?: string }[] = [];
  let malformed = 0;
  const status = ledger.databases.get(DPKG_STATUS);
  if (status) {
    const parsed = yield* parseDpkgStatusSteps(status.bytes.toString('utf8'));
    malformed += parsed.malformed;
    for (const pkg of parsed.packages) found.push({ pkg, layer: status.layer });
  }
  for (const [path, database] of ledger.databases) {
    if (!path.startsWith(DPKG_STATUS_D) || path.endsWith('.md5sums')) continue;
    const parsed = yield* parseDpkgStatusSteps(database.bytes.toString('utf8'), false);
    malformed += parsed.malformed;
    for (const pkg of parsed.packages) found.push({ pkg, layer: database.layer, md5sums: `${path}.md5sums` });
  }
  if (malformed > 0) {
    notes.push(`${malformed} malformed paragraph(s) skipped`);
    ledger.warn(`the dpkg database has ${malformed} paragraph(s) without a Package field; they were skipped`);
  }
  return found;
}

export function* readDpkg(ledger: Ledger): Generator<void, EcosystemSummary | undefined, void> {
  const lists = new Map<string, Database>();
  for (const [path, database] of ledger.databases)
    if (path.startsWith(DPKG_INFO) && path.endsWith('.list')) lists.set(path.slice(DPKG_INFO.length, -'.list'.length), database);
  const hasStatusD = [...ledger.databases.keys()].some((path) => path.startsWith(DPKG_STATUS_D));
  if (!ledger.databases.has(DPKG_STATUS) && !hasStatusD && lists.size === 0) return undefined;
  const notes: string[] = [];
  const found = yield* dpkgPackages(ledger, notes);
  const names = new Map<string, number>();
  for (const { pkg } of found) names.set(pkg.name, (names.get(pkg.name) ?? 0) + 1);
  let withoutList = 0;
  for (const { pkg, layer, md5sums } of found) {
    const listName = listNamesOf(pkg).find((name) => lists.has(name));
    const list = listName === undefined ? undefined : lists.get(listName);
    const sums = md5sums === undefined ? undefined : ledger.databases.get(md5sums);
    // A name installed for two architectures is told apart by its architecture.
    const name = (names.get(pkg.name) ?? 0) > 1 && pkg.architecture ? `${pkg.name}:${pkg.architecture}` : pkg.name;
    const instance = ledger.newInstance('deb', name, pkg.version, list?.layer ?? sums?.layer ?? layer);
    if (listName !== undefined) lists.delete(listName);
    if (list) yield* claimList(ledger, instance, list.bytes.toString('utf8'));
    else if (sums) forEachMd5sumsPath(sums.bytes.toString('utf8'), (path) => ledger.claimListed(instance, path));
    else withoutList += 1;
    yield;
  }
  // File lists whose package the status file does not name (a status file cut short, or missing).
  for (const [listName, list] of lists) {
    yield* claimList(ledger, ledger.newInstance('deb', listName.split(':')[0], '', list.layer), list.bytes.toString('utf8'));
    yield;
  }
  if (withoutList > 0) notes.push(`${withoutList} package(s) without a file list, counted with no bytes`);
  const database = ledger.databases.has(DPKG_STATUS) ? DPKG_STATUS : hasStatusD ? DPKG_STATUS_D : DPKG_INFO;
  return summaryOf(ledger, 'deb', database, notes);
}

export function* readApk(ledger: Ledger): Generator<void, EcosystemSummary | undefined, void> {
  const path = APK_INSTALLED.find((candidate) => ledger.databases.has(candidate));
  if (!path) return undefined;
  const database = ledger.databases.get(path)!;
  const parsed = yield* parseApkInstalledSteps(database.bytes.toString('utf8'));
  for (const pkg of parsed.packages) {
    const instance = ledger.newInstance('apk', pkg.name, pkg.version, database.layer);
    for (const file of pkg.files) ledger.claimListed(instance, file);
    yield;
  }
  const notes = parsed.malformed > 0 ? [`${parsed.malformed} malformed record(s) skipped`] : [];
  if (parsed.malformed > 0) ledger.warn(`${path} has ${parsed.malformed} record(s) without a P: line; they were skipped`);
  return summaryOf(ledger, 'apk', path, notes);
}

export function* readPython(ledger: Ledger): Generator<void, EcosystemSummary | undefined, void> {
  let site: string | undefined;
  for (const [path, database] of ledger.databases) {
    const isRecord = path.endsWith('.dist-info/RECORD');
    if (!isRecord && !path.endsWith('.egg-info/installed-files.txt')) continue;
    const distribution = distributionOf(path);
    site ??= distribution.site;
    const instance = ledger.newInstance('python', distribution.name, distribution.version, database.layer, distribution.site);
    const text = database.bytes.toString('utf8');
    if (isRecord) forEachRecordPath(text, distribution.site, (listed) => ledger.claimListed(instance, listed));
    else forEachInstalledFile(text, path.slice(0, path.lastIndexOf('/')), (listed) => ledger.claimListed(instance, listed));
    yield;
  }
  return site === undefined ? undefined : summaryOf(ledger, 'python', site, []);
}

/** Where rpm keeps its database: SQLite (Fedora 33+, RHEL 9), Berkeley DB (RHEL 8 and older) or NDB (SUSE). */
const RPM_DATABASES = [
  '/var/lib/rpm/rpmdb.sqlite',
  '/usr/lib/sysimage/rpm/rpmdb.sqlite',
  '/var/lib/rpm/Packages',
  '/var/lib/rpm/Packages.db',
  '/usr/lib/sysimage/rpm/Packages.db',
];

/** rpm's database is detected, not read: its formats need rpm's own library. Its files count as unowned. */
export function detectRpm(ledger: Ledger): EcosystemSummary | undefined {
  const database = RPM_DATABASES.find((path) => ledger.visible.has(path));
  if (!database) return undefined;
  return {
    ecosystem: 'rpm',
    read: false,
    database,
    packageCount: 0,
    sizeBytes: 0,
    note: "not read: rpm's SQLite, Berkeley DB and NDB formats need rpm's own library; the files of rpm packages count as owned by no package",
  };
}
