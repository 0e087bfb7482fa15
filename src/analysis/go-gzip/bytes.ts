// Byte comparisons for the matchers of both generations: how far two positions of a buffer repeat each other, read
// through a DataView 4 bytes at a time (compress/flate's matchLen compares byte by byte in Go 1.26 and 8 bytes at a
// time in Go 1.27; both give the length of the common prefix).

// Math's functions bound once: a global lookup per call is costly where globals are proxied (Jest's vm context).
const { clz32 } = Math;

/** The length of the common prefix of bytes[s..end) and bytes[t..): how far the bytes at s repeat those at t. */
export function matchLength(view: DataView, bytes: Uint8Array, s: number, t: number, end: number): number {
  let n = s;
  for (; n + 4 <= end; n += 4) {
    const diff = view.getInt32(n, true) ^ view.getInt32(t + n - s, true);
    // The lowest set bit of the difference is in the first byte that differs.
    if (diff !== 0) return n - s + ((31 - clz32(diff & -diff)) >> 3);
  }
  while (n < end && bytes[n] === bytes[t + n - s]) n++;
  return n - s;
}
