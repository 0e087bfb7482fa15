// The gzip-compressed size of a byte stream, computed on several threads at once.
// Like pigz, the stream is cut into blocks that are deflated independently on zlib's thread pool, each
// primed with the previous block's last 32 KiB as its dictionary, so the result stays within a fraction
// of a percent of one single-threaded gzip stream at the same level (docker push uses level 6, the default).
import { promisify } from 'node:util';
import { constants, deflateRaw } from 'node:zlib';

const deflateRawAsync = promisify(deflateRaw) as (buffer: Buffer, options: object) => Promise<Buffer>;

export const GZIP_LEVEL = 6;
const BLOCK_BYTES = 1024 * 1024;
const WINDOW_BYTES = 32 * 1024;
/** gzip's fixed 10-byte header and 8-byte trailer (CRC32 and length). */
const GZIP_FRAMING_BYTES = 18;

export class GzipSizer {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private previousTail: Buffer | undefined;
  private readonly inFlight: Promise<number>[] = [];
  private compressedBytes = 0;

  constructor(private readonly maxInFlight = 4) {}

  async write(chunk: Buffer): Promise<void> {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    while (this.pendingBytes >= BLOCK_BYTES) {
      const joined = Buffer.concat(this.pending);
      const block = joined.subarray(0, BLOCK_BYTES);
      const rest = joined.subarray(BLOCK_BYTES);
      this.pending = rest.length > 0 ? [rest] : [];
      this.pendingBytes = rest.length;
      await this.submit(block, false);
    }
  }

  private async submit(block: Buffer, last: boolean): Promise<void> {
    const options: Record<string, unknown> = { level: GZIP_LEVEL, finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH };
    if (this.previousTail) options.dictionary = this.previousTail;
    // Copy the tail: `block` may be a view of a buffer that is reused.
    this.previousTail = Buffer.from(block.subarray(Math.max(0, block.length - WINDOW_BYTES)));
    this.inFlight.push(deflateRawAsync(block, options).then((out) => out.length));
    if (this.inFlight.length >= this.maxInFlight) this.compressedBytes += await this.inFlight.shift()!;
  }

  /** Finishes the stream and returns its gzip size in bytes. */
  async finish(): Promise<number> {
    await this.submit(Buffer.concat(this.pending), true);
    this.pending = [];
    this.pendingBytes = 0;
    for (const size of await Promise.all(this.inFlight.splice(0))) this.compressedBytes += size;
    return this.compressedBytes + GZIP_FRAMING_BYTES;
  }
}
