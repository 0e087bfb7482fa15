// The LZ77 stage of Go 1.27's compress/flate at level 6 (level6.go fastEncL6.encode, from klauspost/compress):
// each block of up to 65535 bytes is matched against itself and the 32 KiB before it through two hash tables, one
// of 4-byte hashes and one of 7-byte hashes keeping two candidates each, with a repeat-distance check, a look at
// the end of each match for a longer one, and skipping that speeds up through incompressible runs.
//
// Go keeps up to five blocks of history and moves the last 32 KiB down when it runs out of room (fastGen.addBlock);
// as no match reaches further than 32767 bytes back, this keeps just those 32 KiB before each block, which gives
// the same tokens. Positions in the tables are offset by `cur` as in Go, and rebased before they overflow.

import { matchLength as matchLen } from './bytes.js';
import { TABLE_BITS, hash4, hash7After, hash7Of } from './fast-hash.js';
import { FastTokens } from './fast-tokens.js';

// Math's functions bound once: a global lookup per call is costly where globals are proxied (Jest's vm context).
const { min } = Math;

const TABLE_SIZE = 1 << TABLE_BITS;
const MAX_MATCH_OFFSET = 1 << 15;
const MAX_MATCH_LENGTH = 258;
export const FAST_BLOCK_BYTES = 65535;
/** level6.go's inputMargin and minNonLiteralBlockSize. */
const INPUT_MARGIN = 12 - 1;
const MIN_NON_LITERAL_BLOCK = 1 + 1 + INPUT_MARGIN;
/** Rebase the table offsets once `cur` passes this (Go does at bufferReset, just under 2^31). */
const CUR_LIMIT = 1 << 30;

export class FastLevel6 {
  /** The 32 KiB before the block, then the block (fastGen.hist); the block is filled in place. */
  readonly history = new Uint8Array(MAX_MATCH_OFFSET + FAST_BLOCK_BYTES);
  private readonly view = new DataView(this.history.buffer);
  /** Where the block being filled starts in `history`: 0 for the first, 32768 after it. */
  blockStart = 0;
  private cur = FAST_BLOCK_BYTES;
  private readonly table = new Int32Array(TABLE_SIZE);
  private readonly longCur = new Int32Array(TABLE_SIZE);
  private readonly longPrev = new Int32Array(TABLE_SIZE);
  // The match the search found, and where it stopped.
  private s = 0;
  private t = 0;
  private length = 0;
  private nextS = 0;
  private end = 0;
  private sLimit = 0;

  /** Moves the last 32 KiB of the block just encoded down, making room for the next block after it. */
  nextBlock(blockBytes: number): void {
    const end = this.blockStart + blockBytes;
    this.history.copyWithin(0, end - MAX_MATCH_OFFSET, end);
    this.cur += end - MAX_MATCH_OFFSET;
    this.blockStart = MAX_MATCH_OFFSET;
    if (this.cur >= CUR_LIMIT) this.rebase();
  }

  /** Go's protection against `cur` wrapping: entries too far back to match become 0, the rest shift down. */
  private rebase(): void {
    const oldest = this.cur + this.blockStart - MAX_MATCH_OFFSET;
    const shift = this.cur - FAST_BLOCK_BYTES;
    for (const table of [this.table, this.longCur, this.longPrev]) {
      for (let i = 0; i < TABLE_SIZE; i++) table[i] = table[i] <= oldest ? 0 : table[i] - shift;
    }
    this.cur = FAST_BLOCK_BYTES;
  }

