// Keeping a bounded part of a child's output, however much it prints and however long its lines: lines split on
// bytes with a length bound in linear time, the first bytes of a stream, its last bytes, its last lines.
import { formatBytes } from '../common/units.js';

/** A line longer than this is cut: a build that prints 600 MB without a newline must not be held whole. */
export const MAX_LINE_BYTES = 64 * 1024;

/**
 * Splits a byte stream into lines (LF or CRLF). A line over `maxLineBytes` keeps its first `maxLineBytes`
 * and says how much was cut; the rest is counted, not kept, until the next newline. Each byte is looked at a
 * bounded number of times, so a 600 MB line costs what a 600 MB file of short lines costs.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private cutBytes = 0;

  constructor(
    private readonly emit: (line: string) => void,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {}

  write(chunk: Buffer): void {
    const firstNewline = chunk.indexOf(0x0a);
    if (firstNewline === -1) {
      this.keep(chunk);
      return;
    }
    let start = 0;
    if (this.pendingBytes > 0 || this.cutBytes > 0) {
      this.keep(chunk.subarray(0, firstNewline));
      this.flush();
      start = firstNewline + 1;
    }
    // The lines wholly inside this chunk are decoded at once: a newline is never part of a UTF-8 sequence.
    const lastNewline = chunk.lastIndexOf(0x0a);
    if (lastNewline >= start) {
      for (const line of chunk.toString('utf8', start, lastNewline).split('\n')) this.emitWhole(line);
    }
    this.keep(chunk.subarray(lastNewline + 1));
  }

  /** Emits a last line that had no newline. */
  end(): void {
    if (this.pendingBytes > 0 || this.cutBytes > 0) this.flush();
  }

  private keep(bytes: Buffer): void {
    const kept = Math.min(this.maxLineBytes - this.pendingBytes, bytes.length);
    if (kept > 0) {
      // A copy, so a kept piece never pins the whole chunk it came in.
      this.pending.push(Buffer.from(bytes.subarray(0, kept)));
      this.pendingBytes += kept;
    }
    this.cutBytes += bytes.length - kept;
  }

  private emitWhole(line: string): void {
    // A character takes at most 3 bytes per UTF-16 unit: only a line that may be too long is measured.
    if (line.length * 3 > this.maxLineBytes && Buffer.byteLength(line) > this.maxLineBytes) {
      this.keep(Buffer.from(line));
      this.flush();
      return;
    }
    this.emit(line.endsWith('\r') ? line.slice(0, -1) : line);
  }

  private flush(): void {
    let bytes = Buffer.concat(this.pending, this.pendingBytes);
    if (this.cutBytes === 0 && bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
    const line = bytes.toString('utf8') + (this.cutBytes > 0 ? ` [line cut: ${formatBytes(this.cutBytes)} more not shown]` : '');
    this.pending = [];
    this.pendingBytes = 0;
    this.cutBytes = 0;
    this.emit(line);
  }
}

/** The last `maxBytes` of a byte stream, in a ring: memory is bounded however much is written. */
export class ByteTail {
  private readonly ring: Buffer;
  private writtenBytes = 0;

  constructor(private readonly maxBytes: number) {
    this.ring = Buffer.alloc(maxBytes);
  }

  write(chunk: Buffer): void {
    if (this.maxBytes === 0) return;
    const kept = chunk.length > this.maxBytes ? chunk.subarray(chunk.length - this.maxBytes) : chunk;
    this.writtenBytes += chunk.length - kept.length;
    const position = this.writtenBytes % this.maxBytes;
    const first = Math.min(kept.length, this.maxBytes - position);
    kept.copy(this.ring, position, 0, first);
    kept.copy(this.ring, 0, first);
    this.writtenBytes += kept.length;
  }

  toBuffer(): Buffer {
    if (this.writtenBytes <= this.maxBytes) return Buffer.from(this.ring.subarray(0, this.writtenBytes));
    const position = this.writtenBytes % this.maxBytes;
    return Buffer.concat([this.ring.subarray(position), this.ring.subarray(0, position)]);
  }
}

/** The first `maxBytes` of a byte stream, and whether there was more. */
export class ByteHead {
  private readonly chunks: Buffer[] = [];
  private keptBytes = 0;
  cut = false;

  constructor(private readonly maxBytes: number) {}

  write(chunk: Buffer): void {
    const room = this.maxBytes - this.keptBytes;
    if (chunk.length > room) this.cut = true;
    if (room <= 0) return;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(kept);
    this.keptBytes += kept.length;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.keptBytes);
  }
}

/** The last `maxLines` lines given to it, and how many earlier ones were dropped. */
export class LineTail {
  private readonly ring: string[] = [];
  private next = 0;
  droppedLines = 0;

  constructor(private readonly maxLines: number) {}

  push(line: string): void {
    if (this.ring.length < this.maxLines) {
      this.ring.push(line);
      return;
    }
    this.ring[this.next] = line;
    this.next = (this.next + 1) % this.maxLines;
    this.droppedLines += 1;
  }

  lines(): string[] {
    return [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }
}
