// The size of what Go 1.27's huffmanBitWriter writes for level 6's blocks (huffman_bit_writer.go): a dynamic block
// may keep the previous block's Huffman table open and only end it (with its end-of-block code) when a new table,
// a fixed-code block or a stored block follows; writeBlockDynamic weighs reuse against a fresh table with
// EstimatedBits, writeBlockHuff codes literals only, and the stream ends with a 10-bit fixed-code final block.

import { afterStoredBlock, alignToByte } from './classic-blocks.js';
import { FastTokens, estimatedBits } from './fast-tokens.js';
import { HuffmanLengths } from './huffman.js';
import {
  END_OF_BLOCK,
  FIXED_LITERAL_LENGTHS,
  FIXED_OFFSET_LENGTH,
  LITERAL_SYMBOLS,
  OFFSET_SYMBOLS,
  extraBitsOf,
  weightedBits,
} from './tables.js';

/** Blocks with fewer tokens than this are also sized with the fixed code (maxPredefinedTokens). */
const MAX_PREDEFINED_TOKENS = 250;
/** Level 6's log2 penalty divisor on a new table's estimated size (logNewTablePenalty). */
const NEW_TABLE_PENALTY_LOG = 7;
/** writeBlockHuff's guess at a fresh table's header: 70 bytes. */
const GUESSED_HEADER_BITS = 70 * 8;
/** The distance code lengths of huffOffset, the one-code table written with literal-only blocks. */
const HUFF_OFFSET_LENGTHS = Uint8Array.of(1);

export class FastWriter {
  /** Bits written so far. */
  bits = 0;
  /** The header bits of the table still open for reuse, 0 when the last block was ended (prevHeader). */
  private prevHeader = 0;
  /** Whether the open table was written for literals only (wroteHuffman). */
  private wroteHuffman = false;
  /** The current literal/length code (literalEncoding) and the spare one writeBlockHuff swaps in (tmpLitEncoding). */
  private literalLengths = new Uint8Array(LITERAL_SYMBOLS);
  private spareLengths = new Uint8Array(LITERAL_SYMBOLS);
  private readonly offsetLengths = new Uint8Array(OFFSET_SYMBOLS);
  private readonly literalFreq = new Int32Array(LITERAL_SYMBOLS);
  private readonly offsetFreq = new Int32Array(OFFSET_SYMBOLS);
  private readonly huffman = new HuffmanLengths();

  /** Writes the end-of-block code the open table still owes. */
  private endOpenBlock(): void {
    if (this.prevHeader === 0) return;
    this.bits += this.literalLengths[END_OF_BLOCK];
    this.prevHeader = 0;
  }

  /** writeStoredHeader + writeBytes: `bytes` bytes stored as they are. */
  stored(bytes: number): void {
    this.endOpenBlock();
    this.bits = afterStoredBlock(this.bits, bytes);
  }

  /** Close: the 10-bit fixed-code final block (writeStoredHeader with isEof) and the flush. Returns DEFLATE bytes. */
  finish(): number {
    this.endOpenBlock();
    return alignToByte(this.bits + 3 + 7) / 8;
  }

  /** writeBlockHuff: `input` coded as literals only, or stored when that saves too little. */
  huffmanBlock(input: Uint8Array, sync: boolean): void {
    const freq = this.literalFreq;
    freq.fill(0);
    for (let i = 0; i < input.length; i++) freq[input[i]]++;
    if (input.length > 1024 && nearlyUniform(freq, input.length)) return this.stored(input.length);
    freq[END_OF_BLOCK] = 1;
    this.huffman.generate(freq, END_OF_BLOCK + 1, 15, this.spareLengths);
    let estimate = weightedBits(freq, this.spareLengths, END_OF_BLOCK + 1) + this.prevHeader;
    if (this.prevHeader === 0) estimate += GUESSED_HEADER_BITS;
    estimate += estimate >> NEW_TABLE_PENALTY_LOG;
    if ((input.length + 5) * 8 <= estimate) return this.stored(input.length);
    if (this.prevHeader > 0 && estimate < reuseBits(freq, this.literalLengths)) this.endOpenBlock();
    if (this.prevHeader === 0) {
      [this.literalLengths, this.spareLengths] = [this.spareLengths, this.literalLengths];
      const header = this.huffman.headerBits(this.literalLengths, END_OF_BLOCK + 1, HUFF_OFFSET_LENGTHS, 1);
      this.bits += header;
      this.wroteHuffman = true;
      this.prevHeader = header;
    }
    this.bits += weightedBits(freq, this.literalLengths, END_OF_BLOCK);
    if (sync) {
      this.bits += this.literalLengths[END_OF_BLOCK];
      this.prevHeader = 0;
      this.wroteHuffman = false;
    }
  }

