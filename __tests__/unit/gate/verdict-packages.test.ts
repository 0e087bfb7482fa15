// The package comparison in the report: against a baseline measured now (whole lists) and against a history
// record (its 100 largest), and the max-package-size budget on the gated image's packages.
import { getInputs } from '../../../src/inputs/read.js';
import { Measured, PlatformMeasurement } from '../../../src/judge/measured.js';
import { resolveUser } from '../../../src/user/resolve.js';
import { assembleReport, ReportInput } from '../../../src/gate/verdict.js';
import { measuredImage, passedSmoke } from '../../support/unit-gate-samples.js';
import { sampleAnalysis } from '../../support/analysis-sample.js';
import { ImageAnalysis } from '../../../src/analysis/analyze.js';
import { InstalledPackage, PackageSummary } from '../../../src/packages/types.js';
import { HistoryRecord } from '../../../src/history/types.js';
import { recordedPackages } from '../../../src/history/record.js';

const engine = { version: '28.5.2', imageStore: 'classic' as const, storageDriver: 'overlay2' };
const pkg = (ecosystem: InstalledPackage['ecosystem'], name: string, version: string, sizeBytes: number): InstalledPackage => ({
  ecosystem,
  name,
  version,
  sizeBytes,
  fileCount: 1,
  layer: 1,
});

function summary(packages: InstalledPackage[]): PackageSummary {
  const owned = packages.reduce((sum, item) => sum + item.sizeBytes, 0);
  return {
    imageBytes: owned,
    visibleBytes: owned,
    hiddenBytes: 0,
    ownedBytes: owned,
    unownedBytes: 0,
    unownedFileCount: 0,
    sharing: { fileCount: 0, bytes: 0, rule: '' },
    ecosystems: [{ ecosystem: 'deb', read: true, database: '/var/lib/dpkg/status', packageCount: 1, sizeBytes: 0 }],
    warnings: [],
  };
}

function measured(packages: InstalledPackage[]): Measured {
  const analysis: ImageAnalysis = { ...sampleAnalysis(), packages, packageSummary: summary(packages) };
  const platform: PlatformMeasurement = {
    platform: 'linux/amd64',
    sizeBytes: 40_000_000,
    layerCount: 3,
    configuredUser: '10001',
    user: resolveUser('10001', undefined),
    analysis,
  };
  return measuredImage(
    { id: 'sha256:' + 'a'.repeat(64), sizeBytes: 40_000_000, layerCount: 3, user: '10001' },
    [platform],
    passedSmoke(100),
  );
}

const gate = (head: Measured, inputs: Record<string, string>, baseline: ReportInput['baseline']) =>
  assembleReport({ options: getInputs((name) => inputs[name] ?? ''), engine, head, reference: 'x', baseline });

const libc = pkg('deb', 'libc6', '2.36-9', 12_800_000);
const head = measured([libc, pkg('deb', 'curl', '7.88.1', 485_406), pkg('npm', 'lodash', '4.17.21', 1_412_000)]);

test('against a baseline measured now, the report says which packages were added', () => {
  const report = gate(head, {}, { measured: measured([libc]), report: { source: 'image', reference: 'app:main', id: 'sha256:b' } });
  expect(
    report.baseline?.packageChanges?.changes.map((change) => `${change.kind} ${change.ecosystem} ${change.name} ${change.changeBytes}`),
  ).toEqual(['added npm lodash 1412000', 'added deb curl 485406']);
});

test('against a history record, its listed packages are the base; a record without packages compares none', () => {
  const base = measured([libc]);
  const record = (packages?: HistoryRecord['packages']): HistoryRecord => ({
    schemaVersion: 1,
    name: 'x',
    platform: 'linux/amd64',
    commit: 'c'.repeat(40),
    commitTime: '2026-01-01T00:00:00Z',
    recordedAt: '2026-01-01T00:00:00Z',
    imageId: 'sha256:' + 'b'.repeat(64),
    engine,
    sizeMethod: 'layers',
    figures: { size: 39_000_000, layers: 3 },
    user: '10001',
    nonRoot: true,
    ...(packages ? { packages } : {}),
  });
  const info = { source: 'record' as const, reference: 'c'.repeat(40), id: 'sha256:b' };
  const withPackages = gate(head, {}, { recorded: [record(recordedPackages(base.platforms[0].analysis))], report: info });
  expect(withPackages.baseline?.packageChanges?.changes.map((change) => change.name)).toEqual(['lodash', 'curl']);
  const older = gate(head, {}, { recorded: [record()], report: info });
  expect(older.baseline?.packageChanges).toBeUndefined();
});

test('max-package-size fails on the largest packages, naming them, unless allowed', () => {
  const failing = gate(head, { 'max-package-size': '10MB' }, { skipped: 'none' });
  expect(failing.passed).toBe(false);
  expect(failing.checks.find((check) => check.id === 'package-size')?.detail).toContain('libc6 2.36-9 (deb, 12.8 MB)');
  expect(gate(head, { 'max-package-size': '10MB', 'allow-large-packages': 'deb:libc6' }, { skipped: 'none' }).passed).toBe(true);
});
