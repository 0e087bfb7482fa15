// Pure: the size history's records: made from what the gate measured on a push (one per platform), written
// as one line of JSON, read back (record-check.ts, as untrusted text), and turned into the figures the
// comparison with a pull request takes. Where a record lives on the branch is record-path.ts's.
import { LayerSummary } from '../analysis/analyze.js';
import { Figures } from '../judge/delta.js';
import { Measured, PlatformMeasurement } from '../judge/measured.js';
import { MAX_CREATED_BY_CHARS, MAX_RECORDED_PACKAGES, MAX_USER_CHARS, parseRecord } from './record-check.js';
import { ImageAnalysis } from '../analysis/analyze.js';
import { recordedName } from './record-path.js';
import { HistoryRecord, RECORD_SCHEMA_VERSION, RecordedLayer, RecordedPackages } from './types.js';

export {
  MAX_CREATED_BY_CHARS,
  MAX_RECORDED_PACKAGES,
  MAX_LAYERS,
  MAX_PATH_CHARS,
  MAX_RECORD_BYTES,
  MAX_USER_CHARS,
  parseRecord,
} from './record-check.js';
export { imageKey, MAX_NAME_CHARS, parseRecordPath, platformKey, recordedName, recordPath } from './record-path.js';
export type { RecordPath } from './record-path.js';

export interface RecordMeta {
  /** The pushed commit's full sha. */
  commit: string;
  /** Its committer time, in any form Date reads (git's %cI); recorded as UTC to the second. */
  commitTime: string;
  ref?: string;
  runUrl?: string;
  recordedAt: string;
}

export interface RecordInput {
  /** The gated image's display name (recorded cut to MAX_NAME_CHARS characters). */
  name: string;
  head: Measured;
  meta: RecordMeta;
  engine: HistoryRecord['engine'];
}

/** One line of compact JSON, and a line feed. */
export function serializeRecord(record: HistoryRecord): string {
  return JSON.stringify(record) + '\n';
}

/** A time Date reads as ISO 8601 UTC; `toSecond` drops the milliseconds (commit times have none). Throws on a time that is not one. */
function utc(time: string, toSecond: boolean): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) throw new Error(`${JSON.stringify(time.slice(0, 40))} is not a time`);
  const iso = date.toISOString();
  return toSecond ? iso.replace(/\.\d{3}Z$/, 'Z') : iso;
}

function recordedLayer(layer: LayerSummary): RecordedLayer {
  return {
    diffId: layer.diffId,
    createdBy: layer.createdBy.slice(0, MAX_CREATED_BY_CHARS),
    line: layer.line,
    sizeBytes: layer.sizeBytes,
    tarBytes: layer.tarBytes,
    compressedBytes: layer.compressedBytes,
  };
}

/** The largest packages of an analysis, as a record keeps them (undefined when the analysis read none). */
export function recordedPackages(analysis: ImageAnalysis | undefined): RecordedPackages | undefined {
  const packages = analysis?.packages;
  const summary = analysis?.packageSummary;
  if (!packages || !summary) return undefined;
  return {
    listed: packages
      .slice(0, MAX_RECORDED_PACKAGES)
      .map(({ ecosystem, name, version, sizeBytes }) => ({ ecosystem, name, version, sizeBytes })),
    complete: packages.length <= MAX_RECORDED_PACKAGES && summary.notListed === undefined,
    ecosystems: summary.ecosystems.filter((ecosystem) => ecosystem.read).map((ecosystem) => ecosystem.ecosystem),
  };
}

function figuresOf(platform: PlatformMeasurement, head: Measured, first: boolean): HistoryRecord['figures'] {
  const figures: HistoryRecord['figures'] = { size: platform.sizeBytes, layers: platform.layerCount };
  if (platform.compressedSizeBytes !== undefined) figures['compressed-size'] = platform.compressedSizeBytes;
  // The smoke test ran the first platform only.
  const smoke = head.smoke;
  if (first && smoke.ran && smoke.result.passed && smoke.result.startupMs !== undefined) figures.startup = smoke.result.startupMs;
  if (platform.analysis) {
    figures.efficiency = platform.analysis.dive.efficiency;
    figures['wasted-size'] = platform.analysis.dive.wastedBytes;
  }
  return figures;
}

function recordOf({ name, head, meta, engine }: RecordInput, platform: PlatformMeasurement, first: boolean): HistoryRecord {
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    name: recordedName(name),
    platform: platform.platform,
    commit: meta.commit,
    commitTime: utc(meta.commitTime, true),
    ref: meta.ref,
    runUrl: meta.runUrl,
    recordedAt: utc(meta.recordedAt, false),
    imageId: head.image.id,
    engine: { version: engine.version, imageStore: engine.imageStore, storageDriver: engine.storageDriver },
    sizeMethod: head.sizeMethod,
    compressedSizeMethod: platform.compressedSizeMethod,
    figures: figuresOf(platform, head, first),
    user: platform.configuredUser.slice(0, MAX_USER_CHARS),
    nonRoot: platform.user.kind === 'non-root',
    layers: platform.analysis?.layers.map(recordedLayer),
    bytes: platform.analysis?.byteMap,
    packages: recordedPackages(platform.analysis),
  };
}

/**
 * A record the reader takes back: as it is, else without its layers (more than MAX_LAYERS, or too many bytes),
 * else without its byte map (a path longer than MAX_PATH_CHARS), else without both, else without its packages too. Throws when even that is
 * refused (a commit that is not a full sha, a platform name of more than 100 characters).
 */
function readable(record: HistoryRecord): HistoryRecord {
  const attempts = [
    record,
    { ...record, layers: undefined },
    { ...record, bytes: undefined },
    { ...record, layers: undefined, bytes: undefined },
    { ...record, layers: undefined, bytes: undefined, packages: undefined },
  ];
  let reason = '';
  for (const attempt of attempts) {
    const read = parseRecord(serializeRecord(attempt));
    if ('record' in read) return attempt;
    reason ||= read.invalid;
  }
  throw new Error(`The history record of ${JSON.stringify(record.platform.slice(0, 100))} would not be read back: ${reason}`);
}

/** One record per platform the gate measured, in the order measured. Throws on a commit or time that is not one. */
export function buildRecords(input: RecordInput): HistoryRecord[] {
  return input.head.platforms.map((platform, index) => readable(recordOf(input, platform, index === 0)));
}

/** The figures of a record in the shape the comparison (figureDeltas) takes. */
export function recordFigures(record: HistoryRecord): Figures {
  const { figures } = record;
  const result: Figures = { sizeBytes: figures.size, layerCount: figures.layers };
  if (figures['compressed-size'] !== undefined) result.compressedSizeBytes = figures['compressed-size'];
  if (figures.startup !== undefined) result.startupMs = figures.startup;
  if (figures.efficiency !== undefined) result.efficiency = figures.efficiency;
  if (figures['wasted-size'] !== undefined) result.wastedBytes = figures['wasted-size'];
  return result;
}
