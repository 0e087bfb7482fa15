// A deterministic corpus for the Go gzip size models (src/analysis/go-gzip/): every case is generated from a
// seeded generator, so the tests commit no data, only the sizes Go printed for these exact bytes. Each case aims at
// a path of Go's compressors: the empty stream, the shortest blocks (stored, fixed code), text, runs, random
// (stored) and skewed (literal-only) data, binaries and tars, matches at the window's edge, and streams long
// enough for many window slides and blocks.

export interface CorpusCase {
  name: string;
  bytes: Uint8Array;
}

/** mulberry32: a small seeded generator of 32-bit values. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const encoder = new TextEncoder();

function randomBytes(seed: number, length: number): Uint8Array {
  const next = seededRandom(seed);
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = next() & 255;
  return bytes;
}

/** Bytes drawn with a geometric bias towards small values: compressible by Huffman coding, not by matches. */
function skewedBytes(seed: number, length: number): Uint8Array {
  const next = seededRandom(seed);
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.min(255, Math.clz32(next() | 1) * 9 + (next() % 9));
  return bytes;
}

/** Prose-like text: words from a seeded vocabulary, the common ones much more often, with punctuation. */
export function text(seed: number, length: number): Uint8Array {
  const next = seededRandom(seed);
  const vocabulary: string[] = [];
  for (let w = 0; w < 400; w++) {
    let word = '';
    for (let k = 2 + (next() % 8); k > 0; k--) word += String.fromCharCode(97 + (next() % 26));
    vocabulary.push(word);
  }
  let out = '';
  while (out.length < length) {
    const rank = Math.floor(vocabulary.length * Math.pow((next() % 10000) / 10000, 3));
    out += vocabulary[rank];
    const r = next() % 20;
    out += r === 0 ? '.\n' : r === 1 ? ', ' : ' ';
  }
  return encoder.encode(out.slice(0, length));
}

