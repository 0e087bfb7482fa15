// Pure: the packages in words, for the job summary, the PR comment and the CLI: how packages, the bytes no package
// owns and the bytes later layers hid add up to the image size; the largest packages; which packages changed
// against the baseline. Names and versions come from the image: every one is made inert before it is shown.
import { ImageAnalysis } from '../analysis/analyze.js';
import { PackageChange, PackageChanges } from '../packages/changes.js';
import { InstalledPackage, PackageSummary } from '../packages/types.js';
import { formatBytes, formatBytesDelta, formatInteger } from '../common/units.js';
import { detailsBlock, escapeMarkdownInline, visible } from '../common/escape.js';

/** How many of the largest packages the job summary lists, and the CLI. */
const SUMMARY_PACKAGE_ROWS = 25;
const TERMINAL_PACKAGE_LINES = 10;
const NAME_SHOWN_CHARS = 80;
const VERSION_SHOWN_CHARS = 40;

/** Text from the image made inert in markdown: controls as escapes, markdown and HTML as entities, no autolinks. */
function shown(text: string, maxChars: number): string {
  return escapeMarkdownInline(visible(text, maxChars))
    .replace(/:/g, '&#58;')
    .replace(/www\./gi, (www) => `${www.slice(0, 3)}&#46;`);
}

function ecosystemCounts(summary: PackageSummary): string {
  const read = summary.ecosystems.filter((ecosystem) => ecosystem.read && ecosystem.packageCount > 0);
  return read.map((ecosystem) => `${formatInteger(ecosystem.packageCount)} ${ecosystem.ecosystem}`).join(', ');
}

/** One sentence: what the packages own, what no package owns, what later layers hid; the three add up to the image size. */
export function packageAccount(summary: PackageSummary): string {
  const counts = ecosystemCounts(summary);
  const packages = counts
    ? `Packages (${counts}) own ${formatBytes(summary.ownedBytes)}`
    : 'No package database was read: no package owns any byte';
  const hidden =
    summary.hiddenBytes > 0 ? `; ${formatBytes(summary.hiddenBytes)} are earlier copies that later layers overwrote or deleted` : '';
  const shared = summary.sharing.fileCount;
  const sharing =
    shared > 0
      ? ` ${formatInteger(shared)} ${shared === 1 ? 'file listed by more than one package is' : 'files listed by more than one package are'} counted once, for the first (dpkg and apk, then Python, then npm).`
      : '';
  return `${packages}; ${formatBytes(summary.unownedBytes)} (${formatInteger(summary.unownedFileCount)} files) belong to no package${hidden}: ${formatBytes(summary.imageBytes)} in all.${sharing}`;
}

function packageRow(pkg: InstalledPackage): string {
  const copies = pkg.copies ? ` (${pkg.copies} copies)` : '';
  const where = pkg.line ? `${pkg.layer + 1} (line ${pkg.line})` : String(pkg.layer + 1);
  return `| ${shown(pkg.name, NAME_SHOWN_CHARS)}${copies} | ${pkg.ecosystem} | ${shown(pkg.version, VERSION_SHOWN_CHARS)} | ${formatBytes(pkg.sizeBytes)} | ${formatInteger(pkg.fileCount)} | ${where} |`;
}

/** The job summary's packages: the account, the largest packages, what was not read. */
export function packagesSection(analysis: ImageAnalysis): string[] {
  const summary = analysis.packageSummary;
  const packages = analysis.packages ?? [];
  if (!summary) return [];
  const notes = summary.ecosystems
    .filter((ecosystem) => ecosystem.note)
    .map((ecosystem) => `- ${ecosystem.ecosystem} (${shown(ecosystem.database, 200)}): ${shown(ecosystem.note!, 400)}`);
  const warnings = summary.warnings.map((warning) => `- ⚠️ ${shown(warning, 400)}`);
  const table =
    packages.length === 0
      ? []
      : detailsBlock(`Largest packages (${formatInteger(packages.length + (summary.notListed?.count ?? 0))})`, [
          '| Package | Ecosystem | Version | Size | Files | Layer |',
          '| --- | --- | --- | ---: | ---: | ---: |',
          ...packages.slice(0, SUMMARY_PACKAGE_ROWS).map(packageRow),
        ]);
  return [
    '#### Packages',
    '',
    packageAccount(summary),
    ...(notes.length + warnings.length > 0 ? ['', ...notes, ...warnings] : []),
    '',
    ...table,
    ...(table.length > 0 ? [''] : []),
  ];
}

