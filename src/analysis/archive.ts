// Streaming reader of `docker save` output. One pass over the bytes, memory bounded by the number of files,
// not by their bytes: for every layer it records each entry's path, kind, size and mode, the headers of
// ELF binaries, the layer's diffID (sha256 of its tar) and, optionally, its gzip-compressed size.
// Handles the classic docker-archive layout (`<id>/layer.tar`, `<config>.json`) and the OCI layout
// (`blobs/sha256/<digest>`, uncompressed or gzip-compressed layer blobs) that newer engines write.
import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar-stream';
import { GzipSizer } from './gzip-size.js';
import { ELF_HEADER_BYTES, ELF_TYPE_RELOCATABLE, hasInterpreter, isElf, parseElfHeader, parseSectionTable, sectionTableRange } from './elf.js';

export type EntryKind = 'file' | 'directory' | 'symlink' | 'link' | 'other';

export interface LayerEntry {
  /** Path as dive shows it: cleaned, with a leading slash (`/usr/bin/go`); whiteouts keep their `.wh.` name. */
  path: string;
  kind: EntryKind;
  /** Size from the tar header (0 for directories, links and whiteouts). */
  sizeBytes: number;
  mode: number;
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
  /** The text of /etc/passwd when this layer writes it (so the user can be resolved without running docker). */
  etcPasswd?: string;
  /** Bytes of the uncompressed layer tar. */
  tarBytes: number;
  /** Gzip-compressed bytes of the layer tar, as `docker push` uploads it (when asked for). */
  compressedBytes?: number;
  entries: LayerEntry[];
  elfBinaries: ElfFinding[];
}

export interface ImageConfigHistory {
  created_by?: string;
  empty_layer?: boolean;
  comment?: string;
}

export interface ScannedImage {
  /** Layers in RootFS order (a layer listed twice appears twice). */
  layers: ScannedLayer[];
  history: ImageConfigHistory[];
}

export interface ScanOptions {
  /** The image id (`sha256:...`): names its config in the archive (default: the first image of manifest.json). */
  imageId?: string;
  /** Measure the gzip-compressed size of each layer. */
  compressedSize: boolean;
  /** Called with the archive bytes read so far. */
  onProgress?: (bytesRead: number) => void;
}

const PASSWD_PATH = '/etc/passwd';
const MAX_PASSWD_BYTES = 1 << 20;
const TAR_MAGIC_OFFSET = 257;
const SNIFF_BYTES = 512;
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

function entryKind(type: string | null | undefined): EntryKind {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'link';
    default:
      return 'other';
  }
}

/** Reads one layer tar from `chunks`, recording its entries and the headers of its ELF binaries. */
class LayerTarReader {
  readonly entries: LayerEntry[] = [];
  readonly elfBinaries: ElfFinding[] = [];
  etcPasswd?: string;
  private readonly extract = tar.extract();
  private readonly done: Promise<void>;

  constructor() {
    this.done = this.consume();
  }

  private async consume(): Promise<void> {
    for await (const entry of this.extract) {
      const header = entry.header;
      const path = cleanPath(header.name);
      const kind = entryKind(header.type);
      const sizeBytes = kind === 'file' ? header.size ?? 0 : 0;
      if (path !== '/') this.entries.push({ path, kind, sizeBytes, mode: header.mode ?? 0 });
      if (path === PASSWD_PATH && kind === 'file' && sizeBytes <= MAX_PASSWD_BYTES) {
        const chunks: Buffer[] = [];
        for await (const chunk of entry) chunks.push(chunk as Buffer);
        this.etcPasswd = Buffer.concat(chunks).toString('utf8');
      } else if (kind === 'file' && sizeBytes >= ELF_HEADER_BYTES) await this.inspectElf(entry, path, sizeBytes);
      else for await (const _ of entry) void _;
    }
  }

