// The package view through the whole analysis: synthetic `docker save` archives whose layers hold real
// database text, read by the layer reader, the final filesystem computed, then the view. The expected sizes are
// the byte lengths of the contents this test writes, summed by hand; the image size is summed from the same
// contents, independently of the gate.
import { analyzeImage, ImageAnalysis } from '../../../src/analysis/analyze.js';
import { imageArchive, savingDocker, SyntheticEntry } from '../../support/synthetic-image.js';

const text = (path: string, content: string): SyntheticEntry => ({ path, content });
const bytes = (path: string, sizeBytes: number): SyntheticEntry => ({ path, sizeBytes });
const link = (path: string, symlink: string): SyntheticEntry => ({ path, symlink });
const whiteout = (path: string): SyntheticEntry => ({ path: path.replace(/[^/]+$/, (name) => `.wh.${name}`), sizeBytes: 0 });

/** The image size as every engine counts it, from the entries this test wrote: file bytes plus symlink target lengths. */
function imageBytes(layers: SyntheticEntry[][]): number {
  let total = 0;
  for (const entry of layers.flat()) {
    if ('content' in entry) total += Buffer.byteLength(entry.content);
    else if ('symlink' in entry) total += Buffer.byteLength(entry.symlink);
    else if ('sizeBytes' in entry) total += entry.sizeBytes;
  }
  return total;
}

async function analyse(layers: SyntheticEntry[][]): Promise<ImageAnalysis> {
  const { archive, imageId } = imageArchive(
    layers,
    layers.map((_, index) => `RUN step ${index}`),
  );
  return analyzeImage(savingDocker(archive), imageId, { compressedSize: false, compression: { plainLayers: 'classic', estimate: false } });
}

function pkg(analysis: ImageAnalysis, ecosystem: string, name: string) {
  return analysis.packages!.find((candidate) => candidate.ecosystem === ecosystem && candidate.name === name);
}

/** Packages plus the bytes no package owns are the final filesystem; that plus the hidden bytes is the image. */
function expectAccountsAddUp(analysis: ImageAnalysis, layers: SyntheticEntry[][]): void {
  const summary = analysis.packageSummary!;
  const listed = analysis.packages!.reduce((sum, item) => sum + item.sizeBytes, 0) + (summary.notListed?.sizeBytes ?? 0);
  expect(listed).toBe(summary.ownedBytes);
  expect(summary.ownedBytes + summary.unownedBytes).toBe(summary.visibleBytes);
  expect(summary.visibleBytes + summary.hiddenBytes).toBe(imageBytes(layers));
  expect(summary.imageBytes).toBe(analysis.sizeBytes);
}

const STATUS_BASE = [
  'Package: coreutils\nStatus: install ok installed\nArchitecture: amd64\nVersion: 9.1-1\n',
  'Package: dash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 0.5.12-2\n',
  'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nMulti-Arch: same\nVersion: 2.36-9\n',
].join('\n');

