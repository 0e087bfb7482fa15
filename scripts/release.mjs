// The release's bookkeeping, shared by scripts/release.sh (a maintainer prepares a release) and
// .github/workflows/release.yml (GitHub publishes it). Node built-ins only: the release workflow runs it before
// (or without) npm ci.
//
//   node scripts/release.mjs check-new X.Y.Z   can X.Y.Z be prepared now? (format, newer than package.json and
//                                              every vX.Y.Z tag, no such tag yet, Unreleased lists changes)
//   node scripts/release.mjs bump X.Y.Z DATE   package.json, package-lock.json and CHANGELOG.md say X.Y.Z
//                                              (Unreleased becomes "## [X.Y.Z] - DATE")
//   node scripts/release.mjs verify X.Y.Z      package.json, the lock file and CHANGELOG.md all name X.Y.Z
//   node scripts/release.mjs notes X.Y.Z SHA OWNER/REPO   the GitHub release's notes, to stdout
//   node scripts/release.mjs plan X.Y.Z        which moving tags and dist-tags X.Y.Z takes, as key=value lines
//   node scripts/release.mjs unreleased        the Unreleased entries; exits 1 when there are none
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const VERSION_PATTERN = /^(\d+)\.(\d+)\.(\d+)$/;
const HEADING = /^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?\s*$/;

/** [major, minor, patch], or undefined when the text is not X.Y.Z. */
export function parseVersion(text) {
  const match = VERSION_PATTERN.exec(text);
  return match ? match.slice(1, 4).map(Number) : undefined;
}

export function compareVersions(left, right) {
  const [a, b] = [parseVersion(left), parseVersion(right)];
  for (let index = 0; index < 3; index += 1) if (a[index] !== b[index]) return a[index] - b[index];
  return 0;
}

/** The changelog's "## [...]" sections, in order: name, date, the line range of the body, and the body. */
export function changelogSections(text) {
  const lines = text.split('\n');
  const sections = [];
  lines.forEach((line, index) => {
    const match = HEADING.exec(line);
    if (match) sections.push({ name: match[1], date: match[2], heading: index, start: index + 1 });
  });
  const linksAt = lines.findIndex((line) => /^\[[^\]]+\]: /.test(line));
  sections.forEach((section, index) => {
    section.end = index + 1 < sections.length ? sections[index + 1].heading : linksAt < 0 ? lines.length : linksAt;
    section.body = lines.slice(section.start, section.end).join('\n').trim();
  });
  return sections;
}

/** The entries ("- " lines) a section's body holds. */
function entries(body) {
  return body.split('\n').filter((line) => line.startsWith('- '));
}

/**
 * Unreleased becomes "## [version] - date" under a new, empty Unreleased; the links follow: the new version
 * compares the previous release (what the Unreleased link compared from) with its tag, Unreleased compares
 * that tag with HEAD.
 */
export function releaseChangelog(text, version, date) {
  const sections = changelogSections(text);
  const unreleased = sections.find((section) => section.name === 'Unreleased');
  if (!unreleased) throw new Error('CHANGELOG.md has no "## [Unreleased]" section');
  if (sections.some((section) => section.name === version)) throw new Error(`CHANGELOG.md already has a section for ${version}`);
  if (entries(unreleased.body).length === 0)
    throw new Error('CHANGELOG.md lists no change under Unreleased: say what this release changes');
  const lines = text.split('\n');
  lines.splice(unreleased.heading, 1, '## [Unreleased]', '', `## [${version}] - ${date}`);
  const linkIndex = lines.findIndex((line) => line.startsWith('[Unreleased]: '));
  if (linkIndex < 0) throw new Error('CHANGELOG.md has no [Unreleased] link');
  const link = /^\[Unreleased\]: (.*)\/compare\/(.+)\.\.\.HEAD$/.exec(lines[linkIndex]);
  if (!link) throw new Error(`the [Unreleased] link is not <repository>/compare/<previous>...HEAD: ${lines[linkIndex]}`);
  const [, repository, previous] = link;
  lines.splice(
    linkIndex,
    1,
    `[Unreleased]: ${repository}/compare/v${version}...HEAD`,
    `[${version}]: ${repository}/compare/${previous}...v${version}`,
  );
  return lines.join('\n');
}

/** What is wrong with releasing `version` from these files (an empty list when nothing is). */
export function verifyRelease(version, { packageJson, packageLock, changelog }) {
  const problems = [];
  if (!parseVersion(version)) return [`"${version}" is not a version X.Y.Z`];
  const manifest = JSON.parse(packageJson);
  const lock = JSON.parse(packageLock);
  if (manifest.version !== version) problems.push(`package.json says ${manifest.version}, not ${version}`);
  if (lock.version !== version || lock.packages?.['']?.version !== version)
    problems.push(`package-lock.json says ${lock.version} (root package ${lock.packages?.['']?.version}), not ${version}`);
  const section = changelogSections(changelog).find((candidate) => candidate.name === version);
  if (!section) problems.push(`CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" section`);
  else if (!section.date) problems.push(`CHANGELOG.md's section for ${version} has no date`);
  else if (entries(section.body).length === 0) problems.push(`CHANGELOG.md's section for ${version} lists no change`);
  return problems;
}

