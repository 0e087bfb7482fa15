import { readFileSync } from 'node:fs';
import { marked, Tokens } from 'marked';
import { evaluateBudgets } from '../../../src/judge/budgets.js';
import { renderActionYml, renderSubActionYmls, updateMatrixPage, updateReadme } from '../../../src/docs/render.js';
import { escapeCodeBlock, escapeMarkdownInline } from '../../../src/common/escape.js';
import { renderSummary } from '../../../src/report/markdown.js';
import { GateReport } from '../../../src/report/model.js';
import { renderTerminal } from '../../../src/report/terminal.js';
import { failureSummary, reportOutputs } from '../../../src/action/outputs.js';
import { resolveUser } from '../../../src/user/resolve.js';
import { VERSION } from '../../../src/common/version.js';
import { sampleAnalysis } from '../../support/analysis-sample.js';
import { measurements, reportImage } from '../../support/unit-gate-samples.js';
import { helpText } from '../../../src/cli/main.js';
import { ACTION_INPUTS } from '../../../src/inputs/table.js';

function sampleReport(overrides: Partial<GateReport> = {}): GateReport {
  const checks = evaluateBudgets(measurements({ user: resolveUser('app', { passwd: 'app:x:10001:10001::/:/x' }) }), {
    maxSize: { bytes: 25_000_000, unit: 'MB' },
    requireNonRoot: true,
    maxStartupMs: 1000,
  });
  return {
    schemaVersion: 1,
    name: 'examples/go-scratch/Dockerfile',
    passed: true,
    image: reportImage(4_460_581, {
      reference: 'sha256:d430579a96ea',
      id: 'sha256:d430579a96eab7c8928304b3ae683d4259dc15482020755ec45cda952214275b',
      user: 'app',
    }),
    engine: { version: '20.10.24', imageStore: 'classic', storageDriver: 'overlay2' },
    build: { builder: 'classic', durationMs: 125, context: 'examples/go-scratch', dockerfile: 'examples/go-scratch/Dockerfile' },
    smoke: { ran: true, port: 8080, path: '/', passed: true, startupMs: 313, status: 200, containerLog: [] },
    checks,
    ...overrides,
  };
}

describe('job summary', () => {
  test('renders every check (snapshot)', () => {
    expect(renderSummary(sampleReport())).toMatchSnapshot();
  });

  test('with the layer analysis: where the bytes are, and every hint (snapshot)', () => {
    expect(renderSummary(sampleReport({ analysis: sampleAnalysis() }))).toMatchSnapshot();
  });

  test('untrusted text from the image cannot inject HTML, mentions, table breaks or close a code block', () => {
    const hostile = sampleReport({
      name: '</details><img src=x onerror=alert(1)> @everyone | x',
      passed: false,
      smoke: {
        ran: true,
        port: 80,
        path: '/',
        passed: false,
        failure: 'bad',
        bodyExcerpt: '```\n@admin <b>',
        containerLog: ['::set-output name=passed::true', '```', '| a | b |'],
      },
    });
    const markdown = renderSummary(hostile);
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('</details>');
    expect(markdown).not.toContain('@everyone');
    // A table row in the container log stays inside its code block, where it is inert text.
    expect(markdown).toContain('````text\n::set-output name=passed::true\n```\n| a | b |\n````');
    // A CommonMark parser finds two code blocks, each whole: the fences inside untrusted text close nothing.
    const blocks = marked.lexer(markdown).filter((token) => token.type === 'code');
    expect(blocks.map((block) => (block as Tokens.Code).text)).toEqual([
      '```\n@admin <b>',
      '::set-output name=passed::true\n```\n| a | b |',
    ]);
  });

  test('escapeMarkdownInline and escapeCodeBlock', () => {
    expect(escapeMarkdownInline('a|b <i>@x\nnext')).toBe('a&#124;b &#60;i&#62;&#64;x next');
    expect(escapeCodeBlock(['```', 'x'])).toBe('````text\n```\nx\n````');
    expect(escapeCodeBlock(['a\u202eb\u200bc\td'])).toBe('```text\na\\u202eb\\u200bc\td\n```');
    expect(escapeMarkdownInline('api\u200b \u202eevil \u2066x\ufeff \u0085')).toBe(
      'api&#92;u200b &#92;u202eevil &#92;u2066x&#92;ufeff &#92;x85',
    );
  });
});

