// Pure: the package view of a final filesystem. The system's databases claim their files first (dpkg, apk), then
// Python's records, then npm's folders; each file counts once, for its first claimant. One pass over the final
// filesystem then sums what every package holds and what no package does, so that packages, unowned bytes and
// the bytes later layers hid add up to the image size exactly. Time is linear in files and listed paths.
import { AppManifest, npmFolderOf, parseAppManifest, parseNpmManifest } from './npm.js';
import { RuntimeFileCounter, RuntimeFiles } from './runtime-files.js';
import { Ledger, PackageInstance, UNITS_BETWEEN_PAUSES, ViewLayer } from './ledger.js';
import { detectRpm, readApk, readDpkg, readPython } from './sources.js';
import { cleanPath } from './paths.js';
import { EcosystemSummary, FinalFileMap, InstalledPackage, PackageSummary } from './types.js';

export type { ViewLayer } from './ledger.js';

/** How many packages analysis.packages lists (the largest); the rest are counted. */
export const MAX_LISTED_PACKAGES = 5_000;
const MAX_WARNINGS = 20;

/** Who claims a file first when several databases list it. */
export const SHARING_RULE =
  'a file listed by several packages counts once, for the first to claim it: dpkg and apk packages in database order, then Python distributions, then npm folders';

export interface ViewInput {
  layers: readonly ViewLayer[];
  visible: FinalFileMap;
  /** The image's uncompressed size (its layers' own bytes). */
  imageBytes: number;
  /** The Dockerfile line of a layer, when known. */
  lineOf?: (layer: number) => number | undefined;
}

/** A devDependency of an app's package.json installed in the node_modules beside it. */
export interface ShippedDevDependency {
  /** The package.json that declares it. */
  app: string;
  name: string;
  version: string;
  sizeBytes: number;
  layer: number;
}

export interface PackageView {
  /** Largest first, at most MAX_LISTED_PACKAGES. */
  packages: InstalledPackage[];
  summary: PackageSummary;
  devDependencies: ShippedDevDependency[];
  /** What the walk over the final files counted for the hints. */
  runtimeFiles: RuntimeFiles;
}

/** npm's package folders, found as the final filesystem is walked; a folder without a package.json is none. */
class NpmFolders {
  readonly byFolder = new Map<string, PackageInstance | null>();
  malformed = 0;
  private firstFolder: string | undefined;

  constructor(private readonly ledger: Ledger) {}

  at(folder: string, depth = 0): PackageInstance | undefined {
    const known = this.byFolder.get(folder);
    if (known !== undefined) return known ?? undefined;
    let found: PackageInstance | undefined;
    const manifest = this.ledger.databases.get(`${folder}/package.json`);
    const target = manifest ? undefined : this.ledger.linkTarget(folder);
    if (manifest) {
      const parsed = parseNpmManifest(manifest.bytes, folder);
      if (parsed.malformed) this.malformed += 1;
      found = this.ledger.newInstance('npm', parsed.manifest.name, parsed.manifest.version, manifest.layer, folder);
      this.firstFolder ??= folder.slice(0, folder.lastIndexOf('/node_modules/') + '/node_modules'.length);
    } else if (target !== undefined && depth < 8) {
      // pnpm links node_modules/<name> to .pnpm/<name>@<version>/node_modules/<name>: the link belongs to that package.
      const linked = cleanPath(target.startsWith('/') ? target : `${folder.slice(0, folder.lastIndexOf('/'))}/${target}`);
      const inFolder = npmFolderOf(linked);
      found = inFolder?.isFolder ? this.at(linked, depth + 1) : undefined;
    }
    this.byFolder.set(folder, found ?? null);
    return found;
  }

  summary(): EcosystemSummary | undefined {
    if (this.firstFolder === undefined) return undefined;
    const instances = [...this.byFolder.values()].filter((instance) => instance !== null);
    const unique = new Set(instances);
    const notes = this.malformed > 0 ? [`${this.malformed} package.json file(s) are not JSON: named by their folder, with no version`] : [];
    return {
      ecosystem: 'npm',
      read: true,
      database: this.firstFolder,
      packageCount: unique.size,
      sizeBytes: [...unique].reduce((sum, instance) => sum + instance.sizeBytes, 0),
      ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    };
  }
}