describe('dpkg on a merged-/usr Debian, and a later apt-get install', () => {
  const base: SyntheticEntry[] = [
    link('/bin', 'usr/bin'),
    link('/lib', 'usr/lib'),
    bytes('/usr/bin/ls', 1000),
    bytes('/usr/bin/dash', 500),
    link('/usr/bin/sh', 'dash'),
    bytes('/usr/share/doc/coreutils/copyright', 100),
    bytes('/usr/lib/x86_64-linux-gnu/libc.so.6', 2000),
    bytes('/etc/hostname', 10),
    text('/var/lib/dpkg/status', STATUS_BASE),
    // As dpkg writes them: every directory level, not always before its contents; /bin is a directory to dpkg and a
    // symlink in the image; the man page was left out by a path-exclude, as Debian's slim images do.
    text('/var/lib/dpkg/info/coreutils.list', '/.\n/bin\n/usr\n/usr/share/doc/coreutils/copyright\n/usr/share/man/man1/ls.1.gz\n/bin/ls\n'),
    text('/var/lib/dpkg/info/dash.list', '/.\n/usr/bin/dash\n/usr/bin/sh\n'),
    // libc6 lists /usr/bin/ls too: coreutils, first in the status file, claims it.
    text('/var/lib/dpkg/info/libc6:amd64.list', '/.\n/lib/x86_64-linux-gnu/libc.so.6\n/usr/bin/ls\n'),
  ];
  const install: SyntheticEntry[] = [
    bytes('/usr/bin/curl', 300),
    bytes('/usr/lib/libcurl.so.4.8.0', 700),
    link('/usr/lib/libcurl.so.4', 'libcurl.so.4.8.0'),
    text('/var/lib/dpkg/status', `${STATUS_BASE}\nPackage: curl\nStatus: install ok installed\nArchitecture: amd64\nVersion: 7.88.1\n`),
    text(
      '/var/lib/dpkg/info/curl.list',
      '/.\n/usr/bin/curl\n/usr/lib/libcurl.so.4\n/usr/lib/libcurl.so.4.8.0\n/usr/share/doc/curl/copyright\n',
    ),
  ];
  const later: SyntheticEntry[] = [whiteout('/usr/share/doc/coreutils/copyright'), bytes('/app/big', 5000)];
  const layers = [base, install, later];

  test('each package is the bytes of its listed files in the final filesystem, in the layer that brought them', async () => {
    const analysis = await analyse(layers);
    expect(pkg(analysis, 'deb', 'coreutils')).toEqual({
      ecosystem: 'deb',
      name: 'coreutils',
      version: '9.1-1',
      sizeBytes: 1000,
      fileCount: 1,
      layer: 0,
    });
    expect(pkg(analysis, 'deb', 'dash')).toMatchObject({ sizeBytes: 500 + 'dash'.length, fileCount: 2, layer: 0 });
    expect(pkg(analysis, 'deb', 'libc6')).toMatchObject({ sizeBytes: 2000, fileCount: 1, sharedFileCount: 1, version: '2.36-9' });
    expect(pkg(analysis, 'deb', 'curl')).toMatchObject({
      sizeBytes: 300 + 700 + 'libcurl.so.4.8.0'.length,
      fileCount: 3,
      layer: 1,
      version: '7.88.1',
    });
    expect(analysis.packages!.map((item) => item.name)).toEqual(['libc6', 'curl', 'coreutils', 'dash']);
  });

  test('packages, unowned and hidden bytes add up to the image size; the sharing is said', async () => {
    const analysis = await analyse(layers);
    expectAccountsAddUp(analysis, layers);
    const summary = analysis.packageSummary!;
    // Hidden: the first status file (rewritten by the install) and the deleted copyright file.
    expect(summary.hiddenBytes).toBe(Buffer.byteLength(STATUS_BASE) + 100);
    expect(summary.sharing).toMatchObject({ fileCount: 1, bytes: 1000 });
    expect(summary.ecosystems).toEqual([
      { ecosystem: 'deb', read: true, database: '/var/lib/dpkg/status', packageCount: 4, sizeBytes: 1000 + 504 + 2000 + 1016 },
    ]);
    expect(summary.warnings).toEqual([]);
  });
});

