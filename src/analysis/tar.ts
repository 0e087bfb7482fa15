// A synchronous, push-style tar reader: bytes go in with write(), entries come out as calls on the
// handler, and an entry's data is handed over as views of the input chunks, never copied. It reads what
// Go's archive/tar writes (Docker's layers and `docker save`): ustar, PAX extended headers (path, linkpath,
// size) and GNU long names, and follows Go in treating links, devices, directories and FIFOs as having no
// data whatever their size field says. It is synchronous so that a layer with 20,000 small files costs no
// stream objects or promises per file (see BENCHMARKS.md).

export type TarEntryType =
  'file' | 'link' | 'symlink' | 'character-device' | 'block-device' | 'directory' | 'fifo' | 'contiguous-file' | 'other';

export interface TarHeader {
  /** The member's name as stored (a PAX path or GNU long name when there is one). */
  name: string;
  type: TarEntryType;
  /** Bytes of data that follow the header (0 for header-only types). */
  size: number;
  mode: number;
  linkName: string;
  /** Bytes of the link target as stored (a symlink's size on disk, whatever its encoding). */
  linkNameBytes: number;
}

/** Receives one entry's data; `end` is called once all of it has been given. */
export interface TarEntrySink {
  data(chunk: Buffer): void;
  end(): void;
}

/** Called for every entry; returns where its data should go, or undefined to skip it. */
export type TarEntryHandler = (header: TarHeader) => TarEntrySink | undefined;

export class TarFormatError extends Error {}

const BLOCK = 512;

const TYPES: Record<string, TarEntryType> = {
  '0': 'file',
  '\0': 'file',
  '1': 'link',
  '2': 'symlink',
  '3': 'character-device',
  '4': 'block-device',
  '5': 'directory',
  '6': 'fifo',
  '7': 'contiguous-file',
};
const HEADER_ONLY = new Set<TarEntryType>(['link', 'symlink', 'character-device', 'block-device', 'directory', 'fifo']);

interface Overrides {
  path?: string;
  linkpath?: string;
  linkpathBytes?: number;
  size?: number;
}

type State =
  | { kind: 'header' }
  | { kind: 'data'; remaining: number; padding: number; sink?: TarEntrySink }
  | { kind: 'meta'; remaining: number; padding: number; type: string; parts: Buffer[] }
  | { kind: 'padding'; remaining: number }
  | { kind: 'ended' };

export class TarReader {
  private state: State = { kind: 'header' };
  /** A header split across chunks is gathered here. */
  private readonly headerBuffer = Buffer.alloc(BLOCK);
  private headerFilled = 0;
  /** Byte offset of the next byte to read, for error messages. */
  private offset = 0;
  /** PAX and GNU overrides for the next entry, and PAX globals for all that follow. */
  private next: Overrides = {};
  private global: Overrides = {};

  constructor(private readonly onEntry: TarEntryHandler) {}

  write(chunk: Buffer): void {
    let position = 0;
    while (position < chunk.length) {
      const state = this.state;
      switch (state.kind) {
        case 'ended':
          // Whatever follows the end-of-archive block (the rest of the record) is padding.
          this.offset += chunk.length - position;
          return;
        case 'header': {
          let block: Buffer;
          if (this.headerFilled === 0 && chunk.length - position >= BLOCK) {
            block = chunk.subarray(position, position + BLOCK);
            position += BLOCK;
          } else {
            const taken = Math.min(BLOCK - this.headerFilled, chunk.length - position);
            chunk.copy(this.headerBuffer, this.headerFilled, position, position + taken);
            this.headerFilled += taken;
            position += taken;
            if (this.headerFilled < BLOCK) {
              this.offset += taken;
              return;
            }
            block = this.headerBuffer;
            this.headerFilled = 0;
            this.offset -= BLOCK - taken;
          }
          this.readHeader(block);
          this.offset += BLOCK;
          break;
        }
        case 'data':
        case 'meta': {
          const taken = Math.min(state.remaining, chunk.length - position);
          if (taken > 0) {
            const piece = chunk.subarray(position, position + taken);
            if (state.kind === 'data') state.sink?.data(piece);
            else state.parts.push(Buffer.from(piece));
          }
          state.remaining -= taken;
          position += taken;
          this.offset += taken;
          if (state.remaining === 0) {
            if (state.kind === 'data') state.sink?.end();
            else this.readMeta(state.type, Buffer.concat(state.parts));
            this.state = state.padding > 0 ? { kind: 'padding', remaining: state.padding } : { kind: 'header' };
          }
          break;
        }
        case 'padding': {
          const taken = Math.min(state.remaining, chunk.length - position);
          state.remaining -= taken;
          position += taken;
          this.offset += taken;
          if (state.remaining === 0) this.state = { kind: 'header' };
          break;
        }
      }
    }
  }

  /** Checks that the archive did not stop in the middle of an entry. */
  end(): void {
    const kind = this.state.kind;
    if (kind === 'data' || kind === 'meta' || kind === 'padding' || (kind === 'header' && this.headerFilled > 0)) {
      throw new TarFormatError(`the tar stream ends in the middle of an entry (at byte ${this.offset})`);
    }
  }

