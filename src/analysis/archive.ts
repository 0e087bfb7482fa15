// Streaming reader of `docker save` output. One pass over the bytes, memory bounded by the number of files,
// not by their bytes: each member is sniffed and read as a layer (layer-reader.ts), a compressed layer blob,
// or a JSON document (image-index.ts finds each platform's config among them).
// Handles the classic docker-archive layout (`<id>/layer.tar`, `<config>.json`) and the OCI layout
// (`blobs/sha256/<digest>`, uncompressed or gzip-compressed layer blobs) that newer engines write.
import * as zlib from 'node:zlib';
import { Transform } from 'node:stream';
import { GzipSizer } from './gzip-size.js';
import { ArchiveDocuments, findImages, ImageConfigHistory, ImageConfigSummary, ImageIndexError, IndexedImage } from './image-index.js';

export type { ImageConfigHistory, ImageConfigSummary } from './image-index.js';
import { TarEntrySink, TarFormatError, TarReader } from './tar.js';
import { LayerReader, ScannedLayer } from './layer-reader.js';

export { cleanPath } from './layer-reader.js';
export type { EntryKind, ElfFinding, LayerEntry, ScannedLayer } from './layer-reader.js';

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

const TAR_MAGIC_OFFSET = 257;
const SNIFF_BYTES = 512;
const MAX_JSON_BYTES = 16 * 1024 * 1024;

export class ArchiveError extends Error {}

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
