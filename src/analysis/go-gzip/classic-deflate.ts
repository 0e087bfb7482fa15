// The LZ77 stage of Go 1.7-1.26's compress/flate at level 6 (DefaultCompression): deflate.go's compressor with
// the lazy-matching deflate() step, hash chains over 4-byte hashes, the 64 KiB window that slides by 32 KiB
// (fillDeflate) and findMatch's chain search; its tokens are counted into blocks by ClassicBlocks.
//
// Write boundaries: Go runs deflate() at the start of every Write and stops it 262 bytes short of the data it has,
// so where one Write ends can change when the window slides. If a Write leaves the search stopped at exactly window
// index 65274, the slide happens before that position is searched and its candidates 32507-32768 bytes back are
// lost; otherwise the output is the same however the stream is cut. startWrite() marks where a Go Write begins;
// bytes appended without it belong to the same Write. One Write of the whole stream gives the same output as
// Writes of any multiple of 32 KiB.

import { matchLength } from './bytes.js';
import { ClassicBlocks } from './classic-blocks.js';

// Math's functions bound once: a global lookup per call is costly where globals are proxied (Jest's vm context).
const { imul, min } = Math;

const WINDOW_BYTES = 1 << 15;
const WINDOW_MASK = WINDOW_BYTES - 1;
const MIN_MATCH_LENGTH = 4;
const MAX_MATCH_LENGTH = 258;
/** deflate() only looks at a position with this much data after it, until the stream is flushed. */
const MIN_LOOKAHEAD = MIN_MATCH_LENGTH + MAX_MATCH_LENGTH;
const HASH_BITS = 17;
const HASH_SIZE = 1 << HASH_BITS;
const HASH_MULTIPLIER = 0x1e35a7bd;
/** When the hash offset passes this, the chains are rebased (fillDeflate). */
const MAX_HASH_OFFSET = 1 << 24;
const MAX_BLOCK_TOKENS = 1 << 14;
/** Level 6's parameters (deflate.go levels): lazy 16, nice 128, chain 128 (good 8 never applies: see findMatch). */
const LAZY = 16;
const NICE = 128;
const CHAIN = 128;
const NO_BLOCK_START = 0x7fffffff;

/** hash4: the top 17 bits of the big-endian 4 bytes at `index` times Go's multiplier. */
function hash4(view: DataView, index: number): number {
  return imul(view.getInt32(index), HASH_MULTIPLIER) >>> (32 - HASH_BITS);
}

export class ClassicDeflate {
  readonly blocks = new ClassicBlocks();
  private readonly window = new Uint8Array(2 * WINDOW_BYTES);
  private readonly view = new DataView(this.window.buffer);
  private readonly hashHead = new Int32Array(HASH_SIZE);
  private readonly hashPrev = new Int32Array(WINDOW_BYTES);
  private windowEnd = 0;
  private index = 0;
  private blockStart = 0;
  private byteAvailable = false;
  private length = MIN_MATCH_LENGTH - 1;
  private offset = 0;
  private chainHead = -1;
  private hashOffset = 1;

  /** Begins a Go Write: the step Go runs before taking its first bytes (compressor.write). */
  startWrite(): void {
    this.deflate(false);
  }

  /** Adds bytes to the current Write: within a Write, Go runs the step again only when the window is full. */
  append(chunk: Uint8Array): void {
    let taken = 0;
    while (taken < chunk.length) {
      if (this.windowEnd === this.window.length) this.deflate(false);
      taken += this.fill(chunk, taken);
    }
  }

  /** One Go Write of `chunk`. */
  write(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.startWrite();
    this.append(chunk);
  }

  /** Close: the last tokens, the final empty stored block; returns the DEFLATE stream's length in bytes. */
  finish(): number {
    this.deflate(true);
    return this.blocks.finish();
  }

  /** fillDeflate: slide the window once the search is far enough into it, then copy in what fits. */
  private fill(chunk: Uint8Array, from: number): number {
    if (this.index >= 2 * WINDOW_BYTES - MIN_LOOKAHEAD) this.slide();
    const taken = min(chunk.length - from, this.window.length - this.windowEnd);
    this.window.set(chunk.subarray(from, from + taken), this.windowEnd);
    this.windowEnd += taken;
    return taken;
  }

  private slide(): void {
    this.window.copyWithin(0, WINDOW_BYTES, 2 * WINDOW_BYTES);
    this.index -= WINDOW_BYTES;
    this.windowEnd -= WINDOW_BYTES;
    this.blockStart = this.blockStart >= WINDOW_BYTES ? this.blockStart - WINDOW_BYTES : NO_BLOCK_START;
    this.hashOffset += WINDOW_BYTES;
    if (this.hashOffset <= MAX_HASH_OFFSET) return;
    const delta = this.hashOffset - 1;
    this.hashOffset -= delta;
    this.chainHead -= delta;
    for (const table of [this.hashPrev, this.hashHead]) {
      for (let i = 0; i < table.length; i++) table[i] = table[i] > delta ? table[i] - delta : 0;
    }
  }

