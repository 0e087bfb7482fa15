import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultReportPath, reportJson, writeReportFile } from '../../../src/report/file.js';
import { GateReport } from '../../../src/report/model.js';

describe('defaultReportPath', () => {
  test('in RUNNER_TEMP, named after the step, with a random suffix', () => {
    expect(defaultReportPath({ RUNNER_TEMP: '/runner/_temp', GITHUB_ACTION: 'gate' }, '/tmp', 'a1b2c3', 7)).toBe(
      '/runner/_temp/image-size-gate-gate-a1b2c3.json',
    );
  });
  test('without a step id, the pid; without RUNNER_TEMP, the OS temp directory; never the working directory', () => {
    expect(defaultReportPath({}, '/var/tmp', 'ff00', 4242)).toBe('/var/tmp/image-size-gate-4242-ff00.json');
    expect(path.dirname(defaultReportPath({ RUNNER_TEMP: '' }))).not.toBe(process.cwd());
  });
  test('a step id cannot leave the directory', () => {
    expect(defaultReportPath({ RUNNER_TEMP: '/t', GITHUB_ACTION: '../../etc/x y' }, '/tmp', 'ab', 1)).toBe(
      '/t/image-size-gate-.._.._etc_x_y-ab.json',
    );
  });
  test('two calls give two paths', () => {
    expect(defaultReportPath({ RUNNER_TEMP: '/t', GITHUB_ACTION: 'gate' })).not.toBe(
      defaultReportPath({ RUNNER_TEMP: '/t', GITHUB_ACTION: 'gate' }),
    );
  });
});

describe('writeReportFile', () => {
  const report = { schemaVersion: 1, name: 'x', passed: true } as unknown as GateReport;
  let runnerTemp: string;
  beforeEach(() => (runnerTemp = mkdtempSync(path.join(tmpdir(), 'isg-report-'))));
  afterEach(() => rmSync(runnerTemp, { recursive: true, force: true }));

  test('two steps sharing RUNNER_TEMP write two files, each naming its own', async () => {
    const env = { RUNNER_TEMP: runnerTemp, GITHUB_ACTION: 'gate' };
    const first = await writeReportFile({ ...report, name: 'first' }, undefined, env);
    const second = await writeReportFile({ ...report, name: 'second' }, undefined, env);
    expect(first).not.toBe(second);
    expect(readdirSync(runnerTemp)).toHaveLength(2);
    expect(JSON.parse(readFileSync(first, 'utf8')).name).toBe('first');
    expect(JSON.parse(readFileSync(second, 'utf8')).name).toBe('second');
  });

  test('an explicit report-file is written (and overwritten) where it says', async () => {
    const target = path.join(runnerTemp, 'sub', 'report.json');
    await writeReportFile(report, target);
    expect(await writeReportFile({ ...report, name: 'again' }, target)).toBe(target);
    expect(JSON.parse(readFileSync(target, 'utf8')).name).toBe('again');
  });
});

test('reportJson: invisible characters are escaped in the text, and the values read back whole', () => {
  const report = { name: 'a\u202eb\u200bc\u{e0041}d', note: 'plain € 🐳' };
  const text = reportJson(report);
  expect(text).not.toMatch(/[\u202e\u200b]|\u{e0041}/u);
  expect(text).toContain('a\\u202eb\\u200bc\\udb40\\udc41d');
  expect(JSON.parse(text)).toEqual(report);
});
