import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ // The require scope
/******/ var __nccwpck_require__ = {};
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Q: () => (/* binding */ serveGoGzip)
});

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./src/analysis/go-gzip/bytes.ts
// Byte comparisons for the matchers of both generations: how far two positions of a buffer repeat each other, read
// through a DataView 4 bytes at a time (compress/flate's matchLen compares byte by byte in Go 1.26 and 8 bytes at a
// time in Go 1.27; both give the length of the common prefix).
// Math's functions bound once: a global lookup per call is costly where globals are proxied (Jest's vm context).
const { clz32 } = Math;
/** The length of the common prefix of bytes[s..end) and bytes[t..): how far the bytes at s repeat those at t. */
function matchLength(view, bytes, s, t, end) {
    let n = s;
    for (; n + 4 <= end; n += 4) {
        const diff = view.getInt32(n, true) ^ view.getInt32(t + n - s, true);
        // The lowest set bit of the difference is in the first byte that differs.
        if (diff !== 0)
            return n - s + ((31 - clz32(diff & -diff)) >> 3);
    }
    while (n < end && bytes[n] === bytes[t + n - s])
        n++;
    return n - s;
}

;// CONCATENATED MODULE: ./src/analysis/go-gzip/tables.ts
// DEFLATE's fixed tables as Go's compress/flate uses them (RFC 1951 3.2.5-3.2.6), shared by both generations:
// which length and distance code a match takes, how many extra bits each code carries, the fixed Huffman code's
// lengths, and the order in which a dynamic header lists the code-length code's lengths.
/** Symbols of the literal/length alphabet Go counts (0-255 literals, 256 end of block, 257-285 lengths). */
const LITERAL_SYMBOLS = 286;
/** Symbols of the distance alphabet. */
const OFFSET_SYMBOLS = 30;
const END_OF_BLOCK = 256;
const FIRST_LENGTH_SYMBOL = 257;
/** The smallest length (minus 3) of each of the 29 length codes; code 28 is the single length 258. */
const LENGTH_BASE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 255];
/** Extra bits after each length code (token.go / huffman_bit_writer.go lengthExtraBits). */
const LENGTH_EXTRA_BITS = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]);
/** Extra bits after each distance code (offsetExtraBits). */
const OFFSET_EXTRA_BITS = Uint8Array.from([
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
]);
/** Length code (0-28) of a match of length 3 + index (Go's lengthCodes). */
const LENGTH_CODE = buildLengthCodes();
/** Distance code of a distance minus 1 below 256 (Go's offsetCodes). */
const OFFSET_CODE_LOW = buildOffsetCodes();
function buildLengthCodes() {
    const codes = new Uint8Array(256);
    for (let code = 0; code < 28; code++)
        codes.fill(code, LENGTH_BASE[code], LENGTH_BASE[code + 1]);
    codes[255] = 28;
    return codes;
}
function buildOffsetCodes() {
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
function offsetCode(offset) {
    return offset < 256 ? OFFSET_CODE_LOW[offset] : OFFSET_CODE_LOW[offset >> 7] + 14;
}
/** Code lengths of the fixed literal/length code (RFC 1951 3.2.6; huffman_code.go generateFixedLiteralEncoding). */
const FIXED_LITERAL_LENGTHS = buildFixedLiteralLengths();
/** Every distance code of the fixed code is 5 bits long. */
const FIXED_OFFSET_LENGTH = 5;
function buildFixedLiteralLengths() {
    const lengths = new Uint8Array(LITERAL_SYMBOLS);
    lengths.fill(8, 0, 144);
    lengths.fill(9, 144, 256);
    lengths.fill(7, 256, 280);
    lengths.fill(8, 280, LITERAL_SYMBOLS);
    return lengths;
}
/** The order in which a dynamic block header lists the code-length code's lengths (codegenOrder). */
const CODEGEN_ORDER = Uint8Array.from([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);
/** The extra bits of a block's matches, from its length-code and distance-code frequencies. */
function extraBitsOf(literalFreq, offsetFreq) {
    let bits = 0;
    for (let code = 8; code < 29; code++)
        bits += literalFreq[FIRST_LENGTH_SYMBOL + code] * LENGTH_EXTRA_BITS[code];
    for (let code = 4; code < OFFSET_SYMBOLS; code++)
        bits += offsetFreq[code] * OFFSET_EXTRA_BITS[code];
    return bits;
}
/** Sum of frequency times code length over the first `count` symbols (huffmanEncoder.bitLength). */
function weightedBits(freq, lengths, count) {
    let bits = 0;
    for (let symbol = 0; symbol < count; symbol++)
        bits += freq[symbol] * lengths[symbol];
    return bits;
}

;// CONCATENATED MODULE: ./src/analysis/go-gzip/huffman.ts
// The code lengths of Go's length-limited Huffman codes (compress/flate huffman_code.go generate, bitCounts and
// assignEncodingAndSize), identical from Go 1.7 to 1.27, and the size of a dynamic block's header
// (huffman_bit_writer.go generateCodegen and dynamicSize/headerSize). Only lengths are computed: a block's size
// depends on them, not on the code words.

const MAX_INT32 = 0x7fffffff;
/** Room for the largest alphabet (286 literal/length symbols) plus the sentinel. */
const LIST_CAPACITY = 288;
const BAD_CODE = 255;
const CODEGEN_SYMBOLS = 19;
/** Builds code lengths into caller-owned arrays; its buffers are reused so that no block allocates. */
class HuffmanLengths {
    /** Non-zero symbols as frequency * 512 + symbol, sorted to the order Go sorts them in (frequency, then symbol). */
    keys = new Int32Array(LIST_CAPACITY);
    listFreq = new Int32Array(LIST_CAPACITY);
    bitCount = new Int32Array(17);
    lastFreq = new Int32Array(17);
    nextCharFreq = new Int32Array(17);
    nextPairFreq = new Int32Array(17);
    needed = new Int32Array(17);
    leafCounts = new Int32Array(17 * 16);
    codegenFreq = new Int32Array(CODEGEN_SYMBOLS);
    codegenLengths = new Uint8Array(CODEGEN_SYMBOLS);
    concatenated = new Uint8Array(LIST_CAPACITY + 32);
    /**
     * Sets lengths[0..count) to the lengths of Go's Huffman code for freq[0..count), at most maxBits long (generate).
     * Symbols of frequency 0 get length 0; with one or two symbols in use each gets length 1.
     */
    generate(freq, count, maxBits, lengths) {
        const keys = this.keys;
        let used = 0;
        for (let symbol = 0; symbol < count; symbol++) {
            const f = freq[symbol];
            if (f !== 0)
                keys[used++] = f * 512 + symbol;
            else
                lengths[symbol] = 0;
        }
        if (used <= 2) {
            for (let i = 0; i < used; i++)
                lengths[keys[i] & 511] = 1;
            return;
        }
        keys.subarray(0, used).sort();
        for (let i = 0; i < used; i++)
            this.listFreq[i] = keys[i] >> 9;
        this.listFreq[used] = MAX_INT32;
        const levels = this.bitCounts(used, Math.min(maxBits, used - 1));
        // assignEncodingAndSize: the most frequent symbols (the end of the list) take the shortest codes.
        let end = used;
        for (let bits = 1; bits <= levels; bits++) {
            for (let k = this.bitCount[bits]; k > 0; k--)
                lengths[keys[--end] & 511] = bits;
        }
    }
    /** bitCounts: how many symbols get each length, into this.bitCount[1..maxBits]; returns maxBits. */
    bitCounts(n, maxBits) {
        const { listFreq: list, lastFreq, nextCharFreq, nextPairFreq, needed, leafCounts } = this;
        // Go declares these afresh, all zero, on every call.
        for (const array of [lastFreq, nextCharFreq, nextPairFreq, needed, leafCounts])
            array.fill(0);
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
            }
            else {
                lastFreq[level] = nextPairFreq[level];
                leafCounts.copyWithin(level * 16, (level - 1) * 16, (level - 1) * 16 + level);
                needed[level - 1] = 2;
            }
            if (--needed[level] === 0) {
                if (level === maxBits)
                    break;
                nextPairFreq[level + 1] = prevFreq + lastFreq[level];
                level++;
            }
            else {
                while (needed[level - 1] > 0)
                    level--;
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
    headerBits(literalLengths, literalCount, offsetLengths, offsetCount) {
        const sizes = this.concatenated;
        sizes.set(literalLengths.subarray(0, literalCount), 0);
        sizes.set(offsetLengths.subarray(0, offsetCount), literalCount);
        sizes[literalCount + offsetCount] = BAD_CODE;
        const freq = this.codegenFreq;
        countCodegen(sizes, freq);
        this.generate(freq, CODEGEN_SYMBOLS, 7, this.codegenLengths);
        let numCodegens = CODEGEN_SYMBOLS;
        while (numCodegens > 4 && freq[CODEGEN_ORDER[numCodegens - 1]] === 0)
            numCodegens--;
        let bits = 3 + 5 + 5 + 4 + 3 * numCodegens + freq[16] * 2 + freq[17] * 3 + freq[18] * 7;
        for (let symbol = 0; symbol < CODEGEN_SYMBOLS; symbol++)
            bits += freq[symbol] * this.codegenLengths[symbol];
        return bits;
    }
}
/** generateCodegen's run-length coding of the code lengths, counting each code-length symbol it would emit. */
function countCodegen(sizes, freq) {
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
        }
        else {
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

;// CONCATENATED MODULE: ./src/analysis/go-gzip/classic-blocks.ts
// The size of the blocks Go 1.7-1.26's compress/flate writes at levels 2-9: each block of tokens is sized as a
// fixed-code, a dynamic-code and a stored block, and the smallest as Go judges it is counted (huffman_bit_writer.go
// writeBlock, indexTokens, fixedSize, dynamicSize, storedSize), in bits, with the byte alignment that stored
// blocks and the final empty stored block (deflate.go close) force.


/** The largest block a stored block can hold. */
const MAX_STORED_BYTES = 65535;
/** Rounds a bit count up to a whole byte, as flushing before a stored block's length does. */
function alignToByte(bits) {
    const partial = bits % 8;
    return partial === 0 ? bits : bits + 8 - partial;
}
/** The bits of a stored block of `bytes` bytes written after `bits` bits: 3 header bits, alignment, LEN and NLEN. */
function afterStoredBlock(bits, bytes) {
    return alignToByte(bits + 3) + 32 + bytes * 8;
}
/** Counts one block's tokens as Go's huffmanBitWriter would see them, and the bits of the blocks written so far. */
class ClassicBlocks {
    /** Frequencies of literals and length codes in the current block (Go's literalFreq). */
    literalFreq = new Int32Array(LITERAL_SYMBOLS);
    /** Frequencies of distance codes in the current block (offsetFreq). */
    offsetFreq = new Int32Array(OFFSET_SYMBOLS);
    /** Tokens in the current block. */
    tokens = 0;
    /** Bits written so far. */
    bits = 0;
    huffman = new HuffmanLengths();
    literalLengths = new Uint8Array(LITERAL_SYMBOLS);
    offsetLengths = new Uint8Array(OFFSET_SYMBOLS);
    /** Adds a match token of `length` bytes at `distance` bytes back (matchToken). */
    match(length, distance) {
        this.literalFreq[FIRST_LENGTH_SYMBOL + LENGTH_CODE[length - 3]]++;
        this.offsetFreq[offsetCode(distance - 1)]++;
        this.tokens++;
    }
    /**
     * Writes the current tokens as one block (writeBlock with eof false). `inputBytes` is the length of the input the
     * block covers, or -1 when Go no longer holds it in its window, which rules out a stored block.
     */
    writeBlock(inputBytes) {
        const { literalFreq, offsetFreq, literalLengths, offsetLengths, huffman } = this;
        literalFreq[END_OF_BLOCK] = 1;
        let literalCount = LITERAL_SYMBOLS;
        while (literalFreq[literalCount - 1] === 0)
            literalCount--;
        let offsetCount = OFFSET_SYMBOLS;
        while (offsetCount > 0 && offsetFreq[offsetCount - 1] === 0)
            offsetCount--;
        // With no match Go still counts one distance code, so that the distance tree can be written.
        const phantomOffset = offsetCount === 0;
        if (phantomOffset) {
            offsetFreq[0] = 1;
            offsetCount = 1;
        }
        huffman.generate(literalFreq, LITERAL_SYMBOLS, 15, literalLengths);
        huffman.generate(offsetFreq, OFFSET_SYMBOLS, 15, offsetLengths);
        const extraBits = extraBitsOf(literalFreq, offsetFreq);
        const fixedSize = 3 + weightedBits(literalFreq, FIXED_LITERAL_LENGTHS, LITERAL_SYMBOLS) + sumOf(offsetFreq) * FIXED_OFFSET_LENGTH + extraBits;
        const dynamicSize = huffman.headerBits(literalLengths, literalCount, offsetLengths, offsetCount) +
            weightedBits(literalFreq, literalLengths, LITERAL_SYMBOLS) +
            weightedBits(offsetFreq, offsetLengths, OFFSET_SYMBOLS) +
            extraBits;
        const dynamic = dynamicSize < fixedSize;
        const size = dynamic ? dynamicSize : fixedSize;
        if (inputBytes >= 0 && inputBytes <= MAX_STORED_BYTES && (inputBytes + 5) * 8 < size) {
            this.bits = afterStoredBlock(this.bits, inputBytes);
        }
        else {
            // The sizes Go compares count the phantom distance code, which is never written.
            const unwritten = phantomOffset ? (dynamic ? offsetLengths[0] : FIXED_OFFSET_LENGTH) : 0;
            this.bits += size - unwritten;
        }
        literalFreq.fill(0);
        offsetFreq.fill(0);
        this.tokens = 0;
    }
    /** Closes the stream: the final empty stored block and the flush to a whole byte. Returns the DEFLATE bytes. */
    finish() {
        return afterStoredBlock(this.bits, 0) / 8;
    }
}
function sumOf(values) {
    let sum = 0;
    for (const value of values)
        sum += value;
    return sum;
}

;// CONCATENATED MODULE: ./src/analysis/go-gzip/classic-deflate.ts
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
function hash4(view, index) {
    return imul(view.getInt32(index), HASH_MULTIPLIER) >>> (32 - HASH_BITS);
}
class ClassicDeflate {
    blocks = new ClassicBlocks();
    window = new Uint8Array(2 * WINDOW_BYTES);
    view = new DataView(this.window.buffer);
    hashHead = new Int32Array(HASH_SIZE);
    hashPrev = new Int32Array(WINDOW_BYTES);
    windowEnd = 0;
    index = 0;
    blockStart = 0;
    byteAvailable = false;
    length = MIN_MATCH_LENGTH - 1;
    offset = 0;
    chainHead = -1;
    hashOffset = 1;
    /** Begins a Go Write: the step Go runs before taking its first bytes (compressor.write). */
    startWrite() {
        this.deflate(false);
    }
    /** Adds bytes to the current Write: within a Write, Go runs the step again only when the window is full. */
    append(chunk) {
        let taken = 0;
        while (taken < chunk.length) {
            if (this.windowEnd === this.window.length)
                this.deflate(false);
            taken += this.fill(chunk, taken);
        }
    }
    /** One Go Write of `chunk`. */
    write(chunk) {
        if (chunk.length === 0)
            return;
        this.startWrite();
        this.append(chunk);
    }
    /** Close: the last tokens, the final empty stored block; returns the DEFLATE stream's length in bytes. */
    finish() {
        this.deflate(true);
        return this.blocks.finish();
    }
    /** fillDeflate: slide the window once the search is far enough into it, then copy in what fits. */
    fill(chunk, from) {
        if (this.index >= 2 * WINDOW_BYTES - MIN_LOOKAHEAD)
            this.slide();
        const taken = min(chunk.length - from, this.window.length - this.windowEnd);
        this.window.set(chunk.subarray(from, from + taken), this.windowEnd);
        this.windowEnd += taken;
        return taken;
    }
    slide() {
        this.window.copyWithin(0, WINDOW_BYTES, 2 * WINDOW_BYTES);
        this.index -= WINDOW_BYTES;
        this.windowEnd -= WINDOW_BYTES;
        this.blockStart = this.blockStart >= WINDOW_BYTES ? this.blockStart - WINDOW_BYTES : NO_BLOCK_START;
        this.hashOffset += WINDOW_BYTES;
        if (this.hashOffset <= MAX_HASH_OFFSET)
            return;
        const delta = this.hashOffset - 1;
        this.hashOffset -= delta;
        this.chainHead -= delta;
        for (const table of [this.hashPrev, this.hashHead]) {
            for (let i = 0; i < table.length; i++)
                table[i] = table[i] > delta ? table[i] - delta : 0;
        }
    }
    /** deflate(): lazy matching over the window, emitting a token per literal or match into the blocks. */
    deflate(sync) {
        if (this.windowEnd - this.index < MIN_LOOKAHEAD && !sync)
            return;
        const { window, view, hashHead, hashPrev, blocks, windowEnd, hashOffset } = this;
        const literalFreq = blocks.literalFreq;
        const maxInsertIndex = windowEnd - (MIN_MATCH_LENGTH - 1);
        let { index, length, offset, byteAvailable, chainHead } = this;
        for (;;) {
            const lookahead = windowEnd - index;
            if (lookahead < MIN_LOOKAHEAD) {
                if (!sync)
                    break;
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
            }
            else {
                if (byteAvailable) {
                    literalFreq[window[index - 1]]++;
                    if (++blocks.tokens === MAX_BLOCK_TOKENS)
                        this.writeBlock(index);
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
    emitMatch(index, length, distance, maxInsertIndex) {
        this.blocks.match(length, distance);
        const newIndex = index + length - 1;
        for (index++; index < newIndex; index++) {
            if (index < maxInsertIndex)
                this.insert(index);
        }
        if (this.blocks.tokens === MAX_BLOCK_TOKENS)
            this.writeBlock(newIndex);
        return newIndex;
    }
    /** The end of a flush: the pending literal, then the block so far. */
    flushTail(index, byteAvailable) {
        if (byteAvailable) {
            this.blocks.literalFreq[this.window[index - 1]]++;
            this.blocks.tokens++;
        }
        if (this.blocks.tokens > 0)
            this.writeBlock(index);
    }
    insert(index) {
        const hash = hash4(this.view, index);
        this.hashPrev[index & WINDOW_MASK] = this.hashHead[hash];
        this.hashHead[hash] = index + this.hashOffset;
    }
    /**
     * findMatch: the longest match for `pos` longer than 3 bytes along the hash chain from `head`, looking at up to
     * 128 candidates (deflate() always passes 3 as the length to beat, below level 6's good length of 8, so the
     * chain is never cut to a quarter). Returns length << 16 | distance, or 0 when nothing qualifies.
     */
    findMatch(pos, head, lookahead) {
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
                    if (n >= nice)
                        break;
                    wEnd = window[pos + n];
                }
            }
            if (i === minIndex)
                break;
            i = hashPrev[i & WINDOW_MASK] - hashOffset;
            if (i < minIndex || i < 0)
                break;
        }
        return distance === 0 ? 0 : (length << 16) | distance;
    }
    /** deflate.go writeBlock: the block ends at `index`; its input is still in the window unless the window slid past its start. */
    writeBlock(index) {
        const inputBytes = this.blockStart <= index ? index - this.blockStart : -1;
        this.blockStart = index;
        this.blocks.writeBlock(inputBytes);
    }
}

;// CONCATENATED MODULE: ./src/analysis/go-gzip/docker-writes.ts
// Where `docker push` cuts a layer tar into Writes to its gzip writer, for the classic compressor, whose output can
// depend on them (classic-deflate.ts). The classic image store rebuilds a layer's tar with tar-split
// (asm.WriteOutputTarStream) into a pipe: one Write per entry's raw header bytes (the previous file's padding, any
// PAX or GNU long-name headers and their data, the header itself), then the file's data in Reads of 32 KiB from
// disk; the end of the archive (padding and the two zero blocks) is one more Write. Through the pipes and io.Copy
// to gzip, every Read returns part of one Write only, at most 32 KiB. So this walks the tar's headers as Go's
// archive/tar does and starts a new Write at each of those places. Input that is not a tar is cut every 32 KiB,
// which gives the same output as one Write.
const BLOCK = 512;
/** io.Copy's buffer, and the Reads of a file's data. */
const READ_BYTES = 32 * 1024;
/** Types whose size field says nothing of data that follows (archive/tar isHeaderOnlyType). */
const HEADER_ONLY = new Set(['1', '2', '3', '4', '5', '6'].map((type) => type.charCodeAt(0)));
const PAX = 'x'.charCodeAt(0);
const PAX_GLOBAL = 'g'.charCodeAt(0);
const GNU_LONG_NAME = 'L'.charCodeAt(0);
const GNU_LONG_LINK = 'K'.charCodeAt(0);
const SPACE = 0x20;
const ZERO = 0x30;
const SIZE_KEY = Uint8Array.from('size=', (c) => c.charCodeAt(0));
/** tar-split refuses PAX and GNU long-name data longer than this (maxSpecialFileSize). */
const MAX_SPECIAL_BYTES = 1 << 20;
class DockerLayerWrites {
    sink;
    phase = 'header';
    /** Bytes of the Write in progress, 0 when the next byte starts a new one. */
    inWrite = 0;
    header = new Uint8Array(BLOCK);
    headerFilled = 0;
    /** Bytes left of the padding, the special file or the file data being passed. */
    remaining = 0;
    /** The padding after the special file or file data being passed, if any. */
    padding = 0;
    /** The type of the special file being read, and its data. */
    specialType = 0;
    special = new Uint8Array(0);
    specialFilled = 0;
    /** The size a PAX header gave the next entry. */
    paxSize;
    zeroBlocks = 0;
    constructor(sink) {
        this.sink = sink;
    }
    push(chunk) {
        let at = 0;
        while (at < chunk.length) {
            const phase = this.phase;
            if (phase === 'trailer') {
                this.forward(chunk.subarray(at));
                return;
            }
            const wanted = phase === 'header' ? BLOCK - this.headerFilled : this.remaining;
            const taken = Math.min(wanted, chunk.length - at);
            const part = chunk.subarray(at, at + taken);
            at += taken;
            if (phase === 'header') {
                this.header.set(part, this.headerFilled);
                this.headerFilled += taken;
            }
            else if (phase === 'special') {
                this.special.set(part, this.specialFilled);
                this.specialFilled += taken;
            }
            this.forward(part);
            if (phase !== 'header')
                this.remaining -= taken;
            if (phase === 'header' && this.headerFilled === BLOCK) {
                this.headerFilled = 0;
                this.onHeader();
            }
            else if (phase !== 'header' && this.remaining === 0)
                this.onPassed(phase);
        }
    }
    /** Gives bytes to the sink, starting a new Write where the current one reaches 32 KiB. */
    forward(bytes) {
        let at = 0;
        while (at < bytes.length) {
            if (this.inWrite === 0)
                this.sink.startWrite();
            const taken = Math.min(READ_BYTES - this.inWrite, bytes.length - at);
            this.sink.append(bytes.subarray(at, at + taken));
            at += taken;
            this.inWrite = (this.inWrite + taken) % READ_BYTES;
        }
    }
    /** The next byte starts a new Write. */
    endWrite() {
        this.inWrite = 0;
    }
    onHeader() {
        const header = this.header;
        if (header.every((byte) => byte === 0)) {
            // Two zero blocks end the archive; what follows is read in pieces of its own.
            if (++this.zeroBlocks === 2)
                this.toTrailer(true);
            return;
        }
        const size = this.zeroBlocks === 0 && checksumMatches(header) ? sizeField(header) : undefined;
        if (size === undefined)
            return this.toTrailer();
        const type = header[156];
        if (type === PAX || type === PAX_GLOBAL || type === GNU_LONG_NAME || type === GNU_LONG_LINK) {
            if (size > MAX_SPECIAL_BYTES)
                return this.toTrailer();
            this.specialType = type;
            this.special = new Uint8Array(size);
            this.specialFilled = 0;
            return this.pass('special', size);
        }
        // A real entry: its headers are one Write, its data the next ones.
        const dataBytes = HEADER_ONLY.has(type) ? 0 : (this.paxSize ?? size);
        this.paxSize = undefined;
        this.endWrite();
        if (dataBytes > 0)
            this.pass('data', dataBytes);
    }
    /** Passes `bytes` bytes of padding, special file or file data, then their padding. */
    pass(phase, bytes) {
        this.padding = phase === 'skip' ? 0 : (BLOCK - (bytes % BLOCK)) % BLOCK;
        if (bytes === 0)
            return this.onPassed(phase);
        this.phase = phase;
        this.remaining = bytes;
    }
    onPassed(phase) {
        this.phase = 'header';
        if (phase === 'data')
            this.endWrite();
        if (phase === 'special') {
            if (this.specialType === PAX)
                this.paxSize = paxSize(this.special) ?? this.paxSize;
            // archive/tar returns a global header as an entry of its own: its padding starts the next Write.
            if (this.specialType === PAX_GLOBAL)
                this.endWrite();
        }
        if (phase !== 'skip' && this.padding > 0)
            this.pass('skip', this.padding);
    }
    /** After the archive's end, or where the bytes stop being a tar (tar-split would refuse them): 32 KiB Writes. */
    toTrailer(endWrite = false) {
        if (endWrite)
            this.endWrite();
        this.phase = 'trailer';
    }
}
/** archive/tar's header check: the stored checksum equals the sum of the header's bytes, its own field as spaces. */
function checksumMatches(header) {
    let unsigned = 0;
    let signed = 0;
    for (let i = 0; i < BLOCK; i++) {
        const byte = i >= 148 && i < 156 ? 32 : header[i];
        unsigned += byte;
        signed += byte < 128 ? byte : byte - 256;
    }
    const stored = octal(header, 148, 8);
    return stored !== undefined && (stored === unsigned || stored === signed);
}
/** The size field: octal, or base-256 when its first byte's high bit is set. */
function sizeField(header) {
    if (header[124] & 0x80) {
        let value = header[124] & 0x7f;
        for (let i = 125; i < 136; i++)
            value = value * 256 + header[i];
        return value;
    }
    return octal(header, 124, 12);
}
/** An octal field, NULs and spaces around it ignored (archive/tar parseOctal); undefined if it is not octal. */
function octal(header, from, length) {
    let start = from;
    let end = from + length;
    while (start < end && (header[start] === 0 || header[start] === SPACE))
        start++;
    while (end > start && (header[end - 1] === 0 || header[end - 1] === SPACE))
        end--;
    let value = 0;
    for (let i = start; i < end; i++) {
        const digit = header[i] - ZERO;
        if (digit < 0 || digit > 7)
            return undefined;
        value = value * 8 + digit;
    }
    return value;
}
/** The "size" record of a PAX header's records ("<length> <key>=<value>\n" each), if it has one. */
function paxSize(records) {
    let size;
    for (let at = 0; at < records.length;) {
        let length = 0;
        let i = at;
        for (; i < records.length && records[i] !== SPACE; i++)
            length = length * 10 + records[i] - ZERO;
        if (length <= 0 || at + length > records.length)
            break;
        if (startsWith(records, i + 1, SIZE_KEY))
            size = decimal(records, i + 1 + SIZE_KEY.length, at + length - 1);
        at += length;
    }
    return size;
}
function startsWith(bytes, at, prefix) {
    for (let i = 0; i < prefix.length; i++)
        if (bytes[at + i] !== prefix[i])
            return false;
    return true;
}
function decimal(bytes, from, to) {
    let value = 0;
    for (let i = from; i < to; i++)
        value = value * 10 + bytes[i] - ZERO;
    return value;
}

;// CONCATENATED MODULE: ./src/analysis/go-gzip/fast-tokens.ts
// A block's tokens as Go 1.27's compress/flate counts them (token.go tokens): histograms of literals, length codes
// and distance codes, with the token count, and EstimatedBits, the float32 entropy estimate huffman_bit_writer.go
// weighs against reusing the previous block's Huffman table. The tokens themselves are never needed for a size.

// Math's functions bound once: a global lookup per call is costly where globals are proxied (Jest's vm context).
const { fround, min: fast_tokens_min, max, trunc } = Math;
const fast_tokens_MAX_MATCH_LENGTH = 258;
const BASE_MATCH_LENGTH = 3;
class FastTokens {
    /** Literal counts (litHist). */
    literals = new Int32Array(256);
    /** Index 0 counts end-of-block markers, 1 + code counts length code `code` (extraHist). */
    lengthCodes = new Int32Array(32);
    /** Distance code counts (offHist). */
    offsetCodes = new Int32Array(32);
    /** Tokens in the block (n). */
    count = 0;
    /** Reset: Go clears the histograms only when the block had tokens. */
    reset() {
        if (this.count === 0)
            return;
        this.count = 0;
        this.literals.fill(0);
        this.lengthCodes.fill(0);
        this.offsetCodes.fill(0);
    }
    /** AddMatchLong: a match of `length` bytes (it may exceed 258: it is split) at distance `offset` + 1. */
    addMatchLong(length, offset) {
        const code = offsetCode(offset);
        while (length > 0) {
            let part = length;
            // What is left after a 258-byte piece must still be a valid match of at least 3 bytes.
            if (part > fast_tokens_MAX_MATCH_LENGTH)
                part = part > fast_tokens_MAX_MATCH_LENGTH + BASE_MATCH_LENGTH ? fast_tokens_MAX_MATCH_LENGTH : fast_tokens_MAX_MATCH_LENGTH - BASE_MATCH_LENGTH;
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
function fastLog2(value) {
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
function shannonBits(histogram, count, inverseTotal, shannon) {
    for (let i = 0; i < count; i++) {
        const n = histogram[i];
        if (n <= 0)
            continue;
        const cost = fast_tokens_min(15, max(1, -fastLog2(fround(n * inverseTotal))));
        shannon = fround(shannon + fround(cost * n));
    }
    return shannon;
}
/** EstimatedBits: an estimate of the block's size coded with a fresh optimal table, extra bits included. */
function estimatedBits(tokens) {
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
        for (let code = 0; code < OFFSET_SYMBOLS; code++)
            bits += OFFSET_EXTRA_BITS[code] * tokens.offsetCodes[code];
    }
    return trunc(shannon) + bits;
}

;// CONCATENATED MODULE: ./src/analysis/go-gzip/fast-hash.ts
// The hashes of Go 1.27's level 6 encoder (deflatefast.go hashLen with 15 output bits): a 32-bit multiplicative
// hash of 4 bytes and a 64-bit one of 7 bytes, the latter computed exactly in 32-bit halves since JavaScript has
// no 64-bit integer multiply short of BigInt.
// Math's functions bound once: a global lookup per call is costly where globals are proxied (Jest's vm context).
const { imul: fast_hash_imul } = Math;
const TABLE_BITS = 15;
const PRIME_4_BYTES = 0x9e3779b1 | 0;
/** prime7bytes (58295818150454627) in 32-bit halves, the low half in 16-bit halves too. */
const PRIME_7_LOW = 0xdcbfa563 | 0;
const PRIME_7_LOW_1 = 0xdcbf;
const PRIME_7_LOW_0 = 0xa563;
const PRIME_7_HIGH = 0x00cf1bbc;
/** hashLen(u, 15, 4): the low 4 bytes (`low`, little-endian) times prime4bytes, top 15 bits. */
function fast_hash_hash4(low) {
    return fast_hash_imul(low, PRIME_4_BYTES) >>> (32 - TABLE_BITS);
}
/**
 * hashLen(u, 15, 7) for the 7 bytes whose 64-bit value shifted left by 8 is (high, low): the top 15 bits of the
 * product with prime7bytes modulo 2^64. Its high word is the high word of low * PRIME_7_LOW (from 16-bit parts)
 * plus the low words of the two cross products.
 */
function hash7(low, high) {
    const a = low >>> 0;
    const a1 = a >>> 16;
    const a0 = a & 0xffff;
    const middle = a1 * PRIME_7_LOW_0 + a0 * PRIME_7_LOW_1 + ((a0 * PRIME_7_LOW_0) >>> 16);
    const carried = a1 * PRIME_7_LOW_1 + ((middle / 65536) | 0);
    return (carried + fast_hash_imul(low, PRIME_7_HIGH) + fast_hash_imul(high, PRIME_7_LOW)) >>> (32 - TABLE_BITS);
}
/** hash7 of the 7 bytes at a position whose first 8 bytes are (high, low) little-endian. */
function hash7Of(low, high) {
    return hash7(low << 8, (low >>> 24) | (high << 8));
}
/** hash7 of the 7 bytes one position on, from the same 8 bytes (the hash of cv >> 8). */
function hash7After(low, high) {
    return hash7(low & ~0xff, high);
}

;// CONCATENATED MODULE: ./src/analysis/go-gzip/fast-level6.ts
// The LZ77 stage of Go 1.27's compress/flate at level 6 (level6.go fastEncL6.encode, from klauspost/compress):
// each block of up to 65535 bytes is matched against itself and the 32 KiB before it through two hash tables, one
// of 4-byte hashes and one of 7-byte hashes keeping two candidates each, with a repeat-distance check, a look at
// the end of each match for a longer one, and skipping that speeds up through incompressible runs.
//
// Go keeps up to five blocks of history and moves the last 32 KiB down when it runs out of room (fastGen.addBlock);
// as no match reaches further than 32767 bytes back, this keeps just those 32 KiB before each block, which gives
// the same tokens. Positions in the tables are offset by `cur` as in Go, and rebased before they overflow.


// Math's functions bound once: a global lookup per call is costly where globals are proxied (Jest's vm context).
const { min: fast_level6_min } = Math;
const TABLE_SIZE = 1 << TABLE_BITS;
const MAX_MATCH_OFFSET = 1 << 15;
const fast_level6_MAX_MATCH_LENGTH = 258;
const FAST_BLOCK_BYTES = 65535;
/** level6.go's inputMargin and minNonLiteralBlockSize. */
const INPUT_MARGIN = 12 - 1;
const MIN_NON_LITERAL_BLOCK = 1 + 1 + INPUT_MARGIN;
/** Rebase the table offsets once `cur` passes this (Go does at bufferReset, just under 2^31). */
const CUR_LIMIT = 1 << 30;
class FastLevel6 {
    /** The 32 KiB before the block, then the block (fastGen.hist); the block is filled in place. */
    history = new Uint8Array(MAX_MATCH_OFFSET + FAST_BLOCK_BYTES);
    view = new DataView(this.history.buffer);
    /** Where the block being filled starts in `history`: 0 for the first, 32768 after it. */
    blockStart = 0;
    cur = FAST_BLOCK_BYTES;
    table = new Int32Array(TABLE_SIZE);
    longCur = new Int32Array(TABLE_SIZE);
    longPrev = new Int32Array(TABLE_SIZE);
    // The match the search found, and where it stopped.
    s = 0;
    t = 0;
    length = 0;
    nextS = 0;
    end = 0;
    sLimit = 0;
    /** Moves the last 32 KiB of the block just encoded down, making room for the next block after it. */
    nextBlock(blockBytes) {
        const end = this.blockStart + blockBytes;
        this.history.copyWithin(0, end - MAX_MATCH_OFFSET, end);
        this.cur += end - MAX_MATCH_OFFSET;
        this.blockStart = MAX_MATCH_OFFSET;
        if (this.cur >= CUR_LIMIT)
            this.rebase();
    }
    /** Go's protection against `cur` wrapping: entries too far back to match become 0, the rest shift down. */
    rebase() {
        const oldest = this.cur + this.blockStart - MAX_MATCH_OFFSET;
        const shift = this.cur - FAST_BLOCK_BYTES;
        for (const table of [this.table, this.longCur, this.longPrev]) {
            for (let i = 0; i < TABLE_SIZE; i++)
                table[i] = table[i] <= oldest ? 0 : table[i] - shift;
        }
        this.cur = FAST_BLOCK_BYTES;
    }
    /** encode: the tokens of the `blockBytes`-byte block at blockStart, counted into `tokens`. */
    encode(tokens, blockBytes) {
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
            for (let i = nextEmit; i < matchStart; i++)
                tokens.literals[src[i]]++;
            tokens.count += matchStart - nextEmit;
            tokens.addMatchLong(this.length, distance - 1);
            repeat = distance;
            s = matchStart + this.length;
            nextEmit = s;
            if (this.nextS >= s)
                s = this.nextS + 1;
            if (s >= this.sLimit) {
                this.indexToEnd(this.nextS + 1);
                break;
            }
            this.indexBetween(this.nextS + 1, s - 1);
        }
        if (nextEmit < this.end && tokens.count > 0) {
            for (let i = nextEmit; i < this.end; i++)
                tokens.literals[src[i]]++;
            tokens.count += this.end - nextEmit;
        }
    }
    /**
     * The search loop: from `s`, skipping faster the longer it goes without a match, until a candidate from either
     * table matches 4 bytes. Sets this.s, this.t, this.length (0 when it is yet to be measured) and this.nextS;
     * returns false when it reaches the end of the block instead.
     */
    search(s, nextEmit, repeat) {
        const { view: src, table, longCur, longPrev, cur } = this;
        let low = load32(src, s);
        let high = load32(src, s + 4);
        let nextS = s;
        for (;;) {
            const hashShort = fast_hash_hash4(low);
            const hashLong = hash7Of(low, high);
            s = nextS;
            nextS = s + 1 + ((s - nextEmit) >> 7);
            if (nextS > this.sLimit)
                return false;
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
            if (this.tryLong(low, longCandidate - cur, longPrevious - cur, nextLow, nextHigh))
                return true;
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
    tryLong(low, t, t2, nextLow, nextHigh) {
        const { view: src, s } = this;
        if (s - t >= MAX_MATCH_OFFSET)
            return false;
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
    shortMatch(t, low, high, nextLow, nextHigh, repeat) {
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
        if (nextS - candidate >= MAX_MATCH_OFFSET)
            return;
        if (load32(src, candidate) === nextLow) {
            const length = this.matchLenLimited(nextS + 4, candidate + 4) + 4;
            if (length > this.length)
                this.set(nextS, candidate, length);
        }
        if (nextS - previous < MAX_MATCH_OFFSET && load32(src, previous) === nextLow) {
            const length = this.matchLenLimited(nextS + 4, previous + 4) + 4;
            if (length > this.length)
                this.set(nextS, previous, length);
        }
    }
    set(s, t, length) {
        this.s = s;
        this.t = t;
        this.length = length;
    }
    /** Enters nextS, whose bytes are (nextHigh, nextLow), in both tables. */
    storeNext(nextLow, nextHigh) {
        const entry = this.nextS + this.cur;
        this.table[fast_hash_hash4(nextLow)] = entry;
        const hashLong = hash7Of(nextLow, nextHigh);
        this.longPrev[hashLong] = this.longCur[hashLong];
        this.longCur[hashLong] = entry;
    }
    /** Measures the match, looks for a longer one ending where it ends, and extends it backwards. */
    extend(nextEmit) {
        const { history: bytes, view: src, end } = this;
        let { s, t, length } = this;
        if (length === 0)
            length = matchLength(src, bytes, s + 4, t + 4, end) + 4;
        else if (length === fast_level6_MAX_MATCH_LENGTH)
            length += matchLength(src, bytes, s + length, t + length, end);
        const at = s + length;
        if (at < this.sLimit) {
            const low = load32(src, at);
            const hashLong = hash7Of(low, load32(src, at + 4));
            const s2 = s + 2;
            let t2 = this.longCur[hashLong] - this.cur - length + 2;
            if (s2 - t2 < MAX_MATCH_OFFSET) {
                if (s2 - t2 > 0 && t2 >= 0) {
                    const length2 = matchLength(src, bytes, s2, t2, end);
                    if (length2 > length)
                        [t, length, s] = [t2, length2, s2];
                }
                t2 = this.longPrev[hashLong] - this.cur - length + 2;
                if (s2 - t2 > 0 && s2 - t2 < MAX_MATCH_OFFSET && t2 >= 0) {
                    const length2 = matchLength(src, bytes, s2, t2, end);
                    if (length2 > length)
                        [t, length, s] = [t2, length2, s2];
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
    indexToEnd(from) {
        const { view: src, table, longCur, longPrev, cur } = this;
        for (let i = from; i < this.end - 8; i += 2) {
            const low = load32(src, i);
            const hashLong = hash7Of(low, load32(src, i + 4));
            table[fast_hash_hash4(low)] = i + cur;
            longPrev[hashLong] = longCur[hashLong];
            longCur[hashLong] = i + cur;
        }
    }
    /** Inside a match: every second position in the 4-byte table, every position in the 7-byte one. */
    indexBetween(from, to) {
        const { view: src, table, longCur, longPrev, cur } = this;
        for (let i = from; i < to; i += 2) {
            const low = load32(src, i);
            const high = load32(src, i + 4);
            const first = hash7Of(low, high);
            const second = hash7After(low, high);
            table[fast_hash_hash4(low)] = i + cur;
            longPrev[first] = longCur[first];
            longCur[first] = i + cur;
            longPrev[second] = longCur[second];
            longCur[second] = i + 1 + cur;
        }
    }
    /** matchLenLimited: the match at s against t, at most 254 bytes and not past the block. */
    matchLenLimited(s, t) {
        return matchLength(this.view, this.history, s, t, fast_level6_min(s + fast_level6_MAX_MATCH_LENGTH - 4, this.end));
    }
}
/** The little-endian 32 bits at i (loadLE32). */
function load32(view, i) {
    return view.getInt32(i, true);
}

;// CONCATENATED MODULE: ./src/analysis/go-gzip/fast-writer.ts
// The size of what Go 1.27's huffmanBitWriter writes for level 6's blocks (huffman_bit_writer.go): a dynamic block
// may keep the previous block's Huffman table open and only end it (with its end-of-block code) when a new table,
// a fixed-code block or a stored block follows; writeBlockDynamic weighs reuse against a fresh table with
// EstimatedBits, writeBlockHuff codes literals only, and the stream ends with a 10-bit fixed-code final block.




/** Blocks with fewer tokens than this are also sized with the fixed code (maxPredefinedTokens). */
const MAX_PREDEFINED_TOKENS = 250;
/** Level 6's log2 penalty divisor on a new table's estimated size (logNewTablePenalty). */
const NEW_TABLE_PENALTY_LOG = 7;
/** writeBlockHuff's guess at a fresh table's header: 70 bytes. */
const GUESSED_HEADER_BITS = 70 * 8;
/** The distance code lengths of huffOffset, the one-code table written with literal-only blocks. */
const HUFF_OFFSET_LENGTHS = Uint8Array.of(1);
class FastWriter {
    /** Bits written so far. */
    bits = 0;
    /** The header bits of the table still open for reuse, 0 when the last block was ended (prevHeader). */
    prevHeader = 0;
    /** Whether the open table was written for literals only (wroteHuffman). */
    wroteHuffman = false;
    /** The current literal/length code (literalEncoding) and the spare one writeBlockHuff swaps in (tmpLitEncoding). */
    literalLengths = new Uint8Array(LITERAL_SYMBOLS);
    spareLengths = new Uint8Array(LITERAL_SYMBOLS);
    offsetLengths = new Uint8Array(OFFSET_SYMBOLS);
    literalFreq = new Int32Array(LITERAL_SYMBOLS);
    offsetFreq = new Int32Array(OFFSET_SYMBOLS);
    huffman = new HuffmanLengths();
    /** Writes the end-of-block code the open table still owes. */
    endOpenBlock() {
        if (this.prevHeader === 0)
            return;
        this.bits += this.literalLengths[END_OF_BLOCK];
        this.prevHeader = 0;
    }
    /** writeStoredHeader + writeBytes: `bytes` bytes stored as they are. */
    stored(bytes) {
        this.endOpenBlock();
        this.bits = afterStoredBlock(this.bits, bytes);
    }
    /** Close: the 10-bit fixed-code final block (writeStoredHeader with isEof) and the flush. Returns DEFLATE bytes. */
    finish() {
        this.endOpenBlock();
        return alignToByte(this.bits + 3 + 7) / 8;
    }
    /** writeBlockHuff: `input` coded as literals only, or stored when that saves too little. */
    huffmanBlock(input, sync) {
        const freq = this.literalFreq;
        freq.fill(0);
        for (let i = 0; i < input.length; i++)
            freq[input[i]]++;
        if (input.length > 1024 && nearlyUniform(freq, input.length))
            return this.stored(input.length);
        freq[END_OF_BLOCK] = 1;
        this.huffman.generate(freq, END_OF_BLOCK + 1, 15, this.spareLengths);
        let estimate = weightedBits(freq, this.spareLengths, END_OF_BLOCK + 1) + this.prevHeader;
        if (this.prevHeader === 0)
            estimate += GUESSED_HEADER_BITS;
        estimate += estimate >> NEW_TABLE_PENALTY_LOG;
        if ((input.length + 5) * 8 <= estimate)
            return this.stored(input.length);
        if (this.prevHeader > 0 && estimate < reuseBits(freq, this.literalLengths))
            this.endOpenBlock();
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
    dynamicBlock(tokens, inputBytes, sync) {
        if (sync) {
            tokens.lengthCodes[0]++;
            tokens.count++;
        }
        else
            tokens.lengthCodes[0] = 1;
        if (this.wroteHuffman && this.prevHeader > 0) {
            this.endOpenBlock();
            this.wroteHuffman = false;
        }
        if (this.prevHeader > 0 && !this.canReuse(tokens))
            this.endOpenBlock();
        const phantomOffset = this.indexTokens(tokens);
        const extraBits = extraBitsOf(this.literalFreq, this.offsetFreq);
        const storedBits = (inputBytes + 5) * 8;
        if (this.prevHeader > 0) {
            const size = this.reuseOrNewSize(tokens, extraBits);
            const fixedBits = tokens.count < MAX_PREDEFINED_TOKENS ? this.fixedSize(extraBits) + 7 : Infinity;
            if (fixedBits < size || storedBits <= size) {
                if (storedBits <= size)
                    return this.stored(inputBytes);
                return this.fixedBlock(extraBits, phantomOffset);
            }
        }
        if (this.prevHeader === 0) {
            const written = this.newTableBlock(tokens, extraBits, storedBits, inputBytes, phantomOffset);
            if (!written)
                return;
            if (!sync)
                this.prevHeader = written;
            this.wroteHuffman = false;
        }
        if (sync)
            this.prevHeader = 0;
        this.bits += this.tokenBits(phantomOffset, extraBits) + (sync ? this.literalLengths[END_OF_BLOCK] : 0);
    }
    /**
     * The reuse branch's size: the open table's cost, or, when EstimatedBits (plus the header, an end-of-block code
     * and the penalty) promises less, the estimate, ending the open block.
     */
    reuseOrNewSize(tokens, extraBits) {
        let newSize = this.prevHeader + estimatedBits(tokens);
        newSize += this.literalLengths[END_OF_BLOCK] + (newSize >> NEW_TABLE_PENALTY_LOG);
        const reuseSize = weightedBits(this.literalFreq, this.literalLengths, LITERAL_SYMBOLS) +
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
    newTableBlock(tokens, extraBits, storedBits, inputBytes, phantom) {
        this.literalFreq[END_OF_BLOCK] = 1;
        this.huffman.generate(this.literalFreq, LITERAL_SYMBOLS, 15, this.literalLengths);
        this.huffman.generate(this.offsetFreq, OFFSET_SYMBOLS, 15, this.offsetLengths);
        const literalCount = usedCount(this.literalFreq);
        const offsetCount = usedCount(this.offsetFreq);
        const header = this.huffman.headerBits(this.literalLengths, literalCount, this.offsetLengths, offsetCount);
        const size = header +
            weightedBits(this.literalFreq, this.literalLengths, LITERAL_SYMBOLS) +
            weightedBits(this.offsetFreq, this.offsetLengths, OFFSET_SYMBOLS) +
            extraBits;
        if (tokens.count < MAX_PREDEFINED_TOKENS) {
            const fixedBits = this.fixedSize(extraBits);
            if (fixedBits <= size) {
                if (storedBits <= fixedBits)
                    this.stored(inputBytes);
                else
                    this.fixedBlock(extraBits, phantom);
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
    indexTokens(tokens) {
        this.literalFreq.set(tokens.literals, 0);
        this.literalFreq.set(tokens.lengthCodes.subarray(0, LITERAL_SYMBOLS - END_OF_BLOCK), END_OF_BLOCK);
        this.offsetFreq.set(tokens.offsetCodes.subarray(0, OFFSET_SYMBOLS));
        if (usedCount(this.offsetFreq) > 0)
            return false;
        this.offsetFreq[0] = 1;
        return true;
    }
    /** canReuse: the open table has a code for every symbol the block uses. */
    canReuse(tokens) {
        const literalLengths = this.literalLengths;
        for (let code = 0; code < OFFSET_SYMBOLS; code++) {
            if (tokens.offsetCodes[code] !== 0 && this.offsetLengths[code] === 0)
                return false;
        }
        for (let i = 0; i < LITERAL_SYMBOLS - END_OF_BLOCK; i++) {
            if (tokens.lengthCodes[i] !== 0 && literalLengths[END_OF_BLOCK + i] === 0)
                return false;
        }
        for (let i = 0; i < 256; i++)
            if (tokens.literals[i] !== 0 && literalLengths[i] === 0)
                return false;
        return true;
    }
    /** fixedSize: the block with the fixed code, as Go compares it (a match-less block's phantom distance included). */
    fixedSize(extraBits) {
        let offsets = 0;
        for (let code = 0; code < OFFSET_SYMBOLS; code++)
            offsets += this.offsetFreq[code];
        return 3 + weightedBits(this.literalFreq, FIXED_LITERAL_LENGTHS, LITERAL_SYMBOLS) + offsets * FIXED_OFFSET_LENGTH + extraBits;
    }
    /** writeFixedHeader + writeTokens with the fixed code, its end-of-block code included. */
    fixedBlock(extraBits, phantomOffset) {
        this.endOpenBlock();
        this.bits += this.fixedSize(extraBits) - (phantomOffset ? FIXED_OFFSET_LENGTH : 0);
    }
    /** writeTokens with the current table, without the end-of-block code. */
    tokenBits(phantomOffset, extraBits) {
        const literals = weightedBits(this.literalFreq, this.literalLengths, LITERAL_SYMBOLS);
        const offsets = phantomOffset ? 0 : weightedBits(this.offsetFreq, this.offsetLengths, OFFSET_SYMBOLS);
        return literals - this.literalFreq[END_OF_BLOCK] * this.literalLengths[END_OF_BLOCK] + offsets + extraBits;
    }
}
/** The number of symbols up to the last one used. */
function usedCount(freq) {
    let count = freq.length;
    while (count > 0 && freq[count - 1] === 0)
        count--;
    return count;
}
/** canEncodeLen over the literals: their bits with `lengths`, or Infinity when one has no code. */
function reuseBits(freq, lengths) {
    let bits = 0;
    for (let i = 0; i < 256; i++) {
        if (freq[i] === 0)
            continue;
        if (lengths[i] === 0)
            return Infinity;
        bits += freq[i] * lengths[i];
    }
    return bits;
}
/** writeBlockHuff's quick check for incompressible input: byte counts all close to the average (float64, as Go). */
function nearlyUniform(freq, length) {
    const average = length / 256;
    const limit = length * 2;
    let sum = 0;
    for (let i = 0; i < 256; i++) {
        const diff = freq[i] - average;
        sum += diff * diff;
        if (sum >= limit)
            return false;
    }
    return true;
}

;// CONCATENATED MODULE: ./src/analysis/go-gzip/fast-deflate.ts
// Go 1.27's compress/flate at levels 1-6, driven as deflate.go's compressor drives it for level 6: the input is cut
// into blocks of exactly 65535 bytes (the window fills before each step), each block is matched by FastLevel6 and
// written by FastWriter as stored, literal-only or dynamic (deflateFast); at close the last block is encoded with
// sync set, ending its table. Blocks fill only up to 65535 bytes whatever the Write sizes, so unlike the classic
// compressor, how the stream is cut into Writes never changes the output.



// Math's functions bound once: a global lookup per call is costly where globals are proxied (Jest's vm context).
const { min: fast_deflate_min } = Math;
/** Final blocks this short are stored, up to 128 bytes coded as literals only (deflateFast). */
const STORED_TAIL_BYTES = 32;
const LITERAL_TAIL_BYTES = 128;
class FastDeflate {
    encoder = new FastLevel6();
    tokens = new FastTokens();
    writer = new FastWriter();
    /** Bytes in the block being filled (windowEnd). */
    filledBytes = 0;
    /** Go's Write: a full block is encoded when more input arrives for the next one (compressor.write). */
    append(chunk) {
        const { encoder } = this;
        let taken = 0;
        while (taken < chunk.length) {
            if (this.filledBytes === FAST_BLOCK_BYTES)
                this.step(false);
            const copied = fast_deflate_min(chunk.length - taken, FAST_BLOCK_BYTES - this.filledBytes);
            encoder.history.set(chunk.subarray(taken, taken + copied), encoder.blockStart + this.filledBytes);
            this.filledBytes += copied;
            taken += copied;
        }
    }
    /** Close: the last block with sync, then the final block. Returns the DEFLATE stream's length in bytes. */
    finish() {
        this.step(true);
        return this.writer.finish();
    }
    /** deflateFast: encode and write the block. */
    step(sync) {
        const { encoder, tokens, writer } = this;
        const bytes = this.filledBytes;
        const block = encoder.history.subarray(encoder.blockStart, encoder.blockStart + bytes);
        if (bytes < FAST_BLOCK_BYTES) {
            if (!sync || bytes === 0)
                return;
            if (bytes < LITERAL_TAIL_BYTES) {
                if (bytes <= STORED_TAIL_BYTES)
                    writer.stored(bytes);
                else
                    writer.huffmanBlock(block, true);
                this.filledBytes = 0;
                return;
            }
        }
        encoder.encode(tokens, bytes);
        if (tokens.count === 0)
            writer.stored(bytes);
        else if (tokens.count > bytes - (bytes >> 4))
            writer.huffmanBlock(block, sync);
        else
            writer.dynamicBlock(tokens, bytes, sync);
        tokens.reset();
        this.filledBytes = 0;
        encoder.nextBlock(bytes);
    }
}

;// CONCATENATED MODULE: ./src/analysis/go-gzip/sizer.ts
// The exact size of what Go's compress/gzip writes at the default level, as `docker push` does to each layer of the
// classic image store (moby distribution/push.go compress(): gzip.NewWriter over a bufio writer, fed by io.Copy).
// Go's DEFLATE changed in Go 1.27 (a port of klauspost/compress/flate, golang/go commit 388145c51b), so the size
// depends on the Go version the engine was built with: `classic` models Go 1.7 to 1.26, `go1.27` Go 1.27 and later.
// Synchronous, allocation-free per byte and dependency-free, so it can run in a worker thread.



/** gzip.Writer's 10-byte header (no name, comment or extra field) and its 8-byte trailer (CRC-32 and length). */
const GZIP_FRAMING_BYTES = 18;
/** The first Go release whose compress/flate this models (Go 1.7 rewrote the block writer). */
const FIRST_CLASSIC_MINOR = 7;
const FIRST_GO127_MINOR = 27;
/** The compressor generation of an engine built with `goVersion` (`docker version`'s Server.GoVersion, e.g. go1.19.8). */
function goGzipGeneration(goVersion) {
    const match = /^go1\.(\d+)(?![\d])/.exec(goVersion.trim());
    if (!match)
        return undefined;
    const minor = Number(match[1]);
    if (minor >= FIRST_GO127_MINOR)
        return 'go1.27';
    return minor >= FIRST_CLASSIC_MINOR ? 'classic' : undefined;
}
/**
 * Measures one gzip stream: write() the bytes in chunks of any size, then finish() for the total. How the bytes are
 * cut into chunks does not matter: Go's Writes are those `writes` describes.
 */
class GoGzipSizer {
    generation;
    engine;
    layerWrites;
    result;
    constructor(generation, writes = 'docker-layer') {
        this.generation = generation;
        const engine = generation === 'classic' ? new ClassicDeflate() : new FastDeflate();
        this.engine = engine;
        // Go 1.27's output never depends on the Writes (fast-deflate.ts).
        if (engine instanceof ClassicDeflate && writes === 'docker-layer')
            this.layerWrites = new DockerLayerWrites(engine);
    }
    write(chunk) {
        if (this.result !== undefined)
            throw new Error('GoGzipSizer: write after finish');
        if (this.layerWrites)
            this.layerWrites.push(chunk);
        else
            this.engine.append(chunk);
    }
    /** Closes the stream and returns its gzip size in bytes, header and trailer included. */
    finish() {
        this.result ??= this.engine.finish() + GZIP_FRAMING_BYTES;
        return this.result;
    }
}

;// CONCATENATED MODULE: ./src/analysis/go-gzip/worker.ts
// The worker thread that runs the Go gzip size models (bundled on its own into dist/gzip-worker by
// scripts/package.mjs): it keeps one GoGzipSizer per layer the pool opened on it, takes their bytes in order,
// and answers each layer's total when it is finished, and how many bytes it has taken, so the pool can hold
// the reader back when compression falls behind.


/** Serves a pool: every message is about one layer's sizer, by its id. */
function serveGoGzip(port) {
    const sizers = new Map();
    port.on('message', (message) => {
        try {
            if (message.kind === 'open')
                sizers.set(message.id, new GoGzipSizer(message.generation));
            else if (message.kind === 'write') {
                sizers.get(message.id).write(message.chunk);
                port.postMessage({ kind: 'taken', id: message.id, bytes: message.chunk.length });
            }
            else {
                const bytes = sizers.get(message.id).finish();
                sizers.delete(message.id);
                port.postMessage({ kind: 'size', id: message.id, bytes });
            }
        }
        catch (error) {
            sizers.delete(message.id);
            port.postMessage({ kind: 'failed', id: message.id, message: error.message });
        }
    });
}
if (external_node_worker_threads_namespaceObject.parentPort)
    serveGoGzip(external_node_worker_threads_namespaceObject.parentPort);

var __webpack_exports__serveGoGzip = __webpack_exports__.Q;
export { __webpack_exports__serveGoGzip as serveGoGzip };
