import { DISPLAY_NAME_CHARS } from '../../../src/common/escape.js';
import { carriedChecks, evaluateBudgets } from '../../../src/judge/budgets.js';
import { renderMultiTerminal } from '../../../src/cli/multi.js';
import { figureDeltas } from '../../../src/judge/delta.js';
import { Hint } from '../../../src/analysis/hint.js';
import { GateReport } from '../../../src/report/model.js';
import { ImageOutcome, multiHeadline, renderMultiComment, renderMultiSummary } from '../../../src/report/multi.js';
import { imageGroup, imageRows, orderedOutcomes } from '../../../src/report/multi-rows.js';
import { sampleAnalysis } from '../../support/analysis-sample.js';
import { measurements, reportImage } from '../../support/unit-gate-samples.js';

const MB = 1_000_000;

/** A gated image: `headBytes` against a base of `baseBytes` (none: no baseline), under a 25 MB budget unless given. */
function report(name: string, headBytes: number, baseBytes?: number, maxSizeBytes = 25 * MB): GateReport {
  const checks = evaluateBudgets(
    measurements({ sizeBytes: headBytes, smoke: { ran: false, reason: 'smoke is false' }, baselineSizeBytes: baseBytes, labels: [] }),
    { requireNonRoot: true, maxSize: { bytes: maxSizeBytes, unit: 'MB' } },
  );
  return {
    schemaVersion: 2,
    name,
    passed: checks.every((check) => check.verdict !== 'fail'),
    image: reportImage(headBytes, { reference: name, compressedSizeBytes: Math.round(headBytes / 3) }),
    engine: { version: '27.0.0', imageStore: 'classic', storageDriver: 'overlay2' },
    ...(baseBytes === undefined
      ? { noBaselineReason: 'baseline is none' }
      : {
          baseline: {
            source: 'base-commit' as const,
            reference: 'a'.repeat(40),
            id: 'sha256:def',
            figures: figureDeltas({ sizeBytes: baseBytes, layerCount: 2 }, { sizeBytes: headBytes, layerCount: 2 }),
            layerChanges: [],
          },
        }),
    checks,
  };
}

const api: ImageOutcome = { name: 'api', report: report('api', 7.46 * MB, 4.46 * MB) };
const frontend: ImageOutcome = { name: 'frontend', report: report('frontend', 2 * MB, 2 * MB, 1 * MB) };
const worker: ImageOutcome = { name: 'worker', report: report('worker', 120, 120) };
const notRebuilt: ImageOutcome = {
  name: 'docs',
  unchanged: { sizeBytes: 3 * MB, recordedCommit: 'c'.repeat(40), platform: 'linux/amd64' },
};
const broken: ImageOutcome = { name: 'cron', error: 'build: the Dockerfile "services/cron/Dockerfile" was not found' };

const CONTEXT = { marker: '<!-- image-size-gate -->', runUrl: 'https://github.com/o/r/actions/runs/1' };