/** The CLI's lines: the account and the largest packages. `plain` strips terminal control sequences. */
export function packageTerminalLines(analysis: ImageAnalysis, plain: (text: string) => string): string[] {
  const summary = analysis.packageSummary;
  if (!summary) return [];
  const lines = ['', plain(packageAccount(summary))];
  const packages = (analysis.packages ?? []).slice(0, TERMINAL_PACKAGE_LINES);
  if (packages.length > 0) lines.push('largest packages:');
  for (const pkg of packages) {
    const line = pkg.line ? ` (line ${pkg.line})` : '';
    lines.push(
      `  ${formatBytes(pkg.sizeBytes).padStart(9)}  ${pkg.ecosystem.padEnd(6)} ${plain(visible(pkg.name, NAME_SHOWN_CHARS))} ${plain(visible(pkg.version, VERSION_SHOWN_CHARS))}${line}`,
    );
  }
  for (const warning of summary.warnings) lines.push(`warning: ${plain(visible(warning, 400))}`);
  return lines;
}

const CHANGE_MARK: Record<PackageChange['kind'], string> = {
  added: '🆕 added',
  removed: '🗑️ removed',
  grew: '📈 grew',
  shrank: '📉 shrank',
  updated: '🔁 updated',
};

function versionCell(change: PackageChange): string {
  const base = change.baseVersion === undefined ? undefined : shown(change.baseVersion, VERSION_SHOWN_CHARS);
  const head = change.headVersion === undefined ? undefined : shown(change.headVersion, VERSION_SHOWN_CHARS);
  if (base !== undefined && head !== undefined && base !== head) return `${base} → ${head}`;
  return head ?? base ?? '';
}

function sideCell(bytes: number | undefined, atMostBytes: number | undefined): string {
  if (bytes !== undefined) return formatBytes(bytes);
  return atMostBytes !== undefined ? `≤ ${formatBytes(atMostBytes)}` : '—';
}

function changeRow(change: PackageChange): string {
  const bound = change.baseAtMostBytes !== undefined || change.headAtMostBytes !== undefined;
  return `| ${CHANGE_MARK[change.kind]} | ${change.ecosystem} | ${shown(change.name, NAME_SHOWN_CHARS)} | ${versionCell(change)} | ${sideCell(change.baseBytes, change.baseAtMostBytes)} | ${sideCell(change.headBytes, change.headAtMostBytes)} | ${formatBytesDelta(change.changeBytes)}${bound ? ' or more' : ''} |`;
}

/** "Which packages changed": at most `maxRows` rows, the count of the rest, and the ecosystems not compared. */
export function packageChangeSection(changes: PackageChanges | undefined, maxRows = Infinity): string[] {
  if (!changes || (changes.changes.length === 0 && changes.notes.length === 0)) return [];
  const rows = changes.changes.slice(0, maxRows);
  const more = changes.changedCount - rows.length;
  const table =
    rows.length === 0
      ? []
      : [
          '| | Ecosystem | Package | Version | Base | This PR | Change |',
          '| --- | --- | --- | --- | ---: | ---: | ---: |',
          ...rows.map(changeRow),
        ];
  return [
    '',
    '**Which packages changed**',
    '',
    ...table,
    ...(more > 0 ? ['', `…and ${formatInteger(more)} more packages changed.`] : []),
    ...changes.notes.map((note) => `\n_${shown(note, 400)}._`),
  ];
}