  private readHeader(block: Buffer): void {
    if (isZeroBlock(block)) {
      this.state = { kind: 'ended' };
      return;
    }
    verifyChecksum(block, this.offset);
    const typeFlag = String.fromCharCode(block[156]);
    const storedSize = readNumber(block, 124, 12, this.offset);
    if (typeFlag === 'x' || typeFlag === 'g' || typeFlag === 'L' || typeFlag === 'K') {
      const size = storedSize;
      const padding = (BLOCK - (size % BLOCK)) % BLOCK;
      if (size > 16 * 1024 * 1024) throw new TarFormatError(`a tar extended header of ${size} bytes at byte ${this.offset} is too large`);
      this.state = { kind: 'meta', remaining: size, padding, type: typeFlag, parts: [] };
      if (size === 0) {
        this.readMeta(typeFlag, Buffer.alloc(0));
        this.state = { kind: 'header' };
      }
      return;
    }
    const type = TYPES[typeFlag] ?? 'other';
    const size = this.next.size ?? this.global.size ?? storedSize;
    const header: TarHeader = {
      name: this.next.path ?? this.global.path ?? headerName(block),
      type,
      size: HEADER_ONLY.has(type) ? 0 : size,
      mode: readNumber(block, 100, 8, this.offset),
      linkName: this.next.linkpath ?? this.global.linkpath ?? cString(block, 157, 100),
      linkNameBytes: this.next.linkpathBytes ?? this.global.linkpathBytes ?? cStringLength(block, 157, 100),
    };
    this.next = {};
    const sink = this.onEntry(header);
    if (header.size === 0) {
      sink?.end();
      this.state = { kind: 'header' };
    } else {
      this.state = { kind: 'data', remaining: header.size, padding: (BLOCK - (header.size % BLOCK)) % BLOCK, sink };
    }
  }

  private readMeta(type: string, data: Buffer): void {
    if (type === 'L') this.next.path = cString(data, 0, data.length);
    else if (type === 'K') {
      this.next.linkpath = cString(data, 0, data.length);
      this.next.linkpathBytes = cStringLength(data, 0, data.length);
    } else Object.assign(type === 'x' ? this.next : this.global, parsePaxRecords(data, this.offset));
  }
}

function isZeroBlock(block: Buffer): boolean {
  for (let index = 0; index < BLOCK; index += 1) if (block[index] !== 0) return false;
  return true;
}

function verifyChecksum(block: Buffer, offset: number): void {
  let unsigned = 0;
  let signed = 0;
  for (let index = 0; index < BLOCK; index += 1) {
    const byte = index >= 148 && index < 156 ? 0x20 : block[index];
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  const stored = readOctal(block, 148, 8);
  if (stored !== unsigned && stored !== signed) throw new TarFormatError(`not a valid tar header at byte ${offset} (checksum mismatch)`);
}

/** A NUL-terminated string field. */
function cString(buffer: Buffer, start: number, length: number): string {
  return buffer.toString('utf8', start, start + cStringLength(buffer, start, length));
}

function cStringLength(buffer: Buffer, start: number, length: number): number {
  let end = start;
  const limit = start + length;
  while (end < limit && buffer[end] !== 0) end += 1;
  return end - start;
}

/** The name, with the ustar prefix when the header is POSIX ustar (GNU headers use that field for times). */
function headerName(block: Buffer): string {
  const name = cString(block, 0, 100);
  const posix = block[257] === 0x75 && block[262] === 0 && block.toString('latin1', 257, 262) === 'ustar';
  if (!posix || block[345] === 0) return name;
  return `${cString(block, 345, 155)}/${name}`;
}

function readOctal(buffer: Buffer, start: number, length: number): number {
  let value = 0;
  let index = start;
  const end = start + length;
  while (index < end && (buffer[index] === 0x20 || buffer[index] === 0)) index += 1;
  for (; index < end; index += 1) {
    const byte = buffer[index];
    if (byte < 0x30 || byte > 0x37) break;
    value = value * 8 + (byte - 0x30);
  }
  return value;
}

/** A numeric field: octal text, or GNU's base-256 binary when the first byte's high bit is set. */
function readNumber(buffer: Buffer, start: number, length: number, offset: number): number {
  if ((buffer[start] & 0x80) === 0) return readOctal(buffer, start, length);
  if (buffer[start] === 0xff) throw new TarFormatError(`a negative number in the tar header at byte ${offset}`);
  let value = buffer[start] & 0x7f;
  for (let index = start + 1; index < start + length; index += 1) value = value * 256 + buffer[index];
  if (!Number.isSafeInteger(value)) throw new TarFormatError(`a number too large in the tar header at byte ${offset}`);
  return value;
}

/** PAX records: "<length> <key>=<value>\n", the length counting the whole record. */
function parsePaxRecords(data: Buffer, offset: number): Overrides {
  const overrides: Overrides = {};
  let position = 0;
  while (position < data.length) {
    const space = data.indexOf(0x20, position);
    const length = space > position ? Number(data.toString('latin1', position, space)) : NaN;
    if (!Number.isInteger(length) || length <= 0 || position + length > data.length) {
      if (data.subarray(position).every((byte) => byte === 0)) break;
      throw new TarFormatError(`a malformed PAX record in the tar header before byte ${offset}`);
    }
    const record = data.toString('utf8', space + 1, position + length - 1);
    const equals = record.indexOf('=');
    const key = record.slice(0, equals);
    const value = record.slice(equals + 1);
    if (key === 'path') overrides.path = value;
    else if (key === 'linkpath') {
      overrides.linkpath = value;
      // The record's bytes after "linkpath=", up to its closing newline.
      overrides.linkpathBytes = position + length - 1 - (space + 1) - 'linkpath='.length;
    } else if (key === 'size') {
      const size = Number(value);
      if (!Number.isSafeInteger(size) || size < 0)
        throw new TarFormatError(`a PAX size "${value}" that is not a byte count, before byte ${offset}`);
      overrides.size = size;
    }
    position += length;
  }
  return overrides;
}
