// One uncompressed layer tar, read as it streams: each entry's path, kind, size and mode, the headers of ELF
// binaries, the passwd and group files (to resolve the user), the package databases (packages/capture.ts), the
// layer's diffID (sha256 of its tar), its own bytes (regular files and symlink targets) and, optionally, its
// gzip-compressed size.
import { createHash } from 'node:crypto';
import type { LayerSizer } from './go-gzip/pool.js';
import { TarEntrySink, TarEntryType, TarHeader, TarReader } from './tar.js';
import {
  ELF_HEADER_BYTES,
  ELF_TYPE_RELOCATABLE,
  hasInterpreter,
  isElf,
  parseElfHeader,
  parseSectionTable,
  sectionTableRange,
} from './elf.js';
import { MAX_USER_FILE_BYTES } from '../user/resolve.js';
import { CapturedPackageFiles, PackageFileCollector } from '../packages/capture.js';

export type EntryKind = 'file' | 'directory' | 'symlink' | 'link' | 'other';

export interface LayerEntry {
  /** Path as dive shows it: cleaned, with a leading slash (`/usr/bin/go`); whiteouts keep their `.wh.` name. */
  path: string;
  kind: EntryKind;
  /** Size from the tar header (0 for directories, links and whiteouts). */
  sizeBytes: number;
  mode: number;
  /** A symlink's target as written, or the archive path a hard link names (links only). */
  linkTarget?: string;
  /** A symlink target's length in bytes as stored, when it is not the UTF-8 length of linkTarget (bytes that are not UTF-8). */
  linkBytes?: number;
}

export interface ElfFinding {
  path: string;
  sizeBytes: number;
  /** No program interpreter: statically linked (undefined when the headers were out of reach). */
  isStatic?: boolean;
  hasSymbolTable: boolean;
  strippableBytes: number;
}

export interface ScannedLayer {
  diffId: string;
  /**
   * The bytes of the regular files this layer writes whose name is passwd or group (/etc/passwd, or the
   * target of a link to it), by path: so that the user can be resolved without running docker.
   */
  userFiles?: Map<string, Buffer>;
  /** Bytes of the uncompressed layer tar. */
  tarBytes: number;
  /**
   * The layer's own bytes: sizes of regular files plus the lengths of symlink targets (hard links,
   * directories, devices and whiteouts count 0). Summed over the layers this is the image's uncompressed
   * size on every engine; on the classic image store it equals `docker image inspect .Size` to the byte.
   */
  contentBytes: number;
  /** Bytes a registry stores of the layer: its blob as the store holds it, or what `docker push` makes of its tar (when asked for). */
  compressedBytes?: number;
  /** The compressed size was a known one (ScanOptions.knownLayers), not measured again. */
  compressedBytesReused?: boolean;
  /** The layer's size is its blob's as the archive holds it (the containerd store, an OCI archive, a registry): what a push stores. */
  compressedBytesFromBlob?: boolean;
  entries: LayerEntry[];
  elfBinaries: ElfFinding[];
  /** The package databases this layer writes (dpkg, apk, Python, npm), for the package view. */
  packageFiles?: CapturedPackageFiles;
}
/** Files kept for resolving the user: /etc/passwd, /etc/group, and the likely targets of links to them. */
const USER_FILE_NAMES = new Set(['passwd', 'group']);
/** All of them in one layer (a file not kept is read through the engine, as is one over MAX_USER_FILE_BYTES). */
const MAX_USER_FILE_BYTES_PER_LAYER = 64 << 20;
/** Bytes of an ELF file's start kept to read its file and program headers. */
const ELF_START_BYTES = 4096;

/** Cleans a tar member name the way dive does (Go's path.Clean), with a leading slash. */
export function cleanPath(name: string): string {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

function entryKind(type: TarEntryType): EntryKind {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
    case 'symlink':
    case 'link':
      return type;
    default:
      return 'other';
  }
}

/** Keeps the bytes of one small file (/etc/passwd). */
class CollectSink implements TarEntrySink {
  private readonly parts: Buffer[] = [];
  private length = 0;
  constructor(
    private readonly maxBytes: number,
    private readonly onDone: (bytes: Buffer) => void,
  ) {}
  data(chunk: Buffer): void {
    if (this.length >= this.maxBytes) return;
    this.parts.push(Buffer.from(chunk.subarray(0, this.maxBytes - this.length)));
    this.length += Math.min(chunk.length, this.maxBytes - this.length);
  }
  end(): void {
    this.onDone(Buffer.concat(this.parts));
  }
}

/** Gives a file's bytes to two sinks (a passwd file may also be an ELF binary: /usr/bin/passwd). */
class TeeSink implements TarEntrySink {
  constructor(private readonly sinks: TarEntrySink[]) {}
  data(chunk: Buffer): void {
    for (const sink of this.sinks) sink.data(chunk);
  }
  end(): void {
    for (const sink of this.sinks) sink.end();
  }
}

/** Reads a file's bytes as they pass, keeping only the ELF file header, program headers and section header table. */
class ElfSink implements TarEntrySink {
  private readonly startParts: Buffer[] = [];
  private startLength = 0;
  private start: Buffer = Buffer.alloc(0);
  private offset = 0;
  private decided = false;
  private header: ReturnType<typeof parseElfHeader>;
  private sectionTable: Buffer | undefined;
  private range = { start: 0, end: 0 };

