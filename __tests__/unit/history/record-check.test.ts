// Reading a history record back as untrusted text: a record is rebuilt from checked fields only; anything of
// the wrong shape, size or schema is refused with a reason that names the field, and nothing throws.
import { MAX_RECORD_BYTES, parseRecord, serializeRecord } from '../../../src/history/record.js';
import { HistoryRecord } from '../../../src/history/types.js';
import { BYTE_MAP_DIRECTORIES, BYTE_MAP_FILES } from '../../../src/analysis/byte-map.js';

const DIFF_ID = `sha256:${'c'.repeat(64)}`;

function record(): HistoryRecord {
  return {
    schemaVersion: 1,
    name: 'web',
    platform: 'linux/amd64',
    commit: 'a'.repeat(40),
    commitTime: '2024-05-01T12:34:56Z',
    ref: 'refs/heads/main',
    runUrl: 'https://github.com/acme/web/actions/runs/1',
    recordedAt: '2024-05-01T12:40:00.123Z',
    imageId: `sha256:${'b'.repeat(64)}`,
    engine: { version: '27.3.1', imageStore: 'containerd', storageDriver: 'overlayfs' },
    sizeMethod: 'layers',
    compressedSizeMethod: 'stored-blobs',
    figures: { size: 4_460_581, layers: 2, 'compressed-size': 1_900_000, startup: 812.5, efficiency: 0.99, 'wasted-size': 0 },
    user: '1000:1000',
    nonRoot: true,
    layers: [
      { diffId: DIFF_ID, createdBy: 'ADD file:… in /', sizeBytes: 4_000_000, tarBytes: 4_100_000, compressedBytes: 1_800_000 },
      { diffId: DIFF_ID, createdBy: 'COPY app /app', line: 7, sizeBytes: 460_581, tarBytes: 470_000 },
    ],
    bytes: {
      files: [{ path: '/app/server', sizeBytes: 460_581 }],
      filesComplete: false,
      directories: [{ path: '/usr', sizeBytes: 3_000_000 }],
      directoriesComplete: true,
      depth: 3,
    },
  };
}

/** A parsed record, to be changed into what no type allows. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Parsed = Record<string, any>;

/** The record's JSON with one change made to its parsed form. */
function edited(change: (value: Parsed) => void): string {
  const value = JSON.parse(serializeRecord(record()));
  change(value);
  return JSON.stringify(value);
}

test('a record reads back as it was written; optional fields may be absent', () => {
  expect(parseRecord(serializeRecord(record()))).toEqual({ record: record() });
  const bare = { ...record(), ref: undefined, runUrl: undefined, compressedSizeMethod: undefined, layers: undefined, bytes: undefined };
  bare.figures = { size: 1, layers: 0 };
  expect(parseRecord(serializeRecord(bare))).toEqual({ record: JSON.parse(JSON.stringify(bare)) });
});

