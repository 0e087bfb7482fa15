// Pure: a measured image with one or several platforms, a baseline, budgets -> the report and its checks.
import { getInputs } from '../../../src/inputs/read.js';
import { Measured, PlatformMeasurement } from '../../../src/judge/measured.js';
import { renderSummary } from '../../../src/report/markdown.js';
import { renderTerminal } from '../../../src/report/terminal.js';
import { resolveUser } from '../../../src/user/resolve.js';
import { assembleReport, ReportInput } from '../../../src/gate/verdict.js';
import { measuredImage, passedSmoke } from '../../support/unit-gate-samples.js';

const engine = { version: '26.1.5', imageStore: 'containerd' as const, storageDriver: 'overlayfs' };

function platform(name: string, sizeBytes: number, user = '10001'): PlatformMeasurement {
  return {
    platform: name,
    sizeBytes,
    layerCount: 2,
    compressedSizeBytes: Math.round(sizeBytes / 2),
    configuredUser: user,
    user: resolveUser(user, undefined),
  };
}

function measured(platforms: PlatformMeasurement[], engineSizeBytes = 1_958_805): Measured {
  return measuredImage(
    { id: 'sha256:' + 'a'.repeat(64), sizeBytes: engineSizeBytes, layerCount: 2, user: '10001' },
    platforms,
    passedSmoke(120),
  );
}

/** The report on `head` under these action inputs, against `baseline`. */
const gate = (head: Measured, inputs: Record<string, string>, baseline: ReportInput['baseline'], reference = 'x') =>
  assembleReport({ options: getInputs((name) => inputs[name] ?? ''), engine, head, reference, baseline });

describe('several platforms', () => {
  const head = measured([platform('linux/amd64', 4_460_581), platform('linux/arm64', 4_390_000)]);

  test('every budget applies to each platform: the one over max-size fails the gate, and says which it is', () => {
    const report = gate(head, { 'max-size': '4.4MB' }, { skipped: 'baseline is none' });
    expect(report.passed).toBe(false);
    const sizeChecks = report.checks.filter((check) => check.id === 'size');
    expect(sizeChecks.map((check) => `${check.label}: ${check.verdict}`)).toEqual([
      'linux/amd64: Size (uncompressed): fail',
      'linux/arm64: Size (uncompressed): pass',
    ]);
    expect(report.platforms?.map((entry) => `${entry.platform} ${entry.sizeBytes} ${entry.passed}`)).toEqual([
      'linux/amd64 4460581 false',
      'linux/arm64 4390000 true',
    ]);
    // The smoke test ran on the runner's platform only, and the other platform says why it has none.
    const smoke = report.checks.filter((check) => check.id === 'smoke');
    expect(smoke.map((check) => check.verdict)).toEqual(['pass', 'skip']);
    expect(smoke[1].detail).toContain("runs on the runner's platform (linux/amd64) only");
    expect(report.image).toMatchObject({ platform: 'linux/amd64', sizeBytes: 4_460_581, engineSizeBytes: 1_958_805 });
  });

  test('the summary and the terminal show one row per platform and label the engine figure for what it is', () => {
    const report = gate(head, {}, { skipped: 'none' });
    const summary = renderSummary(report);
    expect(summary).toContain('| linux/amd64 | 4.46 MB (4460581 B) | 2.23 MB | 2 | 10001 | pass |');
    expect(summary).toContain('| linux/arm64 | 4.39 MB (4390000 B) |');
    expect(summary).toContain("docker image inspect .Size says 1.96 MB (1958805 B), which on this store is not the image's size");
    expect(renderTerminal(report)).toMatch(/linux\/arm64\s+4\.39 MB/);
  });

  test('the baseline delta is per platform: each platform is compared with the same platform of the baseline', () => {
    const base = measured([platform('linux/arm64', 4_000_000), platform('linux/amd64', 4_400_000)]);
    const report = gate(
      head,
      { 'max-increase': '5%' },
      { measured: base, report: { source: 'image', reference: 'app:main', id: 'sha256:b' } },
    );
    expect(report.platforms?.map((entry) => `${entry.platform} ${entry.baselineSizeBytes}`)).toEqual([
      'linux/amd64 4400000',
      'linux/arm64 4000000',
    ]);
    expect(report.baseline?.figures.find((figure) => figure.id === 'size')).toMatchObject({ base: 4_400_000, head: 4_460_581 });
    // amd64 grew 1.4%, arm64 9.75%: only arm64 breaks max-increase.
    const increase = report.checks.filter((check) => check.id === 'increase');
    expect(increase.map((check) => `${check.label.split(':')[0]} ${check.verdict}`)).toEqual(['linux/amd64 pass', 'linux/arm64 fail']);
  });
});

test('one platform: labels carry no platform, and the report has no platforms list', () => {
  const report = gate(measured([platform('linux/amd64', 4_460_581)]), { 'max-size': '25MB' }, { skipped: 'none' });
  expect(report.platforms).toBeUndefined();
  expect(report.checks[0].label).toBe('Size (uncompressed)');
  expect(report.passed).toBe(true);
});

test('a user that runs as root on one platform fails require-non-root for that platform', () => {
  const head = measured([platform('linux/amd64', 1000), platform('linux/arm64', 1000, '0')]);
  const report = gate(head, {}, { skipped: 'none' });
  expect(report.checks.filter((check) => check.id === 'non-root').map((check) => check.verdict)).toEqual(['pass', 'fail']);
  expect(report.passed).toBe(false);
});

describe('a baseline from the size history', () => {
  const head = measured([platform('linux/amd64', 4_460_581)]);
  const record = (platformName: string, sizeBytes: number) =>
    ({
      schemaVersion: 1,
      name: 'app',
      platform: platformName,
      commit: 'c'.repeat(40),
      commitTime: '2026-11-20T10:00:00Z',
      recordedAt: '2026-11-20T10:05:00.000Z',
      imageId: 'sha256:' + 'b'.repeat(64),
      engine,
      sizeMethod: 'layers',
      figures: { size: sizeBytes, layers: 2, 'compressed-size': 2_000_000, startup: 150 },
      user: '10001',
      nonRoot: true,
    }) as const;
  const info = { source: 'record' as const, reference: 'c'.repeat(40), id: 'sha256:' + 'b'.repeat(64) };

  test("the record of the gated platform is the baseline: its figures against the image's, max-increase judged on them", () => {
    const report = gate(
      head,
      { 'max-increase': '1MB' },
      { recorded: [record('linux/arm64', 1), record('linux/amd64', 4_000_000)], report: info },
      'app:pr',
    );
    expect(report.baseline?.source).toBe('record');
    expect(report.baseline?.figures.find((figure) => figure.id === 'size')).toMatchObject({
      base: 4_000_000,
      head: 4_460_581,
      change: 460_581,
    });
    expect(report.baseline?.figures.find((figure) => figure.id === 'startup')).toMatchObject({ base: 150, head: 120, change: -30 });
    expect(report.checks.find((check) => check.id === 'increase')?.verdict).toBe('pass');
  });

  test("records of other platforms only: no baseline, never another platform's figures", () => {
    const report = gate(head, {}, { recorded: [record('linux/arm64', 1)], report: info }, 'app:pr');
    expect(report.baseline).toBeUndefined();
  });
});
