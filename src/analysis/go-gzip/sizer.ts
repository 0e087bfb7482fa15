// The exact size of what Go's compress/gzip writes at the default level, as `docker push` does to each layer of the
// classic image store (moby distribution/push.go compress(): gzip.NewWriter over a bufio writer, fed by io.Copy).
// Go's DEFLATE changed in Go 1.27 (a port of klauspost/compress/flate, golang/go commit 388145c51b), so the size
// depends on the Go version the engine was built with: `classic` models Go 1.7 to 1.26, `go1.27` Go 1.27 and later.
// Synchronous, allocation-free per byte and dependency-free, so it can run in a worker thread.

import { ClassicDeflate } from './classic-deflate.js';
import { DockerLayerWrites } from './docker-writes.js';
import { FastDeflate } from './fast-deflate.js';

export type GoGzipGeneration = 'classic' | 'go1.27';
/**
 * How the bytes reach Go's Write calls: as `docker push` writes a layer tar of the classic image store (one Write
 * per entry's headers, 32 KiB Writes of each file's data: see docker-writes.ts), or in one Write (equally, io.Copy's
 * 32 KiB Writes). Only the classic compressor's output can differ between the two, and rarely.
 */
export type GoGzipWrites = 'docker-layer' | 'one-write';

/** gzip.Writer's 10-byte header (no name, comment or extra field) and its 8-byte trailer (CRC-32 and length). */
const GZIP_FRAMING_BYTES = 18;
/** The first Go release whose compress/flate this models (Go 1.7 rewrote the block writer). */
const FIRST_CLASSIC_MINOR = 7;
const FIRST_GO127_MINOR = 27;

/** The compressor generation of an engine built with `goVersion` (`docker version`'s Server.GoVersion, e.g. go1.19.8). */
export function goGzipGeneration(goVersion: string): GoGzipGeneration | undefined {
  const match = /^go1\.(\d+)(?![\d])/.exec(goVersion.trim());
  if (!match) return undefined;
  const minor = Number(match[1]);
  if (minor >= FIRST_GO127_MINOR) return 'go1.27';
  return minor >= FIRST_CLASSIC_MINOR ? 'classic' : undefined;
}

/**
 * Measures one gzip stream: write() the bytes in chunks of any size, then finish() for the total. How the bytes are
 * cut into chunks does not matter: Go's Writes are those `writes` describes.
 */
export class GoGzipSizer {
  private readonly engine: ClassicDeflate | FastDeflate;
  private readonly layerWrites: DockerLayerWrites | undefined;
  private result: number | undefined;

  constructor(
    readonly generation: GoGzipGeneration,
    writes: GoGzipWrites = 'docker-layer',
  ) {
    const engine = generation === 'classic' ? new ClassicDeflate() : new FastDeflate();
    this.engine = engine;
    // Go 1.27's output never depends on the Writes (fast-deflate.ts).
    if (engine instanceof ClassicDeflate && writes === 'docker-layer') this.layerWrites = new DockerLayerWrites(engine);
  }

  write(chunk: Uint8Array): void {
    if (this.result !== undefined) throw new Error('GoGzipSizer: write after finish');
    if (this.layerWrites) this.layerWrites.push(chunk);
    else this.engine.append(chunk);
  }

  /** Closes the stream and returns its gzip size in bytes, header and trailer included. */
  finish(): number {
    this.result ??= this.engine.finish() + GZIP_FRAMING_BYTES;
    return this.result;
  }
}