  /** encode: the tokens of the `blockBytes`-byte block at blockStart, counted into `tokens`. */
  encode(tokens: FastTokens, blockBytes: number): void {
    const src = this.history;
    this.end = this.blockStart + blockBytes;
    if (blockBytes < MIN_NON_LITERAL_BLOCK) {
      tokens.count = blockBytes;
      return;
    }
    this.sLimit = this.end - INPUT_MARGIN;
    let s = this.blockStart;
    let nextEmit = s;
    let repeat = 1;
    while (this.search(s, nextEmit, repeat)) {
      this.extend(nextEmit);
      const matchStart = this.s;
      const distance = matchStart - this.t;
      for (let i = nextEmit; i < matchStart; i++) tokens.literals[src[i]]++;
      tokens.count += matchStart - nextEmit;
      tokens.addMatchLong(this.length, distance - 1);
      repeat = distance;
      s = matchStart + this.length;
      nextEmit = s;
      if (this.nextS >= s) s = this.nextS + 1;
      if (s >= this.sLimit) {
        this.indexToEnd(this.nextS + 1);
        break;
      }
      this.indexBetween(this.nextS + 1, s - 1);
    }
    if (nextEmit < this.end && tokens.count > 0) {
      for (let i = nextEmit; i < this.end; i++) tokens.literals[src[i]]++;
      tokens.count += this.end - nextEmit;
    }
  }

  /**
   * The search loop: from `s`, skipping faster the longer it goes without a match, until a candidate from either
   * table matches 4 bytes. Sets this.s, this.t, this.length (0 when it is yet to be measured) and this.nextS;
   * returns false when it reaches the end of the block instead.
   */
  private search(s: number, nextEmit: number, repeat: number): boolean {
    const { view: src, table, longCur, longPrev, cur } = this;
    let low = load32(src, s);
    let high = load32(src, s + 4);
    let nextS = s;
    for (;;) {
      const hashShort = hash4(low);
      const hashLong = hash7Of(low, high);
      s = nextS;
      nextS = s + 1 + ((s - nextEmit) >> 7);
      if (nextS > this.sLimit) return false;
      const shortCandidate = table[hashShort];
      const longCandidate = longCur[hashLong];
      const longPrevious = longPrev[hashLong];
      const nextLow = load32(src, nextS);
      const nextHigh = load32(src, nextS + 4);
      table[hashShort] = s + cur;
      longPrev[hashLong] = longCandidate;
      longCur[hashLong] = s + cur;
      this.s = s;
      this.nextS = nextS;
      if (this.tryLong(low, longCandidate - cur, longPrevious - cur, nextLow, nextHigh)) return true;
      const t = shortCandidate - cur;
      if (s - t < MAX_MATCH_OFFSET && low === load32(src, t)) {
        this.shortMatch(t, low, high, nextLow, nextHigh, repeat);
        return true;
      }
      low = nextLow;
      high = nextHigh;
    }
  }

  /** The 7-byte table's candidates at this.s: its newer entry, then its older one. */
  private tryLong(low: number, t: number, t2: number, nextLow: number, nextHigh: number): boolean {
    const { view: src, s } = this;
    if (s - t >= MAX_MATCH_OFFSET) return false;
    if (low === load32(src, t)) {
      this.storeNext(nextLow, nextHigh);
      this.t = t;
      this.length = 0;
      if (s - t2 < MAX_MATCH_OFFSET && low === load32(src, t2)) {
        this.length = this.matchLenLimited(s + 4, t + 4) + 4;
        const other = this.matchLenLimited(s + 4, t2 + 4) + 4;
        if (other > this.length) {
          this.t = t2;
          this.length = other;
        }
      }
      return true;
    }
    if (s - t2 < MAX_MATCH_OFFSET && low === load32(src, t2)) {
      this.storeNext(nextLow, nextHigh);
      this.t = t2;
      this.length = 0;
      return true;
    }
    return false;
  }

  /** A 4-byte match at t: measure it, then try the repeat distance one byte on and the 7-byte table at nextS. */
  private shortMatch(t: number, low: number, high: number, nextLow: number, nextHigh: number, repeat: number): void {
    const { view: src, longCur, longPrev, cur, s, nextS } = this;
    this.t = t;
    this.length = this.matchLenLimited(s + 4, t + 4) + 4;
    const hashLong = hash7Of(nextLow, nextHigh);
    const candidate = longCur[hashLong] - cur;
    const previous = longPrev[hashLong] - cur;
    this.storeNext(nextLow, nextHigh);
    const repeatAt = s - repeat + 1;
    if (load32(src, repeatAt) === ((low >>> 8) | (high << 24))) {
      const length = this.matchLenLimited(s + 5, repeatAt + 4) + 4;
      if (length > this.length) {
        this.set(s + 1, repeatAt, length);
        return;
      }
    }
    if (nextS - candidate >= MAX_MATCH_OFFSET) return;
    if (load32(src, candidate) === nextLow) {
      const length = this.matchLenLimited(nextS + 4, candidate + 4) + 4;
      if (length > this.length) this.set(nextS, candidate, length);
    }
    if (nextS - previous < MAX_MATCH_OFFSET && load32(src, previous) === nextLow) {
      const length = this.matchLenLimited(nextS + 4, previous + 4) + 4;
      if (length > this.length) this.set(nextS, previous, length);
    }
  }

