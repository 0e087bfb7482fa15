import { DISPLAY_NAME_CHARS } from '../../../src/common/escape.js';
import { evaluateBudgets } from '../../../src/judge/budgets.js';
import { figureDeltas, layerChanges, layerKey } from '../../../src/judge/delta.js';
import { LayerSummary } from '../../../src/analysis/analyze.js';
import { renderComment, shouldComment } from '../../../src/report/pr-comment.js';
import { GateReport } from '../../../src/report/model.js';
import { LONG_RUN, sampleAnalysis } from '../../support/analysis-sample.js';
import { measurements, reportImage } from '../../support/unit-gate-samples.js';

function layer(index: number, createdBy: string, sizeBytes: number, diffId = `sha256:${index}-${sizeBytes}`): LayerSummary {
  return {
    index,
    diffId,
    sizeBytes,
    tarBytes: sizeBytes + 2048,
    createdBy,
    own: true,
    filesAdded: 1,
    filesModified: 0,
    filesRemoved: 0,
    line: index + 1,
  };
}

function reportWith(overrides: Partial<GateReport> = {}, baseSize = 4_460_581, headSize = 7_460_581): GateReport {
  const checks = evaluateBudgets(
    measurements({ sizeBytes: headSize, smoke: { ran: false, reason: 'smoke is false' }, baselineSizeBytes: baseSize, labels: [] }),
    { requireNonRoot: true, maxSize: { bytes: 25_000_000, unit: 'MB' }, maxIncrease: { kind: 'bytes', bytes: 1_000_000, text: '1MB' } },
  );
  return {
    schemaVersion: 1,
    name: 'api',
    passed: checks.every((check) => check.verdict !== 'fail'),
    image: reportImage(headSize),
    engine: { version: '20.10.24', imageStore: 'classic', storageDriver: 'overlay2' },
    baseline: {
      source: 'base-commit',
      reference: 'a'.repeat(40),
      id: 'sha256:def',
      buildMs: 1200,
      totalMs: 2000,
      figures: figureDeltas({ sizeBytes: baseSize, layerCount: 2 }, { sizeBytes: headSize, layerCount: 2 }),
      layerChanges: layerChanges(
        [layer(0, 'COPY file:aaaaaaaaaaaa… in /app', 4_460_000)],
        [layer(0, 'COPY file:bbbbbbbbbbbb… in /app', 7_460_000)],
      ),
    },
    checks,
    ...overrides,
  };
}

