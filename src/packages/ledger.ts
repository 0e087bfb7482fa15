// Pure: the ledger the package view keeps while it reads the databases: each package instance found, the
// final files claimed so far (a file counts for its first claimant only), and the bytes each file holds as the
// image size counts them (regular files, symlink targets).
import { CapturedPackageFiles } from './capture.js';
import { PathResolver } from './paths.js';
import { Ecosystem, FinalEntry, FinalFile, FinalFileMap } from './types.js';
import { UNITS_BETWEEN_PAUSES } from './steps.js';

/** One installed package instance (one folder, for npm and Python), as its files are claimed. */
export interface PackageInstance {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  path?: string;
  sizeBytes: number;
  fileCount: number;
  sharedFileCount: number;
  /** Bytes by the layer that wrote them. */
  layerBytes: Map<number, number>;
  /** The layer of its database entry: its layer when none of its files is present. */
  databaseLayer: number;
}

export interface ViewLayer {
  entries: readonly FinalEntry[];
  packageFiles?: CapturedPackageFiles;
}

export { UNITS_BETWEEN_PAUSES } from './steps.js';

/** The package view's working state over one final filesystem. */
export class Ledger {
  readonly instances: PackageInstance[] = [];
  /** Each database file the final filesystem shows, with the layer that wrote it. */
  readonly databases = new Map<string, { bytes: Buffer; layer: number }>();
  readonly warnings: string[] = [];
  readonly resolver: PathResolver<FinalFile>;
  readonly sharing = { fileCount: 0, bytes: 0 };
  /** The final paths of the files a package has claimed. */
  private readonly claimed = new Set<string>();
  private readonly links = new Map<string, FinalEntry>();

  constructor(
    readonly visible: FinalFileMap,
    readonly maxWarnings: number,
  ) {
    this.resolver = new PathResolver(
      (path) => visible.get(path),
      (path) => this.links.get(path)?.linkTarget,
    );
  }

  /** Indexes the final filesystem's symlinks and database files: one pass over every layer's entries. */
  *index(layers: readonly ViewLayer[]): Generator<void, void, void> {
    let units = 0;
    for (let layer = 0; layer < layers.length; layer += 1) {
      const { entries, packageFiles } = layers[layer];
      for (let index = 0; index < entries.length; index += 1) {
        const entry = entries[index];
        if (entry.kind === 'symlink') {
          const file = this.visible.get(entry.path);
          if (file?.layer === layer && file.kind === 'symlink') this.links.set(entry.path, entry);
        }
        if (++units % UNITS_BETWEEN_PAUSES === 0) yield;
      }
      if (!packageFiles) continue;
      for (const [path, bytes] of packageFiles.files) {
        const file = this.visible.get(path);
        if (file?.layer === layer && file.kind === 'file') this.databases.set(path, { bytes, layer });
      }
      for (const { path, why } of packageFiles.notKept)
        if (this.visible.get(path)?.layer === layer) this.warn(`${path} was not read: ${why}`);
      if (packageFiles.notKeptCount > packageFiles.notKept.length)
        this.warn(
          `${packageFiles.notKeptCount - packageFiles.notKept.length} more package database files of layer ${layer + 1} were not read`,
        );
    }
  }

  warn(message: string): void {
    if (this.warnings.length < this.maxWarnings) this.warnings.push(message);
  }

  /** The bytes a final file holds as the image size counts them. */
  bytesOf(path: string, file: FinalFile): number {
    if (file.kind === 'file') return file.sizeBytes;
    if (file.kind !== 'symlink') return 0;
    const entry = this.links.get(path);
    return entry?.linkBytes ?? Buffer.byteLength(entry?.linkTarget ?? '');
  }

  /** The symlink's target at a final path, if one is there. */
  linkTarget(path: string): string | undefined {
    return this.links.get(path)?.linkTarget;
  }

  newInstance(ecosystem: Ecosystem, name: string, version: string, databaseLayer: number, path?: string): PackageInstance {
    const instance: PackageInstance = {
      ecosystem,
      name,
      version,
      ...(path === undefined ? {} : { path }),
      sizeBytes: 0,
      fileCount: 0,
      sharedFileCount: 0,
      layerBytes: new Map(),
      databaseLayer,
    };
    this.instances.push(instance);
    return instance;
  }

  isClaimed(path: string): boolean {
    return this.claimed.size > 0 && this.claimed.has(path);
  }

  /**
   * A final file for a package: counted for it when no package claimed it first, else counted as shared. The last
   * claimant (npm's walk over the final files) need not `remember` it: no one asks after it.
   */
  claimFile(instance: PackageInstance, path: string, file: FinalFile, remember = true, bytes = this.bytesOf(path, file)): void {
    if (this.isClaimed(path)) {
      instance.sharedFileCount += 1;
      this.sharing.fileCount += 1;
      this.sharing.bytes += bytes;
      return;
    }
    if (remember) this.claimed.add(path);
    instance.sizeBytes += bytes;
    instance.fileCount += 1;
    instance.layerBytes.set(file.layer, (instance.layerBytes.get(file.layer) ?? 0) + bytes);
  }

  /** A path a database lists: claimed when the final filesystem has it (behind symlinked directories too). */
  claimListed(instance: PackageInstance, listed: string): void {
    const resolved = this.resolver.resolve(listed);
    if (resolved !== undefined) this.claimFile(instance, resolved.path, resolved.found);
  }

  /** The final path and file a database's path names, if the final filesystem has one. */
  find(listed: string): { path: string; file: FinalFile } | undefined {
    const resolved = this.resolver.resolve(listed);
    return resolved === undefined ? undefined : { path: resolved.path, file: resolved.found };
  }
}