  constructor(
    private readonly path: string,
    private readonly sizeBytes: number,
    private readonly onFinding: (finding: ElfFinding) => void,
  ) {}

  data(chunk: Buffer): void {
    if (!this.decided) {
      this.startParts.push(Buffer.from(chunk.subarray(0, ELF_START_BYTES - this.startLength)));
      this.startLength += Math.min(chunk.length, ELF_START_BYTES - this.startLength);
      if (this.startLength >= ELF_START_BYTES || this.offset + chunk.length >= this.sizeBytes) this.decide();
    }
    if (this.header && this.sectionTable) {
      const chunkEnd = this.offset + chunk.length;
      const copyStart = Math.max(this.offset, this.range.start);
      const copyEnd = Math.min(chunkEnd, this.range.end);
      if (copyStart < copyEnd) chunk.copy(this.sectionTable, copyStart - this.range.start, copyStart - this.offset, copyEnd - this.offset);
    }
    this.offset += chunk.length;
  }

  private decide(): void {
    this.decided = true;
    this.start = Buffer.concat(this.startParts);
    this.startParts.length = 0;
    this.header = isElf(this.start) ? parseElfHeader(this.start) : undefined;
    if (!this.header) return;
    this.range = sectionTableRange(this.header);
    if (this.range.end > this.sizeBytes || this.range.end <= this.range.start) this.header = undefined;
    else this.sectionTable = Buffer.alloc(this.range.end - this.range.start);
  }

  end(): void {
    // Object files (.o, .a members, Go's .syso) are inputs to a linker, not programs: nothing to strip in place.
    if (!this.header || !this.sectionTable || this.header.fileType === ELF_TYPE_RELOCATABLE) return;
    const sections = parseSectionTable(this.sectionTable, this.header);
    const interpreter = hasInterpreter(this.start, this.header);
    this.onFinding({
      path: this.path,
      sizeBytes: this.sizeBytes,
      isStatic: interpreter === undefined ? undefined : !interpreter,
      ...sections,
    });
  }
}

/** One uncompressed layer tar: its entries, ELF headers, passwd and group files, diffID and (optionally) gzip size. */
export class LayerReader {
  readonly entries: LayerEntry[] = [];
  readonly elfBinaries: ElfFinding[] = [];
  readonly userFiles = new Map<string, Buffer>();
  private userFileBytes = 0;
  private readonly packageFiles = new PackageFileCollector();
  tarBytes = 0;
  contentBytes = 0;
  private readonly hash = createHash('sha256');
  private readonly tar = new TarReader((header) => this.onEntry(header));

  constructor(readonly sizer?: LayerSizer) {}

  write(chunk: Buffer): void {
    this.tarBytes += chunk.length;
    this.hash.update(chunk);
    this.tar.write(chunk);
    this.sizer?.write(chunk);
  }

  private onEntry(header: TarHeader): TarEntrySink | undefined {
    const path = cleanPath(header.name);
    const kind = entryKind(header.type);
    const sizeBytes = kind === 'file' ? header.size : 0;
    this.contentBytes += kind === 'symlink' ? header.linkNameBytes : sizeBytes;
    const isLink = kind === 'symlink' || kind === 'link';
    if (path !== '/') this.entries.push(isLink ? linkEntry(path, kind, header) : { path, kind, sizeBytes, mode: header.mode });
    if (kind !== 'file') return undefined;
    const database = this.packageFiles.sinkFor(path, sizeBytes);
    if (database) return database;
    const elf = sizeBytes >= ELF_HEADER_BYTES ? new ElfSink(path, sizeBytes, (finding) => this.elfBinaries.push(finding)) : undefined;
    const keep =
      USER_FILE_NAMES.has(path.slice(path.lastIndexOf('/') + 1)) && this.userFileBytes + sizeBytes <= MAX_USER_FILE_BYTES_PER_LAYER;
    if (!keep || sizeBytes > MAX_USER_FILE_BYTES) return elf;
    this.userFileBytes += sizeBytes;
    const collect = new CollectSink(sizeBytes, (bytes) => this.userFiles.set(path, bytes));
    return elf ? new TeeSink([collect, elf]) : collect;
  }

  /** Ends the layer; waits only for the compression still in flight. */
  async finish(compressedBytes?: number): Promise<ScannedLayer> {
    this.tar.end();
    const diffId = `sha256:${this.hash.digest('hex')}`;
    return {
      diffId,
      tarBytes: this.tarBytes,
      contentBytes: this.contentBytes,
      compressedBytes: compressedBytes ?? (await this.sizer?.finish()),
      compressedBytesFromBlob: compressedBytes !== undefined,
      entries: this.entries,
      elfBinaries: this.elfBinaries,
      userFiles: this.userFiles,
      packageFiles: this.packageFiles.result(),
    };
  }
}

/** A symlink's or hard link's entry; a symlink target that is not UTF-8 keeps its stored length. */
function linkEntry(path: string, kind: EntryKind, header: TarHeader): LayerEntry {
  const entry: LayerEntry = { path, kind, sizeBytes: 0, mode: header.mode, linkTarget: header.linkName };
  if (kind === 'symlink' && header.linkNameBytes !== Buffer.byteLength(header.linkName)) entry.linkBytes = header.linkNameBytes;
  return entry;
}
