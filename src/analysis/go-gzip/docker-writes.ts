// Where `docker push` cuts a layer tar into Writes to its gzip writer, for the classic compressor, whose output can
// depend on them (classic-deflate.ts). The classic image store rebuilds a layer's tar with tar-split
// (asm.WriteOutputTarStream) into a pipe: one Write per entry's raw header bytes (the previous file's padding, any
// PAX or GNU long-name headers and their data, the header itself), then the file's data in Reads of 32 KiB from
// disk; the end of the archive (padding and the two zero blocks) is one more Write. Through the pipes and io.Copy
// to gzip, every Read returns part of one Write only, at most 32 KiB. So this walks the tar's headers as Go's
// archive/tar does and starts a new Write at each of those places. Input that is not a tar is cut every 32 KiB,
// which gives the same output as one Write.

/** What receives the Writes: the start of each, then its bytes in any number of parts. */
export interface WriteSink {
  startWrite(): void;
  append(bytes: Uint8Array): void;
}

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

type Phase = 'header' | 'skip' | 'special' | 'data' | 'trailer';

export class DockerLayerWrites {
  private phase: Phase = 'header';
  /** Bytes of the Write in progress, 0 when the next byte starts a new one. */
  private inWrite = 0;
  private readonly header = new Uint8Array(BLOCK);
  private headerFilled = 0;
  /** Bytes left of the padding, the special file or the file data being passed. */
  private remaining = 0;
  /** The padding after the special file or file data being passed, if any. */
  private padding = 0;
  /** The type of the special file being read, and its data. */
  private specialType = 0;
  private special: Uint8Array = new Uint8Array(0);
  private specialFilled = 0;
  /** The size a PAX header gave the next entry. */
  private paxSize: number | undefined;
  private zeroBlocks = 0;

  constructor(private readonly sink: WriteSink) {}

  push(chunk: Uint8Array): void {
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
      } else if (phase === 'special') {
        this.special.set(part, this.specialFilled);
        this.specialFilled += taken;
      }
      this.forward(part);
      if (phase !== 'header') this.remaining -= taken;
      if (phase === 'header' && this.headerFilled === BLOCK) {
        this.headerFilled = 0;
        this.onHeader();
      } else if (phase !== 'header' && this.remaining === 0) this.onPassed(phase);
    }
  }

  /** Gives bytes to the sink, starting a new Write where the current one reaches 32 KiB. */
  private forward(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length) {
      if (this.inWrite === 0) this.sink.startWrite();
      const taken = Math.min(READ_BYTES - this.inWrite, bytes.length - at);
      this.sink.append(bytes.subarray(at, at + taken));
      at += taken;
      this.inWrite = (this.inWrite + taken) % READ_BYTES;
    }
  }

  /** The next byte starts a new Write. */
  private endWrite(): void {
    this.inWrite = 0;
  }

  private onHeader(): void {
    const header = this.header;
    if (header.every((byte) => byte === 0)) {
      // Two zero blocks end the archive; what follows is read in pieces of its own.
      if (++this.zeroBlocks === 2) this.toTrailer(true);
      return;
    }
    const size = this.zeroBlocks === 0 && checksumMatches(header) ? sizeField(header) : undefined;
    if (size === undefined) return this.toTrailer();
    const type = header[156];
    if (type === PAX || type === PAX_GLOBAL || type === GNU_LONG_NAME || type === GNU_LONG_LINK) {
      if (size > MAX_SPECIAL_BYTES) return this.toTrailer();
      this.specialType = type;
      this.special = new Uint8Array(size);
      this.specialFilled = 0;
      return this.pass('special', size);
    }
    // A real entry: its headers are one Write, its data the next ones.
    const dataBytes = HEADER_ONLY.has(type) ? 0 : (this.paxSize ?? size);
    this.paxSize = undefined;
    this.endWrite();
    if (dataBytes > 0) this.pass('data', dataBytes);
  }

  /** Passes `bytes` bytes of padding, special file or file data, then their padding. */
  private pass(phase: Phase, bytes: number): void {
    this.padding = phase === 'skip' ? 0 : (BLOCK - (bytes % BLOCK)) % BLOCK;
    if (bytes === 0) return this.onPassed(phase);
    this.phase = phase;
    this.remaining = bytes;
  }

  private onPassed(phase: Phase): void {
    this.phase = 'header';
    if (phase === 'data') this.endWrite();
    if (phase === 'special') {
      if (this.specialType === PAX) this.paxSize = paxSize(this.special) ?? this.paxSize;
      // archive/tar returns a global header as an entry of its own: its padding starts the next Write.
      if (this.specialType === PAX_GLOBAL) this.endWrite();
    }
    if (phase !== 'skip' && this.padding > 0) this.pass('skip', this.padding);
  }

  /** After the archive's end, or where the bytes stop being a tar (tar-split would refuse them): 32 KiB Writes. */
  private toTrailer(endWrite = false): void {
    if (endWrite) this.endWrite();
    this.phase = 'trailer';
  }
}

/** archive/tar's header check: the stored checksum equals the sum of the header's bytes, its own field as spaces. */
function checksumMatches(header: Uint8Array): boolean {
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
function sizeField(header: Uint8Array): number | undefined {
  if (header[124] & 0x80) {
    let value = header[124] & 0x7f;
    for (let i = 125; i < 136; i++) value = value * 256 + header[i];
    return value;
  }
  return octal(header, 124, 12);
}

/** An octal field, NULs and spaces around it ignored (archive/tar parseOctal); undefined if it is not octal. */
function octal(header: Uint8Array, from: number, length: number): number | undefined {
  let start = from;
  let end = from + length;
  while (start < end && (header[start] === 0 || header[start] === SPACE)) start++;
  while (end > start && (header[end - 1] === 0 || header[end - 1] === SPACE)) end--;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = header[i] - ZERO;
    if (digit < 0 || digit > 7) return undefined;
    value = value * 8 + digit;
  }
  return value;
}

/** The "size" record of a PAX header's records ("<length> <key>=<value>\n" each), if it has one. */
function paxSize(records: Uint8Array): number | undefined {
  let size: number | undefined;
  for (let at = 0; at < records.length;) {
    let length = 0;
    let i = at;
    for (; i < records.length && records[i] !== SPACE; i++) length = length * 10 + records[i] - ZERO;
    if (length <= 0 || at + length > records.length) break;
    if (startsWith(records, i + 1, SIZE_KEY)) size = decimal(records, i + 1 + SIZE_KEY.length, at + length - 1);
    at += length;
  }
  return size;
}

function startsWith(bytes: Uint8Array, at: number, prefix: Uint8Array): boolean {
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

function decimal(bytes: Uint8Array, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + bytes[i] - ZERO;
  return value;
}
