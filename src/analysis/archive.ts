// Streaming reader of `docker save` output. One pass over the bytes, memory bounded by the number of files,
// not by their bytes: for every layer it records each entry's path, kind, size and mode, the headers of
// ELF binaries, the layer's diffID (sha256 of its tar) and, optionally, its gzip-compressed size.
// Handles the classic docker-archive layout (`<id>/layer.tar`, `<config>.json`) and the OCI layout
// (`blobs/sha256/<digest>`, uncompressed or gzip-compressed layer blobs) that newer engines write.
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { Transform } from 'node:stream';
import { GzipSizer } from './gzip-size.js';
import { ArchiveDocuments, findImages, ImageConfigHistory, ImageConfigSummary, ImageIndexError, IndexedImage } from './image-index.js';

export type { ImageConfigHistory, ImageConfigSummary } from './image-index.js';
import { TarEntrySink, TarEntryType, TarFormatError, TarHeader, TarReader } from './tar.js';
import {
  ELF_HEADER_BYTES,
  ELF_TYPE_RELOCATABLE,
  hasInterpreter,
  isElf,
  parseElfHeader,
  parseSectionTable,
  sectionTableRange,
} from './elf.js';
import { MAX_USER_FILE_BYTES } from '../user.js';

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
  /** Gzip-compressed bytes of the layer tar, as `docker push` uploads it (when asked for). */
  compressedBytes?: number;
  /** The compressed size was a known one (ScanOptions.knownLayers), not measured again. */
  compressedBytesReused?: boolean;
  /** The archive held the layer as a compressed blob (containerd image store): its size is what a registry stores. */
  compressedBytesFromBlob?: boolean;
  entries: LayerEntry[];
  elfBinaries: ElfFinding[];
}

export interface ScannedImage {
  /** `os/architecture[/variant]` from the image config. */
  platform: string;
  /** Digest of the image config (`sha256:...`): the image id on the classic store. */
  configDigest: string;
  config: ImageConfigSummary;
  /** Layers in RootFS order (a layer listed twice appears twice). */
  layers: ScannedLayer[];
  history: ImageConfigHistory[];
}

export interface KnownLayer {
  diffId: string;
  tarBytes: number;
  compressedBytes: number;
}

export interface ScanOptions {
  /**
   * The image id (`sha256:...`) as the engine gives it: the config's digest on the classic store, the digest
   * of an index or manifest on the containerd store (default: the archive's own index or manifest.json).
   */
  imageId?: string;
  /** Measure the gzip-compressed size of each layer. */
  compressedSize: boolean;
  /**
   * Layers whose compressed size is already known (the PR image's, when the baseline is read). A layer tar of
   * the same length as one of them is not compressed again; once its diffID is known, the size is taken
   * from the match, or left undefined when there is none (then the caller reads the archive again).
   */
  knownLayers?: KnownLayer[];
  /** Called with the archive bytes read so far. */
  onProgress?: (bytesRead: number) => void;
}

/** Files kept for resolving the user: /etc/passwd, /etc/group, and the likely targets of links to them. */
const USER_FILE_NAMES = new Set(['passwd', 'group']);
/** All of them in one layer (a file not kept is read through the engine, as is one over MAX_USER_FILE_BYTES). */
const MAX_USER_FILE_BYTES_PER_LAYER = 64 << 20;
const TAR_MAGIC_OFFSET = 257;
const SNIFF_BYTES = 512;
/** Bytes of an ELF file's start kept to read its file and program headers. */
const ELF_START_BYTES = 4096;
const MAX_JSON_BYTES = 16 * 1024 * 1024;

export class ArchiveError extends Error {}

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
class LayerReader {
  readonly entries: LayerEntry[] = [];
  readonly elfBinaries: ElfFinding[] = [];
  readonly userFiles = new Map<string, Buffer>();
  private userFileBytes = 0;
  tarBytes = 0;
  contentBytes = 0;
  private readonly hash = createHash('sha256');
  private readonly tar = new TarReader((header) => this.onEntry(header));

  constructor(readonly sizer?: GzipSizer) {}

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
    if (path !== '/')
      this.entries.push(
        isLink ? { path, kind, sizeBytes, mode: header.mode, linkTarget: header.linkName } : { path, kind, sizeBytes, mode: header.mode },
      );
    if (kind !== 'file') return undefined;
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
    };
  }
}

type MemberResult = { kind: 'layer'; layer: ScannedLayer } | { kind: 'json'; text: string } | { kind: 'other' };

