// Pure: which engine measured, and what its own size figure is, so a figure is never compared with one that
// means something else. Shared by the summary, the PR comment and the terminal report.
import { formatBytes } from '../common/units.js';
import { GateReport } from './model.js';

/** One sentence: the engine, its image store, and inspect's .Size labelled for what it is on that store. */
export function engineSentence(report: GateReport): string {
  const { engine, image } = report;
  if (engine.imageStore === 'archive' || engine.imageStore === 'registry')
    return `Measured from the ${engine.imageStore === 'archive' ? 'archive' : 'registry'} itself, without an engine; the size is the layers' own bytes.`;
  const store = `${engine.imageStore} image store, ${engine.storageDriver}`;
  const own =
    image.sizeMethod === 'inspect' || image.engineSizeBytes === image.sizeBytes
      ? 'docker image inspect .Size agrees'
      : `docker image inspect .Size says ${formatBytes(image.engineSizeBytes)} (${image.engineSizeBytes} B), which on this store is not the image's size`;
  return `Measured on Docker ${engine.version} (${store}); the size is the layers' own bytes, ${own}.`;
}

/** Rows of per-platform figures: platform, size, compressed, layers, user, verdict (only when there are several). */
export function platformRows(report: GateReport): string[][] {
  return (report.platforms ?? []).map((platform) => [
    platform.platform,
    `${formatBytes(platform.sizeBytes)} (${platform.sizeBytes} B)`,
    platform.compressedSizeBytes === undefined ? '—' : formatBytes(platform.compressedSizeBytes),
    String(platform.layerCount),
    platform.user === '' ? '(root)' : platform.user,
    platform.passed ? 'pass' : 'fail',
  ]);
}
