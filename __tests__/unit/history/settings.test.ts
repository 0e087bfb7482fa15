// Which runs may write the size history: pushes to the recorded branches only. A pull request (of any kind),
// a workflow_run or a push to another branch reads at most.
import { parseBranchList, parseBranchName } from '../../../src/inputs/parsers.js';
import { getInputs } from '../../../src/inputs/read.js';
import { recordDecision } from '../../../src/history/settings.js';

const history = { branch: 'image-size-history', recordBranches: [] as string[] };
const push = { eventName: 'push', ref: 'refs/heads/main', sha: 'a'.repeat(40), defaultBranch: 'main' };

test('a push to the default branch records', () => {
  expect(recordDecision(history, push)).toEqual({ record: true, branch: 'main' });
});

test.each(['pull_request', 'pull_request_target', 'workflow_run', 'workflow_dispatch', 'schedule', ''])(
  'a %s run never records',
  (eventName) => {
    const decision = recordDecision(history, { ...push, eventName });
    expect(decision.record).toBe(false);
  },
);

test('pushes to other branches, tags and the history branch itself do not record', () => {
  expect(recordDecision(history, { ...push, ref: 'refs/heads/feature' })).toMatchObject({
    record: false,
    reason: expect.stringContaining('pushes to feature are not recorded'),
  });
  expect(recordDecision(history, { ...push, ref: 'refs/tags/v1' })).toMatchObject({ record: false });
  expect(recordDecision(history, { ...push, ref: 'refs/heads/image-size-history' })).toMatchObject({ record: false });
  expect(recordDecision(history, { ...push, defaultBranch: undefined })).toMatchObject({ record: false });
});

test('history-branches replaces the default branch', () => {
  const listed = { ...history, recordBranches: ['release', 'main'] };
  expect(recordDecision(listed, { ...push, ref: 'refs/heads/release' })).toEqual({ record: true, branch: 'release' });
  expect(recordDecision({ ...history, recordBranches: ['release'] }, push)).toMatchObject({ record: false });
});

test('branch names are checked as git checks them', () => {
  expect(parseBranchName('image-size-history')).toBe('image-size-history');
  expect(parseBranchName('refs/heads/data/sizes')).toBe('data/sizes');
  for (const bad of ['a b', '-x', 'a..b', 'a.lock', '.hidden', 'a/', 'a//b', 'x:y', 'a@{1}', 'a~1', 'a\nb'])
    expect(() => parseBranchName(bad)).toThrow('is not a branch name');
  expect(parseBranchList('main, release\nnext')).toEqual(['main', 'release', 'next']);
});

test('the inputs: history off by default; history-branches needs history-branch', () => {
  const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';
  expect(getInputs(read({})).history).toBeUndefined();
  expect(getInputs(read({ 'history-branch': 'sizes', 'history-branches': 'main,dev' })).history).toEqual({
    branch: 'sizes',
    recordBranches: ['main', 'dev'],
  });
  expect(() => getInputs(read({ 'history-branches': 'main' }))).toThrow('input history-branches: is set, but history-branch is not');
  expect(() => getInputs(read({ 'history-branch': 'bad branch' }))).toThrow('input history-branch: "bad branch" is not a branch name');
});
