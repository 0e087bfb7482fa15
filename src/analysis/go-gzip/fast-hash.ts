// The hashes of Go 1.27's level 6 encoder (deflatefast.go hashLen with 15 output bits): a 32-bit multiplicative
// hash of 4 bytes and a 64-bit one of 7 bytes, the latter computed exactly in 32-bit halves since JavaScript has
// no 64-bit integer multiply short of BigInt.

// Math's functions bound once: a global lookup per call is costly where globals are proxied (Jest's vm context).
const { imul } = Math;

export const TABLE_BITS = 15;
const PRIME_4_BYTES = 0x9e3779b1 | 0;
/** prime7bytes (58295818150454627) in 32-bit halves, the low half in 16-bit halves too. */
const PRIME_7_LOW = 0xdcbfa563 | 0;
const PRIME_7_LOW_1 = 0xdcbf;
const PRIME_7_LOW_0 = 0xa563;
const PRIME_7_HIGH = 0x00cf1bbc;

/** hashLen(u, 15, 4): the low 4 bytes (`low`, little-endian) times prime4bytes, top 15 bits. */
export function hash4(low: number): number {
  return imul(low, PRIME_4_BYTES) >>> (32 - TABLE_BITS);
}

/**
 * hashLen(u, 15, 7) for the 7 bytes whose 64-bit value shifted left by 8 is (high, low): the top 15 bits of the
 * product with prime7bytes modulo 2^64. Its high word is the high word of low * PRIME_7_LOW (from 16-bit parts)
 * plus the low words of the two cross products.
 */
export function hash7(low: number, high: number): number {
  const a = low >>> 0;
  const a1 = a >>> 16;
  const a0 = a & 0xffff;
  const middle = a1 * PRIME_7_LOW_0 + a0 * PRIME_7_LOW_1 + ((a0 * PRIME_7_LOW_0) >>> 16);
  const carried = a1 * PRIME_7_LOW_1 + ((middle / 65536) | 0);
  return (carried + imul(low, PRIME_7_HIGH) + imul(high, PRIME_7_LOW)) >>> (32 - TABLE_BITS);
}

/** hash7 of the 7 bytes at a position whose first 8 bytes are (high, low) little-endian. */
export function hash7Of(low: number, high: number): number {
  return hash7(low << 8, (low >>> 24) | (high << 8));
}

/** hash7 of the 7 bytes one position on, from the same 8 bytes (the hash of cv >> 8). */
export function hash7After(low: number, high: number): number {
  return hash7(low & ~0xff, high);
}
