// One measurement in a fresh process: analyse a synthetic `docker save` archive (a file written by
// bench/whiteouts.mjs) the way the gate does, with a stand-in for the docker client that streams the file.
// Prints wall time, peak memory, the longest event-loop stall and the size of the analysis as JSON.
// Bundled by bench/whiteouts.mjs against the sources it is asked to measure; not part of dist/.
import { createReadStream, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { analyzeImage } from '../src/analysis/analyze.js';
import { Docker } from '../src/docker/exec.js';

const [archivePath, imageId] = process.argv.slice(2);
const savingDocker = {
  // 64 KiB reads, as from the pipe of a real `docker save`.
  stream: () => ({ stdout: createReadStream(archivePath, { highWaterMark: 1 << 16 }), finished: Promise.resolve() }),
  killAll: () => undefined,
} as unknown as Docker;

/**
 * Peak resident memory of this program. Linux keeps getrusage's maxRSS across fork and exec, so a child started
 * by a large parent reports the parent's size; VmHWM belongs to this process's own address space.
 */
function peakRssBytes(): number {
  const highWaterKb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return highWaterKb ? Number(highWaterKb) * 1024 : process.resourceUsage().maxRSS * 1024;
}

const stalls = monitorEventLoopDelay({ resolution: 10 });
const cpuBefore = process.cpuUsage();
stalls.enable();
const started = performance.now();
let readMs = 0;
const analysis = await analyzeImage(savingDocker, imageId, {
  compressedSize: true,
  compression: { plainLayers: 'classic', estimate: false },
  // Older sources report bytes read as a number; newer ones say which step they are in.
  onProgress: (progress: unknown) => {
    if (typeof progress === 'number' || (progress as { step?: string }).step === 'reading') readMs = performance.now() - started;
  },
});
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
// A stall is recorded when the monitor's timer fires late: give it the chance after the last one.
await new Promise((resolve) => setTimeout(resolve, 50));
stalls.disable();
process.stdout.write(
  JSON.stringify({
    wallMs,
    readMs,
    // This process's CPU (user and system) over the analysis: steadier than wall time on a loaded machine.
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxStallMs: stalls.max / 1e6,
    maxRssBytes: peakRssBytes(),
    reportBytes: Buffer.byteLength(JSON.stringify(analysis)),
    efficiency: analysis.dive.efficiency,
    wastedBytes: analysis.dive.wastedBytes,
    reclaimableBytes: analysis.reclaimableBytes,
    // Sources from before the package view have no packages: undefined there.
    packageCount: (analysis as { packages?: unknown[] }).packages?.length,
    packageViewMs: (analysis as { packageSummary?: { durationMs?: number } }).packageSummary?.durationMs,
  }) + '\n',
);
