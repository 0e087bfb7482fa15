// The synchronous tar reader against archives written by GNU tar in its three formats, fed in chunks of
// every awkward size, and against hand-made headers for what GNU tar will not write for small files.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, linkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TarFormatError, TarHeader, TarReader } from '../../../src/analysis/tar.js';

interface Read {
  header: TarHeader;
  data: Buffer;
}

function readAll(archive: Buffer, chunkSizes: number[] = [archive.length]): Read[] {
  const read: Read[] = [];
  const reader = new TarReader((header) => {
    const parts: Buffer[] = [];
    const entry: Read = { header, data: Buffer.alloc(0) };
    read.push(entry);
    return {
      data: (chunk) => parts.push(Buffer.from(chunk)),
      end: () => (entry.data = Buffer.concat(parts)),
    };
  });
  let offset = 0;
  for (let index = 0; offset < archive.length; index += 1) {
    const size = chunkSizes[index % chunkSizes.length];
    reader.write(archive.subarray(offset, offset + size));
    offset += size;
  }
  reader.end();
  return read;
}

const LONG_DIRECTORY = `deep/${'a'.repeat(120)}/${'b'.repeat(60)}`;
const LONG_FILE = `${'c'.repeat(110)}.txt`;

let workDir: string;
const archives: Record<string, Buffer> = {};

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'isg-tar-'));
  const root = path.join(workDir, 'root');
  mkdirSync(path.join(root, LONG_DIRECTORY), { recursive: true });
  writeFileSync(path.join(root, 'empty'), '');
  writeFileSync(path.join(root, 'exactly-512'), Buffer.alloc(512, 7));
  writeFileSync(path.join(root, 'big.bin'), Buffer.from(Array.from({ length: 70_001 }, (_, index) => (index * 31) % 251)));
  writeFileSync(path.join(root, LONG_DIRECTORY, LONG_FILE), 'deep file\n');
  writeFileSync(path.join(root, 'ünïcode name'), 'utf-8\n');
  symlinkSync('big.bin', path.join(root, 'link-to-big'));
  linkSync(path.join(root, 'big.bin'), path.join(root, 'hard-to-big'));
  for (const format of ['ustar', 'pax', 'gnu']) {
    // ustar cannot hold the long path; it gets everything else.
    const members = [
      'empty',
      'exactly-512',
      'big.bin',
      'ünïcode name',
      'link-to-big',
      'hard-to-big',
      ...(format === 'ustar' ? [] : [path.join(LONG_DIRECTORY, LONG_FILE)]),
    ];
    archives[format] = execFileSync('tar', ['--create', `--format=${format}`, '--sort=name', '--directory', root, ...members], {
      maxBuffer: 1 << 26,
    });
  }
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe.each(['ustar', 'pax', 'gnu'])('an archive GNU tar wrote in %s format', (format) => {
  test.each([[[1 << 20]], [[1]], [[511, 513, 7]], [[4096, 100]]])('reads the same entries and bytes in chunks of %j', (chunkSizes) => {
    const whole = readAll(archives[format]);
    const chunked = readAll(archives[format], chunkSizes);
    expect(chunked).toEqual(whole);
    const byName = new Map(whole.map((entry) => [entry.header.name, entry]));
    expect(byName.get('empty')?.header).toMatchObject({ type: 'file', size: 0 });
    expect(byName.get('exactly-512')?.data).toEqual(Buffer.alloc(512, 7));
    expect(byName.get('big.bin')?.header).toMatchObject({ type: 'file', size: 70_001 });
    expect(byName.get('big.bin')?.data[70_000]).toBe((70_000 * 31) % 251);
    expect(byName.get('ünïcode name')?.data.toString()).toBe('utf-8\n');
    expect(byName.get('link-to-big')?.header).toMatchObject({ type: 'symlink', size: 0, linkName: 'big.bin' });
    // A hard link carries no data: its target's bytes were stored with the target.
    expect(byName.get('hard-to-big')?.header).toMatchObject({ type: 'link', size: 0, linkName: 'big.bin' });
    if (format !== 'ustar') expect(byName.get(`${LONG_DIRECTORY}/${LONG_FILE}`)?.data.toString()).toBe('deep file\n');
  });
});

