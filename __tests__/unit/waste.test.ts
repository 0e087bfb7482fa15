// dive's published figures for its own test image are the oracle (__tests__/fixtures/dive-test-image.tar, see its README).
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LayerEntry, scanImageArchive } from '../../src/analysis/archive.js';
import { diveEfficiency, reclaimableBytes } from '../../src/analysis/waste.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/dive-test-image.tar', import.meta.url));

function file(path: string, sizeBytes: number): LayerEntry {
  return { path, kind: 'file', sizeBytes, mode: 0o644 };
}
function dir(path: string): LayerEntry {
  return { path, kind: 'directory', sizeBytes: 0, mode: 0o755 };
}

describe("dive's test image", () => {
  let layers: LayerEntry[][];
  beforeAll(async () => {
    const image = await scanImageArchive(createReadStream(FIXTURE), { compressedSize: false });
    layers = image.layers.map((layer) => layer.entries);
  });

  test('efficiency, sizes and wasted bytes are exactly dive’s', () => {
    const result = diveEfficiency(layers);
    expect(result.efficiency).toBe(0.9844212134184309);
    expect(result.imageSizeBytes).toBe(1_220_598);
    expect(result.userSizeBytes).toBe(66_237);
    expect(result.wastedBytes).toBe(32_025);
    expect(result.wastedUserPercent).toBe(0.4834911001404049);
  });

  test('the inefficient files are dive’s', () => {
    const result = diveEfficiency(layers);
    expect(result.inefficientPaths.map((item) => [item.path, item.occurrences, item.cumulativeBytes])).toEqual([
      ['/root/example/somefile1.txt', 2, 12_810],
      ['/root/saved.txt', 2, 12_810],
      ['/root/example/somefile3.txt', 2, 6_405],
    ]);
  });

  test('what could really be reclaimed: earlier copies and deleted files, never the surviving copy', () => {
    const reclaimable = reclaimableBytes(layers);
    const shadowed = reclaimable.groups.map((group) => `${group.examples[0].path} ${group.how} by layer ${group.shadowedByLayer}`);
    expect(shadowed.sort()).toEqual([
      '/root/example/somefile1.txt deleted by layer 9', // rm -rf /root/example/
      '/root/example/somefile1.txt overwritten by layer 4', // chmod 444 copies the file
      '/root/example/somefile2.txt deleted by layer 9', // dive does not count this one
      '/root/example/somefile3.txt deleted by layer 7', // mv
      '/root/saved.txt overwritten by layer 13', // chmod +x; the copy layer 13 wrote survives
    ]);
    // Here the two figures happen to agree in total: dive's double counting of the surviving saved.txt
    // offsets the deleted somefile2.txt it misses.
    expect(reclaimable.bytes).toBe(5 * 6405);
  });
});

describe('dive semantics on small trees', () => {
  test('a file written then deleted: both occurrences are waste; the deletion counts 0 bytes', () => {
    const layers = [
      [dir('/bin'), file('/bin/sh', 100)],
      [dir('/data'), file('/data/big', 5_000_000)],
      [dir('/data'), file('/data/.wh.big', 0)],
    ];
    const result = diveEfficiency(layers);
    expect(result.wastedBytes).toBe(5_000_000);
    expect(result.efficiency).toBe(100 / 5_000_100);
    expect(reclaimableBytes(layers)).toMatchObject({
      bytes: 5_000_000,
      groups: [{ writtenInLayer: 1, shadowedByLayer: 2, how: 'deleted', bytes: 5_000_000, fileCount: 1 }],
    });
  });

  test('a deleted directory counts the size of everything under it', () => {
    const layers = [
      [dir('/tmp')],
      [dir('/tmp/cache'), file('/tmp/cache/a', 300), file('/tmp/cache/b', 700)],
      [dir('/tmp'), file('/tmp/.wh.cache', 0)],
    ];
    const result = diveEfficiency(layers);
    // /tmp/cache/a and /b occur once each; /tmp/cache occurs as a dir leaf? No: it has children, so only
    // the whiteout occurrence counts for /tmp/cache, with the 1,000 bytes beneath it.
    expect(result.inefficientPaths).toEqual([]);
    expect(reclaimableBytes(layers).bytes).toBe(1000);
  });

  test('a file overwritten in a later layer: dive counts both copies, reclaimable only the first', () => {
    const layers = [[file('/app', 10)], [file('/app', 10)]];
    expect(diveEfficiency(layers).wastedBytes).toBe(20);
    expect(reclaimableBytes(layers)).toMatchObject({ bytes: 10, groups: [{ how: 'overwritten' }] });
  });

  test('an opaque directory hides what lower layers had in it', () => {
    const layers = [
      [dir('/etc'), file('/etc/a', 40)],
      [dir('/etc'), file('/etc/.wh..wh..opq', 0), file('/etc/b', 5)],
    ];
    expect(reclaimableBytes(layers).bytes).toBe(40);
  });

  test('an image with no duplicates is perfectly efficient', () => {
    expect(diveEfficiency([[file('/a', 1)], [file('/b', 2)]])).toMatchObject({ efficiency: 1, wastedBytes: 0 });
    expect(diveEfficiency([]).efficiency).toBe(1);
  });
});