test('fields the reader does not know are dropped, and a __proto__ key sets nothing', () => {
  const text = edited((value) => {
    value.extra = '<script>';
    value.figures.unknown = 1;
    value.layers[0].secret = true;
  }).replace('{', '{"__proto__":{"polluted":true},');
  const read = parseRecord(text);
  expect(read).toEqual({ record: record() });
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test('a schema this reader does not know is refused with a reason naming it', () => {
  expect(parseRecord(edited((value) => (value.schemaVersion = 2)))).toEqual({
    invalid: 'schemaVersion 2 is not known to this reader (it reads 1)',
  });
  expect(parseRecord(edited((value) => delete value.schemaVersion))).toEqual({ invalid: 'schemaVersion is missing or not a number' });
});

test('text that is not a record: not JSON, not an object, too large (in bytes, not characters)', () => {
  expect(parseRecord('{"schemaVersion": 1,')).toEqual({ invalid: 'the record is not JSON' });
  expect(parseRecord('<html>')).toEqual({ invalid: 'the record is not JSON' });
  expect(parseRecord('[]')).toEqual({ invalid: 'the record is not an object' });
  expect(parseRecord('null')).toEqual({ invalid: 'the record is not an object' });
  expect(parseRecord(' '.repeat(MAX_RECORD_BYTES + 1))).toEqual({ invalid: 'the record is larger than 256 KiB' });
  expect(parseRecord(`"${'€'.repeat(MAX_RECORD_BYTES / 3 + 1)}"`)).toEqual({ invalid: 'the record is larger than 256 KiB' });
  expect(parseRecord('['.repeat(200_000))).toEqual({ invalid: 'the record is not JSON' });
});

const BAD: [string, (value: Parsed) => void, string][] = [
  ['name too long', (value) => (value.name = 'n'.repeat(201)), 'name is longer than 200 characters'],
  ['name not a string', (value) => (value.name = ['web']), 'name is not a string'],
  ['commit not a full sha', (value) => (value.commit = 'a'.repeat(39)), 'commit is not in the expected form'],
  ['commit with a path in it', (value) => (value.commit = `../${'a'.repeat(40)}`), 'commit is not in the expected form'],
  ['commit time not UTC', (value) => (value.commitTime = '2024-05-01T12:34:56+02:00'), 'commitTime is not in the expected form'],
  ['run URL not http', (value) => (value.runUrl = 'javascript:alert(1)'), 'runUrl is not in the expected form'],
  ['ref null', (value) => (value.ref = null), 'ref is not a string'],
  [
    'image store unknown',
    (value) => (value.engine.imageStore = 'zfs'),
    'engine.imageStore is not one of classic, containerd, archive, registry',
  ],
  ['size method unknown', (value) => (value.sizeMethod = 'guess'), 'sizeMethod is not one of layers, inspect'],
  ['size negative', (value) => (value.figures.size = -1), 'figures.size is not a whole number of at least 0'],
  ['size a string', (value) => (value.figures.size = '4 MB'), 'figures.size is not a whole number of at least 0'],
  ['size fractional', (value) => (value.figures.size = 1.5), 'figures.size is not a whole number of at least 0'],
  ['size missing', (value) => delete value.figures.size, 'figures.size is not a whole number of at least 0'],
  ['start-up negative', (value) => (value.figures.startup = -5), 'figures.startup is not a finite number of at least 0'],
  ['non-root not a boolean', (value) => (value.nonRoot = 'yes'), 'nonRoot is not true or false'],
  ['too many layers', (value) => (value.layers = Array(1001).fill(value.layers[0])), 'layers has more than 1000 items'],
  ['instruction too long', (value) => (value.layers[1].createdBy = 'x'.repeat(401)), 'layers[1].createdBy is longer than 400 characters'],
  ['layer line negative', (value) => (value.layers[1].line = -7), 'layers[1].line is not a whole number of at least 0'],
  ['diffID not a digest', (value) => (value.layers[0].diffId = 'sha256:<b>'), 'layers[0].diffId is not in the expected form'],
  ['layer not an object', (value) => (value.layers[0] = 'layer'), 'layers[0] is not an object'],
  [
    'too many files',
    (value) => (value.bytes.files = Array(BYTE_MAP_FILES + 1).fill(value.bytes.files[0])),
    `bytes.files has more than ${BYTE_MAP_FILES} items`,
  ],
  [
    'too many directories',
    (value) => (value.bytes.directories = Array(BYTE_MAP_DIRECTORIES + 1).fill(value.bytes.directories[0])),
    `bytes.directories has more than ${BYTE_MAP_DIRECTORIES} items`,
  ],
  ['path too long', (value) => (value.bytes.files[0].path = '/' + 'p'.repeat(4096)), 'bytes.files[0].path is longer than 4096 characters'],
  ['path not absolute', (value) => (value.bytes.directories[0].path = 'usr'), 'bytes.directories[0].path is not in the expected form'],
  ['depth 0', (value) => (value.bytes.depth = 0), 'bytes.depth is not between 1 and 16'],
  ['completeness missing', (value) => delete value.bytes.filesComplete, 'bytes.filesComplete is not true or false'],
];

test.each(BAD)('refused: %s', (_, change, reason) => {
  expect(parseRecord(edited(change))).toEqual({ invalid: reason });
});

test('an infinite number (1e999 in the text) is refused', () => {
  expect(parseRecord(serializeRecord(record()).replace('"size":4460581', '"size":1e999'))).toEqual({
    invalid: 'figures.size is not a whole number of at least 0',
  });
});

test('no cut or changed byte of a record makes the reader throw', () => {
  const text = serializeRecord(record());
  for (let end = 0; end < text.length; end += 1) {
    expect(() => parseRecord(text.slice(0, end))).not.toThrow();
    const changed = text.slice(0, end) + '"' + text.slice(end + 1);
    expect(() => parseRecord(changed)).not.toThrow();
  }
});
