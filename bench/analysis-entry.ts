// One measurement in a fresh process: analyse an image the way the gate does and print the wall time and
// this process's peak memory. Bundled by bench/run.mjs beside the compression worker; not part of dist/.
import { analyzeImage } from '../src/analysis/analyze.js';
import { compressionFor } from '../src/analysis/image-layers.js';
import { probeEngine } from '../src/docker/engine.js';
import { Docker } from '../src/docker/exec.js';

const [imageId, mode] = process.argv.slice(2);
const started = performance.now();
let firstByteMs: number | undefined;
// The engine's own push compressor, as the gate picks it (after the clock starts: the gate asks too).
const compression = compressionFor(await probeEngine(new Docker(), { needsBuilder: false }).engine);
const analysis = await analyzeImage(new Docker(), imageId, {
  compressedSize: mode !== 'no-compression',
  compression,
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