  /** deflate(): lazy matching over the window, emitting a token per literal or match into the blocks. */
  private deflate(sync: boolean): void {
    if (this.windowEnd - this.index < MIN_LOOKAHEAD && !sync) return;
    const { window, view, hashHead, hashPrev, blocks, windowEnd, hashOffset } = this;
    const literalFreq = blocks.literalFreq;
    const maxInsertIndex = windowEnd - (MIN_MATCH_LENGTH - 1);
    let { index, length, offset, byteAvailable, chainHead } = this;
    for (;;) {
      const lookahead = windowEnd - index;
      if (lookahead < MIN_LOOKAHEAD) {
        if (!sync) break;
        if (lookahead === 0) {
          this.flushTail(index, byteAvailable);
          byteAvailable = false;
          break;
        }
      }
      if (index < maxInsertIndex) {
        const hash = hash4(view, index);
        chainHead = hashHead[hash];
        hashPrev[index & WINDOW_MASK] = chainHead;
        hashHead[hash] = index + hashOffset;
      }
      const prevLength = length;
      const prevOffset = offset;
      length = MIN_MATCH_LENGTH - 1;
      offset = 0;
      const minIndex = index > WINDOW_BYTES ? index - WINDOW_BYTES : 0;
      if (chainHead - hashOffset >= minIndex && lookahead > prevLength && prevLength < LAZY) {
        const found = this.findMatch(index, chainHead - hashOffset, lookahead);
        if (found !== 0) {
          length = found >>> 16;
          offset = found & 0xffff;
        }
      }
      if (prevLength >= MIN_MATCH_LENGTH && length <= prevLength) {
        // The match that started one byte back is at least as long as this one: emit it.
        index = this.emitMatch(index, prevLength, prevOffset, maxInsertIndex);
        byteAvailable = false;
        length = MIN_MATCH_LENGTH - 1;
      } else {
        if (byteAvailable) {
          literalFreq[window[index - 1]]++;
          if (++blocks.tokens === MAX_BLOCK_TOKENS) this.writeBlock(index);
        }
        index++;
        byteAvailable = true;
      }
    }
    this.index = index;
    this.length = length;
    this.offset = offset;
    this.byteAvailable = byteAvailable;
    this.chainHead = chainHead;
  }

  /** Emits the match found at index - 1 and hashes the positions it covers; returns the index after it. */
  private emitMatch(index: number, length: number, distance: number, maxInsertIndex: number): number {
    this.blocks.match(length, distance);
    const newIndex = index + length - 1;
    for (index++; index < newIndex; index++) {
      if (index < maxInsertIndex) this.insert(index);
    }
    if (this.blocks.tokens === MAX_BLOCK_TOKENS) this.writeBlock(newIndex);
    return newIndex;
  }

  /** The end of a flush: the pending literal, then the block so far. */
  private flushTail(index: number, byteAvailable: boolean): void {
    if (byteAvailable) {
      this.blocks.literalFreq[this.window[index - 1]]++;
      this.blocks.tokens++;
    }
    if (this.blocks.tokens > 0) this.writeBlock(index);
  }

  private insert(index: number): void {
    const hash = hash4(this.view, index);
    this.hashPrev[index & WINDOW_MASK] = this.hashHead[hash];
    this.hashHead[hash] = index + this.hashOffset;
  }

  /**
   * findMatch: the longest match for `pos` longer than 3 bytes along the hash chain from `head`, looking at up to
   * 128 candidates (deflate() always passes 3 as the length to beat, below level 6's good length of 8, so the
   * chain is never cut to a quarter). Returns length << 16 | distance, or 0 when nothing qualifies.
   */
  private findMatch(pos: number, head: number, lookahead: number): number {
    const { window, view, hashPrev, hashOffset } = this;
    const maxLength = lookahead < MAX_MATCH_LENGTH ? lookahead : MAX_MATCH_LENGTH;
    const nice = maxLength < NICE ? maxLength : NICE;
    const minIndex = pos - WINDOW_BYTES;
    let length = MIN_MATCH_LENGTH - 1;
    let distance = 0;
    let wEnd = window[pos + length];
    for (let i = head, tries = CHAIN; tries > 0; tries--) {
      if (window[i + length] === wEnd) {
        const n = matchLength(view, window, i, pos, i + maxLength);
        if (n > length && (n > MIN_MATCH_LENGTH || pos - i <= 4096)) {
          length = n;
          distance = pos - i;
          if (n >= nice) break;
          wEnd = window[pos + n];
        }
      }
      if (i === minIndex) break;
      i = hashPrev[i & WINDOW_MASK] - hashOffset;
      if (i < minIndex || i < 0) break;
    }
    return distance === 0 ? 0 : (length << 16) | distance;
  }

  /** deflate.go writeBlock: the block ends at `index`; its input is still in the window unless the window slid past its start. */
  private writeBlock(index: number): void {
    const inputBytes = this.blockStart <= index ? index - this.blockStart : -1;
    this.blockStart = index;
    this.blocks.writeBlock(inputBytes);
  }
}
