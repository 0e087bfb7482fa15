// The packages in words: the account that adds up to the image size, the largest packages, "which packages
// changed" in the PR comment and the summary, and the CLI lines; every name and version from the image inert.
import { packageAccount, packageChangeSection, packagesSection, packageTerminalLines } from '../../../src/report/packages.js';
import { renderComment } from '../../../src/report/pr-comment.js';
import { renderSummary } from '../../../src/report/markdown.js';
import { GateReport } from '../../../src/report/model.js';
import { packageChanges } from '../../../src/packages/changes.js';
import { ImageAnalysis } from '../../../src/analysis/analyze.js';
import { InstalledPackage, PackageSummary } from '../../../src/packages/types.js';
import { figureDeltas } from '../../../src/judge/delta.js';
import { sampleAnalysis } from '../../support/analysis-sample.js';
import { reportImage } from '../../support/unit-gate-samples.js';
import { HOSTILE } from '../../support/hostile-text.js';

const summary: PackageSummary = {
  imageBytes: 286_263_324,
  visibleBytes: 286_054_977,
  hiddenBytes: 208_347,
  ownedBytes: 148_268_676,
  unownedBytes: 137_786_301,
  unownedFileCount: 1391,
  sharing: { fileCount: 2, bytes: 1000, rule: 'first claim' },
  ecosystems: [
    { ecosystem: 'deb', read: true, database: '/var/lib/dpkg/status', packageCount: 121, sizeBytes: 148_000_000 },
    { ecosystem: 'npm', read: true, database: '/app/node_modules', packageCount: 2, sizeBytes: 268_676 },
    { ecosystem: 'rpm', read: false, database: '/var/lib/rpm/rpmdb.sqlite', packageCount: 0, sizeBytes: 0, note: 'not read' },
  ],
  warnings: ['/var/lib/dpkg/info/huge.list was not read: it is 5 bytes'],
};

const typescript: InstalledPackage = {
  ecosystem: 'npm',
  name: 'typescript',
  version: '5.9.3',
  sizeBytes: 23_600_000,
  fileCount: 120,
  layer: 3,
  line: 9,
};

function analysis(packages: InstalledPackage[]): ImageAnalysis {
  return { ...sampleAnalysis(), packages, packageSummary: summary };
}

test('the account: packages, unowned and hidden bytes, and the image size they add up to', () => {
  expect(packageAccount(summary)).toBe(
    'Packages (121 deb, 2 npm) own 148 MB; 138 MB (1,391 files) belong to no package; 208 kB are earlier copies that later layers overwrote or deleted: 286 MB in all. 2 files listed by more than one package are counted once, for the first (dpkg and apk, then Python, then npm).',
  );
});

test('the summary lists the largest packages with their layer and line, and what was not read', () => {
  const lines = packagesSection(analysis([typescript]));
  expect(lines).toContain('| typescript | npm | 5.9.3 | 23.6 MB | 120 | 4 (line 9) |');
  expect(lines).toContain('- rpm (/var/lib/rpm/rpmdb.sqlite): not read');
  expect(lines).toContain('- ⚠️ /var/lib/dpkg/info/huge.list was not read&#58; it is 5 bytes');
  expect(renderSummary({ ...report(), analysis: analysis([typescript]) })).toContain('#### Packages');
});

test('names and versions from the image cannot break a table, start a line, mention anyone or link anywhere', () => {
  const hostile = HOSTILE.map((name, index) => ({
    ...typescript,
    name: `${name}|@admin <b>[x](https://evil)`,
    version: `1|${index}\n::error::v`,
  }));
  const text = [
    ...packagesSection(analysis(hostile)),
    ...packageChangeSection(
      packageChanges({ packages: [], complete: true, ecosystems: [] }, { packages: hostile, complete: true, ecosystems: [] }),
    ),
  ].join('\n');
  for (const line of text.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/)) {
    expect(line.startsWith('::')).toBe(false);
    if (line.startsWith('| typescript') || line.includes('app')) expect(line.split('|').length).toBeLessThanOrEqual(9);
  }
  expect(text).not.toMatch(/@admin|<b>|https:\/\/evil|\]\(/);
  const terminal = packageTerminalLines(analysis(hostile), (value) => value).join('\n');
  expect(terminal).not.toMatch(/[\r\u001b\u2028\u2029\u0085]/);
});

function report(): GateReport {
  return {
    schemaVersion: 4,
    name: 'web',
    passed: true,
    image: reportImage(7_460_581),
    engine: { version: '28.5.2', imageStore: 'classic', storageDriver: 'overlay2' },
    checks: [],
  };
}

test('the PR comment and the summary say which packages changed, with sizes, and which ecosystems were not compared', () => {
  const base = {
    packages: [{ ecosystem: 'deb' as const, name: 'libc6', version: '2.36-9', sizeBytes: 12_800_000 }],
    complete: true,
    ecosystems: ['deb' as const],
  };
  const head = {
    packages: [
      ...base.packages,
      { ecosystem: 'deb' as const, name: 'curl', version: '7.88.1-10+deb12u15', sizeBytes: 485_406 },
      { ecosystem: 'npm' as const, name: 'lodash', version: '4.17.21', sizeBytes: 1_412_000 },
    ],
    complete: true,
    ecosystems: ['deb' as const],
  };
  const withChanges: GateReport = {
    ...report(),
    baseline: {
      source: 'base-commit',
      reference: 'a'.repeat(40),
      id: 'sha256:def',
      figures: figureDeltas({ sizeBytes: 5_563_175, layerCount: 2 }, { sizeBytes: 7_460_581, layerCount: 2 }),
      packageChanges: packageChanges(base, head),
    },
  };
  const body = renderComment(withChanges, { marker: '<!-- image-size-gate:web -->' });
  expect(body).toContain('**Which packages changed**');
  expect(body).toContain('| 🆕 added | npm | lodash | 4.17.21 | — | 1.41 MB | +1.41 MB |');
  expect(body).toContain('| 🆕 added | deb | curl | 7.88.1-10+deb12u15 | — | 485 kB | +485 kB |');
  expect(body.indexOf('lodash')).toBeLessThan(body.indexOf('curl'));
  expect(renderSummary(withChanges)).toContain('| 🆕 added | npm | lodash | 4.17.21 | — | 1.41 MB | +1.41 MB |');
  const gone = packageChangeSection(packageChanges(head, { ...head, ecosystems: [] }));
  expect(gone.join('\n')).toContain(
    '_deb&#58; the baseline has a dpkg database (2 packages listed) and this image has none, so its packages are not compared._',
  );
});
