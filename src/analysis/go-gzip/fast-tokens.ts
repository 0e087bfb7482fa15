// A block's tokens as Go 1.27's compress/flate counts them (token.go tokens): histograms of literals, length codes
// and distance codes, with the token count, and EstimatedBits, the float32 entropy estimate huffman_bit_writer.go
// weighs against reusing the previous block's Huffman table. The tokens themselves are never needed for a size.

import { LENGTH_CODE, LENGTH_EXTRA_BITS, OFFSET_EXTRA_BITS, OFFSET_SYMBOLS, offsetCode } from './tables.js';

// Math's functions bound once: a global lookup per call is costly where globals are proxied (Jest's vm context).
const { fround, min, max, trunc } = Math;

const MAX_MATCH_LENGTH = 258;
const BASE_MATCH_LENGTH = 3;

export class FastTokens {
  /** Literal counts (litHist). */
  readonly literals = new Int32Array(256);
  /** Index 0 counts end-of-block markers, 1 + code counts length code `code` (extraHist). */
  readonly lengthCodes = new Int32Array(32);
  /** Distance code counts (offHist). */
  readonly offsetCodes = new Int32Array(32);
  /** Tokens in the block (n). */
  count = 0;

  /** Reset: Go clears the histograms only when the block had tokens. */
  reset(): void {
    if (this.count === 0) return;
    this.count = 0;
    this.literals.fill(0);
    this.lengthCodes.fill(0);
    this.offsetCodes.fill(0);
  }

  /** AddMatchLong: a match of `length` bytes (it may exceed 258: it is split) at distance `offset` + 1. */
  addMatchLong(length: number, offset: number): void {
    const code = offsetCode(offset);
    while (length > 0) {
      let part = length;
      // What is left after a 258-byte piece must still be a valid match of at least 3 bytes.
      if (part > MAX_MATCH_LENGTH)
        part = part > MAX_MATCH_LENGTH + BASE_MATCH_LENGTH ? MAX_MATCH_LENGTH : MAX_MATCH_LENGTH - BASE_MATCH_LENGTH;
      length -= part;
      this.lengthCodes[LENGTH_CODE[part - BASE_MATCH_LENGTH] + 1]++;
      this.offsetCodes[code]++;
      this.count++;
    }
  }
}

const float32 = new Float32Array(1);
const float32Bits = new Int32Array(float32.buffer);
const LOG_A = fround(-0.34484843);
const LOG_B = fround(2.02466578);
const LOG_C = fround(0.67487759);

/**
 * mFastLog2: Go's float32 approximation of log2 from the exponent bits and a quadratic in the mantissa. Every
 * step is rounded to float32 as Go's float32 arithmetic rounds it (on amd64, where Go never fuses a multiply-add).
 */
function fastLog2(value: number): number {
  float32[0] = value;
  let bits = float32Bits[0];
  let log2 = ((bits >> 23) & 255) - 128;
  bits = ((bits & -0x7f800001) + (127 << 23)) | 0;
  float32Bits[0] = bits;
  const mantissa = float32[0];
  const poly = fround(fround(fround(fround(LOG_A * mantissa) + LOG_B) * mantissa) - LOG_C);
  log2 = fround(log2 + poly);
  return log2;
}

/** One histogram's share of the estimate: each symbol costs its clamped -log2 probability, in float32. */
function shannonBits(histogram: Int32Array, count: number, inverseTotal: number, shannon: number): number {
  for (let i = 0; i < count; i++) {
    const n = histogram[i];
    if (n <= 0) continue;
    const cost = min(15, max(1, -fastLog2(fround(n * inverseTotal))));
    shannon = fround(shannon + fround(cost * n));
  }
  return shannon;
}

/** EstimatedBits: an estimate of the block's size coded with a fresh optimal table, extra bits included. */
export function estimatedBits(tokens: FastTokens): number {
  let shannon = 0;
  let bits = 0;
  let matches = 0;
  if (tokens.count > 0) {
    const inverseTotal = fround(1 / tokens.count);
    shannon = shannonBits(tokens.literals, 256, inverseTotal, shannon);
    shannon = fround(shannon + 15);
    const lengths = tokens.lengthCodes.subarray(1, 30);
    shannon = shannonBits(lengths, 29, inverseTotal, shannon);
    for (let code = 0; code < 29; code++) {
      bits += LENGTH_EXTRA_BITS[code] * lengths[code];
      matches += lengths[code];
    }
  }
  if (matches > 0) {
    shannon = shannonBits(tokens.offsetCodes, OFFSET_SYMBOLS, fround(1 / matches), shannon);
    for (let code = 0; code < OFFSET_SYMBOLS; code++) bits += OFFSET_EXTRA_BITS[code] * tokens.offsetCodes[code];
  }
  return trunc(shannon) + bits;
}