  /** writeBlockDynamic: the tokens of `inputBytes` bytes with the open table, a new one, the fixed code or stored. */
  dynamicBlock(tokens: FastTokens, inputBytes: number, sync: boolean): void {
    if (sync) {
      tokens.lengthCodes[0]++;
      tokens.count++;
    } else tokens.lengthCodes[0] = 1;
    if (this.wroteHuffman && this.prevHeader > 0) {
      this.endOpenBlock();
      this.wroteHuffman = false;
    }
    if (this.prevHeader > 0 && !this.canReuse(tokens)) this.endOpenBlock();
    const phantomOffset = this.indexTokens(tokens);
    const extraBits = extraBitsOf(this.literalFreq, this.offsetFreq);
    const storedBits = (inputBytes + 5) * 8;
    if (this.prevHeader > 0) {
      const size = this.reuseOrNewSize(tokens, extraBits);
      const fixedBits = tokens.count < MAX_PREDEFINED_TOKENS ? this.fixedSize(extraBits) + 7 : Infinity;
      if (fixedBits < size || storedBits <= size) {
        if (storedBits <= size) return this.stored(inputBytes);
        return this.fixedBlock(extraBits, phantomOffset);
      }
    }
    if (this.prevHeader === 0) {
      const written = this.newTableBlock(tokens, extraBits, storedBits, inputBytes, phantomOffset);
      if (!written) return;
      if (!sync) this.prevHeader = written;
      this.wroteHuffman = false;
    }
    if (sync) this.prevHeader = 0;
    this.bits += this.tokenBits(phantomOffset, extraBits) + (sync ? this.literalLengths[END_OF_BLOCK] : 0);
  }

  /**
   * The reuse branch's size: the open table's cost, or, when EstimatedBits (plus the header, an end-of-block code
   * and the penalty) promises less, the estimate, ending the open block.
   */
  private reuseOrNewSize(tokens: FastTokens, extraBits: number): number {
    let newSize = this.prevHeader + estimatedBits(tokens);
    newSize += this.literalLengths[END_OF_BLOCK] + (newSize >> NEW_TABLE_PENALTY_LOG);
    const reuseSize =
      weightedBits(this.literalFreq, this.literalLengths, LITERAL_SYMBOLS) +
      weightedBits(this.offsetFreq, this.offsetLengths, OFFSET_SYMBOLS) +
      extraBits;
    if (newSize < reuseSize) {
      this.endOpenBlock();
      return newSize;
    }
    return reuseSize;
  }

  /**
   * A fresh table for the block, unless the fixed code or a stored block is no larger: writes the header and
   * returns its bits, or writes the whole block another way and returns 0.
   */
  private newTableBlock(tokens: FastTokens, extraBits: number, storedBits: number, inputBytes: number, phantom: boolean): number {
    this.literalFreq[END_OF_BLOCK] = 1;
    this.huffman.generate(this.literalFreq, LITERAL_SYMBOLS, 15, this.literalLengths);
    this.huffman.generate(this.offsetFreq, OFFSET_SYMBOLS, 15, this.offsetLengths);
    const literalCount = usedCount(this.literalFreq);
    const offsetCount = usedCount(this.offsetFreq);
    const header = this.huffman.headerBits(this.literalLengths, literalCount, this.offsetLengths, offsetCount);
    const size =
      header +
      weightedBits(this.literalFreq, this.literalLengths, LITERAL_SYMBOLS) +
      weightedBits(this.offsetFreq, this.offsetLengths, OFFSET_SYMBOLS) +
      extraBits;
    if (tokens.count < MAX_PREDEFINED_TOKENS) {
      const fixedBits = this.fixedSize(extraBits);
      if (fixedBits <= size) {
        if (storedBits <= fixedBits) this.stored(inputBytes);
        else this.fixedBlock(extraBits, phantom);
        return 0;
      }
    }
    if (storedBits <= size) {
      this.stored(inputBytes);
      return 0;
    }
    this.bits += header;
    return header;
  }