describe('the multi-image comment', () => {
  test('the first line after the marker is the verdict over all images', () => {
    expect(renderMultiComment([api, frontend, worker], CONTEXT).split('\n').slice(0, 2)).toEqual([
      '<!-- image-size-gate -->',
      '### ❌ image-size-gate: 1 of 3 images failed',
    ]);
    expect(multiHeadline([api, worker, { name: 'w2', report: report('w2', 5, 5) }])).toBe('### ✅ image-size-gate: all 3 images passed');
    expect(multiHeadline([api, notRebuilt])).toBe('### ✅ image-size-gate: the one image gated passed, 1 unchanged (not rebuilt)');
    expect(multiHeadline([api])).toBe('### ✅ image-size-gate: the image passed');
    expect(multiHeadline([api, broken], '##')).toBe('## ❌ image-size-gate: 1 of 2 images failed');
  });

  test('failing rows first, then changed ones; unchanged ones folded, with their own header', () => {
    const body = renderMultiComment([worker, notRebuilt, api, frontend, broken], CONTEXT);
    const lines = body.split('\n');
    const row = (name: string) => lines.findIndex((line) => line.startsWith(`| **${name}** |`));
    expect(row('frontend')).toBeLessThan(row('cron'));
    expect(row('cron')).toBeLessThan(row('api'));
    expect(row('api')).toBeLessThan(row('worker'));
    expect(row('worker')).toBeLessThan(row('docs'));
    const folded = lines.indexOf('<summary>2 unchanged images</summary>');
    expect(folded).toBeGreaterThan(row('api'));
    expect(folded).toBeLessThan(row('worker'));
    expect(lines.filter((line) => line === '| Image | Platform | Size | Change | Compressed | Budget | |')).toHaveLength(2);
    expect(lines[row('frontend')]).toBe('| **frontend** | linux/amd64 | 2.00 MB | ±0 B | 667 kB | 1.00 MB | ❌ |');
    expect(lines[row('api')]).toBe('| **api** | linux/amd64 | 7.46 MB | +3.00 MB (+67.3%) | 2.49 MB | 25.0 MB | ✅ |');
    expect(lines[row('cron')]).toBe('| **cron** | — | — | could not be judged | — | — | ❌ |');
    expect(lines[row('docs')]).toBe(
      '| **docs** | linux/amd64 | 3.00 MB | unchanged, not rebuilt (as recorded at `ccccccc`) | — | — | ⏭️ |',
    );
  });

  test('each gated image has its own collapsed details; an image not rebuilt has none', () => {
    const body = renderMultiComment([api, frontend, notRebuilt, broken], CONTEXT);
    expect(body).toContain('<summary>❌ <b>frontend</b>: failed Size (uncompressed) · 2.00 MB (±0 B)</summary>');
    expect(body).toContain('<summary>✅ <b>api</b>: passed · 7.46 MB (+3.00 MB)</summary>');
    expect(body).toContain('<summary>❌ <b>cron</b>: could not be judged</summary>');
    expect(body).toContain('the Dockerfile "services/cron/Dockerfile" was not found');
    expect(body).not.toContain('<b>docs</b>');
    expect(body).toMatch(/- ❌ \*\*Size \(uncompressed\)\*\*: /);
    expect(body.match(/<details>/g)).toHaveLength(4);
    expect(body.match(/<\/details>/g)).toHaveLength(4);
    expect(body).not.toContain('left out');
    expect(body.trimEnd().endsWith('<sub>image-size-gate · [workflow run](https://github.com/o/r/actions/runs/1)</sub>')).toBe(true);
  });

  test('an image of several platforms has a row per platform', () => {
    const several = report('multi', 5 * MB, 4 * MB);
    several.platforms = [
      { platform: 'linux/amd64', sizeBytes: 5 * MB, layerCount: 2, user: '10001', nonRoot: true, passed: true, baselineSizeBytes: 4 * MB },
      { platform: 'linux/arm64', sizeBytes: 30 * MB, layerCount: 2, user: '10001', nonRoot: true, passed: false },
    ];
    several.checks = [
      { ...several.checks[0], label: 'linux/amd64: Size (uncompressed)' },
      { ...several.checks[0], label: 'linux/arm64: Size (uncompressed)', verdict: 'fail', budget: '25.0 MB' },
    ];
    several.passed = false;
    const rows = imageRows({ name: 'multi', report: several });
    expect(rows.map((row) => [row.platform, row.size, row.change, row.compressed, row.mark])).toEqual([
      ['linux/amd64', '5.00 MB', '+1.00 MB (+25.0%)', '—', '✅'],
      ['linux/arm64', '30.0 MB', '—', '—', '❌'],
    ]);
  });

  test('groups: failing, changed (or without a baseline), unchanged (not rebuilt, or rebuilt to the same size)', () => {
    const noBaseline: ImageOutcome = { name: 'new', report: report('new', 5 * MB) };
    expect([frontend, broken, api, noBaseline, worker, notRebuilt].map(imageGroup)).toEqual([
      'failing',
      'failing',
      'changed',
      'changed',
      'unchanged',
      'unchanged',
    ]);
    expect(orderedOutcomes([worker, api, broken]).map((outcome) => outcome.name)).toEqual(['cron', 'api', 'worker']);
  });

  test('text from the reports cannot break the comment', () => {
    const hostile = 'x` </details> <img src=x onerror=alert(1)> | @everyone';
    const bad = report(hostile, 2 * MB, 1 * MB, 1 * MB);
    bad.analysis = { ...sampleAnalysis(), hints: [hint('</details><script>', '@admin | ::set-output')] };
    const body = renderMultiComment(
      [
        { name: hostile, report: bad },
        { name: `${hostile} 2`, error: 'boom </details> @team' },
        { name: `${hostile} 3`, unchanged: { platform: '<b>linux</b>' } },
      ],
      CONTEXT,
    );
    expect(body).not.toMatch(/<img|<script|<b>linux|@everyone|@admin|@team/);
    expect(body.match(/<\/details>/g)).toHaveLength(body.match(/<details>/g)!.length);
    // Every row keeps its seven cells: no | from a name splits one.
    for (const line of body.split('\n').filter((candidate) => candidate.startsWith('| **x'))) expect(line.split(' | ')).toHaveLength(7);
  });

  test('200 images with many hints: under the limit, every row and verdict kept, details shortened', () => {
    const outcomes: ImageOutcome[] = Array.from({ length: 200 }, (_, index) => {
      const gated = report(`service-${index}`, (index % 7 === 0 ? 30 : 5) * MB + index, 4 * MB);
      gated.analysis = { ...sampleAnalysis(), hints: Array.from({ length: 40 }, (_, n) => hint(`Hint ${n}`, 'x'.repeat(300))) };
      return { name: `service-${index}`, report: gated };
    });
    const body = renderMultiComment(outcomes, CONTEXT);
    expect([...body].length).toBeLessThanOrEqual(65_536);
    expect(body.split('\n')[1]).toBe('### ❌ image-size-gate: 29 of 200 images failed');
    for (let index = 0; index < 200; index++) expect(body).toContain(`| **service-${index}** | linux/amd64 |`);
    expect(body.match(/^\| \*\*service-\d+\*\* \|.*\| (✅|❌) \|$/gm)).toHaveLength(200);
    expect(body).toContain("_Some details are left out to keep this comment within GitHub's size limit; the job summary has them._");
    // Shortened, not dropped at the first step: the failing images keep their failing checks.
    expect(body).toContain('<summary>❌ <b>service-0</b>: failed Size (uncompressed)');
    const few = renderMultiComment(outcomes.slice(0, 3), CONTEXT);
    expect(few).toContain('**Hints (40)**');
  });

  test('400 images with 120-character names: under 65,536 characters, failing rows first, the rest counted in one line', () => {
    const long = (index: number) => `${String(index).padStart(3, '0')}-${'n'.repeat(116)}`;
    const outcomes: ImageOutcome[] = Array.from({ length: 400 }, (_, index) =>
      index % 50 === 7
        ? { name: long(index), report: report(long(index), 2 * MB, 1 * MB, 1 * MB) }
        : {
            name: long(index),
            unchanged: { sizeBytes: 500_000, platform: 'linux/amd64', recordedCommit: 'c'.repeat(40), budget: '1.00 MB' },
          },
    );
    const body = renderMultiComment(outcomes, CONTEXT);
    expect([...body].length).toBeLessThan(65_536);
    expect(body.split('\n')[1]).toBe('### ❌ image-size-gate: 8 of 400 images failed');
    const rows = body.split('\n').filter((line) => /^\| \*\*\d{3}-n+…\*\* \|/.test(line));
    // Every failing image keeps its row, first; names are cut to the display length.
    expect(rows.slice(0, 8).every((row) => row.endsWith('❌ |'))).toBe(true);
    expect(rows[0]).toContain(`**007-${'n'.repeat(DISPLAY_NAME_CHARS - 5)}…**`);
    const more = 400 - rows.length;
    expect(more).toBeGreaterThan(0);
    expect(body).toContain(`…and ${more} more images (see the job summary or the report).`);
    // The summary holds more of them, within its own limit, and points to the report for the rest.
    const summary = renderMultiSummary(outcomes, CONTEXT.runUrl);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1024 * 1024);
    expect(summary.match(/^\| \*\*\d{3}-n+…\*\* \|/gm)).toHaveLength(400);
  });

  test('names that escape to five times their length, or 70,000 characters long, still fit', () => {
    const escaping = (index: number) => `${index}${'_'.repeat(119)}`;
    const many: ImageOutcome[] = Array.from({ length: 500 }, (_, index) => ({ name: escaping(index), unchanged: { budget: '1.00 MB' } }));
    expect([...renderMultiComment(many, CONTEXT)].length).toBeLessThan(65_536);
    const huge = 'x'.repeat(70_000);
    const one = renderMultiComment([{ name: huge, report: report(huge, 2 * MB, 1 * MB, 1 * MB) }], CONTEXT);
    expect([...one].length).toBeLessThan(5_000);
    expect(one).toContain(`**${'x'.repeat(DISPLAY_NAME_CHARS - 1)}…**`);
  });
});