  private set(s: number, t: number, length: number): void {
    this.s = s;
    this.t = t;
    this.length = length;
  }

  /** Enters nextS, whose bytes are (nextHigh, nextLow), in both tables. */
  private storeNext(nextLow: number, nextHigh: number): void {
    const entry = this.nextS + this.cur;
    this.table[hash4(nextLow)] = entry;
    const hashLong = hash7Of(nextLow, nextHigh);
    this.longPrev[hashLong] = this.longCur[hashLong];
    this.longCur[hashLong] = entry;
  }

  /** Measures the match, looks for a longer one ending where it ends, and extends it backwards. */
  private extend(nextEmit: number): void {
    const { history: bytes, view: src, end } = this;
    let { s, t, length } = this;
    if (length === 0) length = matchLen(src, bytes, s + 4, t + 4, end) + 4;
    else if (length === MAX_MATCH_LENGTH) length += matchLen(src, bytes, s + length, t + length, end);
    const at = s + length;
    if (at < this.sLimit) {
      const low = load32(src, at);
      const hashLong = hash7Of(low, load32(src, at + 4));
      const s2 = s + 2;
      let t2 = this.longCur[hashLong] - this.cur - length + 2;
      if (s2 - t2 < MAX_MATCH_OFFSET) {
        if (s2 - t2 > 0 && t2 >= 0) {
          const length2 = matchLen(src, bytes, s2, t2, end);
          if (length2 > length) [t, length, s] = [t2, length2, s2];
        }
        t2 = this.longPrev[hashLong] - this.cur - length + 2;
        if (s2 - t2 > 0 && s2 - t2 < MAX_MATCH_OFFSET && t2 >= 0) {
          const length2 = matchLen(src, bytes, s2, t2, end);
          if (length2 > length) [t, length, s] = [t2, length2, s2];
        }
      }
    }
    while (t > 0 && s > nextEmit && bytes[t - 1] === bytes[s - 1]) {
      s--;
      t--;
      length++;
    }
    this.set(s, t, length);
  }

  /** After the last match: every second position up to 8 bytes before the end, in both tables. */
  private indexToEnd(from: number): void {
    const { view: src, table, longCur, longPrev, cur } = this;
    for (let i = from; i < this.end - 8; i += 2) {
      const low = load32(src, i);
      const hashLong = hash7Of(low, load32(src, i + 4));
      table[hash4(low)] = i + cur;
      longPrev[hashLong] = longCur[hashLong];
      longCur[hashLong] = i + cur;
    }
  }

  /** Inside a match: every second position in the 4-byte table, every position in the 7-byte one. */
  private indexBetween(from: number, to: number): void {
    const { view: src, table, longCur, longPrev, cur } = this;
    for (let i = from; i < to; i += 2) {
      const low = load32(src, i);
      const high = load32(src, i + 4);
      const first = hash7Of(low, high);
      const second = hash7After(low, high);
      table[hash4(low)] = i + cur;
      longPrev[first] = longCur[first];
      longCur[first] = i + cur;
      longPrev[second] = longCur[second];
      longCur[second] = i + 1 + cur;
    }
  }

  /** matchLenLimited: the match at s against t, at most 254 bytes and not past the block. */
  private matchLenLimited(s: number, t: number): number {
    return matchLen(this.view, this.history, s, t, min(s + MAX_MATCH_LENGTH - 4, this.end));
  }
}

/** The little-endian 32 bits at i (loadLE32). */
function load32(view: DataView, i: number): number {
  return view.getInt32(i, true);
}
