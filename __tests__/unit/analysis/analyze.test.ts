// analyzeImage on a synthetic `docker save` stream: the lists in the report are bounded (what they leave out is
// counted), and progress says which step the analysis is in, in its own units.
import { INEFFICIENT_PATHS_LISTED } from '../../../src/analysis/dive-efficiency.js';
import { AnalysisProgress, analyzeImage, LARGEST_LISTED } from '../../../src/analysis/analyze.js';
import { imageArchive, savingDocker, SyntheticEntry } from '../../support/synthetic-image.js';

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

// Layer 1 writes 20 directories of 4 files (sizes 1 to 80); layer 2 deletes 3 files of each: 60 deletions, and
// 20 files (f0, sizes 1, 5, ..., 77) survive, one per directory.
function image(): { layers: SyntheticEntry[][]; deletedSizes: number[]; survivingSizes: number[] } {
  const written: SyntheticEntry[] = [{ path: '/app', directory: true }];
  const deleted: SyntheticEntry[] = [{ path: '/app', directory: true }];
  const deletedSizes: number[] = [];
  const survivingSizes: number[] = [];
  for (let directory = 0; directory < 20; directory += 1) {
    written.push({ path: `/app/d${directory}`, directory: true });
    deleted.push({ path: `/app/d${directory}`, directory: true });
    for (let file = 0; file < 4; file += 1) {
      const sizeBytes = directory * 4 + file + 1;
      written.push({ path: `/app/d${directory}/f${file}`, sizeBytes });
      if (file === 0) survivingSizes.push(sizeBytes);
      else {
        deleted.push({ path: `/app/d${directory}/.wh.f${file}`, sizeBytes: 0 });
        deletedSizes.push(sizeBytes);
      }
    }
  }
  const base: SyntheticEntry[] = [
    { path: '/bin', directory: true },
    { path: '/bin/sh', sizeBytes: 100 },
  ];
  return { layers: [base, written, deleted], deletedSizes, survivingSizes };
}

test('the largest files, directories and duplicated paths are listed up to a limit; the rest are counted with their bytes', async () => {
  const { layers, deletedSizes, survivingSizes } = image();
  const { archive, imageId } = imageArchive(layers, ['ADD rootfs /', 'COPY app /app', 'RUN rm /app/d*/f[123]']);
  const analysis = await analyzeImage(savingDocker(archive), imageId, {
    compressedSize: false,
    compression: { plainLayers: 'classic', estimate: false },
  });

  const largestFirst = (sizes: number[]) => [...sizes].sort((a, b) => b - a);
  expect(analysis.largestFiles.map((file) => file.sizeBytes)).toEqual(largestFirst(survivingSizes).slice(0, LARGEST_LISTED));
  expect(analysis.largestFiles[0]).toEqual({ path: '/app/d19/f0', sizeBytes: 77, layer: 1 });
  const notListedSurvivors = { count: 20 - LARGEST_LISTED, sizeBytes: sum(largestFirst(survivingSizes).slice(LARGEST_LISTED)) };
  expect(analysis.largestFilesNotListed).toEqual(notListedSurvivors);
  // Each directory holds one surviving file, so the directories' list is the files' list by another name.
  expect(analysis.largestDirectories[0]).toEqual({ path: '/app/d19', sizeBytes: 77 });
  expect(analysis.largestDirectories).toHaveLength(LARGEST_LISTED);
  expect(analysis.largestDirectoriesNotListed).toEqual(notListedSurvivors);
  // The byte map counts every layer's files (/bin/sh of the base too) and is not cut here.
  expect(analysis.byteMap.files).toHaveLength(21);
  expect(analysis.byteMap.files[0]).toEqual({ path: '/bin/sh', sizeBytes: 100 });
  expect(analysis.byteMap.directories.slice(0, 3)).toEqual([
    { path: '/app', sizeBytes: sum(survivingSizes) },
    { path: '/bin', sizeBytes: 100 },
    { path: '/app/d19', sizeBytes: 77 },
  ]);
  expect([analysis.byteMap.filesComplete, analysis.byteMap.directoriesComplete]).toEqual([true, true]);

  const { dive } = analysis;
  expect(dive.inefficientPaths).toHaveLength(INEFFICIENT_PATHS_LISTED);
  expect(dive.inefficientPaths[0]).toEqual({ path: '/app/d19/f3', occurrences: 2, cumulativeBytes: 80 });
  expect(dive.inefficientPathsNotListed).toEqual({
    count: deletedSizes.length - INEFFICIENT_PATHS_LISTED,
    cumulativeBytes: sum(largestFirst(deletedSizes).slice(INEFFICIENT_PATHS_LISTED)),
  });
  expect(dive.wastedBytes).toBe(sum(deletedSizes));
  expect(analysis.reclaimableBytes).toBe(sum(deletedSizes));
  expect(analysis.layers.map((layer) => [layer.filesAdded, layer.filesRemoved])).toEqual([
    [1, 0],
    [80, 0],
    [0, 60],
  ]);
});

test('progress: bytes of the archive read so far, then layers compared out of the layer count', async () => {
  const { layers } = image();
  const { archive, imageId } = imageArchive(layers, ['ADD rootfs /', 'COPY app /app', 'RUN rm /app/d*/f[123]']);
  const progress: AnalysisProgress[] = [];
  const analysis = await analyzeImage(savingDocker(archive), imageId, {
    compressedSize: false,
    compression: { plainLayers: 'classic', estimate: false },
    onProgress: (step) => progress.push(step),
  });

  const reading = progress.filter((step) => step.step === 'reading').map((step) => step.archiveBytesRead);
  expect(reading.length).toBeGreaterThan(1);
  expect(reading).toEqual([...reading].sort((a, b) => a - b));
  expect(reading.at(-1)).toBe(archive.length);
  expect(analysis.archiveBytes).toBe(archive.length);
  // Reading comes first, then the comparison, layer by layer, in two passes.
  const comparing = (pass: 1 | 2, layersDone: number) => ({ step: 'comparing', pass, passCount: 2, layersDone, layerCount: 3 });
  expect(progress.slice(reading.length)).toEqual([
    comparing(1, 0),
    comparing(1, 1),
    comparing(1, 2),
    comparing(1, 3),
    comparing(2, 1),
    comparing(2, 2),
    comparing(2, 3),
  ]);
});
