// Reading back a matrix job's report, which a fork's job may have written: the report of a real job reads back
// whole; every string of it replaced by hostile markup is either refused by a reason that names the field and
// quotes nothing, or reaches the comment and the summary escaped; sizes, lists and versions are bounded.
import { readFileSync } from 'node:fs';
import { MAX_REPORT_FILE_BYTES, parseJobReport } from '../../../src/report/report-check.js';
import { REPORT_SCHEMA_VERSION } from '../../../src/report/model.js';
import { renderMultiComment, renderMultiSummary } from '../../../src/report/multi.js';
import { checkRunFor } from '../../../src/report/check-run.js';

const FIXTURE = '__tests__/fixtures/matrix-job-report.json';
const text = readFileSync(FIXTURE, 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON, edited as a forger would
type Json = any;
const original = (): Json => JSON.parse(text);

/** Markup, a mention, a link, a workflow command and a line break: what a forger would put in any text. */
const HOSTILE = '<img src=x onerror=alert(1)> @octo-org/admins [link](https://evil.example)\n::error::forged | cell';
const RAW = /<img|@octo-org\/admins|\[link\]\(|^::error::forged/m;

function read(document: Json) {
  return parseJobReport(JSON.stringify(document), REPORT_SCHEMA_VERSION);
}

/** The path of every string in the value, as a list of keys. */
function stringPaths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringPaths(item, [...at, index]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...at, key]));
  return [];
}

function withStringAt(path: (string | number)[], replacement: string): Json {
  const document = original();
  let parent = document;
  for (const key of path.slice(0, -1)) parent = parent[key];
  parent[path[path.length - 1]] = replacement;
  return document;
}

