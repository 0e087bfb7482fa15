// History records: one per platform from what the gate measured, written as one line of JSON, read back as
// untrusted text (every shape that is not a record is refused with a reason, never thrown), and small.
import { createHash } from 'node:crypto';
import { BYTE_MAP_DIRECTORIES, BYTE_MAP_FILES } from '../../../src/analysis/byte-map.js';
import { ImageAnalysis } from '../../../src/analysis/analyze.js';
import { figureDeltas, layerChanges } from '../../../src/judge/delta.js';
import { Measured, PlatformMeasurement } from '../../../src/judge/measured.js';
import {
  buildRecords,
  MAX_RECORD_BYTES,
  parseRecord,
  recordFigures,
  recordPath,
  RecordInput,
  serializeRecord,
} from '../../../src/history/record.js';
import { HistoryRecord } from '../../../src/history/types.js';
import { sampleAnalysis } from '../../support/analysis-sample.js';
import { measuredImage } from '../../support/unit-gate-samples.js';

const COMMIT = 'a'.repeat(40);
const IMAGE_ID = `sha256:${'b'.repeat(64)}`;
const digest = (seed: string) => `sha256:${createHash('sha256').update(seed).digest('hex')}`;

/** The sample analysis, with diffIDs in the form engines give them (`sha256:` and 64 hex). */
function sample(): ImageAnalysis {
  const analysis = sampleAnalysis();
  return { ...analysis, layers: analysis.layers.map((layer) => ({ ...layer, diffId: digest(layer.diffId) })) };
}

function platform(name: string, analysis?: ImageAnalysis): PlatformMeasurement {
  return {
    platform: name,
    sizeBytes: 49_520_000,
    layerCount: 3,
    compressedSizeBytes: 6_000_000,
    compressedSizeMethod: 'gzip-6',
    configuredUser: 'app',
    user: { kind: 'non-root', configured: 'app', uid: 1000, gid: 1000, reason: '/etc/passwd' },
    analysis,
  };
}

function measured(platforms: PlatformMeasurement[], startupMs: number | null = 840): Measured {
  return measuredImage(
    { id: IMAGE_ID, sizeBytes: 0, layerCount: 3, user: 'app' },
    platforms,
    startupMs === null
      ? { ran: false, reason: 'smoke is false' }
      : { ran: true, result: { port: 8080, path: '/', passed: true, startupMs, containerLog: [] } },
  );
}

function input(head: Measured, name = 'web'): RecordInput {
  return {
    name,
    head,
    meta: { commit: COMMIT, commitTime: '2024-05-01T14:34:56+02:00', ref: 'refs/heads/main', recordedAt: '2024-05-01T12:40:00.123Z' },
    engine: { version: '27.3.1', imageStore: 'classic', storageDriver: 'overlay2' },
  };
}

describe('buildRecords', () => {
  test('one record per platform; start-up only for the first (smoke-tested) one; times in UTC', () => {
    const records = buildRecords(input(measured([platform('linux/amd64', sample()), platform('linux/arm64/v8')])));
    expect(records).toHaveLength(2);
    const [amd64, arm64] = records;
    expect(amd64).toMatchObject({
      schemaVersion: 1,
      name: 'web',
      platform: 'linux/amd64',
      commit: COMMIT,
      commitTime: '2024-05-01T12:34:56Z',
      recordedAt: '2024-05-01T12:40:00.123Z',
      imageId: IMAGE_ID,
      sizeMethod: 'layers',
      compressedSizeMethod: 'gzip-6',
      figures: { size: 49_520_000, 'compressed-size': 6_000_000, layers: 3, startup: 840, efficiency: 0.98, 'wasted-size': 0 },
      user: 'app',
      nonRoot: true,
    });
    expect(amd64.layers?.[1]).toEqual({
      diffId: digest('sha256:apt'),
      createdBy: sample().layers[1].createdBy,
      line: 2,
      sizeBytes: 11_000_000,
      tarBytes: 0,
      compressedBytes: 2_000_000,
    });
    expect(amd64.bytes).toEqual(sample().byteMap);
    expect(arm64.figures).toEqual({ size: 49_520_000, 'compressed-size': 6_000_000, layers: 3 });
    expect(arm64.layers).toBeUndefined();
    expect(arm64.bytes).toBeUndefined();
  });

  test('no start-up figure when the smoke test did not run or failed; root is not non-root', () => {
    const failed = measured([{ ...platform('linux/amd64'), user: { kind: 'root', configured: '', reason: 'no USER' } }]);
    failed.smoke = { ran: true, result: { port: 8080, path: '/', passed: false, failure: 'timed out', containerLog: [] } };
    const [record] = buildRecords(input(failed));
    expect(record.figures.startup).toBeUndefined();
    expect(record.nonRoot).toBe(false);
    expect(buildRecords(input(measured([platform('linux/amd64')], null)))[0].figures.startup).toBeUndefined();
  });

  test('instructions are cut to 400 characters, the name to 200; every record reads back as it was written', () => {
    const analysis = sample();
    analysis.layers[1].createdBy = 'RUN ' + 'x'.repeat(1000);
    const [record] = buildRecords(input(measured([platform('linux/amd64', analysis)]), 'n'.repeat(300)));
    expect(record.layers?.[1].createdBy).toHaveLength(400);
    expect(record.name).toHaveLength(200);
    expect(parseRecord(serializeRecord(record))).toEqual({ record });
  });

  test('a byte map the reader would refuse (a path longer than 4096 characters) is left out rather than the record', () => {
    const analysis = sample();
    analysis.byteMap = { ...analysis.byteMap, files: [{ path: '/' + 'p'.repeat(5000), sizeBytes: 1 }] };
    const [record] = buildRecords(input(measured([platform('linux/amd64', analysis)])));
    expect(record.bytes).toBeUndefined();
    expect(record.layers).toHaveLength(3);
  });

  test('a commit that is not a full sha, or a time that is not one, is refused', () => {
    const bad = input(measured([platform('linux/amd64')]));
    expect(() => buildRecords({ ...bad, meta: { ...bad.meta, commit: 'main' } })).toThrow(/would not be read back: commit/);
    expect(() => buildRecords({ ...bad, meta: { ...bad.meta, commitTime: 'yesterday' } })).toThrow(/is not a time/);
  });
});