  /** indexTokens: the block's frequencies; returns whether a distance code had to be counted for a match-less block. */
  private indexTokens(tokens: FastTokens): boolean {
    this.literalFreq.set(tokens.literals, 0);
    this.literalFreq.set(tokens.lengthCodes.subarray(0, LITERAL_SYMBOLS - END_OF_BLOCK), END_OF_BLOCK);
    this.offsetFreq.set(tokens.offsetCodes.subarray(0, OFFSET_SYMBOLS));
    if (usedCount(this.offsetFreq) > 0) return false;
    this.offsetFreq[0] = 1;
    return true;
  }

  /** canReuse: the open table has a code for every symbol the block uses. */
  private canReuse(tokens: FastTokens): boolean {
    const literalLengths = this.literalLengths;
    for (let code = 0; code < OFFSET_SYMBOLS; code++) {
      if (tokens.offsetCodes[code] !== 0 && this.offsetLengths[code] === 0) return false;
    }
    for (let i = 0; i < LITERAL_SYMBOLS - END_OF_BLOCK; i++) {
      if (tokens.lengthCodes[i] !== 0 && literalLengths[END_OF_BLOCK + i] === 0) return false;
    }
    for (let i = 0; i < 256; i++) if (tokens.literals[i] !== 0 && literalLengths[i] === 0) return false;
    return true;
  }

  /** fixedSize: the block with the fixed code, as Go compares it (a match-less block's phantom distance included). */
  private fixedSize(extraBits: number): number {
    let offsets = 0;
    for (let code = 0; code < OFFSET_SYMBOLS; code++) offsets += this.offsetFreq[code];
    return 3 + weightedBits(this.literalFreq, FIXED_LITERAL_LENGTHS, LITERAL_SYMBOLS) + offsets * FIXED_OFFSET_LENGTH + extraBits;
  }

  /** writeFixedHeader + writeTokens with the fixed code, its end-of-block code included. */
  private fixedBlock(extraBits: number, phantomOffset: boolean): void {
    this.endOpenBlock();
    this.bits += this.fixedSize(extraBits) - (phantomOffset ? FIXED_OFFSET_LENGTH : 0);
  }

  /** writeTokens with the current table, without the end-of-block code. */
  private tokenBits(phantomOffset: boolean, extraBits: number): number {
    const literals = weightedBits(this.literalFreq, this.literalLengths, LITERAL_SYMBOLS);
    const offsets = phantomOffset ? 0 : weightedBits(this.offsetFreq, this.offsetLengths, OFFSET_SYMBOLS);
    return literals - this.literalFreq[END_OF_BLOCK] * this.literalLengths[END_OF_BLOCK] + offsets + extraBits;
  }
}

/** The number of symbols up to the last one used. */
function usedCount(freq: Int32Array): number {
  let count = freq.length;
  while (count > 0 && freq[count - 1] === 0) count--;
  return count;
}

/** canEncodeLen over the literals: their bits with `lengths`, or Infinity when one has no code. */
function reuseBits(freq: Int32Array, lengths: Uint8Array): number {
  let bits = 0;
  for (let i = 0; i < 256; i++) {
    if (freq[i] === 0) continue;
    if (lengths[i] === 0) return Infinity;
    bits += freq[i] * lengths[i];
  }
  return bits;
}

/** writeBlockHuff's quick check for incompressible input: byte counts all close to the average (float64, as Go). */
function nearlyUniform(freq: Int32Array, length: number): boolean {
  const average = length / 256;
  const limit = length * 2;
  let sum = 0;
  for (let i = 0; i < 256; i++) {
    const diff = freq[i] - average;
    sum += diff * diff;
    if (sum >= limit) return false;
  }
  return true;
}