interface Walk {
  visibleBytes: number;
  unownedBytes: number;
  unownedFileCount: number;
}

/**
 * The one pass over the final filesystem: npm's folders claim what is left, every byte is summed, and the files
 * the hints ask about are counted (`devInstances`: the devDependencies, whose files their own hint names).
 */
function* walkFinalFiles(
  ledger: Ledger,
  npm: NpmFolders,
  devInstances: Set<PackageInstance>,
  counter: RuntimeFileCounter,
): Generator<void, Walk> {
  const walk: Walk = { visibleBytes: 0, unownedBytes: 0, unownedFileCount: 0 };
  let units = 0;
  // The final files come in the order the layers wrote them, a package's files one after another: the folder of
  // the file before is tried first, without cutting a string out of the path.
  let lastFolder = '';
  let lastInstance: PackageInstance | undefined;
  for (const [path, file] of ledger.visible) {
    if (++units % UNITS_BETWEEN_PAUSES === 0) yield;
    const bytes = ledger.bytesOf(path, file);
    walk.visibleBytes += bytes;
    let instance: PackageInstance | undefined;
    if (
      lastInstance &&
      path.startsWith(lastFolder) &&
      path.charCodeAt(lastFolder.length) === 47 &&
      path.indexOf('/node_modules/', lastFolder.length) < 0
    )
      instance = lastInstance;
    else if (path.includes('/node_modules/')) {
      const inFolder = npmFolderOf(path);
      instance = inFolder && npm.at(inFolder.folder);
      if (instance && inFolder) [lastFolder, lastInstance] = [inFolder.folder, instance];
    }
    if (file.kind === 'file')
      counter.count(path, file.layer, bytes, instance !== undefined, instance !== undefined && devInstances.has(instance));
    if (instance) ledger.claimFile(instance, path, file, false, bytes);
    else if (!ledger.isClaimed(path)) {
      walk.unownedBytes += bytes;
      walk.unownedFileCount += 1;
    }
  }
  return walk;
}

/** The package.json files outside node_modules that the final filesystem shows: apps, with their devDependencies. */
function appManifests(ledger: Ledger): AppManifest[] {
  const apps: AppManifest[] = [];
  for (const [path, database] of ledger.databases) {
    if (!path.endsWith('/package.json') || path.includes('/node_modules/')) continue;
    const app = parseAppManifest(database.bytes, path);
    if (app) apps.push(app);
  }
  return apps;
}

function devFolderOf(app: AppManifest, name: string): string {
  return `${app.directory === '/' ? '' : app.directory}/node_modules/${name}`;
}

/** The devDependencies of each app package.json that are installed in the node_modules beside it. */
function shippedDevDependencies(apps: AppManifest[], npm: NpmFolders): ShippedDevDependency[] {
  const shipped: ShippedDevDependency[] = [];
  for (const app of apps) {
    const needed = new Set(app.dependencies);
    for (const name of app.devDependencies) {
      if (needed.has(name)) continue;
      const instance = npm.byFolder.get(devFolderOf(app, name));
      if (instance && instance.sizeBytes > 0)
        shipped.push({
          app: `${app.directory === '/' ? '' : app.directory}/package.json`,
          name: instance.name,
          version: instance.version,
          sizeBytes: instance.sizeBytes,
          layer: layerOf(instance),
        });
    }
  }
  return shipped.sort((a, b) => b.sizeBytes - a.sizeBytes);
}

/** The layer that brought most of an instance's bytes (the earlier of equals); its database's when it has none. */
function layerOf(instance: Pick<PackageInstance, 'layerBytes' | 'databaseLayer'>): number {
  let best = instance.databaseLayer;
  let bestBytes = 0;
  for (const [layer, bytes] of instance.layerBytes)
    if (bytes > bestBytes || (bytes === bestBytes && bytes > 0 && layer < best)) [best, bestBytes] = [layer, bytes];
  return best;
}

