// DEFLATE's fixed tables as Go's compress/flate uses them (RFC 1951 3.2.5-3.2.6), shared by both generations:
// which length and distance code a match takes, how many extra bits each code carries, the fixed Huffman code's
// lengths, and the order in which a dynamic header lists the code-length code's lengths.

/** Symbols of the literal/length alphabet Go counts (0-255 literals, 256 end of block, 257-285 lengths). */
export const LITERAL_SYMBOLS = 286;
/** Symbols of the distance alphabet. */
export const OFFSET_SYMBOLS = 30;
export const END_OF_BLOCK = 256;
export const FIRST_LENGTH_SYMBOL = 257;

/** The smallest length (minus 3) of each of the 29 length codes; code 28 is the single length 258. */
const LENGTH_BASE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 255];
/** Extra bits after each length code (token.go / huffman_bit_writer.go lengthExtraBits). */
export const LENGTH_EXTRA_BITS = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]);
/** Extra bits after each distance code (offsetExtraBits). */
export const OFFSET_EXTRA_BITS = Uint8Array.from([
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
]);

/** Length code (0-28) of a match of length 3 + index (Go's lengthCodes). */
export const LENGTH_CODE = buildLengthCodes();
/** Distance code of a distance minus 1 below 256 (Go's offsetCodes). */
const OFFSET_CODE_LOW = buildOffsetCodes();

function buildLengthCodes(): Uint8Array {
  const codes = new Uint8Array(256);
  for (let code = 0; code < 28; code++) codes.fill(code, LENGTH_BASE[code], LENGTH_BASE[code + 1]);
  codes[255] = 28;
  return codes;
}

function buildOffsetCodes(): Uint8Array {
  const codes = new Uint8Array(256);
  let base = 0;
  for (let code = 0; code < 16; code++) {
    const span = code < 4 ? 1 : 1 << OFFSET_EXTRA_BITS[code];
    codes.fill(code, base, base + span);
    base += span;
  }
  return codes;
}

/** The distance code of a match whose distance minus 1 is `offset` (below 32768), as token.go's offsetCode. */
export function offsetCode(offset: number): number {
  return offset < 256 ? OFFSET_CODE_LOW[offset] : OFFSET_CODE_LOW[offset >> 7] + 14;
}

/** Code lengths of the fixed literal/length code (RFC 1951 3.2.6; huffman_code.go generateFixedLiteralEncoding). */
export const FIXED_LITERAL_LENGTHS = buildFixedLiteralLengths();
/** Every distance code of the fixed code is 5 bits long. */
export const FIXED_OFFSET_LENGTH = 5;

function buildFixedLiteralLengths(): Uint8Array {
  const lengths = new Uint8Array(LITERAL_SYMBOLS);
  lengths.fill(8, 0, 144);
  lengths.fill(9, 144, 256);
  lengths.fill(7, 256, 280);
  lengths.fill(8, 280, LITERAL_SYMBOLS);
  return lengths;
}

/** The order in which a dynamic block header lists the code-length code's lengths (codegenOrder). */
export const CODEGEN_ORDER = Uint8Array.from([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);

/** The extra bits of a block's matches, from its length-code and distance-code frequencies. */
export function extraBitsOf(literalFreq: Int32Array, offsetFreq: Int32Array): number {
  let bits = 0;
  for (let code = 8; code < 29; code++) bits += literalFreq[FIRST_LENGTH_SYMBOL + code] * LENGTH_EXTRA_BITS[code];
  for (let code = 4; code < OFFSET_SYMBOLS; code++) bits += offsetFreq[code] * OFFSET_EXTRA_BITS[code];
  return bits;
}

/** Sum of frequency times code length over the first `count` symbols (huffmanEncoder.bitLength). */
export function weightedBits(freq: Int32Array, lengths: Uint8Array, count: number): number {
  let bits = 0;
  for (let symbol = 0; symbol < count; symbol++) bits += freq[symbol] * lengths[symbol];
  return bits;
}
