// Which files and directories grew between two byte maps: appearances when a list is complete, bounds when it
// was cut, growth before shrinkage, and one change told once.
import { fileChanges } from '../../../src/history/file-changes.js';
import { ByteMap } from '../../../src/analysis/byte-map.js';

/** Sizes by path (the map lists them largest first, as a byte map does). */
type Sized = Record<string, number>;

function map(files: Sized, directories: Sized, complete: { files?: boolean; directories?: boolean } = {}, depth = 3): ByteMap {
  const entries = (items: Sized) =>
    Object.entries(items)
      .map(([path, sizeBytes]) => ({ path, sizeBytes }))
      .sort((a, b) => b.sizeBytes - a.sizeBytes);
  return {
    files: entries(files),
    filesComplete: complete.files ?? true,
    directories: entries(directories),
    directoriesComplete: complete.directories ?? true,
    depth,
  };
}

/** The files a map lists, as sizes by path. */
const filesOf = (byteMap: ByteMap): Sized => Object.fromEntries(byteMap.files.map((file) => [file.path, file.sizeBytes]));

const BASE_FILES: Sized = { '/data/a.bin': 1_000_000, '/bin/busybox': 800_000 };
const BASE_DIRECTORIES: Sized = { '/data': 1_000_000, '/bin': 800_000 };

test('a 3,000,000-byte file added under /data: the file is listed, not /data that grew by the same bytes', () => {
  const base = map(BASE_FILES, BASE_DIRECTORIES);
  const head = map({ ...BASE_FILES, '/data/extra.bin': 3_000_000 }, { '/data': 4_000_000, '/bin': 800_000 });
  expect(fileChanges(base, head)).toEqual([{ kind: 'file', path: '/data/extra.bin', headBytes: 3_000_000, changeBytes: 3_000_000 }]);
});

test('a change is told once down a chain of directories; a directory that changed by more than the file under it is kept', () => {
  const base = map({ '/app/server': 5_000_000 }, { '/app': 5_000_000 });
  // The server and a 3,000,000-byte file under /app/data, with /app and /app/data at the totals given.
  const withExtra = (app: number, data: number) =>
    map({ '/app/server': 5_000_000, '/app/data/extra.bin': 3_000_000 }, { '/app': app, '/app/data': data });
  const added = withExtra(8_000_000, 3_000_000);
  expect(fileChanges(base, added).map((change) => change.path)).toEqual(['/app/data/extra.bin']);

  // Many small files under /app/data besides the large one (none listed): /app/data says so, /app repeats it.
  const withSmall = withExtra(9_000_000, 4_000_000);
  expect(fileChanges(base, withSmall)).toEqual([
    { kind: 'directory', path: '/app/data', headBytes: 4_000_000, changeBytes: 4_000_000 },
    { kind: 'file', path: '/app/data/extra.bin', headBytes: 3_000_000, changeBytes: 3_000_000 },
  ]);

  // Within 1% is the same change: a 20 kB log beside a 3 MB file does not make the directories worth a row.
  const nearly = withExtra(8_020_000, 3_020_000);
  expect(fileChanges(base, nearly).map((change) => change.path)).toEqual(['/app/data/extra.bin']);
});

test('a path a cut list leaves out is bounded by the smallest size that list holds; the change is then a bound', () => {
  const base = map(
    { '/usr/lib/libbig.so': 9_000_000, '/usr/lib/libsmall.so': 12_300 },
    { '/data': 1_000_000, '/usr': 9_012_300 },
    { files: false },
  );
  const head = map(
    { '/usr/lib/libbig.so': 9_000_000, '/data/extra.bin': 3_000_000, '/usr/lib/libsmall.so': 12_300 },
    { '/data': 4_000_000, '/usr': 9_012_300 },
  );
  expect(fileChanges(base, head)).toEqual([
    // The directory's exact figure is kept: the file's growth is known only as a bound.
    { kind: 'directory', path: '/data', baseBytes: 1_000_000, headBytes: 4_000_000, changeBytes: 3_000_000 },
    { kind: 'file', path: '/data/extra.bin', headBytes: 3_000_000, baseAtMostBytes: 12_300, changeBytes: 2_987_700 },
  ]);
  // A path smaller than the bound may have been there at the same size: nothing is said of it.
  const small = map({ ...filesOf(head), '/etc/motd': 9_000 }, {});
  expect(fileChanges(base, small).some((change) => change.path === '/etc/motd')).toBe(false);
});

test('vanished and shrunk paths come after every growth, largest shrink first; a cut head list bounds what it leaves out', () => {
  const base = map({ '/opt/tool': 7_000_000, '/srv/cache': 2_000_000, '/srv/index': 1_500_000, '/app/server': 1_000_000 }, {});
  const head = map({ '/srv/index': 500_000, '/app/server': 1_100_000, '/app/tiny': 400_000 }, {}, { files: false });
  expect(fileChanges(base, head)).toEqual([
    { kind: 'file', path: '/app/tiny', headBytes: 400_000, changeBytes: 400_000 },
    { kind: 'file', path: '/app/server', baseBytes: 1_000_000, headBytes: 1_100_000, changeBytes: 100_000 },
    { kind: 'file', path: '/opt/tool', baseBytes: 7_000_000, headAtMostBytes: 400_000, changeBytes: -6_600_000 },
    { kind: 'file', path: '/srv/cache', baseBytes: 2_000_000, headAtMostBytes: 400_000, changeBytes: -1_600_000 },
    { kind: 'file', path: '/srv/index', baseBytes: 1_500_000, headBytes: 500_000, changeBytes: -1_000_000 },
  ]);
  const complete = map(filesOf(head), {});
  expect(fileChanges(base, complete).find((change) => change.path === '/opt/tool')).toEqual({
    kind: 'file',
    path: '/opt/tool',
    baseBytes: 7_000_000,
    changeBytes: -7_000_000,
  });
  expect(fileChanges(base, complete, 2).map((change) => change.path)).toEqual(['/app/tiny', '/app/server']);
});

test('nothing changed, nothing listed; directories deeper than either map goes are not compared', () => {
  const same = map(BASE_FILES, BASE_DIRECTORIES);
  expect(fileChanges(same, map(BASE_FILES, BASE_DIRECTORIES))).toEqual([]);
  const shallow = map({}, { '/usr': 10 }, {}, 1);
  const deep = map({}, { '/usr': 10, '/usr/lib': 10 });
  expect(fileChanges(shallow, deep)).toEqual([]);
  // A cut list that lists nothing bounds nothing.
  expect(fileChanges(map({}, {}, { files: false }), map({ '/a': 5 }, {}))).toEqual([]);
});