function hint(title: string, message: string): Hint {
  return { kind: 'package-cache', severity: 'warning', title, message, savingBytes: 1000 };
}

describe('the multi-image job summary', () => {
  test('the same verdict and table, then each image’s full summary', () => {
    const summary = renderMultiSummary([api, frontend, notRebuilt], CONTEXT.runUrl);
    expect(summary.split('\n')[0]).toBe('## ❌ image-size-gate: 1 of 3 images failed');
    expect(summary).toContain('| **frontend** | linux/amd64 | 2.00 MB |');
    expect(summary).toContain('## ❌ image-size-gate: frontend failed 1 check');
    expect(summary).toContain('## ✅ image-size-gate: api passed');
    expect(summary).toContain('| Check | Measured | Budget | Margin | Verdict | Detail |');
  });

  test('too long in full, it falls back to the shortened details within its limit', () => {
    const outcomes: ImageOutcome[] = Array.from({ length: 50 }, (_, index) => ({
      name: `s${index}`,
      report: { ...report(`s${index}`, 5 * MB, 4 * MB), analysis: sampleAnalysis() },
    }));
    const summary = renderMultiSummary(outcomes, undefined, 200_000);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(200_000);
    expect(summary.match(/^\| \*\*s\d+\*\* \|/gm)).toHaveLength(50);
    expect(summary).toContain("_Some details are left out to keep this summary within GitHub's size limit; the JSON report has them all._");
  });
});