describe('npm: nested, scoped, pnpm-linked and duplicated packages, and an app that ships its devDependencies', () => {
  const manifest = (name: string, version: string) => JSON.stringify({ name, version, description: 'x' });
  const files: SyntheticEntry[] = [
    text(
      '/app/package.json',
      JSON.stringify({ dependencies: { lodash: '^4' }, devDependencies: { typescript: '5', '@types/node': '22' } }),
    ),
    bytes('/app/app.js', 40),
    text('/app/node_modules/lodash/package.json', manifest('lodash', '4.17.21')),
    bytes('/app/node_modules/lodash/lodash.js', 1400),
    text('/app/node_modules/typescript/package.json', manifest('typescript', '5.9.3')),
    bytes('/app/node_modules/typescript/lib/tsc.js', 230_000),
    bytes('/app/node_modules/typescript/lib/lib.d.ts', 500),
    text('/app/node_modules/typescript/node_modules/semver/package.json', manifest('semver', '7.6.0')),
    bytes('/app/node_modules/typescript/node_modules/semver/index.js', 50),
    text('/app/node_modules/@types/node/package.json', manifest('@types/node', '22.0.0')),
    bytes('/app/node_modules/@types/node/index.d.ts', 300),
    link('/app/node_modules/.bin/tsc', '../typescript/bin/tsc'),
    text('/app/node_modules/.pnpm/ms@2.1.3/node_modules/ms/package.json', manifest('ms', '2.1.3')),
    bytes('/app/node_modules/.pnpm/ms@2.1.3/node_modules/ms/index.js', 80),
    link('/app/node_modules/ms', '.pnpm/ms@2.1.3/node_modules/ms'),
    text('/app/node_modules/lodash/node_modules/ms/package.json', manifest('ms', '2.1.3')),
    bytes('/app/node_modules/lodash/node_modules/ms/index.js', 80),
    text('/app/node_modules/broken/package.json', '{"name": '),
    bytes('/app/node_modules/broken/index.js', 9),
    bytes('/app/node_modules/nomanifest/index.js', 7),
  ];
  const layers = [[bytes('/bin/sh', 100)], files];
  const length = (path: string) => Buffer.byteLength((files.find((entry) => entry.path === path) as { content: string }).content);

  test('a package is its folder minus its nested node_modules; a pnpm link counts for the package it links', async () => {
    const analysis = await analyse(layers);
    expect(pkg(analysis, 'npm', 'typescript')).toEqual({
      ecosystem: 'npm',
      name: 'typescript',
      version: '5.9.3',
      sizeBytes: length('/app/node_modules/typescript/package.json') + 230_000 + 500,
      fileCount: 3,
      layer: 1,
      path: '/app/node_modules/typescript',
    });
    expect(pkg(analysis, 'npm', 'semver')).toMatchObject({
      sizeBytes: length('/app/node_modules/typescript/node_modules/semver/package.json') + 50,
    });
    expect(pkg(analysis, 'npm', '@types/node')).toMatchObject({ version: '22.0.0', fileCount: 2 });
    const ms = length('/app/node_modules/lodash/node_modules/ms/package.json') + 80;
    expect(pkg(analysis, 'npm', 'ms')).toMatchObject({
      sizeBytes: 2 * ms + '.pnpm/ms@2.1.3/node_modules/ms'.length,
      copies: 2,
      fileCount: 5,
    });
    expect(pkg(analysis, 'npm', 'broken')).toMatchObject({ version: '', fileCount: 2 });
    expect(pkg(analysis, 'npm', 'nomanifest')).toBeUndefined();
    expectAccountsAddUp(analysis, layers);
    // Unowned: /bin/sh, the app's own files, the .bin link and the folder without a package.json.
    expect(analysis.packageSummary!.unownedBytes).toBe(100 + length('/app/package.json') + 40 + '../typescript/bin/tsc'.length + 7);
    expect(analysis.packageSummary!.warnings).toEqual([
      '1 package.json file(s) in node_modules are not JSON objects: named by their folders',
    ]);
  });

  test('the devDependencies in the final image are a hint with their size; dependencies are not', async () => {
    const analysis = await analyse(layers);
    const hint = analysis.hints.find((candidate) => candidate.kind === 'dev-dependencies')!;
    const typescript = pkg(analysis, 'npm', 'typescript')!.sizeBytes;
    const types = pkg(analysis, 'npm', '@types/node')!.sizeBytes;
    expect(hint.savingBytes).toBe(typescript + types);
    expect(hint.message).toContain('2 devDependencies of /app/package.json are in the final image');
    expect(hint.message).toContain('typescript 5.9.3 (');
    expect(hint.message).toContain('`npm ci --omit=dev`');
    expect(hint.message).not.toContain('lodash');
    expect(hint.layerIndex).toBe(1);
  });
});

