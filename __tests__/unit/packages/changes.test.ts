// Which packages changed against a baseline: both sides whole (a baseline measured now), a record that keeps only
// the largest, versions that moved, and ecosystems one side could not read.
import { packageChanges, PackageSide } from '../../../src/packages/changes.js';

const side = (packages: PackageSide['packages'], complete = true, ecosystems: PackageSide['ecosystems'] = ['deb']): PackageSide => ({
  packages,
  complete,
  ecosystems,
});

const libc = { ecosystem: 'deb' as const, name: 'libc6', version: '2.36-9', sizeBytes: 12_800_000 };
const curl = { ecosystem: 'deb' as const, name: 'curl', version: '7.88.1', sizeBytes: 485_406 };
const lodash = { ecosystem: 'npm' as const, name: 'lodash', version: '4.17.21', sizeBytes: 1_412_000 };

test('a PR that adds an npm and an apt package: both added, largest first; unchanged packages are not listed', () => {
  const result = packageChanges(side([libc]), side([libc, curl, lodash]));
  expect(result).toEqual({
    changes: [
      { kind: 'added', ecosystem: 'npm', name: 'lodash', headVersion: '4.17.21', headBytes: 1_412_000, changeBytes: 1_412_000 },
      { kind: 'added', ecosystem: 'deb', name: 'curl', headVersion: '7.88.1', headBytes: 485_406, changeBytes: 485_406 },
    ],
    changedCount: 2,
    notes: [],
  });
});

test('grown before removed before shrunk by size; a version change at the same size is listed last', () => {
  const base = side([libc, curl, { ...lodash, sizeBytes: 1_000 }, { ecosystem: 'npm', name: 'ms', version: '2.1.2', sizeBytes: 80 }]);
  const head = side([
    { ...libc, version: '2.36-10', sizeBytes: 12_700_000 },
    { ...lodash, sizeBytes: 2_000 },
    { ecosystem: 'npm', name: 'ms', version: '2.1.3', sizeBytes: 80 },
  ]);
  const kinds = packageChanges(base, head).changes.map((change) => [change.kind, change.name, change.changeBytes]);
  expect(kinds).toEqual([
    ['grew', 'lodash', 1_000],
    ['removed', 'curl', -485_406],
    ['shrank', 'libc6', -100_000],
    ['updated', 'ms', 0],
  ]);
  expect(packageChanges(base, head).changes[2]).toMatchObject({ baseVersion: '2.36-9', headVersion: '2.36-10' });
  expect(packageChanges(base, head, 2)).toMatchObject({ changedCount: 4 });
  expect(packageChanges(base, head, 2).changes).toHaveLength(2);
});

test('two versions of one name are summed, their versions listed', () => {
  const head = side([lodash, { ...lodash, version: '3.10.1', sizeBytes: 500 }]);
  expect(packageChanges(side([lodash]), head).changes).toEqual([
    {
      kind: 'grew',
      ecosystem: 'npm',
      name: 'lodash',
      baseVersion: '4.17.21',
      headVersion: '3.10.1, 4.17.21',
      baseBytes: 1_412_000,
      headBytes: 1_412_500,
      changeBytes: 500,
    },
  ]);
});

test("against a record's cut list: a package it does not list is new only when larger than the smallest it lists", () => {
  // The record lists libc6 and curl only: anything else had at most curl's 485,406 bytes.
  const record = side([libc, curl], false);
  const head = side([libc, curl, lodash, { ecosystem: 'deb', name: 'tiny', version: '1', sizeBytes: 1_000 }]);
  expect(packageChanges(record, head).changes).toEqual([
    {
      kind: 'added',
      ecosystem: 'npm',
      name: 'lodash',
      headVersion: '4.17.21',
      headBytes: 1_412_000,
      baseAtMostBytes: 485_406,
      changeBytes: 1_412_000 - 485_406,
    },
  ]);
});

test('an ecosystem whose database one side lacks is said, not compared package by package', () => {
  const base = side([libc, curl, lodash], true, ['deb', 'npm']);
  const head = side([lodash], true, ['npm']);
  const result = packageChanges(base, head);
  expect(result.changes).toEqual([]);
  expect(result.notes).toEqual([
    'deb: the baseline has a dpkg database (2 packages listed) and this image has none, so its packages are not compared',
  ]);
  expect(packageChanges(head, base).notes[0]).toMatch(
    /^deb: this image has a dpkg database \(2 packages listed\) and the baseline had none/,
  );
});