  /** Reads an entry's bytes, keeping only the ELF file header, program headers and section header table. */
  private async inspectElf(entry: AsyncIterable<unknown>, path: string, sizeBytes: number): Promise<void> {
    const startChunks: Buffer[] = [];
    let startLength = 0;
    let offset = 0;
    let header: ReturnType<typeof parseElfHeader>;
    let decided = false;
    let sectionTable: Buffer | undefined;
    let range = { start: 0, end: 0 };
    let start: Buffer = Buffer.alloc(0);
    for await (const data of entry) {
      const chunk = data as Buffer;
      if (!decided) {
        startChunks.push(chunk);
        startLength += chunk.length;
        if (startLength >= 4096 || offset + chunk.length >= sizeBytes) {
          start = Buffer.concat(startChunks).subarray(0, 4096);
          decided = true;
          header = isElf(start) ? parseElfHeader(start) : undefined;
          if (header) {
            range = sectionTableRange(header);
            if (range.end > sizeBytes || range.end <= range.start) header = undefined;
            else sectionTable = Buffer.alloc(range.end - range.start);
          }
        }
      }
      if (header && sectionTable) {
        const chunkStart = offset;
        const chunkEnd = offset + chunk.length;
        const copyStart = Math.max(chunkStart, range.start);
        const copyEnd = Math.min(chunkEnd, range.end);
        if (copyStart < copyEnd) chunk.copy(sectionTable, copyStart - range.start, copyStart - chunkStart, copyEnd - chunkStart);
      }
      offset += chunk.length;
    }
    // Object files (.o, .a members, Go's .syso) are inputs to a linker, not programs: nothing to strip in place.
    if (!header || !sectionTable || header.fileType === ELF_TYPE_RELOCATABLE) return;
    const sections = parseSectionTable(sectionTable, header);
    const interpreter = hasInterpreter(start, header);
    this.elfBinaries.push({ path, sizeBytes, isStatic: interpreter === undefined ? undefined : !interpreter, ...sections });
  }

  /** Feeds bytes, honouring back-pressure. */
  async write(chunk: Buffer): Promise<void> {
    if (!this.extract.write(chunk)) await new Promise<void>((resolve) => this.extract.once('drain', () => resolve()));
  }

  async finish(): Promise<void> {
    (this.extract as unknown as { end(): void }).end();
    await this.done;
  }
}