/** One entry per ecosystem, name and version: npm's copies of one version in several folders are summed. */
function mergeInstances(instances: PackageInstance[], lineOf: ViewInput['lineOf']): InstalledPackage[] {
  const merged = new Map<
    string,
    { first: PackageInstance; copies: number; sizeBytes: number; fileCount: number; shared: number; layerBytes: Map<number, number> }
  >();
  for (const instance of instances) {
    const key = `${instance.ecosystem}\u0000${instance.name}\u0000${instance.version}`;
    const entry = merged.get(key);
    if (!entry) {
      const layerBytes = new Map(instance.layerBytes);
      merged.set(key, {
        first: instance,
        copies: 1,
        sizeBytes: instance.sizeBytes,
        fileCount: instance.fileCount,
        shared: instance.sharedFileCount,
        layerBytes,
      });
      continue;
    }
    entry.copies += 1;
    entry.sizeBytes += instance.sizeBytes;
    entry.fileCount += instance.fileCount;
    entry.shared += instance.sharedFileCount;
    for (const [layer, bytes] of instance.layerBytes) entry.layerBytes.set(layer, (entry.layerBytes.get(layer) ?? 0) + bytes);
  }
  return [...merged.values()].map(({ first, copies, sizeBytes, fileCount, shared, layerBytes }) => {
    const layer = layerOf({ layerBytes, databaseLayer: first.databaseLayer });
    const line = lineOf?.(layer);
    return {
      ecosystem: first.ecosystem,
      name: first.name,
      version: first.version,
      sizeBytes,
      fileCount,
      layer,
      ...(line === undefined ? {} : { line }),
      ...(first.path === undefined ? {} : { path: first.path }),
      ...(copies > 1 ? { copies } : {}),
      ...(shared > 0 ? { sharedFileCount: shared } : {}),
    };
  });
}

/** The package view of a final filesystem; pauses now and then. */
export function* packageViewSteps(input: ViewInput): Generator<void, PackageView, void> {
  const ledger = new Ledger(input.visible, MAX_WARNINGS);
  yield* ledger.index(input.layers);
  const ecosystems: EcosystemSummary[] = [];
  for (const read of [readDpkg, readApk]) {
    const summary = yield* read(ledger);
    if (summary) ecosystems.push(summary);
  }
  const rpm = detectRpm(ledger);
  if (rpm) ecosystems.push(rpm);
  const python = yield* readPython(ledger);
  const npm = new NpmFolders(ledger);
  const apps = appManifests(ledger);
  // A devDependency's folder may be a pnpm link: its instance is the package it links to.
  const devInstances = new Set(
    apps.flatMap((app) =>
      app.devDependencies.filter((name) => !app.dependencies.includes(name)).flatMap((name) => npm.at(devFolderOf(app, name)) ?? []),
    ),
  );
  const counter = new RuntimeFileCounter();
  const totals = yield* walkFinalFiles(ledger, npm, devInstances, counter);
  if (python) ecosystems.push(python);
  const npmSummary = npm.summary();
  if (npmSummary) ecosystems.push(npmSummary);
  if (npm.malformed > 0) ledger.warn(`${npm.malformed} package.json file(s) in node_modules are not JSON objects: named by their folders`);
  const all = mergeInstances(ledger.instances, input.lineOf).sort(
    (a, b) => b.sizeBytes - a.sizeBytes || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const listed = all.slice(0, MAX_LISTED_PACKAGES);
  const rest = all.slice(MAX_LISTED_PACKAGES);
  const ownedBytes = totals.visibleBytes - totals.unownedBytes;
  return {
    packages: listed,
    summary: {
      imageBytes: input.imageBytes,
      visibleBytes: totals.visibleBytes,
      hiddenBytes: input.imageBytes - totals.visibleBytes,
      ownedBytes,
      unownedBytes: totals.unownedBytes,
      unownedFileCount: totals.unownedFileCount,
      sharing: { ...ledger.sharing, rule: SHARING_RULE },
      ecosystems,
      ...(rest.length > 0 ? { notListed: { count: rest.length, sizeBytes: rest.reduce((sum, pkg) => sum + pkg.sizeBytes, 0) } } : {}),
      warnings: ledger.warnings,
    },
    devDependencies: shippedDevDependencies(apps, npm),
    runtimeFiles: counter.result(),
  };
}