describe('Python records and Alpine packages', () => {
  const site = '/venv/lib/python3.11/site-packages';
  const record = [
    'pip/__init__.py,sha256=a,357',
    '../../../bin/pip,sha256=b,222',
    'pip-23.0.1.dist-info/RECORD,,',
    'pip/missing.py,,',
  ].join('\n');
  const installed = [
    'C:Q1=\nP:musl\nV:1.2.5-r0\nF:lib\nR:ld-musl-x86_64.so.1\nR:libc.musl-x86_64.so.1\n',
    'P:pip-tool\nV:1\nF:usr/bin\nR:pip\n',
  ].join('\n');
  const layers = [
    [
      bytes('/lib/ld-musl-x86_64.so.1', 600_000),
      link('/lib/libc.musl-x86_64.so.1', 'ld-musl-x86_64.so.1'),
      text('/lib/apk/db/installed', installed),
    ],
    [bytes(`${site}/pip/__init__.py`, 357), bytes('/venv/bin/pip', 222), text(`${site}/pip-23.0.1.dist-info/RECORD`, record)],
  ];

  test("a distribution is its RECORD's files, ../ paths included; apk's are its R: lines", async () => {
    const analysis = await analyse(layers);
    expect(pkg(analysis, 'python', 'pip')).toEqual({
      ecosystem: 'python',
      name: 'pip',
      version: '23.0.1',
      sizeBytes: 357 + 222 + Buffer.byteLength(record),
      fileCount: 3,
      layer: 1,
      path: site,
    });
    expect(pkg(analysis, 'apk', 'musl')).toMatchObject({ version: '1.2.5-r0', sizeBytes: 600_000 + 'ld-musl-x86_64.so.1'.length });
    expect(pkg(analysis, 'apk', 'pip-tool')).toMatchObject({ sizeBytes: 0, fileCount: 0, layer: 0 });
    expect(analysis.packageSummary!.ecosystems.map((item) => item.ecosystem)).toEqual(['apk', 'python']);
    expectAccountsAddUp(analysis, layers);
    expect(analysis.hints.find((hint) => hint.kind === 'python-build-tools')?.savingBytes).toBe(pkg(analysis, 'python', 'pip')!.sizeBytes);
  });
});

describe('bad input: a partial result and a warning, never a crash', () => {
  test('a malformed status, names that are not text, a file list too large to read, an rpm database', async () => {
    const hostileName = 'evil|name <b>@x\r::error::y';
    const layers: SyntheticEntry[][] = [
      [
        text(
          '/var/lib/dpkg/status',
          `Status: install ok installed\n\n\u0000\u0001garbage\nPackage: ${hostileName}\nStatus: install ok installed\n`,
        ),
        text(`/var/lib/dpkg/info/${'x'.repeat(20)}.list`, '/usr/bin/x\n'),
        bytes('/usr/bin/x', 10),
        bytes('/var/lib/dpkg/info/huge.list', 5 << 20),
        bytes('/var/lib/rpm/rpmdb.sqlite', 1000),
      ],
    ];
    const analysis = await analyse(layers);
    const summary = analysis.packageSummary!;
    expect(pkg(analysis, 'deb', hostileName)).toMatchObject({ sizeBytes: 0 });
    // A file list without a status paragraph still counts, named by its file.
    expect(pkg(analysis, 'deb', 'x'.repeat(20))).toMatchObject({ sizeBytes: 10, version: '' });
    expect(summary.warnings).toEqual([
      `/var/lib/dpkg/info/huge.list was not read: it is ${5 << 20} bytes, more than the ${4 << 20} the gate reads`,
      'the dpkg database has 1 paragraph(s) without a Package field; they were skipped',
    ]);
    expect(summary.ecosystems.find((item) => item.ecosystem === 'rpm')).toMatchObject({
      read: false,
      database: '/var/lib/rpm/rpmdb.sqlite',
    });
    expectAccountsAddUp(analysis, layers);
  });
});
