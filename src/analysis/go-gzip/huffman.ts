// The code lengths of Go's length-limited Huffman codes (compress/flate huffman_code.go generate, bitCounts and
// assignEncodingAndSize), identical from Go 1.7 to 1.27, and the size of a dynamic block's header
// (huffman_bit_writer.go generateCodegen and dynamicSize/headerSize). Only lengths are computed: a block's size
// depends on them, not on the code words.

import { CODEGEN_ORDER } from './tables.js';

const MAX_INT32 = 0x7fffffff;
/** Room for the largest alphabet (286 literal/length symbols) plus the sentinel. */
const LIST_CAPACITY = 288;
const BAD_CODE = 255;
const CODEGEN_SYMBOLS = 19;

/** Builds code lengths into caller-owned arrays; its buffers are reused so that no block allocates. */
export class HuffmanLengths {
  /** Non-zero symbols as frequency * 512 + symbol, sorted to the order Go sorts them in (frequency, then symbol). */
  private readonly keys = new Int32Array(LIST_CAPACITY);
  private readonly listFreq = new Int32Array(LIST_CAPACITY);
  private readonly bitCount = new Int32Array(17);
  private readonly lastFreq = new Int32Array(17);
  private readonly nextCharFreq = new Int32Array(17);
  private readonly nextPairFreq = new Int32Array(17);
  private readonly needed = new Int32Array(17);
  private readonly leafCounts = new Int32Array(17 * 16);
  private readonly codegenFreq = new Int32Array(CODEGEN_SYMBOLS);
  private readonly codegenLengths = new Uint8Array(CODEGEN_SYMBOLS);
  private readonly concatenated = new Uint8Array(LIST_CAPACITY + 32);

  /**
   * Sets lengths[0..count) to the lengths of Go's Huffman code for freq[0..count), at most maxBits long (generate).
   * Symbols of frequency 0 get length 0; with one or two symbols in use each gets length 1.
   */
  generate(freq: Int32Array, count: number, maxBits: number, lengths: Uint8Array): void {
    const keys = this.keys;
    let used = 0;
    for (let symbol = 0; symbol < count; symbol++) {
      const f = freq[symbol];
      if (f !== 0) keys[used++] = f * 512 + symbol;
      else lengths[symbol] = 0;
    }
    if (used <= 2) {
      for (let i = 0; i < used; i++) lengths[keys[i] & 511] = 1;
      return;
    }
    keys.subarray(0, used).sort();
    for (let i = 0; i < used; i++) this.listFreq[i] = keys[i] >> 9;
    this.listFreq[used] = MAX_INT32;
    const levels = this.bitCounts(used, Math.min(maxBits, used - 1));
    // assignEncodingAndSize: the most frequent symbols (the end of the list) take the shortest codes.
    let end = used;
    for (let bits = 1; bits <= levels; bits++) {
      for (let k = this.bitCount[bits]; k > 0; k--) lengths[keys[--end] & 511] = bits;
    }
  }

  /** bitCounts: how many symbols get each length, into this.bitCount[1..maxBits]; returns maxBits. */
  private bitCounts(n: number, maxBits: number): number {
    const { listFreq: list, lastFreq, nextCharFreq, nextPairFreq, needed, leafCounts } = this;
    // Go declares these afresh, all zero, on every call.
    for (const array of [lastFreq, nextCharFreq, nextPairFreq, needed, leafCounts]) array.fill(0);
    for (let level = 1; level <= maxBits; level++) {
      lastFreq[level] = list[1];
      nextCharFreq[level] = list[2];
      nextPairFreq[level] = level === 1 ? MAX_INT32 : list[0] + list[1];
      leafCounts[level * 16 + level] = 2;
    }
    needed[maxBits] = 2 * n - 4;
    let level = maxBits;
    for (;;) {
      if (nextPairFreq[level] === MAX_INT32 && nextCharFreq[level] === MAX_INT32) {
        // Out of leaves and pairs on this level: never come back to it.
        needed[level] = 0;
        nextPairFreq[level + 1] = MAX_INT32;
        level++;
        continue;
      }
      const prevFreq = lastFreq[level];
      if (nextCharFreq[level] < nextPairFreq[level]) {
        const leaves = leafCounts[level * 16 + level] + 1;
        lastFreq[level] = nextCharFreq[level];
        leafCounts[level * 16 + level] = leaves;
        nextCharFreq[level] = list[leaves];
      } else {
        lastFreq[level] = nextPairFreq[level];
        leafCounts.copyWithin(level * 16, (level - 1) * 16, (level - 1) * 16 + level);
        needed[level - 1] = 2;
      }
      if (--needed[level] === 0) {
        if (level === maxBits) break;
        nextPairFreq[level + 1] = prevFreq + lastFreq[level];
        level++;
      } else {
        while (needed[level - 1] > 0) level--;
      }
    }
    let bits = 1;
    for (let lvl = maxBits; lvl > 0; lvl--) {
      this.bitCount[bits++] = leafCounts[maxBits * 16 + lvl] - leafCounts[maxBits * 16 + lvl - 1];
    }
    return maxBits;
  }

  /**
   * The bits of a dynamic block header for these literal/length and distance code lengths: the 17 bits of counts,
   * 3 bits per listed code-length code length, and the run-length coded lengths (generateCodegen, headerSize).
   */
  headerBits(literalLengths: Uint8Array, literalCount: number, offsetLengths: Uint8Array, offsetCount: number): number {
    const sizes = this.concatenated;
    sizes.set(literalLengths.subarray(0, literalCount), 0);
    sizes.set(offsetLengths.subarray(0, offsetCount), literalCount);
    sizes[literalCount + offsetCount] = BAD_CODE;
    const freq = this.codegenFreq;
    countCodegen(sizes, freq);
    this.generate(freq, CODEGEN_SYMBOLS, 7, this.codegenLengths);
    let numCodegens = CODEGEN_SYMBOLS;
    while (numCodegens > 4 && freq[CODEGEN_ORDER[numCodegens - 1]] === 0) numCodegens--;
    let bits = 3 + 5 + 5 + 4 + 3 * numCodegens + freq[16] * 2 + freq[17] * 3 + freq[18] * 7;
    for (let symbol = 0; symbol < CODEGEN_SYMBOLS; symbol++) bits += freq[symbol] * this.codegenLengths[symbol];
    return bits;
  }
}

/** generateCodegen's run-length coding of the code lengths, counting each code-length symbol it would emit. */
function countCodegen(sizes: Uint8Array, freq: Int32Array): void {
  freq.fill(0);
  let size = sizes[0];
  let count = 1;
  for (let inIndex = 1; size !== BAD_CODE; inIndex++) {
    const nextSize = sizes[inIndex];
    if (nextSize === size) {
      count++;
      continue;
    }
    if (size !== 0) {
      freq[size]++;
      count--;
      while (count >= 3) {
        freq[16]++;
        count -= Math.min(6, count);
      }
    } else {
      while (count >= 11) {
        freq[18]++;
        count -= Math.min(138, count);
      }
      if (count >= 3) {
        freq[17]++;
        count = 0;
      }
    }
    freq[size] += count;
    size = nextSize;
    count = 1;
  }
}