/**
 * One member of the `docker save` archive that may be a layer or a JSON document: sniffs its first bytes,
 * then reads it once as a layer tar, a gzip-compressed layer blob, JSON, or nothing worth keeping.
 */
class MemberSink implements TarEntrySink {
  readonly result: Promise<MemberResult>;
  private resolve!: (result: MemberResult) => void;
  private reject!: (error: unknown) => void;
  private head: Buffer[] = [];
  private headLength = 0;
  private mode: 'sniff' | 'skip' | 'json' | 'layer' | 'gzip' = 'sniff';
  private json: Buffer[] = [];
  private jsonLength = 0;
  private layer?: LayerReader;
  private gunzip?: Transform;
  private gzipBytes = 0;
  private gunzipDrained?: Promise<void>;

  constructor(
    private readonly compressedSize: boolean,
    /** The member's length from its tar header. */
    private readonly memberBytes: number,
    private readonly knownLayers: KnownLayer[],
  ) {
    this.result = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.result.catch(() => undefined);
  }

  data(chunk: Buffer): void {
    if (this.mode === 'sniff') {
      this.head.push(Buffer.from(chunk));
      this.headLength += chunk.length;
      if (this.headLength >= SNIFF_BYTES) this.decide();
      return;
    }
    this.consume(chunk);
  }

  end(): void {
    if (this.mode === 'sniff') this.decide();
    if (this.mode === 'layer')
      this.layer!.finish().then((layer) => this.resolve({ kind: 'layer', layer: this.withKnownSize(layer) }), this.reject);
    else if (this.mode === 'gzip') {
      // A blob that failed to decompress has its error as the result already.
      if (!this.gunzip!.destroyed) this.gunzip!.end();
    } else if (this.mode === 'json') this.resolve({ kind: 'json', text: Buffer.concat(this.json).toString('utf8') });
    else this.resolve({ kind: 'other' });
  }

  /** What the reader should wait for before it reads on (compression or decompression falling behind). */
  pressure(): Promise<void> | undefined {
    const drained = this.gunzipDrained;
    this.gunzipDrained = undefined;
    return drained ?? this.layer?.sizer?.ready();
  }

  private decide(): void {
    const first = Buffer.concat(this.head);
    this.head = [];
    const isGzip = first[0] === 0x1f && first[1] === 0x8b;
    const isZstd = first[0] === 0x28 && first[1] === 0xb5 && first[2] === 0x2f && first[3] === 0xfd;
    // A layer that changes nothing (RUN true) is a tar of nothing but its two end-of-archive blocks.
    const isTar =
      (first.length >= TAR_MAGIC_OFFSET + 5 && first.toString('latin1', TAR_MAGIC_OFFSET, TAR_MAGIC_OFFSET + 5) === 'ustar') ||
      (first.length >= SNIFF_BYTES && first.subarray(0, SNIFF_BYTES).every((byte) => byte === 0));
    if (isGzip) this.startCompressedLayer(zlib.createGunzip(), 'gzip');
    else if (isZstd) this.startZstdLayer();
    else if (isTar) {
      this.mode = 'layer';
      this.layer = new LayerReader(this.compressedSize && !this.mayBeKnown() ? new GzipSizer() : undefined);
    } else if (first[0] === 0x7b /* { */ || first[0] === 0x5b /* [ */) this.mode = 'json';
    else this.mode = 'skip';
    if (first.length > 0) this.consume(first);
  }

  private mayBeKnown(): boolean {
    return this.knownLayers.some((known) => known.tarBytes === this.memberBytes);
  }

  /** A layer that was not compressed because one of the same length is known: its size, if it is that one. */
  private withKnownSize(layer: ScannedLayer): ScannedLayer {
    if (!this.compressedSize || layer.compressedBytes !== undefined) return layer;
    const known = this.knownLayers.find((candidate) => candidate.diffId === layer.diffId && candidate.tarBytes === layer.tarBytes);
    return { ...layer, compressedBytes: known?.compressedBytes, compressedBytesReused: known !== undefined };
  }

  /** A compressed blob (OCI layout from the containerd image store): its own size is the compressed size. */
  private startCompressedLayer(gunzip: Transform, format: string): void {
    this.mode = 'gzip';
    const layer = new LayerReader();
    this.layer = layer;
    this.gunzip = gunzip;
    gunzip.on('data', (chunk: Buffer) => {
      try {
        layer.write(chunk);
      } catch (error) {
        gunzip.destroy(error as Error);
      }
    });
    gunzip.on('error', (error) => this.reject(new ArchiveError(`a ${format}-compressed layer could not be read: ${error.message}`)));
    gunzip.on('end', () => layer.finish(this.gzipBytes).then((scanned) => this.resolve({ kind: 'layer', layer: scanned }), this.reject));
  }

