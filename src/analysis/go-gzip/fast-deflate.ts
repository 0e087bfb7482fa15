// Go 1.27's compress/flate at levels 1-6, driven as deflate.go's compressor drives it for level 6: the input is cut
// into blocks of exactly 65535 bytes (the window fills before each step), each block is matched by FastLevel6 and
// written by FastWriter as stored, literal-only or dynamic (deflateFast); at close the last block is encoded with
// sync set, ending its table. Blocks fill only up to 65535 bytes whatever the Write sizes, so unlike the classic
// compressor, how the stream is cut into Writes never changes the output.

import { FastTokens } from './fast-tokens.js';
import { FAST_BLOCK_BYTES, FastLevel6 } from './fast-level6.js';
import { FastWriter } from './fast-writer.js';

// Math's functions bound once: a global lookup per call is costly where globals are proxied (Jest's vm context).
const { min } = Math;

/** Final blocks this short are stored, up to 128 bytes coded as literals only (deflateFast). */
const STORED_TAIL_BYTES = 32;
const LITERAL_TAIL_BYTES = 128;

export class FastDeflate {
  private readonly encoder = new FastLevel6();
  private readonly tokens = new FastTokens();
  private readonly writer = new FastWriter();
  /** Bytes in the block being filled (windowEnd). */
  private filledBytes = 0;

  /** Go's Write: a full block is encoded when more input arrives for the next one (compressor.write). */
  append(chunk: Uint8Array): void {
    const { encoder } = this;
    let taken = 0;
    while (taken < chunk.length) {
      if (this.filledBytes === FAST_BLOCK_BYTES) this.step(false);
      const copied = min(chunk.length - taken, FAST_BLOCK_BYTES - this.filledBytes);
      encoder.history.set(chunk.subarray(taken, taken + copied), encoder.blockStart + this.filledBytes);
      this.filledBytes += copied;
      taken += copied;
    }
  }

  /** Close: the last block with sync, then the final block. Returns the DEFLATE stream's length in bytes. */
  finish(): number {
    this.step(true);
    return this.writer.finish();
  }

  /** deflateFast: encode and write the block. */
  private step(sync: boolean): void {
    const { encoder, tokens, writer } = this;
    const bytes = this.filledBytes;
    const block = encoder.history.subarray(encoder.blockStart, encoder.blockStart + bytes);
    if (bytes < FAST_BLOCK_BYTES) {
      if (!sync || bytes === 0) return;
      if (bytes < LITERAL_TAIL_BYTES) {
        if (bytes <= STORED_TAIL_BYTES) writer.stored(bytes);
        else writer.huffmanBlock(block, true);
        this.filledBytes = 0;
        return;
      }
    }
    encoder.encode(tokens, bytes);
    if (tokens.count === 0) writer.stored(bytes);
    else if (tokens.count > bytes - (bytes >> 4)) writer.huffmanBlock(block, sync);
    else writer.dynamicBlock(tokens, bytes, sync);
    tokens.reset();
    this.filledBytes = 0;
    encoder.nextBlock(bytes);
  }
}
