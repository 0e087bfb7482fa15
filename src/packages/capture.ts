// Which files of a layer are package databases, and keeping their bytes as the layer streams past: the dpkg
// status and file lists, Alpine's installed database, Python's RECORD and installed-files.txt, npm's package.json
// files. Bounded per file and per layer; what is not kept is named, so the view can say it read only part.

export type PackageFileKind =
  | 'dpkg-status'
  | 'dpkg-status-d'
  | 'dpkg-md5sums'
  | 'dpkg-list'
  | 'apk-installed'
  | 'python-record'
  | 'python-installed-files'
  | 'npm-package'
  | 'app-package';

export const DPKG_STATUS = '/var/lib/dpkg/status';
export const DPKG_STATUS_D = '/var/lib/dpkg/status.d/';
export const DPKG_INFO = '/var/lib/dpkg/info/';
export const APK_INSTALLED = ['/lib/apk/db/installed', '/usr/lib/apk/db/installed'];

/** A package's own package.json: the last node_modules/ of the path, then a name (scoped or not), then the file. */
const NPM_PACKAGE_JSON = /\/node_modules\/(?:@[^/]+\/)?[^/.][^/]*\/package\.json$/;
const SITE_DIRECTORY = /\/(?:site|dist)-packages\/[^/]+$/;

function directoryOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

/** Whether `path` (a regular file's, cleaned, with a leading slash) is a package database the view reads. */
export function packageFileKind(path: string): PackageFileKind | undefined {
  if (path.endsWith('.list')) return path.startsWith(DPKG_INFO) && path.indexOf('/', DPKG_INFO.length) < 0 ? 'dpkg-list' : undefined;
  if (path.endsWith('/package.json')) {
    if (NPM_PACKAGE_JSON.test(path)) return 'npm-package';
    return path.includes('/node_modules/') ? undefined : 'app-package';
  }
  if (path.endsWith('/RECORD')) {
    const directory = directoryOf(path);
    return directory.endsWith('.dist-info') && SITE_DIRECTORY.test(directory) ? 'python-record' : undefined;
  }
  if (path.endsWith('/installed-files.txt')) {
    const directory = directoryOf(path);
    return directory.endsWith('.egg-info') && SITE_DIRECTORY.test(directory) ? 'python-installed-files' : undefined;
  }
  if (path === DPKG_STATUS) return 'dpkg-status';
  if (path.startsWith(DPKG_STATUS_D) && path.indexOf('/', DPKG_STATUS_D.length) < 0 && path.length > DPKG_STATUS_D.length)
    return path.endsWith('.md5sums') ? 'dpkg-md5sums' : 'dpkg-status-d';
  if (APK_INSTALLED.includes(path)) return 'apk-installed';
  return undefined;
}

export interface CaptureLimits {
  /** The largest database file kept whole (dpkg status, apk installed). */
  maxDatabaseBytes: number;
  /** The largest other file kept (a file list, a RECORD, a package.json). */
  maxFileBytes: number;
  /** All kept files of one layer together. */
  maxLayerBytes: number;
  /** How many files one layer may keep. */
  maxLayerFiles: number;
  /** How many package.json files outside node_modules one layer may keep (an app's, for its devDependencies). */
  maxAppPackages: number;
}

export const CAPTURE_LIMITS: CaptureLimits = {
  maxDatabaseBytes: 16 << 20,
  maxFileBytes: 4 << 20,
  maxLayerBytes: 64 << 20,
  maxLayerFiles: 100_000,
  maxAppPackages: 1_000,
};

/** The package databases one layer wrote, and those it wrote but the gate did not keep. */
export interface CapturedPackageFiles {
  files: Map<string, Buffer>;
  /** At most MAX_NOT_KEPT_LISTED of them, each with why; notKeptCount counts all. */
  notKept: { path: string; why: string }[];
  notKeptCount: number;
}

const MAX_NOT_KEPT_LISTED = 20;

/** Where a file's bytes go as the tar hands them over. */
export interface ByteSink {
  data(chunk: Buffer): void;
  end(): void;
}

/** Keeps one file's bytes (the tar reader hands over views of its input: each is copied). */
class KeepSink implements ByteSink {
  private readonly parts: Buffer[] = [];
  constructor(private readonly onDone: (bytes: Buffer) => void) {}
  data(chunk: Buffer): void {
    this.parts.push(Buffer.from(chunk));
  }
  end(): void {
    this.onDone(Buffer.concat(this.parts));
  }
}

/** Collects one layer's package databases, within the limits. */
export class PackageFileCollector {
  private captured: CapturedPackageFiles | undefined;
  private bytes = 0;
  private count = 0;
  private appPackages = 0;

  constructor(private readonly limits: CaptureLimits = CAPTURE_LIMITS) {}

  /** Where a regular file's bytes go when it is a package database the layer can still keep; undefined otherwise. */
  sinkFor(path: string, sizeBytes: number): ByteSink | undefined {
    const kind = packageFileKind(path);
    if (!kind) return undefined;
    const whole = kind === 'dpkg-status' || kind === 'apk-installed' ? this.limits.maxDatabaseBytes : this.limits.maxFileBytes;
    const why =
      sizeBytes > whole
        ? `it is ${sizeBytes} bytes, more than the ${whole} the gate reads`
        : this.bytes + sizeBytes > this.limits.maxLayerBytes || this.count >= this.limits.maxLayerFiles
          ? `its layer holds more package databases than the gate reads (${this.limits.maxLayerFiles} files, ${this.limits.maxLayerBytes} bytes)`
          : undefined;
    const captured: CapturedPackageFiles = (this.captured ??= { files: new Map(), notKept: [], notKeptCount: 0 });
    if (kind === 'app-package') {
      if (why || this.appPackages >= this.limits.maxAppPackages) return undefined;
      this.appPackages += 1;
    }
    if (why) {
      captured.notKeptCount += 1;
      if (captured.notKept.length < MAX_NOT_KEPT_LISTED) captured.notKept.push({ path, why });
      return undefined;
    }
    this.bytes += sizeBytes;
    this.count += 1;
    return new KeepSink((bytes) => captured.files.set(path, bytes));
  }

  /** What the layer kept and left out; undefined when it wrote no package database. */
  result(): CapturedPackageFiles | undefined {
    return this.captured;
  }
}