describe('a matrix job report read back', () => {
  test('the report of a real job reads back whole (the user files it resolved from are not carried)', () => {
    const read = parseJobReport(text, REPORT_SCHEMA_VERSION);
    if (!('report' in read)) throw new Error(read.invalid);
    const expected = original();
    expected.images[0].report.analysis.userFiles = {};
    expect(read.report.commit).toBe(expected.matrix.commit);
    expect(read.report.configDigest).toBe(expected.matrix.configDigest);
    expect(read.report.images).toEqual(expected.images);
    expect(read.report.images[0].status === 'gated' && read.report.images[0].report.history?.pending).toHaveLength(1);
  });

  test('every string replaced by hostile markup is refused by its field, or shown escaped in the comment, the summary and the check run', () => {
    const paths = stringPaths(original());
    expect(paths.length).toBeGreaterThan(100);
    let refused = 0;
    for (const path of paths) {
      const result = read(withStringAt(path, HOSTILE));
      if ('invalid' in result) {
        refused += 1;
        expect(result.invalid).not.toMatch(/img|octo|evil|forged/);
        expect(result.invalid).toMatch(/^(images|matrix|schemaVersion|the report)/);
        continue;
      }
      const image = result.report.images[0];
      const outcome = image.status === 'gated' ? { name: image.name, report: image.report } : { name: image.name, error: image.error };
      const comment = renderMultiComment([outcome], { marker: '<!-- m -->' });
      const summary = renderMultiSummary([outcome]);
      const check = checkRunFor(outcome, '/work');
      for (const shown of [comment, summary, check.summary])
        expect(`${path.join('.')}: ${RAW.test(shown)}`).toBe(`${path.join('.')}: false`);
    }
    // Identifiers refuse markup; free text (a check's detail, a layer's instruction, a hint) is kept, escaped.
    expect(refused).toBeGreaterThan(10);
    expect(refused).toBeLessThan(paths.length);
  });

  test("the package view's parts read back whole, bounded: a package's name is cut, an unknown ecosystem or change kind refused", () => {
    const document = original();
    const report = document.images[0].report;
    expect(report.analysis.packages.length).toBeGreaterThan(10);
    expect(report.baseline.packageChanges.changes.length).toBeGreaterThan(3);
    const whole = read(document);
    if (!('report' in whole)) throw new Error(whole.invalid);
    const gated = whole.report.images[0];
    if (gated.status !== 'gated') throw new Error('not gated');
    expect(gated.report.analysis?.packages).toEqual(report.analysis.packages);
    expect(gated.report.analysis?.packageSummary).toEqual(report.analysis.packageSummary);
    expect(gated.report.baseline?.packageChanges).toEqual(report.baseline.packageChanges);

    const longName = original();
    longName.images[0].report.analysis.packages[0].name = 'p'.repeat(5000);
    const cut = read(longName);
    if (!('report' in cut)) throw new Error(cut.invalid);
    const first = cut.report.images[0].status === 'gated' ? cut.report.images[0].report.analysis?.packages?.[0].name : '';
    expect(first).toBe(`${'p'.repeat(214)}…`);

    const ecosystem = original();
    ecosystem.images[0].report.analysis.packages[1].ecosystem = 'cargo';
    expect(read(ecosystem)).toEqual({ invalid: 'images[0].analysis.packages[1].ecosystem is not one of deb, apk, rpm, python, npm' });
    const kind = original();
    kind.images[0].report.baseline.packageChanges.changes[0].kind = 'moved';
    expect(read(kind)).toEqual({
      invalid: 'images[0].baseline.packageChanges.changes[0].kind is not one of added, removed, grew, shrank, updated',
    });
    const negative = original();
    negative.images[0].report.analysis.packageSummary.ownedBytes = -1;
    expect(read(negative)).toEqual({ invalid: 'images[0].analysis.packageSummary.ownedBytes is not a whole number of at least 0' });
  });

  test('an image id, a digest, a commit or a platform in another form is refused by name', () => {
    const cases: [string, (document: Json) => void, string][] = [
      ['image id', (d) => (d.images[0].report.image.id = 'sha256:zz'), 'images[0].image.id is not in the expected form'],
      ['commit', (d) => (d.matrix.commit = 'HEAD'), 'matrix.commit is not in the expected form'],
      ['config digest', (d) => (d.matrix.configDigest = 'md5:1'), 'matrix.configDigest is not in the expected form'],
      ['platform', (d) => (d.images[0].report.image.platform = 'linux/amd64 <b>'), 'images[0].image.platform is not in the expected form'],
      ['verdict', (d) => (d.images[0].report.checks[0].verdict = 'ok'), 'images[0].checks[0].verdict is not one of'],
      ['a number as text', (d) => (d.images[0].report.image.sizeBytes = '1'), 'images[0].image.sizeBytes is not a whole number'],
      ['the name of another image', (d) => (d.images[0].report.name = 'worker'), 'images[0].report.name is not the name of its entry'],
      [
        'a record of the history',
        (d) => (d.images[0].report.history.pending[0].commit = 'x'),
        'images[0].history.pending[0] is not a record',
      ],
      ['a status', (d) => (d.images[0].status = 'unchanged'), 'images[0].status is not one of gated, error'],
    ];
    for (const [what, edit, reason] of cases) {
      const document = original();
      edit(document);
      const result = read(document);
      expect(`${what}: ${'invalid' in result ? result.invalid : 'accepted'}`).toContain(`${what}: ${reason}`);
    }
  });

  test('the file, its lists and its texts are bounded: too large or too long is refused, a long instruction is cut', () => {
    expect(parseJobReport(' '.repeat(MAX_REPORT_FILE_BYTES + 1), REPORT_SCHEMA_VERSION)).toEqual({
      invalid: 'the file is larger than 8 MiB',
    });
    const many = original();
    many.images[0].report.analysis.layers = Array.from({ length: 1001 }, () => many.images[0].report.analysis.layers[0]);
    expect(read(many)).toEqual({ invalid: 'images[0].analysis.layers has more than 1000 items' });
    const long = original();
    long.images[0].report.analysis.layers[0].createdBy = 'RUN ' + 'x'.repeat(10_000);
    const result = read(long);
    if (!('report' in result) || result.report.images[0].status !== 'gated') throw new Error('expected the report');
    expect([...result.report.images[0].report.analysis!.layers[0].createdBy]).toHaveLength(401);
    const longName = original();
    longName.images[0].name = 'a'.repeat(201);
    expect(read(longName)).toEqual({ invalid: 'images[0].name is longer than 200 characters' });
  });

  test("another schema version, a report that is not a matrix job's, or not JSON, is refused with the reason", () => {
    const older = original();
    older.schemaVersion = 3;
    expect(read(older)).toEqual({
      invalid: `schemaVersion 3 is not the version this step reads (${REPORT_SCHEMA_VERSION}): gate and report with one release`,
    });
    const oneStep = original();
    delete oneStep.matrix;
    expect(read(oneStep)).toEqual({
      invalid: 'matrix is missing: this is not the report of a matrix job (set the images input on its gate step)',
    });
    expect(parseJobReport('{', REPORT_SCHEMA_VERSION)).toEqual({ invalid: 'the file is not JSON' });
    expect(parseJobReport('[]', REPORT_SCHEMA_VERSION)).toEqual({ invalid: 'the report is not an object' });
  });

  test('fields the report does not have are dropped, and inherited ones never read', () => {
    const document = JSON.parse(
      text.replace('"schemaVersion":4', '"__proto__":{"passed":true},"schemaVersion":4').replace(/^\{/, '{"extra":"<b>x</b>",'),
    );
    const result = read(document);
    if (!('report' in result)) throw new Error(result.invalid);
    expect(JSON.stringify(result.report)).not.toContain('extra');
  });
});