test('the entries are the ones GNU tar lists, in order', () => {
  const listed = execFileSync('tar', ['--list', '--file', '-'], { input: archives.pax }).toString().trim().split('\n');
  expect(readAll(archives.pax).map((entry) => entry.header.name)).toEqual(listed);
});

/** A ustar header with a correct checksum, for cases GNU tar does not write for small files. */
function header(fields: { name: string; size?: number; type?: string; sizeField?: Buffer; prefix?: string }): Buffer {
  const block = Buffer.alloc(512);
  block.write(fields.name, 0, 'utf8');
  block.write('0000644\0', 100, 'latin1');
  if (fields.sizeField) fields.sizeField.copy(block, 124);
  else block.write(`${(fields.size ?? 0).toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  block.write(fields.type ?? '0', 156, 'latin1');
  block.write('ustar\u000000', 257, 'latin1');
  if (fields.prefix) block.write(fields.prefix, 345, 'utf8');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

function padded(data: Buffer): Buffer {
  return Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

const END = Buffer.alloc(1024);

test('a size in GNU base-256 form is read', () => {
  const sizeField = Buffer.alloc(12);
  sizeField[0] = 0x80;
  sizeField.writeUInt32BE(600, 8);
  const archive = Buffer.concat([header({ name: 'binary-size', sizeField }), padded(Buffer.alloc(600, 1)), END]);
  const [entry] = readAll(archive);
  expect(entry.header.size).toBe(600);
  expect(entry.data).toEqual(Buffer.alloc(600, 1));
});

test('a ustar prefix is joined to the name', () => {
  const [entry] = readAll(Buffer.concat([header({ name: 'file', prefix: 'some/dir' }), END]));
  expect(entry.header.name).toBe('some/dir/file');
});

test('PAX path and size override the header, for the next entry only', () => {
  const records = (pairs: [string, string][]) =>
    Buffer.from(
      pairs
        .map(([key, value]) => {
          const body = ` ${key}=${value}\n`;
          let length = body.length + 1;
          while (`${length}${body}`.length !== length) length += 1;
          return `${length}${body}`;
        })
        .join(''),
    );
  const pax = records([
    ['path', 'a/much/longer/name'],
    ['size', '3'],
  ]);
  const archive = Buffer.concat([
    header({ name: 'PaxHeader', type: 'x', size: pax.length }),
    padded(pax),
    header({ name: 'short', size: 0 }),
    padded(Buffer.from('abc')),
    header({ name: 'next', size: 0 }),
    END,
  ]);
  const entries = readAll(archive);
  expect(entries.map((entry) => [entry.header.name, entry.header.size, entry.data.toString()])).toEqual([
    ['a/much/longer/name', 3, 'abc'],
    ['next', 0, ''],
  ]);
});

test('a directory with a non-zero size field has no data, as Go reads it', () => {
  const archive = Buffer.concat([header({ name: 'dir/', type: '5', size: 512 }), header({ name: 'after', size: 0 }), END]);
  expect(readAll(archive).map((entry) => entry.header.name)).toEqual(['dir/', 'after']);
});

test('a corrupted header is refused with its offset', () => {
  const archive = Buffer.from(archives.gnu);
  archive[512 * 2 + 10] ^= 0xff;
  expect(() => readAll(archive)).not.toThrow(); // byte 1034 is inside the first file's data, not a header
  const broken = Buffer.from(archives.gnu);
  broken[3] ^= 0xff;
  expect(() => readAll(broken)).toThrow(new TarFormatError('not a valid tar header at byte 0 (checksum mismatch)'));
});

test('an archive cut inside an entry is refused at the end', () => {
  let bigHeader = 0;
  while (archives.pax.toString('utf8', bigHeader, bigHeader + 8) !== 'big.bin\0') bigHeader += 512;
  const cut = archives.pax.subarray(0, bigHeader + 512 + 1000);
  expect(() => readAll(cut)).toThrow(/ends in the middle of an entry/);
  // Cut in the padding after the data: Go's reader calls that an unexpected end too.
  const inPadding = archives.pax.subarray(0, bigHeader + 512 + 70_001 + 10);
  expect(() => readAll(inPadding)).toThrow(/ends in the middle of an entry/);
});

test('what follows the end-of-archive blocks is ignored', () => {
  const archive = Buffer.concat([header({ name: 'only', size: 0 }), END, Buffer.from('trailing garbage')]);
  expect(readAll(archive).map((entry) => entry.header.name)).toEqual(['only']);
});
