// scripts/release.mjs: the changelog's sections, the version bump, the checks the release workflow makes, the notes
// and which moving tags a release takes. The script is plain JavaScript (Node built-ins only, so the release
// workflow runs it without npm ci); it is imported by a path held in a variable, which TypeScript leaves untyped.
import { readFileSync } from 'node:fs';
import path from 'node:path';

type Release = {
  changelogSections(text: string): { name: string; date?: string; body: string }[];
  releaseChangelog(text: string, version: string, date: string): string;
  verifyRelease(version: string, files: { packageJson: string; packageLock: string; changelog: string }): string[];
  checkNewRelease(version: string, state: { current: string; tags: string[]; changelog: string }): string[];
  releasePlan(version: string, tags: string[]): Record<string, string | boolean>;
  releaseNotes(changelog: string, version: string, sha: string, repository: string): string;
};

const scriptPath = path.resolve('scripts/release.mjs');
const release = (await import(scriptPath)) as Release;

const REPO = 'https://github.com/o/r';
const CHANGELOG = [
  '# Changelog',
  '',
  'Intro.',
  '',
  '## [Unreleased]',
  '',
  '### Added',
  '',
  '- A new flag.',
  '',
  '## [0.1.0] - 2026-12-06',
  '',
  '### Added',
  '',
  '- The gate.',
  '',
  `[Unreleased]: ${REPO}/compare/3a97423...HEAD`,
  `[0.1.0]: ${REPO}/tree/3a97423`,
  '',
].join('\n');
const manifest = (version: string) => JSON.stringify({ name: 'image-size-gate', version }, null, 2);
const lock = (version: string) => JSON.stringify({ name: 'image-size-gate', version, packages: { '': { version } } }, null, 2);
const SHA = 'a'.repeat(40);

test('the sections of a Keep a Changelog file, with their dates and bodies (the links are no part of the last)', () => {
  const sections = release.changelogSections(CHANGELOG);
  expect(sections.map((section) => [section.name, section.date])).toEqual([
    ['Unreleased', undefined],
    ['0.1.0', '2026-12-06'],
  ]);
  expect(sections[1].body).toBe('### Added\n\n- The gate.');
});

test('a release moves Unreleased under a dated heading, leaves an empty Unreleased and follows with the links', () => {
  const released = release.releaseChangelog(CHANGELOG, '0.2.0', '2026-12-24');
  expect(released).toContain('## [Unreleased]\n\n## [0.2.0] - 2026-12-24\n\n### Added\n\n- A new flag.\n\n## [0.1.0] - 2026-12-06');
  expect(released).toContain(
    `[Unreleased]: ${REPO}/compare/v0.2.0...HEAD\n[0.2.0]: ${REPO}/compare/3a97423...v0.2.0\n[0.1.0]: ${REPO}/tree/3a97423\n`,
  );
  // The next release compares from this one's tag.
  const next = release.releaseChangelog(released.replace('## [Unreleased]\n', '## [Unreleased]\n\n- A fix.\n'), '0.2.1', '2026-12-25');
  expect(next).toContain(`[0.2.1]: ${REPO}/compare/v0.2.0...v0.2.1`);
  expect(release.changelogSections(next).map((section) => section.name)).toEqual(['Unreleased', '0.2.1', '0.2.0', '0.1.0']);
});

test('a release refuses an empty Unreleased and a version the changelog already has', () => {
  expect(() => release.releaseChangelog(release.releaseChangelog(CHANGELOG, '0.2.0', '2026-12-24'), '0.3.0', '2026-12-25')).toThrow(
    /no change under Unreleased/,
  );
  expect(() => release.releaseChangelog(CHANGELOG, '0.1.0', '2026-12-24')).toThrow(/already has a section for 0.1.0/);
});

