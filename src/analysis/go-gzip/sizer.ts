// The exact size of what Go's compress/gzip writes at the default level, as `docker push` does to each layer of the
// classic image store (moby distribution/push_v2.go compress(): gzip.NewWriter over a bufio writer). Go's DEFLATE
// changed in Go 1.27 (a port of klauspost/compress/flate, golang/go commit 388145c51b), so the size depends on the
// Go version the engine was built with: `classic` models Go 1.7 to 1.26, `go1.27` Go 1.27 and later. Synchronous,
// allocation-free per byte and dependency-free, so it can run in a worker thread.

import { ClassicDeflate } from './classic-deflate.js';
import { FastDeflate } from './fast-deflate.js';

export type GoGzipGeneration = 'classic' | 'go1.27';

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
 * Measures one gzip stream: write() the bytes in chunks of any size, then finish() for the total. The result does
 * not depend on how the bytes are cut into chunks: it is what Go writes for one Write of the whole stream, which
 * is also what it writes for io.Copy's 32 KiB Writes.
 */
export class GoGzipSizer {
  private readonly engine: ClassicDeflate | FastDeflate;
  private result: number | undefined;

  constructor(readonly generation: GoGzipGeneration) {
    this.engine = generation === 'classic' ? new ClassicDeflate() : new FastDeflate();
  }

  write(chunk: Uint8Array): void {
    if (this.result !== undefined) throw new Error('GoGzipSizer: write after finish');
    this.engine.append(chunk);
  }

  /** Closes the stream and returns its gzip size in bytes, header and trailer included. */
  finish(): number {
    this.result ??= this.engine.finish() + GZIP_FRAMING_BYTES;
    return this.result;
  }
}
