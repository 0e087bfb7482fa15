// image-size-gate/report's merge of the matrix jobs' reports with the plan, on the report of a real job: the planned
// image takes its one report (its history records apart), the unchanged ones are left to be carried forward, and a
// report of another commit, another config, an unknown or unplanned image, or a second one of an image is refused
// or leaves the image "not judged", named with its job.
import { readFileSync } from 'node:fs';
import { mergeReports, MergeInput, ReportFile } from '../../../src/gate/merge.js';
import { Plan } from '../../../src/gate/plan.js';
import { REPORT_SCHEMA_VERSION } from '../../../src/report/model.js';

const text = readFileSync('__tests__/fixtures/matrix-job-report.json', 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON, edited as a forger would
const edited = (edit: (document: any) => void): string => {
  const document = JSON.parse(text);
  edit(document);
  return JSON.stringify(document);
};
const { commit, configDigest } = JSON.parse(text).matrix as { commit: string; configDigest: string };

const plan: Plan = {
  schemaVersion: 1,
  config: '.github/image-size-gate.yml',
  configDigest,
  commit,
  changedOnly: true,
  mergeBase: 'b'.repeat(40),
  images: [
    { name: 'api', gate: true, runsOn: ['ubuntu-24.04-arm'] },
    { name: 'worker', gate: false },
    { name: 'frontend', gate: true },
  ],
};

function merge(files: ReportFile[], overrides: Partial<MergeInput> = {}) {
  return mergeReports({ plan, commit, configDigest, schemaVersion: REPORT_SCHEMA_VERSION, files, matrixJob: 'gate', ...overrides });
}

const errorOf = (result: ReturnType<typeof merge>, name: string) => {
  const image = result.images.find((candidate) => candidate.name === name)!;
  return 'error' in image ? image.error : undefined;
};

describe('merging the matrix jobs reports', () => {
  test('the planned image takes its report, its records apart; the unchanged one is left to carry forward; the missing one is not judged', () => {
    const result = merge([{ path: 'image-size-report-api/r.json', text }]);
    expect(result.refused).toEqual([]);
    const [api, worker, frontend] = result.images;
    if (!('report' in api)) throw new Error('api has no report');
    expect(api.report.name).toBe('api');
    expect(api.records.map((record) => [record.name, record.commit])).toEqual([['api', commit]]);
    expect(api.report.history).not.toHaveProperty('pending');
    expect(worker).toEqual({ name: 'worker', unchanged: true });
    expect(frontend).toEqual({
      name: 'frontend',
      error:
        'not judged: no report of it reached this step (the matrix job gate (frontend) failed before writing it, was cancelled, or its artifact was not downloaded)',
      notJudged: true,
    });
  });

  test("the missing image's job is named as GitHub names a matrix job: its id, then the matrix values", () => {
    expect(errorOf(merge([], { matrixJob: 'size' }), 'api')).toContain('the matrix job size (api, ubuntu-24.04-arm) failed');
  });

  test('a report of another commit, or made from another version of the config file, is refused, and the image says why', () => {
    const other = merge([{ path: 'a.json', text: edited((document) => (document.matrix.commit = 'c'.repeat(40))) }]);
    expect(other.refused).toEqual([
      {
        path: 'a.json',
        reason: `it is of commit cccccccccccc, and this run is of ${commit.slice(0, 12)} (a report of another run or push)`,
      },
    ]);
    expect(errorOf(other, 'api')).toBe(`not judged: its report a.json was refused: ${other.refused[0].reason}`);
    const config = merge([{ path: 'b.json', text: edited((document) => (document.matrix.configDigest = `sha256:${'1'.repeat(64)}`)) }]);
    expect(config.refused[0].reason).toMatch(
      /^it was made from another version of \.github\/image-size-gate\.yml \(sha256:111111111111…, this step read sha256:/,
    );
  });

  test('an image the file does not list, or one the plan carries forward unchanged, is refused', () => {
    const unknown = edited((document) => {
      document.images[0].name = 'cron';
      document.images[0].report.name = 'cron';
    });
    expect(merge([{ path: 'x.json', text: unknown }]).refused[0].reason).toBe('it reports an image the config file does not list ("cron")');
    const unplanned = edited((document) => {
      document.images[0].name = 'worker';
      document.images[0].report.name = 'worker';
    });
    expect(merge([{ path: 'y.json', text: unplanned }]).refused[0].reason).toBe(
      'it reports "worker", which the plan carries forward unchanged and gave no job',
    );
  });

  test('two reports of one image: neither is used', () => {
    const result = merge([
      { path: 'one/r.json', text },
      { path: 'two/r.json', text },
    ]);
    expect(errorOf(result, 'api')).toBe('not judged: two or more reports of it (one/r.json, two/r.json), so none is used');
  });

  test('a history record of another commit or image refuses the report: a pull request must not plant records', () => {
    const planted = edited((document) => (document.images[0].report.history.pending[0].commit = 'd'.repeat(40)));
    expect(merge([{ path: 'p.json', text: planted }]).refused[0].reason).toBe('a history record of "api" is not of this commit and image');
  });

  test('a file that cannot be read is counted in the missing images note; a job that could not judge its image says why', () => {
    const result = merge([{ path: 'junk.json', text: 'not json' }]);
    expect(result.refused).toEqual([{ path: 'junk.json', reason: 'the file is not JSON' }]);
    expect(errorOf(result, 'api')).toMatch(/; 1 report file\(s\) could not be read \(the log says why\)$/);
    const failed = edited((document) => {
      document.images[0] = { name: 'api', status: 'error', error: 'build: the Dockerfile was not found' };
    });
    expect(merge([{ path: 'e.json', text: failed }]).images[0]).toEqual({
      name: 'api',
      error: 'build: the Dockerfile was not found',
      notJudged: false,
    });
  });
});
