// The byte map of a final filesystem: the largest files of every layer, directory totals three levels deep,
// bounded lists that say whether they were cut, and paths kept exactly as the layers name them.
import { BYTE_MAP_DEPTH, BYTE_MAP_DIRECTORIES, BYTE_MAP_FILES, byteMapSteps } from '../../../src/analysis/byte-map.js';
import { runInSlices, runToEnd } from '../../../src/analysis/slices.js';
import { reclaimableBytes, VisibleFile } from '../../../src/analysis/waste.js';
import { LayerEntry } from '../../../src/analysis/archive.js';

function visibleOf(files: [string, number, VisibleFile['kind']?][]): Map<string, VisibleFile> {
  return new Map(files.map(([path, sizeBytes, kind = 'file']) => [path, { layer: 0, sizeBytes, mode: 0o644, kind }]));
}

test('the largest files and directory totals at depths 1 to 3, each directory counting everything beneath it', () => {
  const map = runToEnd(
    byteMapSteps(
      visibleOf([
        ['/usr/lib/x86_64-linux-gnu/libc.so.6', 2_000_000],
        ['/usr/lib/x86_64-linux-gnu/gconv/deep/UTF-16.so', 30_000],
        ['/usr/bin/env', 40_000],
        ['/bin/sh', 120_000, 'symlink'],
        ['/app', 500],
        ['/empty', 0],
        ['/etc/passwd', 0],
      ]),
    ),
  );
  expect(map).toEqual({
    files: [
      { path: '/usr/lib/x86_64-linux-gnu/libc.so.6', sizeBytes: 2_000_000 },
      { path: '/bin/sh', sizeBytes: 120_000 },
      { path: '/usr/bin/env', sizeBytes: 40_000 },
      { path: '/usr/lib/x86_64-linux-gnu/gconv/deep/UTF-16.so', sizeBytes: 30_000 },
      { path: '/app', sizeBytes: 500 },
    ],
    filesComplete: true,
    directories: [
      { path: '/usr', sizeBytes: 2_070_000 },
      { path: '/usr/lib', sizeBytes: 2_030_000 },
      { path: '/usr/lib/x86_64-linux-gnu', sizeBytes: 2_030_000 },
      { path: '/bin', sizeBytes: 120_000 },
      { path: '/usr/bin', sizeBytes: 40_000 },
    ],
    directoriesComplete: true,
    depth: BYTE_MAP_DEPTH,
  });
});

test('every layer counts, not only the image’s own, and only what the final filesystem shows', () => {
  const file = (path: string, sizeBytes: number): LayerEntry => ({ path, kind: 'file', sizeBytes, mode: 0o644 });
  const layers: LayerEntry[][] = [
    [file('/usr/lib/libbig.so', 9_000), file('/tmp/cache', 5_000)],
    [file('/app/server', 3_000), { path: '/tmp/.wh.cache', kind: 'file', sizeBytes: 0, mode: 0 }],
    [file('/app/server', 4_000), { path: '/app/assets', kind: 'directory', sizeBytes: 0, mode: 0o755 }],
  ];
  const map = runToEnd(byteMapSteps(reclaimableBytes(layers).visible));
  expect(map.files).toEqual([
    { path: '/usr/lib/libbig.so', sizeBytes: 9_000 },
    { path: '/app/server', sizeBytes: 4_000 },
  ]);
  expect(map.directories).toEqual([
    { path: '/usr', sizeBytes: 9_000 },
    { path: '/usr/lib', sizeBytes: 9_000 },
    { path: '/app', sizeBytes: 4_000 },
  ]);
});

test('the lists are cut at their limits, largest first, and say so', async () => {
  const files: [string, number][] = [];
  for (let directory = 0; directory < 200; directory += 1) files.push([`/data/d${directory}/f`, 1000 + directory]);
  const map = await runInSlices(byteMapSteps(visibleOf(files)));
  expect(map.files).toHaveLength(BYTE_MAP_FILES);
  expect(map.files[0]).toEqual({ path: '/data/d199/f', sizeBytes: 1199 });
  expect(map.files[BYTE_MAP_FILES - 1].sizeBytes).toBe(1199 - BYTE_MAP_FILES + 1);
  expect(map.filesComplete).toBe(false);
  expect(map.directories).toHaveLength(BYTE_MAP_DIRECTORIES);
  expect(map.directories[0]).toEqual({ path: '/data', sizeBytes: files.reduce((sum, [, sizeBytes]) => sum + sizeBytes, 0) });
  expect(map.directories[1]).toEqual({ path: '/data/d199', sizeBytes: 1199 });
  expect(map.directoriesComplete).toBe(false);
});

test('exactly at the limits nothing is said to be cut; an empty filesystem maps to empty complete lists', () => {
  const files: [string, number][] = [];
  for (let index = 0; index < BYTE_MAP_FILES; index += 1) files.push([`/f${index}`, index + 1]);
  const map = runToEnd(byteMapSteps(visibleOf(files)));
  expect(map.files).toHaveLength(BYTE_MAP_FILES);
  expect(map.filesComplete).toBe(true);
  expect(runToEnd(byteMapSteps(new Map()))).toEqual({
    files: [],
    filesComplete: true,
    directories: [],
    directoriesComplete: true,
    depth: 3,
  });
});

test('paths with control characters and markdown or HTML metacharacters are kept as they are (escaping is the renderer’s job)', () => {
  const hostile = '/app/<img src=x onerror=alert(1)>|`**@team**`\n\u001b[31m\u202e.txt';
  const map = runToEnd(byteMapSteps(visibleOf([[hostile, 77]])));
  expect(map.files).toEqual([{ path: hostile, sizeBytes: 77 }]);
  expect(map.directories).toEqual([{ path: '/app', sizeBytes: 77 }]);
});

test('a large filesystem is mapped in slices that pause', () => {
  const files: [string, number][] = [];
  for (let index = 0; index < 10_000; index += 1) files.push([`/srv/a${index % 7}/b${index % 13}/c${index}/file`, index]);
  const steps = byteMapSteps(visibleOf(files));
  let pauses = 0;
  for (let next = steps.next(); !next.done; next = steps.next()) pauses += 1;
  expect(pauses).toBeGreaterThan(2);
});