describe('serializeRecord and the comparison', () => {
  test('one line of compact JSON and a line feed', () => {
    const text = serializeRecord(buildRecords(input(measured([platform('linux/amd64', sample())])))[0]);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(2);
    expect(text).toContain('"figures":{"size":49520000,"layers":3,"compressed-size":6000000,"startup":840,');
  });

  test('recordFigures gives figureDeltas what it takes; layerChanges takes recorded layers as they are', () => {
    const [record] = buildRecords(input(measured([platform('linux/amd64', sample())])));
    expect(recordFigures(record)).toEqual({
      sizeBytes: 49_520_000,
      compressedSizeBytes: 6_000_000,
      layerCount: 3,
      startupMs: 840,
      efficiency: 0.98,
      wastedBytes: 0,
    });
    const head = { ...recordFigures(record), sizeBytes: 50_000_000 };
    expect(figureDeltas(recordFigures(record), head)[0]).toMatchObject({ id: 'size', change: 480_000 });
    const grown = sample().layers.map((layer, index) => (index === 2 ? { ...layer, diffId: digest('new'), sizeBytes: 9_000_000 } : layer));
    expect(layerChanges(record.layers!, grown)).toEqual([
      { kind: 'grew', createdBy: 'COPY . /src', line: 4, baseBytes: 8_400_000, headBytes: 9_000_000, changeBytes: 600_000 },
    ]);
  });
});

/** A record as large as real images make them: `layers` layers with instructions of 60 to 400 characters, a full byte map of typical paths. */
function largeRecord(layers: number): HistoryRecord {
  const large = sample();
  large.layers = Array.from({ length: layers }, (_, index) => ({
    ...large.layers[0],
    index,
    diffId: digest(`layer ${index}`),
    createdBy:
      `RUN /bin/sh -c set -eux; apt-get install -y --no-install-recommends package-${index} ${'lib-example '.repeat(index % 30)}`.slice(
        0,
        400,
      ),
    line: index + 1,
    sizeBytes: 12_345_678 + index,
    tarBytes: 12_400_000 + index,
    compressedBytes: 4_100_000 + index,
  }));
  large.byteMap = {
    files: Array.from({ length: BYTE_MAP_FILES }, (_, index) => ({
      path: `/usr/lib/x86_64-linux-gnu/libexample-component-${index}.so.1.2.3`,
      sizeBytes: 9_000_000 - index * 1000,
    })),
    filesComplete: false,
    directories: Array.from({ length: BYTE_MAP_DIRECTORIES }, (_, index) => ({
      path: `/usr/share/doc/package-${index}`,
      sizeBytes: 900_000 - index,
    })),
    directoriesComplete: false,
    depth: 3,
  };
  const head = measured([{ ...platform('linux/amd64', large), layerCount: layers }]);
  return buildRecords({ ...input(head), meta: { ...input(head).meta, runUrl: 'https://github.com/acme/web/actions/runs/1234567890' } })[0];
}

// Measured: 15 layers about 19 kB, 40 layers about 30 kB, 200 layers about 98 kB (the byte map is about 14 kB of
// it; a layer about 420 bytes, most of it its instruction and diffID).
test('a record stays small: 15 layers under 20 kB, 40 under 40 kB, 200 (more than engines stack) under half what the reader takes', () => {
  const bytesOf = (layers: number) => Buffer.byteLength(serializeRecord(largeRecord(layers)));
  expect(bytesOf(15)).toBeLessThan(20_000);
  expect(bytesOf(40)).toBeLessThan(40_000);
  expect(bytesOf(200)).toBeLessThan(MAX_RECORD_BYTES / 2);
  expect(largeRecord(200).layers).toHaveLength(200);
});

test('recordPath of a built record', () => {
  const [record] = buildRecords(input(measured([platform('linux/arm64/v8')])));
  expect(recordPath(record)).toBe(`web/linux-arm64-v8/20240501T123456Z-${COMMIT}.json`);
});