/** Can `version` be prepared now, given package.json's version, the existing tags and the changelog? */
export function checkNewRelease(version, { current, tags, changelog }) {
  if (!parseVersion(version)) return [`"${version}" is not a version X.Y.Z (no leading v)`];
  const problems = [];
  if (compareVersions(version, current) <= 0) problems.push(`${version} is not newer than package.json's ${current}`);
  if (tags.includes(`v${version}`)) problems.push(`the tag v${version} exists already`);
  const newer = tags.filter((tag) => parseVersion(tag.slice(1)) && compareVersions(tag.slice(1), version) >= 0);
  if (newer.length > 0 && !tags.includes(`v${version}`)) problems.push(`${version} is older than the tag(s) ${newer.join(', ')}`);
  const unreleased = changelogSections(changelog).find((section) => section.name === 'Unreleased');
  if (!unreleased || entries(unreleased.body).length === 0)
    problems.push('CHANGELOG.md lists no change under "## [Unreleased]": say what this release changes');
  return problems;
}

/**
 * The moving references a release takes: vX and vX.Y move only when it is the newest release of that major or
 * minor line (a fix to an older line leaves the newer line's tags alone), and it is GitHub's latest release and
 * npm's `latest` only when it is the newest of all.
 */
export function releasePlan(version, tags) {
  const [major, minor] = parseVersion(version);
  const versions = [...new Set([...tags.map((tag) => tag.slice(1)), version])].filter((candidate) => parseVersion(candidate));
  const newestOf = (keep) => versions.filter(keep).sort(compareVersions).at(-1);
  const latest = newestOf(() => true) === version;
  return {
    version,
    tag: `v${version}`,
    majorTag: `v${major}`,
    minorTag: `v${major}.${minor}`,
    moveMajor: newestOf((candidate) => parseVersion(candidate)[0] === major) === version,
    moveMinor: newestOf((candidate) => parseVersion(candidate)[0] === major && parseVersion(candidate)[1] === minor) === version,
    latest,
    npmTag: latest ? 'latest' : `latest-${major}.${minor}`,
  };
}

/** The GitHub release's notes: the changelog's section, then the commit to pin and where the CLI is. */
export function releaseNotes(changelog, version, sha, repository) {
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`"${sha}" is not a full commit SHA`);
  const section = changelogSections(changelog).find((candidate) => candidate.name === version);
  if (!section) throw new Error(`CHANGELOG.md has no section for ${version}`);
  return [
    section.body,
    '',
    '---',
    '',
    `**Commit** \`${sha}\`: pin it to run exactly this release whatever happens to a tag.`,
    '',
    '```yaml',
    `- uses: ${repository}@${sha} # v${version}`,
    '```',
    '',
    `The CLI: \`npm install -g image-size-gate@${version}\` or \`npx image-size-gate@${version}\` (published with provenance).`,
    `Every version: [CHANGELOG.md](https://github.com/${repository}/blob/v${version}/CHANGELOG.md).`,
    '',
  ].join('\n');
}

function gitTags() {
  return execFileSync('git', ['tag', '--list', 'v*'], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

function fail(problems) {
  for (const problem of problems) console.error(`release: ${problem}`);
  process.exit(1);
}

function main([command, ...args]) {
  const read = (file) => readFileSync(file, 'utf8');
  const [version] = args;
  switch (command) {
    case 'check-new': {
      const problems = checkNewRelease(version, {
        current: JSON.parse(read('package.json')).version,
        tags: gitTags(),
        changelog: read('CHANGELOG.md'),
      });
      if (problems.length > 0) fail(problems);
      return;
    }
    case 'bump': {
      const [, date] = args;
      if (!parseVersion(version) || !/^\d{4}-\d{2}-\d{2}$/.test(date ?? '')) fail(['usage: bump X.Y.Z YYYY-MM-DD']);
      const manifest = JSON.parse(read('package.json'));
      manifest.version = version;
      const lock = JSON.parse(read('package-lock.json'));
      lock.version = version;
      lock.packages[''].version = version;
      const changelog = releaseChangelog(read('CHANGELOG.md'), version, date);
      writeFileSync('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
      writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
      writeFileSync('CHANGELOG.md', changelog);
      return;
    }
    case 'verify': {
      const problems = verifyRelease(version, {
        packageJson: read('package.json'),
        packageLock: read('package-lock.json'),
        changelog: read('CHANGELOG.md'),
      });
      if (problems.length > 0) fail(problems);
      console.log(`package.json, package-lock.json and CHANGELOG.md name ${version}`);
      return;
    }
    case 'notes':
      process.stdout.write(releaseNotes(read('CHANGELOG.md'), version, args[1], args[2]));
      return;
    case 'plan': {
      if (!parseVersion(version)) fail([`"${version}" is not a version X.Y.Z`]);
      const plan = releasePlan(version, gitTags());
      for (const [key, value] of Object.entries(plan))
        console.log(`${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}=${value}`);
      return;
    }
    case 'unreleased': {
      const unreleased = changelogSections(read('CHANGELOG.md')).find((section) => section.name === 'Unreleased');
      const listed = entries(unreleased?.body ?? '');
      if (listed.length === 0) fail(['CHANGELOG.md lists no change under Unreleased']);
      console.log(listed.join('\n'));
      return;
    }
    default:
      fail([`unknown command "${command ?? ''}": check-new, bump, verify, notes, plan or unreleased (see the top of scripts/release.mjs)`]);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