/** Handles one archive member that may be a layer: sniffs its first bytes, then streams it once. */
async function readMember(stream: AsyncIterable<unknown>, compressedSize: boolean): Promise<{ kind: 'layer'; layer: ScannedLayer } | { kind: 'json'; text: string } | { kind: 'other' }> {
  const iterator = stream[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headLength = 0;
  let exhausted = false;
  while (headLength < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    head.push(next.value as Buffer);
    headLength += (next.value as Buffer).length;
  }
  const first = Buffer.concat(head);
  const isGzip = first[0] === 0x1f && first[1] === 0x8b;
  const isTar = first.length >= TAR_MAGIC_OFFSET + 5 && first.subarray(TAR_MAGIC_OFFSET, TAR_MAGIC_OFFSET + 5).toString('latin1') === 'ustar';
  const rest = async function* () {
    yield first;
    if (exhausted) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value as Buffer;
  };

  if (!isGzip && !isTar) {
    if (first[0] !== 0x7b /* { */ && first[0] !== 0x5b /* [ */) {
      for await (const _ of rest()) void _;
      return { kind: 'other' };
    }
    const parts: Buffer[] = [];
    let length = 0;
    for await (const chunk of rest()) {
      length += chunk.length;
      if (length <= MAX_JSON_BYTES) parts.push(chunk);
    }
    return { kind: 'json', text: Buffer.concat(parts).toString('utf8') };
  }

  const layerReader = new LayerTarReader();
  const hash = createHash('sha256');
  const sizer = compressedSize && !isGzip ? new GzipSizer() : undefined;
  let tarBytes = 0;
  let gzipBytes = 0;
  const consumeTar = async (chunk: Buffer) => {
    tarBytes += chunk.length;
    hash.update(chunk);
    await Promise.all([layerReader.write(chunk), sizer?.write(chunk)]);
  };
  if (isGzip) {
    // A compressed blob (OCI layout from the containerd image store): its own size is the compressed size.
    const gunzip = createGunzip();
    const feed = (async () => {
      for await (const chunk of rest()) {
        gzipBytes += chunk.length;
        if (!gunzip.write(chunk)) await new Promise((resolve) => gunzip.once('drain', resolve));
      }
      gunzip.end();
    })();
    for await (const chunk of gunzip) await consumeTar(chunk as Buffer);
    await feed;
  } else {
    for await (const chunk of rest()) await consumeTar(chunk);
  }
  await layerReader.finish();
  const compressedBytes = isGzip ? gzipBytes : await sizer?.finish();
  return {
    kind: 'layer',
    layer: {
      diffId: `sha256:${hash.digest('hex')}`,
      tarBytes,
      compressedBytes,
      entries: layerReader.entries,
      elfBinaries: layerReader.elfBinaries,
      etcPasswd: layerReader.etcPasswd,
    },
  };
}

/** Reads a whole `docker save` stream. */
export async function scanImageArchive(input: Readable, options: ScanOptions): Promise<ScannedImage> {
  const extract = tar.extract();
  let bytesRead = 0;
  input.on('data', (chunk: Buffer) => {
    bytesRead += chunk.length;
    options.onProgress?.(bytesRead);
  });
  input.on('error', (error) => extract.destroy(error));
  input.pipe(extract as unknown as Writable);

  const byDiffId = new Map<string, ScannedLayer>();
  // Small JSON members by name: the image config (`<id>.json` or `blobs/sha256/<id>`) and manifest.json.
  const jsonByName = new Map<string, string>();
  for await (const entry of extract) {
    const name = entry.header.name;
    const candidate = name.endsWith('/layer.tar') || name.startsWith('blobs/') || /^[^/]+\.json$/.test(name);
    if (entry.header.type !== 'file' || !candidate) {
      for await (const _ of entry) void _;
      continue;
    }
    const member = await readMember(entry, options.compressedSize);
    if (member.kind === 'layer') byDiffId.set(member.layer.diffId, member.layer);
    if (member.kind === 'json') jsonByName.set(name, member.text);
  }
  const config = findConfig(jsonByName, options.imageId);
  const layers = config.rootfs.diff_ids.map((diffId) => {
    const layer = byDiffId.get(diffId);
    if (!layer) throw new ArchiveError(`the archive does not contain layer ${diffId}`);
    return layer;
  });
  return { layers, history: config.history ?? [] };
}

interface ImageConfigJson {
  rootfs: { diff_ids: string[] };
  history?: ImageConfigHistory[];
}

function findConfig(jsonByName: Map<string, string>, imageId: string | undefined): ImageConfigJson {
  let configHex = imageId?.replace(/^sha256:/, '');
  if (!configHex) {
    const manifest = jsonByName.get('manifest.json');
    const first = manifest ? (JSON.parse(manifest) as { Config?: string }[])[0] : undefined;
    configHex = first?.Config?.replace(/^blobs\/sha256\//, '').replace(/\.json$/, '');
  }
  const text = configHex ? (jsonByName.get(`${configHex}.json`) ?? jsonByName.get(`blobs/sha256/${configHex}`)) : undefined;
  if (!text) throw new ArchiveError(`the archive does not contain the image config${configHex ? ` ${configHex}` : ''}`);
  const config = JSON.parse(text) as ImageConfigJson;
  if (!Array.isArray(config.rootfs?.diff_ids)) throw new ArchiveError('the image config lists no layers (rootfs.diff_ids)');
  return config;
}
