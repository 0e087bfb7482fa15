// The packages a history record keeps: the largest MAX_RECORDED_PACKAGES, whether that is all of them, and the
// databases read; read back as untrusted text like every other field, and optional so that older records stay valid.
import { MAX_RECORDED_PACKAGES, parseRecord, recordedPackages, serializeRecord } from '../../../src/history/record.js';
import { HistoryRecord, RecordedPackages } from '../../../src/history/types.js';
import { ImageAnalysis } from '../../../src/analysis/analyze.js';
import { InstalledPackage, PackageSummary } from '../../../src/packages/types.js';

const summary: PackageSummary = {
  imageBytes: 10,
  visibleBytes: 10,
  hiddenBytes: 0,
  ownedBytes: 10,
  unownedBytes: 0,
  unownedFileCount: 0,
  sharing: { fileCount: 0, bytes: 0, rule: '' },
  ecosystems: [
    { ecosystem: 'deb', read: true, database: '/var/lib/dpkg/status', packageCount: 1, sizeBytes: 5 },
    { ecosystem: 'rpm', read: false, database: '/var/lib/rpm/rpmdb.sqlite', packageCount: 0, sizeBytes: 0 },
  ],
  warnings: [],
};

const installed = (count: number): InstalledPackage[] =>
  Array.from({ length: count }, (_, index) => ({
    ecosystem: 'npm' as const,
    name: `p${index}`,
    version: '1.0.0',
    sizeBytes: 10_000 - index,
    fileCount: 3,
    layer: 1,
    line: 4,
    path: `/app/node_modules/p${index}`,
  }));

function record(packages?: RecordedPackages): HistoryRecord {
  return {
    schemaVersion: 1,
    name: 'web',
    platform: 'linux/amd64',
    commit: 'a'.repeat(40),
    commitTime: '2024-05-01T12:34:56Z',
    recordedAt: '2024-05-01T12:40:00.123Z',
    imageId: `sha256:${'b'.repeat(64)}`,
    engine: { version: '28.5.2', imageStore: 'classic', storageDriver: 'overlay2' },
    sizeMethod: 'layers',
    figures: { size: 1000, layers: 2 },
    user: 'app',
    nonRoot: true,
    ...(packages ? { packages } : {}),
  };
}

test('a record keeps the largest packages, says whether that is all of them, and names the databases read', () => {
  const analysis = (count: number) => ({ packages: installed(count), packageSummary: summary }) as unknown as ImageAnalysis;
  const few = recordedPackages(analysis(3))!;
  expect(few).toEqual({
    listed: installed(3).map(({ ecosystem, name, version, sizeBytes }) => ({ ecosystem, name, version, sizeBytes })),
    complete: true,
    ecosystems: ['deb'],
  });
  const many = recordedPackages(analysis(MAX_RECORDED_PACKAGES + 1))!;
  expect(many.listed).toHaveLength(MAX_RECORDED_PACKAGES);
  expect(many.complete).toBe(false);
  expect(recordedPackages(undefined)).toBeUndefined();
});

test('read back as it was written; a record without packages (older ones) is still valid', () => {
  const packages = recordedPackages({ packages: installed(MAX_RECORDED_PACKAGES), packageSummary: summary } as unknown as ImageAnalysis)!;
  expect(parseRecord(serializeRecord(record(packages)))).toEqual({ record: record(packages) });
  expect(parseRecord(serializeRecord(record()))).toEqual({ record: record() });
});

/** A parsed record's packages, to be changed into what no type allows. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Parsed = Record<string, any>;

/** The record's JSON with its packages changed into what no type allows. */
function withPackages(change: (packages: Record<string, unknown>) => void): string {
  const value = JSON.parse(
    serializeRecord(
      record({ listed: [{ ecosystem: 'deb', name: 'curl', version: '7', sizeBytes: 5 }], complete: true, ecosystems: ['deb'] }),
    ),
  );
  change(value.packages);
  return JSON.stringify(value);
}

test.each([
  [
    'too many listed',
    (p: Parsed) =>
      (p.listed = Array.from({ length: MAX_RECORDED_PACKAGES + 1 }, () => ({ ecosystem: 'deb', name: 'x', version: '', sizeBytes: 1 }))),
    `packages.listed has more than ${MAX_RECORDED_PACKAGES} items`,
  ],
  [
    'an unknown ecosystem',
    (p: Parsed) => (p.listed[0].ecosystem = 'gem'),
    'packages.listed[0].ecosystem is not one of deb, apk, rpm, python, npm',
  ],
  [
    'a name of 10,000 characters',
    (p: Parsed) => (p.listed[0].name = 'n'.repeat(10_000)),
    'packages.listed[0].name is longer than 214 characters',
  ],
  ['a negative size', (p: Parsed) => (p.listed[0].sizeBytes = -1), 'packages.listed[0].sizeBytes is not a whole number of at least 0'],
  ['complete not a flag', (p: Parsed) => (p.complete = 'yes'), 'packages.complete is not true or false'],
  ['an ecosystem list of objects', (p: Parsed) => (p.ecosystems = [{}]), 'packages.ecosystems[0] is not one of deb, apk, rpm, python, npm'],
])('a record whose packages have %s is refused, naming the field', (_, change, reason) => {
  expect(parseRecord(withPackages(change))).toEqual({ invalid: reason });
});