describe('terminal report', () => {
  test('aligned columns, failures spelled out (snapshot)', () => {
    const failing = sampleReport();
    failing.checks[0] = { ...failing.checks[0], verdict: 'fail', detail: 'the image is 1 B over max-size' };
    failing.passed = false;
    expect(renderTerminal(failing)).toMatchSnapshot();
  });

  test('with the layer analysis: largest layers and every hint (snapshot)', () => {
    expect(renderTerminal(sampleReport({ analysis: sampleAnalysis() }))).toMatchSnapshot();
  });

  test('terminal escape sequences from the container are stripped', () => {
    const report = sampleReport({
      smoke: { ran: true, port: 80, path: '/', passed: false, failure: 'x', containerLog: ['\u001b[2Jcleared'] },
    });
    expect(renderTerminal(report)).not.toContain('\u001b');
  });

  test('bidi controls and zero-width characters from the image or the name are shown by their code', () => {
    const report = sampleReport({
      name: 'api\u200b\u202e',
      smoke: { ran: true, port: 80, path: '/', passed: false, failure: 'x', containerLog: ['\u2066hidden\u2069'] },
    });
    const text = renderTerminal(report);
    expect(text).not.toMatch(/[\u200b\u202e\u2066\u2069]/);
    expect(text).toContain('api\\u200b\\u202e');
    expect(text).toContain('\\u2066hidden\\u2069');
  });
});

describe('outputs', () => {
  test('sizes are plain byte integers, booleans are true/false', () => {
    expect(reportOutputs(sampleReport(), '/tmp/r.json')).toEqual({
      'image-id': 'sha256:d430579a96eab7c8928304b3ae683d4259dc15482020755ec45cda952214275b',
      size: '4460581',
      layers: '2',
      user: 'app',
      'non-root': 'true',
      'startup-ms': '313',
      'compressed-size': '',
      efficiency: '',
      'wasted-size': '',
      'reclaimable-size': '',
      'baseline-size': '',
      'size-delta': '',
      passed: 'true',
      report: '/tmp/r.json',
    });
  });
  test('the baseline size and the delta come from the size figure', () => {
    const report = sampleReport({
      baseline: {
        source: 'image',
        reference: 'app:main',
        id: 'sha256:b',
        figures: [{ id: 'size', label: 'Size (uncompressed)', unit: 'bytes', base: 4_000_000, head: 4_460_581, change: 460_581 }],
      },
    });
    expect(reportOutputs(report, '/tmp/r.json')).toMatchObject({ 'baseline-size': '4000000', 'size-delta': '460581' });
  });
  test('failure summary names each failed check', () => {
    const report = sampleReport();
    report.checks[2] = { ...report.checks[2], verdict: 'fail', detail: 'USER is root' };
    expect(failureSummary(report)).toContain('Runs as non-root (USER is root)');
  });
});

describe('one place per fact', () => {
  test('action.yml is what src/inputs/table.ts renders (run npm run docs)', () => {
    expect(readFileSync('action.yml', 'utf8')).toBe(renderActionYml());
  });
  test('the README tables are what src/inputs/table.ts renders (run npm run docs)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(updateReadme(readme)).toBe(readme);
  });
  test('plan/action.yml, report/action.yml and the tables of docs/matrix.md are what src/inputs/sub-actions.ts renders', () => {
    for (const [file, text] of Object.entries(renderSubActionYmls())) expect(readFileSync(file, 'utf8')).toBe(text);
    const page = readFileSync('docs/matrix.md', 'utf8');
    expect(updateMatrixPage(page)).toBe(page);
  });
  test('the sub-actions run their own bundles, found from their own folder', () => {
    const ymls = renderSubActionYmls();
    expect(ymls['plan/action.yml']).toContain("main: '../dist/plan/index.js'");
    expect(ymls['report/action.yml']).toContain("main: '../dist/report-step/index.js'");
  });
  test('runs-on is a key of the config file only: no input of action.yml, no flag of the CLI', () => {
    expect(renderActionYml()).not.toMatch(/^ {2}runs-on:/m);
    expect(helpText()).not.toContain('--runs-on');
    expect(renderActionYml()).toMatch(/^ {2}images:/m);
  });
  test('--help lists every input but those only a workflow run uses (pull requests, pushes that record)', () => {
    const help = helpText();
    const actionOnly = ['github-token', 'comment', 'allow-increase-label', 'history-branch', 'history-branches', 'changed-only'];
    for (const input of ACTION_INPUTS.filter((candidate) => !actionOnly.includes(candidate.name)))
      expect(help).toContain(`--${input.name} `);
    for (const name of actionOnly) expect(help).not.toContain(`--${name} `);
  });
  test('VERSION is package.json version (imported from it, no copy to keep in step)', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});
