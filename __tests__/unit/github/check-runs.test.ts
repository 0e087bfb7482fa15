// image-size-gate/report's check runs (checks: true) against the local fake of GitHub's REST API, over real HTTP,
// through the Octokit client the action uses. The fake holds the check-runs endpoint to GitHub's OpenAPI
// description (50 annotations at most per request, head_sha and name required, the documented answer), and every
// test ends by checking that no request or answer broke it.
import { readFileSync } from 'node:fs';
import { getOctokit } from '@actions/github';
import { createCheckRun } from '../../../src/github/check-runs.js';
import { classifyGitHubError } from '../../../src/github/error-warning.js';
import { GitHubClient } from '../../../src/github/api-calls.js';
import { annotationPath, CHECK_ANNOTATIONS_PER_REQUEST, checkRunFor, checkRunName } from '../../../src/report/check-run.js';
import { parseJobReport } from '../../../src/report/report-check.js';
import { GateReport, REPORT_SCHEMA_VERSION } from '../../../src/report/model.js';
import { always, FakeGitHub, faults, startFakeGitHub } from '../../support/github-server.js';

const OWNER = 'octo-org';
const REPO = 'shop';
const SHA = 'e'.repeat(40);
const CREATE = 'POST /repos/{owner}/{repo}/check-runs';

let server: FakeGitHub;
let octokit: GitHubClient;

/** The api's gate report of a real matrix job. */
function apiReport(): GateReport {
  const read = parseJobReport(readFileSync('__tests__/fixtures/matrix-job-report.json', 'utf8'), REPORT_SCHEMA_VERSION);
  if (!('report' in read) || read.report.images[0].status !== 'gated') throw new Error('the fixture does not read');
  return read.report.images[0].report;
}

beforeEach(async () => {
  server = await startFakeGitHub();
  server.state.addIssue(OWNER, REPO, 1);
  octokit = getOctokit('test-token', { baseUrl: server.url });
});

afterEach(async () => {
  expect(server.validationErrors).toEqual([]);
  await server.close();
});

describe('one check run per image', () => {
  test("a gated image's check run: its name, conclusion, summary and annotations on its Dockerfile, as GitHub takes them", async () => {
    const output = checkRunFor(
      { name: 'api', report: apiReport() },
      '/home/runner/checkouts/shop',
      'https://github.com/o/r/actions/runs/1',
    );
    expect(output).toMatchObject({ name: 'image-size-gate / api', conclusion: 'success', title: 'passed' });
    expect(output.summary).toMatch(/^## ✅ image-size-gate: api passed/);
    expect(output.annotations.map((annotation) => [annotation.path, annotation.annotation_level])).toEqual([
      ['services/api/Dockerfile', 'notice'],
      ['services/api/Dockerfile', 'notice'],
    ]);
    const created = await createCheckRun(
      octokit,
      { owner: OWNER, repo: REPO },
      { ...output, headSha: SHA, detailsUrl: 'https://github.com/o/r/actions/runs/1' },
    );
    expect(created.id).toBeGreaterThan(0);
    const [stored] = server.state.checkRuns(OWNER, REPO);
    expect(stored).toMatchObject({ name: 'image-size-gate / api', headSha: SHA, status: 'completed', conclusion: 'success' });
    expect(stored.output?.annotations).toHaveLength(2);
  });

  test('a failed image fails its check, with a failure annotation per failed budget; one not judged says why', () => {
    const report = apiReport();
    report.passed = false;
    report.checks[0] = { ...report.checks[0], verdict: 'fail', detail: 'over max-size by 1 B' };
    const failed = checkRunFor({ name: 'api', report }, '/w');
    expect(failed).toMatchObject({ conclusion: 'failure', title: 'failed Size (uncompressed)' });
    expect(failed.annotations[0]).toMatchObject({ annotation_level: 'failure', start_line: 1, message: 'over max-size by 1 B' });
    const missing = checkRunFor({ name: 'worker', error: 'not judged: no report of it reached this step' }, '/w');
    expect(missing).toMatchObject({ name: checkRunName('worker'), conclusion: 'failure', title: 'could not be judged', annotations: [] });
    expect(missing.summary).toContain('not judged: no report of it reached this step');
  });

  test('annotations go only to a plain path inside the repository, and at most 50 per request', async () => {
    expect(annotationPath('services/api/Dockerfile', '/w')).toBe('services/api/Dockerfile');
    expect(annotationPath('/w/services/api/Dockerfile', '/w')).toBe('services/api/Dockerfile');
    expect(annotationPath('/etc/passwd', '/w')).toBeUndefined();
    expect(annotationPath('../outside/Dockerfile', '/w')).toBeUndefined();
    expect(annotationPath('a/Docker\u0007file', '/w')).toBeUndefined();
    expect(annotationPath(undefined, '/w')).toBeUndefined();
    const report = apiReport();
    report.analysis!.hints = Array.from({ length: 80 }, (_, index) => ({ ...report.analysis!.hints[0], line: index + 1 }));
    const output = checkRunFor({ name: 'api', report }, '/w');
    expect(output.annotations).toHaveLength(CHECK_ANNOTATIONS_PER_REQUEST);
    await createCheckRun(octokit, { owner: OWNER, repo: REPO }, { ...output, headSha: SHA });
    expect(server.state.checkRuns(OWNER, REPO)).toHaveLength(1);
  });

  test('the fake refuses what GitHub refuses: 51 annotations, or no head_sha', async () => {
    const annotation = { path: 'Dockerfile', start_line: 1, end_line: 1, annotation_level: 'notice', message: 'm' };
    const post = (body: object) =>
      fetch(`${server.url}/repos/${OWNER}/${REPO}/check-runs`, {
        method: 'POST',
        headers: { authorization: 'token t', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const output = { title: 't', summary: 's', annotations: Array.from({ length: 51 }, () => annotation) };
    expect((await post({ name: 'n', head_sha: SHA, conclusion: 'success', output })).status).toBe(422);
    expect((await post({ name: 'n', conclusion: 'success' })).status).toBe(422);
    expect(server.validationErrors.map((error) => error.problem)).toEqual([
      'body.output.annotations: more than 50 items',
      'body: required property "head_sha" is missing',
    ]);
    server.validationErrors.length = 0;
    expect(server.state.checkRuns(OWNER, REPO)).toEqual([]);
  });

  test('a token without checks: write is refused with a 403, which the report turns into a warning', async () => {
    server.inject(CREATE, always(faults.forbiddenIntegration()));
    const output = checkRunFor({ name: 'api', report: apiReport() }, '/w');
    const error = await createCheckRun(octokit, { owner: OWNER, repo: REPO }, { ...output, headSha: SHA }).catch(
      (caught: unknown) => caught,
    );
    expect(classifyGitHubError(error).kind).toBe('forbidden');
    expect(server.requestsTo(CREATE)).toHaveLength(1);
  });
});