describe('an unchanged image carried forward with its recorded figures', () => {
  const budgets = { requireNonRoot: true, maxSize: { bytes: MB, unit: 'MB' as const }, maxLayers: 4 };
  const carried = (sizeBytes: number): ImageOutcome => ({
    name: 'frontend',
    unchanged: {
      platform: 'linux/amd64',
      sizeBytes,
      recordedCommit: 'd'.repeat(40),
      budget: '1.00 MB',
      checks: carriedChecks({ sizeBytes, layerCount: 2 }, budgets),
    },
  });

  test('within its budgets it is folded away; over them it fails, first, with its failed budget named', () => {
    expect(imageGroup(carried(900_000))).toBe('unchanged');
    const over = carried(1_982_564);
    expect(imageGroup(over)).toBe('failing');
    const outcomes = [{ name: 'api', report: report('api', 2 * MB, MB) }, over];
    expect(orderedOutcomes(outcomes).map((outcome) => outcome.name)).toEqual(['frontend', 'api']);
    const body = renderMultiComment(outcomes, { marker: '<!-- m -->' });
    expect(body.split('\n')[1]).toBe('### ❌ image-size-gate: 1 of 2 images failed');
    expect(body).toContain('<summary>❌ <b>frontend</b>: unchanged, but its recorded figures fail Size (uncompressed)</summary>');
    expect(body).toContain('- ❌ **Size (uncompressed)**: the image is 983 kB over max-size');
    expect(imageRows(over)[0].mark).toBe('❌');
  });

  test('the CLI table: failing first, every name shown inert', () => {
    const outcomes: ImageOutcome[] = [
      { name: 'api', report: report('api', 2 * MB, MB) },
      carried(1_982_564),
      { name: 'evil\u001b[2J', error: 'build: the Dockerfile has an error' },
    ];
    const text = renderMultiTerminal(outcomes);
    const lines = text.split('\n');
    expect(lines[0]).toBe('image-size-gate: 2 of 3 images FAILED');
    expect(lines.slice(3, 6).map((line) => line.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'FAIL frontend',
      'FAIL evil\\x1b[2J',
      'PASS api',
    ]);
    expect(text).not.toContain('\u001b');
  });
});
