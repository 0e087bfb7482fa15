// What the package view is made of: the installed packages an image's own databases name, each sized by the
// bytes its files hold in the final filesystem, and how those bytes add up to the image's size. Types only.

/** The package managers whose databases the gate reads (rpm's is detected, not read). */
export type Ecosystem = 'deb' | 'apk' | 'rpm' | 'python' | 'npm';

export const ECOSYSTEMS: readonly Ecosystem[] = ['deb', 'apk', 'rpm', 'python', 'npm'];

export interface InstalledPackage {
  ecosystem: Ecosystem;
  name: string;
  /** As the database writes it ('' when it does not say). */
  version: string;
  /**
   * Bytes of its files in the final filesystem, counted as the image size counts them: regular files, plus
   * the lengths of symlink targets (hard links, directories and missing files count 0). A file another package
   * claimed first is not counted here (see PackageSummary.sharing).
   */
  sizeBytes: number;
  /** Its files present in the final filesystem and counted here. */
  fileCount: number;
  /** The layer (index) that brought most of its bytes (with none, the layer of its database entry). */
  layer: number;
  /** Dockerfile line of that layer's instruction, when the gate built the image and matched the layer. */
  line?: number;
  /** Where it is, for npm and Python packages: its folder, or its site-packages directory. */
  path?: string;
  /** The same name and version installed in more than one place (npm's nested copies): how many. */
  copies?: number;
  /** Files it lists that another package had claimed first: not counted in sizeBytes. */
  sharedFileCount?: number;
}

export interface EcosystemSummary {
  ecosystem: Ecosystem;
  /** Whether its database was read (rpm's never is: it needs rpm's own library). */
  read: boolean;
  /** Where the database is (the first one found, for npm and Python). */
  database: string;
  packageCount: number;
  sizeBytes: number;
  /** Why it was not read, or what was left out. */
  note?: string;
}

export interface PackageSummary {
  /** The image's uncompressed size, as every other figure counts it. */
  imageBytes: number;
  /** Bytes the final filesystem shows: regular files and symlink targets. */
  visibleBytes: number;
  /** Bytes of file versions a later layer overwrote or deleted: imageBytes - visibleBytes. */
  hiddenBytes: number;
  /** Bytes of the final filesystem's files that some package claims. */
  ownedBytes: number;
  /** Bytes of the final filesystem's files that no package claims. ownedBytes + unownedBytes = visibleBytes. */
  unownedBytes: number;
  unownedFileCount: number;
  /** Files two or more packages claim: counted once, for the first claimant in SHARING_ORDER order. */
  sharing: { fileCount: number; bytes: number; rule: string };
  ecosystems: EcosystemSummary[];
  /** Packages found but not listed in analysis.packages (the list keeps the largest MAX_LISTED_PACKAGES). */
  notListed?: { count: number; sizeBytes: number };
  /** What could not be read, or was read only in part (bounded, escaped by the renderers). */
  warnings: string[];
  /** How long the view took, after the layers were read and compared (its share of the analysis). */
  durationMs?: number;
}

/** What the view reads of a final file: the shape of analysis/waste.ts VisibleFile. */
export interface FinalFile {
  layer: number;
  sizeBytes: number;
  kind: string;
}

/** The final filesystem's files by path, as a read-only Map offers them (analysis/waste.ts FinalFiles is one). */
export interface FinalFileMap {
  get(path: string): FinalFile | undefined;
  has(path: string): boolean;
  [Symbol.iterator](): Iterator<[string, FinalFile]>;
}

/** What the view reads of a layer entry (symlinks: their targets). */
export interface FinalEntry {
  path: string;
  kind: string;
  linkTarget?: string;
  /** A symlink target's length in bytes as stored, when it differs from its UTF-8 length. */
  linkBytes?: number;
}
