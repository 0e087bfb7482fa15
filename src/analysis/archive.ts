// Streaming reader of `docker save` output. One pass over the bytes, memory bounded by the number of files,
// not by their bytes: each member is sniffed and read as a layer (layer-reader.ts), a compressed layer blob,
// or a JSON document (image-index.ts finds each platform's config among them).
// Handles the classic docker-archive layout (`<id>/layer.tar`, `<config>.json`) and the OCI layout
// (`blobs/sha256/<digest>`, uncompressed or gzip-compressed layer blobs) that newer engines write.
import { ArchiveDocuments, findImages, ImageConfigHistory, ImageConfigSummary, ImageIndexError, IndexedImage } from './image-index.js';

export type { ImageConfigHistory, ImageConfigSummary } from './image-index.js';
import { TarEntrySink, TarFormatError, TarReader } from './tar.js';
import { ScannedLayer } from './layer-reader.js';
import { ArchiveError, KnownLayer, MemberSink, PlainLayerStorage } from './archive-member.js';
import { DEFAULT_EXPANSION_LIMITS, ExpansionLimits, LayerExpansionError } from './expansion-guard.js';

export { ArchiveError } from './archive-member.js';
export type { KnownLayer, PlainLayerStorage } from './archive-member.js';

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

export interface ScanOptions {
  /**
   * The image id (`sha256:...`) as the engine gives it: the config's digest on the classic store, the digest
   * of an index or manifest on the containerd store (default: the archive's own index or manifest.json).
   */
  imageId?: string;
  /** Measure the compressed size of each layer (free for blobs; plain tars as `plainLayers` says). */
  compressedSize: boolean;
  /** What a push stores of a layer held as a plain tar (default: docker push's Go 1.7-1.26 compressor). */
  plainLayers?: PlainLayerStorage;
  /**
   * Layers whose compressed size is already known (the PR image's, when the baseline is read). A layer tar of
   * the same length as one of them is not compressed again; once its diffID is known, the size is taken
   * from the match, or left undefined when there is none (then the caller reads the archive again).
   */
  knownLayers?: KnownLayer[];
  /** Called with the archive bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /** How far one compressed layer blob may expand (default: DEFAULT_EXPANSION_LIMITS; plain tars are not held to it). */
  expansionLimits?: ExpansionLimits;
}

/**
 * The members of one image archive, whatever carries them (a `docker save` or OCI archive tar, an OCI layout
 * directory, a registry): each candidate member is sniffed and read once as it arrives, then the images are
 * found among the JSON documents and their layers matched by diffID.
 */
export class ArchiveScan {
  private readonly members = new Map<string, MemberSink>();
  /** Layers read before (the other image's, when two images share them): not read again. */
  private readonly reused: ScannedLayer[] = [];
  /** Only the member being read can fall behind; one that has ended gets no more bytes. */
  private current: MemberSink | undefined;

  constructor(private readonly options: ScanOptions) {}

  /** Where a member's bytes go: layers (`<id>/layer.tar`, `blobs/...`) and top-level JSON documents; undefined for the rest. */
  member(name: string, sizeBytes: number): TarEntrySink | undefined {
    const candidate = name.endsWith('/layer.tar') || name.startsWith('blobs/') || /^[^/]+\.json$/.test(name);
    if (!candidate) return undefined;
    const member = new MemberSink(this.options.compressedSize, sizeBytes, this.options.knownLayers ?? [], this.options.plainLayers, {
      name,
      limits: this.options.expansionLimits ?? DEFAULT_EXPANSION_LIMITS,
    });
    this.members.set(name, member);
    this.current = member;
    return member;
  }

  /** A layer already read (for another image of the comparison), taken as this archive's without its bytes. */
  reuse(layer: ScannedLayer): void {
    this.reused.push(layer);
  }

  /** Back-pressure: what to wait for before reading on, while compression or decompression is behind. */
  pressure(): Promise<void> | undefined {
    return this.current?.pressure();
  }

  /** A layer that expanded past a bound (the reading stops at once), named by its place in the image when known. */
  async expansion(): Promise<LayerExpansionError | undefined> {
    const error = [...this.members.values()].find((member) => member.expansion)?.expansion;
    if (error) await this.locate(error);
    return error;
  }

