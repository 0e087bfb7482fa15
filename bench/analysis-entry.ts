// One measurement in a fresh process: analyse an image the way the gate does and print the wall time and
// this process's peak memory. Bundled by bench/run.mjs; not part of dist/.
import { analyzeImage } from '../src/analysis/analyze.js';
import { Docker } from '../src/docker/exec.js';

const [imageId, mode] = process.argv.slice(2);
const started = performance.now();
let firstByteMs: number | undefined;
const analysis = await analyzeImage(new Docker(), imageId, {
  compressedSize: mode !== 'no-compression',
  onProgress: () => (firstByteMs ??= performance.now() - started),
});
const wallMs = performance.now() - started;
process.stdout.write(
  JSON.stringify({
    wallMs,
    firstByteMs,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    cpuMs: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1000,
    archiveBytes: analysis.archiveBytes,
    compressedSizeBytes: analysis.compressedSizeBytes,
    files: analysis.layers.reduce((sum, layer) => sum + layer.filesAdded + layer.filesModified, 0),
  }) + '\n',
);
