// One member of an image archive, read once as it arrives: its first bytes are sniffed, then it is read as
// an uncompressed layer tar (its compressed size measured, unless a known layer has it), a gzip- or
// zstd-compressed layer blob (its own length is the compressed size), a JSON document, or skipped.
import * as zlib from 'node:zlib';
import { Transform } from 'node:stream';
import { GoGzipPool } from './go-gzip/pool.js';
import { GoGzipGeneration } from './go-gzip/sizer.js';
import { TarEntrySink } from './tar.js';
import { LayerReader, ScannedLayer } from './layer-reader.js';
import { DEFAULT_EXPANSION_LIMITS, expansionBound, ExpansionLimits, LayerExpansionError } from './expansion-guard.js';

export interface KnownLayer {
  diffId: string;
  tarBytes: number;
  compressedBytes: number;
}

const TAR_MAGIC_OFFSET = 257;
const SNIFF_BYTES = 512;
const MAX_JSON_BYTES = 16 * 1024 * 1024;

export class ArchiveError extends Error {}

/**
 * What a push stores of a layer the archive holds as a plain tar: the tar as it is (the containerd store pushes
 * its blobs as they are), or what `docker push` of the classic store makes of it with Go's compress/gzip of
 * that generation.
 */
export type PlainLayerStorage = 'as-stored' | GoGzipGeneration;

export type MemberResult = { kind: 'layer'; layer: ScannedLayer } | { kind: 'json'; text: string } | { kind: 'other' };

/**
 * One member of the `docker save` archive that may be a layer or a JSON document: sniffs its first bytes,
 * then reads it once as a layer tar, a gzip-compressed layer blob, JSON, or nothing worth keeping.
 */
export class MemberSink implements TarEntrySink {
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
  /** Set when the blob expanded past a bound and its decompression was stopped. */
  expansion?: LayerExpansionError;

  constructor(
    private readonly compressedSize: boolean,
    /** The member's length from its tar header. */
    private readonly memberBytes: number,
    private readonly knownLayers: KnownLayer[],
    private readonly plainLayers: PlainLayerStorage = 'classic',
    /** The member's name, and how far a compressed blob may expand (expansion-guard.ts). */
    private readonly guard: { name: string; limits: ExpansionLimits } = { name: 'a layer', limits: DEFAULT_EXPANSION_LIMITS },
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
    if (this.mode === 'layer') {
      const stored = this.plainLayers === 'as-stored' ? this.memberBytes : undefined;
      this.layer!.finish(stored).then((layer) => this.resolve({ kind: 'layer', layer: this.withKnownSize(layer) }), this.reject);
    } else if (this.mode === 'gzip') {
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
      const compress = this.compressedSize && this.plainLayers !== 'as-stored' && !this.mayBeKnown();
      this.layer = new LayerReader(compress ? GoGzipPool.get().open(this.plainLayers as GoGzipGeneration) : undefined);
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
        return;
      }
      // The blob's length from its header, or what has arrived when more did (a header cannot make the limit tighter).
      const compressedBytes = Math.max(this.memberBytes, this.gzipBytes);
      const bound = expansionBound(this.guard.limits, compressedBytes, layer.tarBytes);
      if (!bound) return;
      // Stopped at once: no more of the blob is decompressed, whatever it holds.
      this.expansion = new LayerExpansionError(this.guard.name, format, bound, this.guard.limits, compressedBytes);
      gunzip.destroy(this.expansion);
    });
    gunzip.on('error', (error) =>
      this.reject(
        error instanceof LayerExpansionError ? error : new ArchiveError(`a ${format}-compressed layer could not be read: ${error.message}`),
      ),
    );
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
