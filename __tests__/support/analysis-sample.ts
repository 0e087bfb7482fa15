// A small but complete layer analysis (three layers, every kind of hint the sample can earn, a created_by
// longer than any cut) for the renderers' snapshots: the hints come from computeHints itself.
import { ElfFinding, LayerEntry, ScannedLayer } from '../../src/analysis/archive.js';
import { LayerOrigin } from '../../src/analysis/dockerfile.js';
import { computeHints } from '../../src/analysis/hints.js';
import { ImageAnalysis } from '../../src/analysis/analyze.js';
import { reclaimableBytes } from '../../src/analysis/waste.js';
import { byteMapSteps } from '../../src/analysis/byte-map.js';
import { runToEnd } from '../../src/analysis/slices.js';

const file = (path: string, sizeBytes: number, mode = 0o644): LayerEntry => ({ path, kind: 'file', sizeBytes, mode });

/** 120 characters: longer than every cut a renderer makes. */
export const LONG_RUN =
  'RUN apt-get update && apt-get install -y --no-install-recommends build-essential golang-go ca-certificates curl git && true';

const hello: ElfFinding = {
  path: '/usr/local/bin/hello',
  sizeBytes: 8_000_000,
  isStatic: true,
  hasSymbolTable: true,
  strippableBytes: 2_500_000,
};

export const SAMPLE_LAYERS: ScannedLayer[] = [
  {
    diffId: 'sha256:base',
    tarBytes: 0,
    contentBytes: 0,
    elfBinaries: [],
    entries: [file('/bin/sh', 120_000, 0o755), file('/usr/lib/libc.so.6', 30_000_000)],
  },
  {
    diffId: 'sha256:apt',
    tarBytes: 0,
    contentBytes: 0,
    elfBinaries: [],
    entries: [file('/var/lib/apt/lists/deb.debian.org_bookworm_main', 9_000_000), file('/usr/local/go/bin/go', 2_000_000, 0o755)],
  },
  {
    diffId: 'sha256:app',
    tarBytes: 0,
    contentBytes: 0,
    elfBinaries: [hello],
    entries: [file('/usr/local/bin/hello', 8_000_000, 0o755), file('/src/.git/objects/pack/p.pack', 400_000)],
  },
];

export const SAMPLE_ORIGINS: LayerOrigin[] = [
  { createdBy: 'ADD file:0123456789ab… in /', own: false },
  { createdBy: LONG_RUN, own: true, instruction: { line: 2, keyword: 'RUN', args: '', stage: 0 } },
  { createdBy: 'COPY . /src', own: true, instruction: { line: 4, keyword: 'COPY', args: '', stage: 0 } },
];

export function sampleAnalysis(): ImageAnalysis {
  const reclaimable = reclaimableBytes(SAMPLE_LAYERS.map((layer) => layer.entries));
  return {
    layers: SAMPLE_LAYERS.map((layer, index) => ({
      index,
      diffId: layer.diffId,
      sizeBytes: layer.entries.reduce((sum, entry) => sum + entry.sizeBytes, 0),
      tarBytes: 0,
      compressedBytes: 1_000_000 * (index + 1),
      createdBy: SAMPLE_ORIGINS[index].createdBy,
      line: SAMPLE_ORIGINS[index].instruction?.line,
      own: SAMPLE_ORIGINS[index].own,
      filesAdded: layer.entries.length,
      filesModified: 0,
      filesRemoved: 0,
    })),
    platform: 'linux/amd64',
    sizeBytes: 49_520_000,
    compressedSizeBytes: 6_000_000,
    compressedSizeMethod: 'gzip-6',
    dive: {
      efficiency: 0.98,
      imageSizeBytes: 49_520_000,
      userSizeBytes: 19_400_000,
      wastedBytes: 0,
      wastedUserPercent: 0,
      inefficientPaths: [],
    },
    reclaimableBytes: reclaimable.bytes,
    userFiles: {},
    largestFiles: [{ path: '/usr/local/bin/hello', sizeBytes: 8_000_000, layer: 2 }],
    largestDirectories: [{ path: '/usr/local', sizeBytes: 10_000_000 }],
    byteMap: runToEnd(byteMapSteps(reclaimable.visible)),
    hints: computeHints({ layers: SAMPLE_LAYERS, origins: SAMPLE_ORIGINS, reclaimable, contextHasDockerignore: false }),
    archiveBytes: 0,
    compressedSizesReused: 0,
    durationMs: 0,
  };
}