  /** Finds the blob among the layers of the manifests read so far (an archive may hold them after the blobs). */
  private async locate(error: LayerExpansionError): Promise<void> {
    const digest = error.member.startsWith('blobs/') ? error.member.slice('blobs/'.length).replace('/', ':') : undefined;
    for (const member of this.members.values()) {
      const result = await member.result.catch(() => undefined);
      if (result?.kind !== 'json' || !digest) continue;
      const layers = (() => {
        try {
          return (JSON.parse(result.text) as { layers?: { digest?: unknown }[] }).layers;
        } catch {
          return undefined;
        }
      })();
      const index = Array.isArray(layers) ? layers.findIndex((layer) => layer?.digest === digest) : -1;
      if (index >= 0) return error.locate(index, layers!.length);
    }
  }

  /** Every image the members hold for `options.imageId` (or the archive's own index), one per platform. */
  async images(): Promise<ScannedImage[]> {
    const byDiffId = new Map<string, ScannedLayer>(this.reused.map((layer) => [layer.diffId, layer]));
    // Small JSON members by name: index.json, manifest.json, manifests, indexes and image configs.
    const jsonByName = new Map<string, string>();
    for (const [name, member] of this.members) {
      const result = await member.result.catch(async (error: unknown) => {
        if (error instanceof LayerExpansionError) await this.locate(error);
        throw error instanceof TarFormatError ? new ArchiveError(error.message) : error;
      });
      if (result.kind === 'layer') byDiffId.set(result.layer.diffId, result.layer);
      if (result.kind === 'json') jsonByName.set(name, result.text);
    }
    let images: IndexedImage[];
    try {
      images = findImages(new ArchiveDocuments(jsonByName), this.options.imageId);
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
}

/**
 * Hands each chunk on, counts the bytes read for `onProgress`, and holds the reading back (and so lets docker or
 * the registry wait) while compression or decompression is behind.
 */
async function pour(
  chunks: AsyncIterable<unknown>,
  into: (chunk: Buffer) => void,
  scan: ArchiveScan,
  read: { bytes: number },
  onProgress?: (bytesRead: number) => void,
): Promise<void> {
  for await (const data of chunks) {
    const chunk = data as Buffer;
    into(chunk);
    read.bytes += chunk.length;
    onProgress?.(read.bytes);
    const waitFor = scan.pressure();
    if (waitFor) await waitFor;
    // A layer past its expansion bound ends the reading: the rest of the archive is not read.
    const expanded = await scan.expansion();
    if (expanded) throw expanded;
  }
}

/** Reads a whole `docker save` stream (or OCI archive tar), once, as it arrives: every image it holds for `imageId`, one per platform. */
export async function scanImageArchivePlatforms(input: AsyncIterable<unknown>, options: ScanOptions): Promise<ScannedImage[]> {
  const scan = new ArchiveScan(options);
  const archive = new TarReader((header) => (header.type === 'file' ? scan.member(header.name, header.size) : undefined));
  try {
    await pour(input, (chunk) => archive.write(chunk), scan, { bytes: 0 }, options.onProgress);
    archive.end();
  } catch (error) {
    if (error instanceof TarFormatError) throw new ArchiveError(error.message);
    throw error;
  }
  return scan.images();
}

/**
 * One member of an image archive carried by something other than a tar: its name, length and bytes; or a
 * layer already read for the other image of a comparison, which is taken as it is.
 */
export type ArchiveMember = { name: string; sizeBytes: number; data: () => AsyncIterable<Buffer> } | { reused: ScannedLayer };

/**
 * Reads the members of an image archive given one by one (an OCI layout directory, a registry's documents and
 * blobs): only those the scan keeps are opened, each once. Every image they hold, one per platform.
 */
export async function scanImageMembers(members: AsyncIterable<ArchiveMember>, options: ScanOptions): Promise<ScannedImage[]> {
  const scan = new ArchiveScan(options);
  const read = { bytes: 0 };
  for await (const member of members) {
    if ('reused' in member) {
      scan.reuse(member.reused);
      continue;
    }
    const sink = scan.member(member.name, member.sizeBytes);
    if (!sink) continue;
    await pour(member.data(), (chunk) => sink.data(chunk), scan, read, options.onProgress);
    sink.end();
  }
  return scan.images();
}

/** Reads a whole `docker save` stream and returns the image it holds (the first platform when it holds several). */
export async function scanImageArchive(input: AsyncIterable<unknown>, options: ScanOptions): Promise<ScannedImage> {
  return (await scanImageArchivePlatforms(input, options))[0];
}