test('the workflow releases a version only when package.json, the lock file and a dated changelog section name it', () => {
  const released = release.releaseChangelog(CHANGELOG, '0.2.0', '2026-12-24');
  expect(release.verifyRelease('0.2.0', { packageJson: manifest('0.2.0'), packageLock: lock('0.2.0'), changelog: released })).toEqual([]);
  expect(release.verifyRelease('0.2.0', { packageJson: manifest('0.1.0'), packageLock: lock('0.1.0'), changelog: CHANGELOG })).toEqual([
    'package.json says 0.1.0, not 0.2.0',
    'package-lock.json says 0.1.0 (root package 0.1.0), not 0.2.0',
    'CHANGELOG.md has no "## [0.2.0] - YYYY-MM-DD" section',
  ]);
  expect(release.verifyRelease('v0.2.0', { packageJson: manifest('0.2.0'), packageLock: lock('0.2.0'), changelog: released })).toEqual([
    '"v0.2.0" is not a version X.Y.Z',
  ]);
});

test('a new release must be newer than package.json and every tag, untagged, with changes listed', () => {
  expect(release.checkNewRelease('0.2.0', { current: '0.1.0', tags: [], changelog: CHANGELOG })).toEqual([]);
  expect(release.checkNewRelease('0.1.0', { current: '0.1.0', tags: [], changelog: CHANGELOG })).toEqual([
    "0.1.0 is not newer than package.json's 0.1.0",
  ]);
  expect(release.checkNewRelease('0.2.0', { current: '0.1.0', tags: ['v0.2.0'], changelog: CHANGELOG })).toEqual([
    'the tag v0.2.0 exists already',
  ]);
  expect(release.checkNewRelease('0.2.0', { current: '0.1.0', tags: ['v0.10.0', 'v0'], changelog: CHANGELOG })).toEqual([
    '0.2.0 is older than the tag(s) v0.10.0',
  ]);
  const empty = release.releaseChangelog(CHANGELOG, '0.2.0', '2026-12-24');
  expect(release.checkNewRelease('0.3.0', { current: '0.2.0', tags: [], changelog: empty })).toEqual([
    'CHANGELOG.md lists no change under "## [Unreleased]": say what this release changes',
  ]);
});

test('vX and vX.Y move only to the newest release of their line; latest only for the newest of all', () => {
  const tags = ['v0', 'v0.1', 'v0.2', 'v0.1.0', 'v0.2.0', 'v0.10.0'];
  expect(release.releasePlan('0.10.1', tags)).toMatchObject({
    majorTag: 'v0',
    minorTag: 'v0.10',
    moveMajor: true,
    moveMinor: true,
    latest: true,
    npmTag: 'latest',
  });
  // A fix to an older minor line moves v0.2, not v0, and is not the latest anywhere.
  expect(release.releasePlan('0.2.1', tags)).toMatchObject({ moveMajor: false, moveMinor: true, latest: false, npmTag: 'latest-0.2' });
  // A fix to an older major line moves v1 and v1.4, not the newest major's tags.
  expect(release.releasePlan('1.4.2', ['v1.4.1', 'v2.0.0'])).toMatchObject({
    majorTag: 'v1',
    moveMajor: true,
    moveMinor: true,
    latest: false,
  });
  expect(release.releasePlan('0.2.0', [])).toMatchObject({ tag: 'v0.2.0', moveMajor: true, moveMinor: true, latest: true });
});

test('the release notes are the changelog section, the full commit SHA to pin, and the npm package', () => {
  const notes = release.releaseNotes(release.releaseChangelog(CHANGELOG, '0.2.0', '2026-12-24'), '0.2.0', SHA, 'o/r');
  expect(notes.startsWith('### Added\n\n- A new flag.\n\n---\n')).toBe(true);
  expect(notes).toContain(`- uses: o/r@${SHA} # v0.2.0`);
  expect(notes).toContain('npm install -g image-size-gate@0.2.0');
  expect(() => release.releaseNotes(CHANGELOG, '0.1.0', 'abc1234', 'o/r')).toThrow(/not a full commit SHA/);
});

test("the repository's own CHANGELOG.md parses, and its Unreleased link can follow a release", () => {
  const changelog = readFileSync('CHANGELOG.md', 'utf8');
  const names = release.changelogSections(changelog).map((section) => section.name);
  expect(names[0]).toBe('Unreleased');
  expect(names).toContain(JSON.parse(readFileSync('package.json', 'utf8')).version);
  expect(changelog).toMatch(/^\[Unreleased\]: https:\/\/github\.com\/image-size-gate\/image-size-gate\/compare\/\S+\.\.\.HEAD$/m);
});
