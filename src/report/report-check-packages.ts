// Pure: the package view's parts of a matrix job's report, read back as every other part of it is
// (report-check-parts.ts): each field's type, form and length checked, the part rebuilt from the fields checked.
// Names, versions, paths and warnings come from the image: they are cut to the bounds the view itself keeps.
import { fieldChecks } from '../history/record-check.js';
import { ECOSYSTEMS, EcosystemSummary, InstalledPackage, PackageSummary } from '../packages/types.js';
import { PackageChange, PackageChanges } from '../packages/changes.js';
import { MAX_NAME_CHARS, MAX_VERSION_CHARS } from '../packages/dpkg.js';
import { MAX_LISTED_PACKAGES } from '../packages/view.js';

const { fieldsOf, field, text, whole, finite, flag, oneOf, list, optional, defined, cut, signedWhole } = fieldChecks;
type Fields = Record<string, unknown>;

const MAX_PATH_CHARS = 4096;
const MAX_WARNINGS = 100;
const MAX_NOTE_CHARS = 1000;
const MAX_CHANGES = 500;
const CHANGE_KINDS = ['added', 'removed', 'grew', 'shrank', 'updated'] as const;

const optionalWhole = (fields: Fields, key: string, at: string) => optional(fields, key, (item) => whole(item, `${at}.${key}`));

function readPackage(value: unknown, at: string): InstalledPackage {
  const fields = fieldsOf(value, at);
  return defined({
    ecosystem: oneOf(field(fields, 'ecosystem'), `${at}.ecosystem`, ECOSYSTEMS),
    name: cut(field(fields, 'name'), `${at}.name`, MAX_NAME_CHARS),
    version: cut(field(fields, 'version'), `${at}.version`, MAX_VERSION_CHARS),
    sizeBytes: whole(field(fields, 'sizeBytes'), `${at}.sizeBytes`),
    fileCount: whole(field(fields, 'fileCount'), `${at}.fileCount`),
    layer: whole(field(fields, 'layer'), `${at}.layer`),
    line: optionalWhole(fields, 'line', at),
    path: optional(fields, 'path', (item) => text(item, `${at}.path`, MAX_PATH_CHARS, /^\//)),
    copies: optionalWhole(fields, 'copies', at),
    sharedFileCount: optionalWhole(fields, 'sharedFileCount', at),
  });
}

/** analysis.packages: the installed packages, largest first, as many as the view lists. */
export function readPackages(value: unknown): InstalledPackage[] {
  return list(value, 'analysis.packages', MAX_LISTED_PACKAGES).map((item, index) => readPackage(item, `analysis.packages[${index}]`));
}

function readEcosystem(value: unknown, at: string): EcosystemSummary {
  const fields = fieldsOf(value, at);
  return defined({
    ecosystem: oneOf(field(fields, 'ecosystem'), `${at}.ecosystem`, ECOSYSTEMS),
    read: flag(field(fields, 'read'), `${at}.read`),
    database: cut(field(fields, 'database'), `${at}.database`, MAX_PATH_CHARS),
    packageCount: whole(field(fields, 'packageCount'), `${at}.packageCount`),
    sizeBytes: whole(field(fields, 'sizeBytes'), `${at}.sizeBytes`),
    note: optional(fields, 'note', (item) => cut(item, `${at}.note`, MAX_NOTE_CHARS)),
  });
}

/** analysis.packageSummary: how packages, unowned bytes and hidden bytes add up to the image size. */
export function readPackageSummary(value: unknown): PackageSummary {
  const at = 'analysis.packageSummary';
  const fields = fieldsOf(value, at);
  const sharing = fieldsOf(field(fields, 'sharing'), `${at}.sharing`);
  return defined({
    imageBytes: whole(field(fields, 'imageBytes'), `${at}.imageBytes`),
    visibleBytes: whole(field(fields, 'visibleBytes'), `${at}.visibleBytes`),
    hiddenBytes: whole(field(fields, 'hiddenBytes'), `${at}.hiddenBytes`),
    ownedBytes: whole(field(fields, 'ownedBytes'), `${at}.ownedBytes`),
    unownedBytes: whole(field(fields, 'unownedBytes'), `${at}.unownedBytes`),
    unownedFileCount: whole(field(fields, 'unownedFileCount'), `${at}.unownedFileCount`),
    sharing: {
      fileCount: whole(field(sharing, 'fileCount'), `${at}.sharing.fileCount`),
      bytes: whole(field(sharing, 'bytes'), `${at}.sharing.bytes`),
      rule: cut(field(sharing, 'rule'), `${at}.sharing.rule`, MAX_NOTE_CHARS),
    },
    ecosystems: list(field(fields, 'ecosystems'), `${at}.ecosystems`, ECOSYSTEMS.length).map((item, index) =>
      readEcosystem(item, `${at}.ecosystems[${index}]`),
    ),
    notListed: optional(fields, 'notListed', (item) => {
      const inner = fieldsOf(item, `${at}.notListed`);
      return {
        count: whole(field(inner, 'count'), `${at}.notListed.count`),
        sizeBytes: whole(field(inner, 'sizeBytes'), `${at}.notListed.sizeBytes`),
      };
    }),
    warnings: list(field(fields, 'warnings'), `${at}.warnings`, MAX_WARNINGS).map((item, index) =>
      cut(item, `${at}.warnings[${index}]`, MAX_NOTE_CHARS),
    ),
    durationMs: optional(fields, 'durationMs', (item) => finite(item, `${at}.durationMs`, 0)),
  });
}

function readChange(value: unknown, at: string): PackageChange {
  const fields = fieldsOf(value, at);
  return defined({
    kind: oneOf(field(fields, 'kind'), `${at}.kind`, CHANGE_KINDS),
    ecosystem: oneOf(field(fields, 'ecosystem'), `${at}.ecosystem`, ECOSYSTEMS),
    name: cut(field(fields, 'name'), `${at}.name`, MAX_NAME_CHARS),
    baseVersion: optional(fields, 'baseVersion', (item) => cut(item, `${at}.baseVersion`, MAX_NOTE_CHARS)),
    headVersion: optional(fields, 'headVersion', (item) => cut(item, `${at}.headVersion`, MAX_NOTE_CHARS)),
    baseBytes: optionalWhole(fields, 'baseBytes', at),
    headBytes: optionalWhole(fields, 'headBytes', at),
    changeBytes: signedWhole(field(fields, 'changeBytes'), `${at}.changeBytes`),
    baseAtMostBytes: optionalWhole(fields, 'baseAtMostBytes', at),
    headAtMostBytes: optionalWhole(fields, 'headAtMostBytes', at),
  });
}

/** baseline.packageChanges: which packages changed against the baseline. */
export function readPackageChanges(value: unknown): PackageChanges {
  const at = 'baseline.packageChanges';
  const fields = fieldsOf(value, at);
  return {
    changes: list(field(fields, 'changes'), `${at}.changes`, MAX_CHANGES).map((item, index) => readChange(item, `${at}.changes[${index}]`)),
    changedCount: whole(field(fields, 'changedCount'), `${at}.changedCount`),
    notes: list(field(fields, 'notes'), `${at}.notes`, MAX_WARNINGS).map((item, index) =>
      cut(item, `${at}.notes[${index}]`, MAX_NOTE_CHARS),
    ),
  };
}