/** Machine-code-like bytes: a skewed opcode alphabet, repeated instruction sequences, tables of records, padding. */
function binary(seed: number, length: number): Uint8Array {
  const next = seededRandom(seed);
  const bytes = new Uint8Array(length);
  const snippets = Array.from({ length: 64 }, () => skewedBytes(next(), 4 + (next() % 28)));
  let at = 0;
  while (at < length) {
    const kind = next() % 10;
    if (kind < 6) {
      const snippet = snippets[next() % snippets.length];
      bytes.set(snippet.subarray(0, length - at), at);
      at += snippet.length;
      if (at < length) bytes[at++] = next() & 255;
    } else if (kind < 8) {
      // A table of 24-byte records with a counting field, as in ELF symbol and relocation tables.
      const base = next();
      for (let r = 0; r < 20 && at + 24 <= length; r++, at += 24) {
        bytes[at] = (base + r * 8) & 255;
        bytes[at + 1] = ((base + r * 8) >> 8) & 255;
        bytes[at + 8] = r & 255;
        bytes[at + 16] = next() & 15;
      }
    } else if (kind < 9) {
      at += next() % 300; // zero padding
    } else {
      const words = text(next(), 20 + (next() % 200));
      bytes.set(words.subarray(0, length - at), at);
      at += words.length;
    }
  }
  return bytes;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** A ustar header block, its checksum computed. */
function tarHeader(name: string, size: number, type: string, mtime: number): Uint8Array {
  const header = new Uint8Array(512);
  const put = (value: string, at: number) => header.set(encoder.encode(value), at);
  put(name.slice(0, 100), 0);
  put(octal(0o644, 8), 100);
  put(octal(0, 8), 108);
  put(octal(0, 8), 116);
  put(octal(size, 12), 124);
  put(octal(mtime, 12), 136);
  put('        ', 148);
  put(type, 156);
  put('ustar\x0000', 257);
  let sum = 0;
  for (const b of header) sum += b;
  put(octal(sum, 7), 148);
  return header;
}

/** A header and its data, padded to whole blocks. */
function tarMember(name: string, body: Uint8Array, type: string, mtime: number): Uint8Array[] {
  return [tarHeader(name, body.length, type, mtime), body, new Uint8Array((512 - (body.length % 512)) % 512)];
}

/** PAX records: "<length> <key>=<value>\n", the length counting itself. */
function paxRecords(records: Record<string, string>): Uint8Array {
  let out = '';
  for (const [key, value] of Object.entries(records)) {
    const rest = ` ${key}=${value}\n`;
    let length = rest.length + 1;
    while (String(length).length + rest.length !== length) length++;
    out += length + rest;
  }
  return encoder.encode(out);
}

export interface TarEntry {
  name: string;
  body?: Uint8Array;
  /** The type flag: '0' file (the default), '5' directory, '2' symlink... */
  type?: string;
  /** PAX records for this entry, written in a PAX header before it. */
  pax?: Record<string, string>;
  /** Write the name in a GNU long-name entry before the header. */
  gnuLongName?: boolean;
}

/** A tar as Go's archive/tar writes one, with PAX, global PAX and GNU long-name headers where asked. */
export function tarOf(entries: TarEntry[], globalPax?: Record<string, string>): Uint8Array {
  const parts: Uint8Array[] = [];
  if (globalPax) parts.push(...tarMember('pax_global_header', paxRecords(globalPax), 'g', 0));
  entries.forEach((entry, index) => {
    const body = entry.body ?? new Uint8Array(0);
    if (entry.pax) parts.push(...tarMember(`PaxHeaders/${index}`, paxRecords(entry.pax), 'x', 0));
    if (entry.gnuLongName) parts.push(...tarMember('././@LongLink', encoder.encode(entry.name + '\0'), 'L', 0));
    parts.push(...tarMember(entry.name, body, entry.type ?? '0', 1546300800 + index));
  });
  parts.push(new Uint8Array(1024));
  return concat(parts);
}

/** A ustar archive of generated files, laid out as Go's archive/tar writes them. */
export function tarArchive(seed: number, files: number): Uint8Array {
  const next = seededRandom(seed);
  const entries: TarEntry[] = [];
  for (let f = 0; f < files; f++) {
    const size = [0, 1, 100, 511, 512, 513, 5000, 40000, 70000][next() % 9];
    const body = next() % 2 === 0 ? text(next(), size) : binary(next(), size);
    entries.push({ name: `usr/lib/gen/dir${f % 7}/file-${f}-${next() % 1000}.bin`, body });
  }
  return tarOf(entries);
}

/**
 * A layer whose first file's data ends 65535 bytes into the tar, where docker's next Write begins: the classic
 * compressor's search stops at window index 65274 there, and the window slides before it finds the copy of the
 * 64 bytes at 65274 that sits 32600 bytes back.
 */
function windowEdgeLayer(seed: number): Uint8Array {
  const first = skewedBytes(seed, 65535 - 512);
  first.copyWithin(65274 - 512, 65274 - 512 - 32600, 65274 - 512 - 32600 + 64);
  return tarOf([
    { name: 'a.bin', body: first },
    { name: 'b.bin', body: skewedBytes(seed + 1, 40000) },
  ]);
}

/** A layer with every kind of header tar-split writes as one piece: PAX, global PAX, GNU long names, empty files. */
function headersLayer(seed: number): Uint8Array {
  const next = seededRandom(seed);
  const entries: TarEntry[] = [];
  for (let f = 0; f < 60; f++) {
    const long = `usr/share/generated/${'very-long-directory-name/'.repeat(1 + (f % 5))}file-${f}.txt`;
    const kind = f % 6;
    entries.push({
      name: kind === 1 ? `dir${f}/` : long,
      type: kind === 1 ? '5' : kind === 2 ? '2' : '0',
      body: kind < 3 ? undefined : kind === 3 ? binary(next(), 70000 + (next() % 50000)) : text(next(), next() % 3000),
      pax: kind === 4 ? { path: long, 'SCHILY.xattr.security.capability': 'x'.repeat(f * 7) } : undefined,
      gnuLongName: kind === 5,
    });
  }
  return tarOf(entries, { comment: 'global header '.repeat(40) });
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Skewed bytes in which the bytes at `at` repeat those `distance` bytes earlier: a match at the window's edge. */
function farRepeat(seed: number, length: number, at: number, distance: number): Uint8Array {
  const bytes = skewedBytes(seed, length);
  bytes.copyWithin(at, at - distance, at - distance + 64);
  return bytes;
}

/** Several megabytes of everything above, one after the other. */
function mixed(seed: number, length: number): Uint8Array {
  const next = seededRandom(seed);
  const parts: Uint8Array[] = [];
  let total = 0;
  while (total < length) {
    const size = 1000 + (next() % 300000);
    const makers = [
      () => text(next(), size),
      () => binary(next(), size),
      () => skewedBytes(next(), size),
      () => randomBytes(next(), size % 70000),
      () => tarArchive(next(), 12),
      () => new Uint8Array(size % 5000).fill(next() & 255),
    ];
    const part = makers[next() % makers.length]();
    parts.push(part);
    total += part.length;
  }
  return concat(parts).subarray(0, length);
}

export function goGzipCorpus(): CorpusCase[] {
  const cases: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['one byte', encoder.encode('a')],
    ['hello', encoder.encode('hello')],
    ['32 bytes of text', text(1, 32)],
    ['33 bytes of text', text(2, 33)],
    ['127 random bytes', randomBytes(3, 127)],
    ['128 random bytes', randomBytes(4, 128)],
    ['200 bytes of text', text(5, 200)],
    ['1 KiB of text', text(6, 1024)],
    ['100 KB of text', text(7, 100_000)],
    ['300 KB run of one byte', new Uint8Array(300_000).fill(0x61)],
    ['65535 zeros', new Uint8Array(65535)],
    ['65536 zeros', new Uint8Array(65536)],
    ['200 KB random', randomBytes(8, 200_000)],
    ['1025 random bytes', randomBytes(9, 1025)],
    ['150 KB skewed bytes', skewedBytes(10, 150_000)],
    ['300 KB binary', binary(11, 300_000)],
    ['tar of 40 files', tarArchive(12, 40)],
    ['match 32768 back at 65274', farRepeat(13, 100_000, 65274, 32768)],
    ['match 32600 back at 65274', farRepeat(14, 100_000, 65274, 32600)],
    ['match 32769 back at 98100', farRepeat(15, 140_000, 98100, 32769)],
    ['text repeated 32760 bytes later', concat([text(16, 20_000), skewedBytes(17, 12_760), text(16, 30_000)])],
    ['layer whose data ends at window index 65535', windowEdgeLayer(20)],
    ['layer with PAX, GNU and global headers', headersLayer(21)],
    ['5 blocks of 65535 and 1 byte', binary(18, 65535 * 5 + 1)],
    ['4 MB mixed', mixed(19, 4_000_000)],
  ];
  return cases.map(([name, bytes]) => ({ name, bytes }));
}
