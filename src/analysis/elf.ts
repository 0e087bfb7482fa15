// Pure: what an ELF binary's headers say about it: is it static, does it carry a symbol table or debug
// sections, and how many bytes would `strip` (or Go's -ldflags '-s -w') remove.
// Only the file header, the program headers and the section headers are read; never the sections.

export interface ElfHeader {
  /** e_type: 1 relocatable object, 2 executable, 3 shared object or position-independent executable. */
  fileType: number;
  is64Bit: boolean;
  littleEndian: boolean;
  programHeaderOffset: number;
  programHeaderEntrySize: number;
  programHeaderCount: number;
  sectionHeaderOffset: number;
  sectionHeaderEntrySize: number;
  sectionHeaderCount: number;
  sectionNameTableIndex: number;
}

export const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
export const ELF_HEADER_BYTES = 64;
export const ELF_TYPE_RELOCATABLE = 1;

const PT_INTERP = 3;
const SHT_NULL = 0;
const SHT_SYMTAB = 2;
const SHT_NOBITS = 8;
const SHF_ALLOC = 0x2;

export function isElf(start: Buffer): boolean {
  return start.length >= 4 && start.subarray(0, 4).equals(ELF_MAGIC);
}

function reader(buffer: Buffer, littleEndian: boolean) {
  return {
    u16: (offset: number) => (littleEndian ? buffer.readUInt16LE(offset) : buffer.readUInt16BE(offset)),
    u32: (offset: number) => (littleEndian ? buffer.readUInt32LE(offset) : buffer.readUInt32BE(offset)),
    u64: (offset: number) => Number(littleEndian ? buffer.readBigUInt64LE(offset) : buffer.readBigUInt64BE(offset)),
  };
}

/** Parses the ELF file header; undefined when `start` is not a complete ELF header. */
export function parseElfHeader(start: Buffer): ElfHeader | undefined {
  if (!isElf(start) || start.length < 52) return undefined;
  const is64Bit = start[4] === 2;
  const littleEndian = start[5] === 1;
  if (is64Bit && start.length < ELF_HEADER_BYTES) return undefined;
  const read = reader(start, littleEndian);
  const fileType = read.u16(0x10);
  return is64Bit
    ? {
        fileType,
        is64Bit,
        littleEndian,
        programHeaderOffset: read.u64(0x20),
        sectionHeaderOffset: read.u64(0x28),
        programHeaderEntrySize: read.u16(0x36),
        programHeaderCount: read.u16(0x38),
        sectionHeaderEntrySize: read.u16(0x3a),
        sectionHeaderCount: read.u16(0x3c),
        sectionNameTableIndex: read.u16(0x3e),
      }
    : {
        fileType,
        is64Bit,
        littleEndian,
        programHeaderOffset: read.u32(0x1c),
        sectionHeaderOffset: read.u32(0x20),
        programHeaderEntrySize: read.u16(0x2a),
        programHeaderCount: read.u16(0x2c),
        sectionHeaderEntrySize: read.u16(0x2e),
        sectionHeaderCount: read.u16(0x30),
        sectionNameTableIndex: read.u16(0x32),
      };
}

/** True when the program headers (found in `start`, the file's first bytes) ask for an interpreter (dynamic linking). */
export function hasInterpreter(start: Buffer, header: ElfHeader): boolean | undefined {
  const end = header.programHeaderOffset + header.programHeaderCount * header.programHeaderEntrySize;
  if (end > start.length) return undefined;
  const read = reader(start, header.littleEndian);
  for (let index = 0; index < header.programHeaderCount; index += 1) {
    if (read.u32(header.programHeaderOffset + index * header.programHeaderEntrySize) === PT_INTERP) return true;
  }
  return false;
}

export interface ElfSections {
  hasSymbolTable: boolean;
  /** Bytes in sections the program never loads (symbol and string tables, debug info): what strip removes. */
  strippableBytes: number;
}

/** Reads the section header table (`table` holds exactly its bytes). */
export function parseSectionTable(table: Buffer, header: ElfHeader): ElfSections {
  const read = reader(table, header.littleEndian);
  let hasSymbolTable = false;
  let strippableBytes = 0;
  for (let index = 0; index < header.sectionHeaderCount; index += 1) {
    const base = index * header.sectionHeaderEntrySize;
    if (base + header.sectionHeaderEntrySize > table.length) break;
    const type = read.u32(base + 4);
    const flags = header.is64Bit ? read.u64(base + 8) : read.u32(base + 8);
    const size = header.is64Bit ? read.u64(base + 0x20) : read.u32(base + 0x14);
    if (type === SHT_SYMTAB) hasSymbolTable = true;
    const loaded = (flags & SHF_ALLOC) !== 0;
    if (!loaded && type !== SHT_NULL && type !== SHT_NOBITS && index !== header.sectionNameTableIndex) strippableBytes += size;
  }
  return { hasSymbolTable, strippableBytes };
}

/** Byte range of the section header table within the file. */
export function sectionTableRange(header: ElfHeader): { start: number; end: number } {
  return { start: header.sectionHeaderOffset, end: header.sectionHeaderOffset + header.sectionHeaderCount * header.sectionHeaderEntrySize };
}