describe('the PR comment', () => {
  test('verdict first, then base, PR, change and budget for every figure (snapshot)', () => {
    const body = renderComment(reportWith(), {
      marker: '<!-- image-size-gate:api -->',
      runUrl: 'https://github.com/o/r/actions/runs/1',
      headSha: 'b'.repeat(40),
    });
    expect(body.split('\n').slice(0, 2)).toEqual([
      '<!-- image-size-gate:api -->',
      '### ❌ image-size-gate: **api** failed Growth against baseline · 7.46 MB (+3.00 MB, +67.3%)',
    ]);
    expect(body).toMatchSnapshot();
  });

  test('with hints and a long layer instruction (snapshot)', () => {
    const report = reportWith({ analysis: sampleAnalysis() });
    report.baseline!.layerChanges = [{ kind: 'added', createdBy: LONG_RUN, line: 2, changeBytes: 11_000_000, headBytes: 11_000_000 }];
    expect(renderComment(report, { marker: '<!-- image-size-gate:api -->' })).toMatchSnapshot();
  });

  test('kept under the limit by cutting the long parts, never the verdict or the figures', () => {
    const many = Array.from({ length: 3000 }, (_, index) => layer(index, `RUN step ${index} ${'x'.repeat(60)}`, 1000 + index));
    const report = reportWith();
    report.baseline!.layerChanges = layerChanges([], many);
    const body = renderComment(report, { marker: '<!-- m -->' }, 65_536);
    expect([...body].length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('### ❌ image-size-gate');
    expect(body).toContain('| Size (uncompressed) | 4.46 MB | 7.46 MB | +3.00 MB (+67.3%) | 25.0 MB | ✅ |');
    expect(body).toMatch(/…and \d+ more layers, not shown to keep this comment within GitHub's size limit\./);
    const tiny = renderComment(report, { marker: '<!-- m -->' }, 6_000);
    expect([...tiny].length).toBeLessThanOrEqual(6_000);
    expect(tiny).toContain('Growth against baseline');
  });

  test('text from the image cannot break the comment', () => {
    const report = reportWith({ name: 'x` </details> <img src=x onerror=alert(1)> @everyone' });
    report.baseline!.layerChanges = [
      { kind: 'added', createdBy: 'RUN echo "</details>" | tee @admin ::set-output name=x::y', changeBytes: 10, headBytes: 10 },
    ];
    const body = renderComment(report, { marker: '<!-- m -->' });
    expect(body).not.toMatch(/<img|@everyone|@admin/);
    expect(body.match(/<\/details>/g)).toHaveLength(body.match(/<details>/g)!.length);
  });

  test('a name of 70,000 characters is cut to the display length; bidi and zero-width characters are shown by their code', () => {
    const long = renderComment(reportWith({ name: 'n'.repeat(70_000) }), { marker: '<!-- m -->' });
    expect([...long].length).toBeLessThan(5_000);
    expect(long).toContain(`**${'n'.repeat(DISPLAY_NAME_CHARS - 1)}…**`);
    const hidden = renderComment(reportWith({ name: 'api\u200b\u202eevil' }), { marker: '<!-- m -->' });
    expect(hidden).not.toMatch(/[\u200b\u202e]/);
    expect(hidden).toContain('**api&#92;u200b&#92;u202eevil**');
  });

  test('comment modes', () => {
    const failing = reportWith();
    const passingSame = reportWith({}, 100, 100);
    passingSame.passed = true;
    expect(shouldComment('never', failing)).toBe(false);
    expect(shouldComment('always', passingSame)).toBe(true);
    expect(shouldComment('failure', failing)).toBe(true);
    expect(shouldComment('failure', passingSame)).toBe(false);
    expect(shouldComment('changed', passingSame)).toBe(false);
    expect(shouldComment('changed', failing)).toBe(true);
  });
});

describe('deltas', () => {
  test('figures: change and ratio when both sides are known', () => {
    const deltas = figureDeltas({ sizeBytes: 100, layerCount: 3, startupMs: 200 }, { sizeBytes: 150, layerCount: 2 });
    expect(deltas).toEqual([
      { id: 'size', label: 'Size (uncompressed)', unit: 'bytes', base: 100, head: 150, change: 50, ratio: 0.5 },
      { id: 'layers', label: 'Layers', unit: 'count', base: 3, head: 2, change: -1, ratio: -1 / 3 },
      { id: 'startup', label: 'Start-up time', unit: 'ms', base: 200, head: undefined },
    ]);
  });

  test('layers: identical ones are skipped; the same instruction grew; new ones appeared, old ones vanished', () => {
    const base = [
      layer(0, 'ADD file:base… in /', 5000, 'sha256:base'),
      layer(1, 'COPY file:111111111111… in /app', 100),
      layer(2, 'RUN rm -rf /x', 50),
    ];
    const head = [
      layer(0, 'ADD file:base… in /', 5000, 'sha256:base'),
      layer(1, 'COPY file:222222222222… in /app', 3100),
      layer(2, 'RUN make', 700),
    ];
    expect(layerChanges(base, head).map((change) => [change.kind, change.createdBy, change.changeBytes])).toEqual([
      ['grew', 'COPY file:222222222222… in /app', 3000],
      ['added', 'RUN make', 700],
      ['removed', 'RUN rm -rf /x', -50],
    ]);
    expect(layerKey('COPY file:222222222222… in /app')).toBe(layerKey('COPY file:111111111111… in /app'));
  });
});