  /** zstd blobs (a containerd store may hold them): Node 22.15+ decompresses them, Node 20 cannot. */
  private startZstdLayer(): void {
    const create = (zlib as unknown as { createZstdDecompress?: () => Transform }).createZstdDecompress;
    if (create) return this.startCompressedLayer(create(), 'zstd');
    this.mode = 'skip';
    this.reject(
      new ArchiveError(
        `a layer is zstd-compressed, which Node ${process.versions.node} cannot decompress (Node 22.15 or later can; GitHub runs this action on Node 24)`,
      ),
    );
  }

  private consume(chunk: Buffer): void {
    switch (this.mode) {
      case 'layer':
        this.layer!.write(chunk);
        break;
      case 'gzip':
        this.gzipBytes += chunk.length;
        // A blob that failed to decompress is only counted from here on; its error is the member's result.
        if (this.gunzip!.destroyed) break;
        if (!this.gunzip!.write(chunk)) {
          const gunzip = this.gunzip!;
          this.gunzipDrained ??= new Promise((resolve) => {
            const done = () => {
              gunzip.off('drain', done).off('close', done);
              resolve();
            };
            gunzip.on('drain', done).on('close', done);
          });
        }
        break;
      case 'json':
        if (this.jsonLength + chunk.length <= MAX_JSON_BYTES) this.json.push(Buffer.from(chunk));
        this.jsonLength += chunk.length;
        break;
      default:
        break;
    }
  }
}

/** Reads a whole `docker save` stream, once, as it arrives: every image it holds for `imageId`, one per platform. */
export async function scanImageArchivePlatforms(input: AsyncIterable<unknown>, options: ScanOptions): Promise<ScannedImage[]> {
  const members = new Map<string, MemberSink>();
  // Only the member being read can fall behind; one that has ended gets no more bytes.
  let current: MemberSink | undefined;
  const archive = new TarReader((header) => {
    const name = header.name;
    const candidate = name.endsWith('/layer.tar') || name.startsWith('blobs/') || /^[^/]+\.json$/.test(name);
    if (header.type !== 'file' || !candidate) return undefined;
    const member = new MemberSink(options.compressedSize, header.size, options.knownLayers ?? []);
    members.set(name, member);
    current = member;
    return member;
  });
  let bytesRead = 0;
  try {
    for await (const data of input) {
      const chunk = data as Buffer;
      archive.write(chunk);
      bytesRead += chunk.length;
      options.onProgress?.(bytesRead);
      // Back-pressure: stop reading (and so let docker wait) while compression or decompression is behind.
      const waitFor = current?.pressure();
      if (waitFor) await waitFor;
    }
    archive.end();
  } catch (error) {
    if (error instanceof TarFormatError) throw new ArchiveError(error.message);
    throw error;
  }

  const byDiffId = new Map<string, ScannedLayer>();
  // Small JSON members by name: index.json, manifest.json, manifests, indexes and image configs.
  const jsonByName = new Map<string, string>();
  for (const [name, member] of members) {
    const result = await member.result.catch((error: unknown) => {
      throw error instanceof TarFormatError ? new ArchiveError(error.message) : error;
    });
    if (result.kind === 'layer') byDiffId.set(result.layer.diffId, result.layer);
    if (result.kind === 'json') jsonByName.set(name, result.text);
  }
  let images: IndexedImage[];
  try {
    images = findImages(new ArchiveDocuments(jsonByName), options.imageId);
  } catch (error) {
    if (error instanceof ImageIndexError) throw new ArchiveError(error.message);
    throw error;
  }
  return images.map((image) => ({
    platform: image.platform,
    configDigest: image.configDigest,
    config: image.config,
    history: image.history,
    layers: image.diffIds.map((diffId) => {
      const layer = byDiffId.get(diffId);
      if (!layer) throw new ArchiveError(`the archive does not contain layer ${diffId} of the ${image.platform} image`);
      return layer;
    }),
  }));
}

/** Reads a whole `docker save` stream and returns the image it holds (the first platform when it holds several). */
export async function scanImageArchive(input: AsyncIterable<unknown>, options: ScanOptions): Promise<ScannedImage> {
  return (await scanImageArchivePlatforms(input, options))[0];
}
