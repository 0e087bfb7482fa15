// The size of the blocks Go 1.7-1.26's compress/flate writes at levels 2-9: each block of tokens is sized as a
// fixed-code, a dynamic-code and a stored block, and the smallest as Go judges it is counted (huffman_bit_writer.go
// writeBlock, indexTokens, fixedSize, dynamicSize, storedSize), in bits, with the byte alignment that stored
// blocks and the final empty stored block (deflate.go close) force.

import { HuffmanLengths } from './huffman.js';
import {
  END_OF_BLOCK,
  FIRST_LENGTH_SYMBOL,
  FIXED_LITERAL_LENGTHS,
  FIXED_OFFSET_LENGTH,
  LENGTH_CODE,
  LITERAL_SYMBOLS,
  OFFSET_SYMBOLS,
  extraBitsOf,
  offsetCode,
  weightedBits,
} from './tables.js';

/** The largest block a stored block can hold. */
const MAX_STORED_BYTES = 65535;

/** Rounds a bit count up to a whole byte, as flushing before a stored block's length does. */
export function alignToByte(bits: number): number {
  const partial = bits % 8;
  return partial === 0 ? bits : bits + 8 - partial;
}

/** The bits of a stored block of `bytes` bytes written after `bits` bits: 3 header bits, alignment, LEN and NLEN. */
export function afterStoredBlock(bits: number, bytes: number): number {
  return alignToByte(bits + 3) + 32 + bytes * 8;
}

/** Counts one block's tokens as Go's huffmanBitWriter would see them, and the bits of the blocks written so far. */
export class ClassicBlocks {
  /** Frequencies of literals and length codes in the current block (Go's literalFreq). */
  readonly literalFreq = new Int32Array(LITERAL_SYMBOLS);
  /** Frequencies of distance codes in the current block (offsetFreq). */
  readonly offsetFreq = new Int32Array(OFFSET_SYMBOLS);
  /** Tokens in the current block. */
  tokens = 0;
  /** Bits written so far. */
  bits = 0;
  private readonly huffman = new HuffmanLengths();
  private readonly literalLengths = new Uint8Array(LITERAL_SYMBOLS);
  private readonly offsetLengths = new Uint8Array(OFFSET_SYMBOLS);

  /** Adds a match token of `length` bytes at `distance` bytes back (matchToken). */
  match(length: number, distance: number): void {
    this.literalFreq[FIRST_LENGTH_SYMBOL + LENGTH_CODE[length - 3]]++;
    this.offsetFreq[offsetCode(distance - 1)]++;
    this.tokens++;
  }

  /**
   * Writes the current tokens as one block (writeBlock with eof false). `inputBytes` is the length of the input the
   * block covers, or -1 when Go no longer holds it in its window, which rules out a stored block.
   */
  writeBlock(inputBytes: number): void {
    const { literalFreq, offsetFreq, literalLengths, offsetLengths, huffman } = this;
    literalFreq[END_OF_BLOCK] = 1;
    let literalCount = LITERAL_SYMBOLS;
    while (literalFreq[literalCount - 1] === 0) literalCount--;
    let offsetCount = OFFSET_SYMBOLS;
    while (offsetCount > 0 && offsetFreq[offsetCount - 1] === 0) offsetCount--;
    // With no match Go still counts one distance code, so that the distance tree can be written.
    const phantomOffset = offsetCount === 0;
    if (phantomOffset) {
      offsetFreq[0] = 1;
      offsetCount = 1;
    }
    huffman.generate(literalFreq, LITERAL_SYMBOLS, 15, literalLengths);
    huffman.generate(offsetFreq, OFFSET_SYMBOLS, 15, offsetLengths);
    const extraBits = extraBitsOf(literalFreq, offsetFreq);
    const fixedSize =
      3 + weightedBits(literalFreq, FIXED_LITERAL_LENGTHS, LITERAL_SYMBOLS) + sumOf(offsetFreq) * FIXED_OFFSET_LENGTH + extraBits;
    const dynamicSize =
      huffman.headerBits(literalLengths, literalCount, offsetLengths, offsetCount) +
      weightedBits(literalFreq, literalLengths, LITERAL_SYMBOLS) +
      weightedBits(offsetFreq, offsetLengths, OFFSET_SYMBOLS) +
      extraBits;
    const dynamic = dynamicSize < fixedSize;
    const size = dynamic ? dynamicSize : fixedSize;
    if (inputBytes >= 0 && inputBytes <= MAX_STORED_BYTES && (inputBytes + 5) * 8 < size) {
      this.bits = afterStoredBlock(this.bits, inputBytes);
    } else {
      // The sizes Go compares count the phantom distance code, which is never written.
      const unwritten = phantomOffset ? (dynamic ? offsetLengths[0] : FIXED_OFFSET_LENGTH) : 0;
      this.bits += size - unwritten;
    }
    literalFreq.fill(0);
    offsetFreq.fill(0);
    this.tokens = 0;
  }

  /** Closes the stream: the final empty stored block and the flush to a whole byte. Returns the DEFLATE bytes. */
  finish(): number {
    return afterStoredBlock(this.bits, 0) / 8;
  }
}

function sumOf(values: Int32Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum;
}
