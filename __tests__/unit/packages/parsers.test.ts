// The package databases' readers, each on the text its package manager writes, and on text that is not.
import { forEachMd5sumsPath, listNamesOf, parseDpkgStatus, parseDpkgStatusSteps } from '../../../src/packages/dpkg.js';
import { parseApkInstalled, parseApkInstalledSteps } from '../../../src/packages/apk.js';
import { distributionOf, forEachInstalledFile, forEachRecordPath, normalizePythonName } from '../../../src/packages/python.js';
import { npmFolderOf, parseAppManifest, parseNpmManifest } from '../../../src/packages/npm.js';
import { CAPTURE_LIMITS, packageFileKind, PackageFileCollector } from '../../../src/packages/capture.js';
import { cleanPath, PathResolver } from '../../../src/packages/paths.js';
import { extraKind } from '../../../src/packages/runtime-files.js';

const collect = (each: (visit: (path: string) => void) => void): string[] => {
  const paths: string[] = [];
  each((path) => paths.push(path));
  return paths;
};

describe('dpkg', () => {
  // As dpkg writes it: fields, a multi-line description, conffiles, and states with and without files on disk.
  const status = [
    'Package: libc6',
    'Status: install ok installed',
    'Architecture: amd64',
    'Multi-Arch: same',
    'Version: 2.36-9+deb12u14',
    'Description: GNU C Library',
    ' Contains the standard libraries.',
    ' .',
    ' Package: not-a-field',
    '',
    'Package: curl',
    'Status: install ok installed',
    'Architecture: amd64',
    'Version: 7.88.1-10+deb12u15',
    'Conffiles:',
    ' /etc/x 0123',
    '',
    'Package: gone',
    'Status: deinstall ok config-files',
    'Version: 1',
    '',
    'Status: install ok installed',
    'Version: 1',
    '',
    'Package: half',
    'Status: install reinstreq half-installed',
    '',
  ].join('\r\n');

  test('installed packages, in order; config-files only and paragraphs without a name are left out', () => {
    const parsed = parseDpkgStatus(status);
    expect(parsed.packages).toEqual([
      { name: 'libc6', version: '2.36-9+deb12u14', architecture: 'amd64', multiArchSame: true },
      { name: 'curl', version: '7.88.1-10+deb12u15', architecture: 'amd64', multiArchSame: false },
      { name: 'half', version: '', architecture: '', multiArchSame: false },
    ]);
    expect(parsed.malformed).toBe(1);
  });

  test("distroless's status.d entries have no Status field", () => {
    expect(parseDpkgStatus('Package: tzdata\nVersion: 2024a\nArchitecture: all\n', false).packages).toHaveLength(1);
    expect(parseDpkgStatus('Package: tzdata\nVersion: 2024a\n').packages).toHaveLength(0);
  });

  test('file-list names: Multi-Arch: same packages under name:arch first', () => {
    expect(listNamesOf({ name: 'libc6', version: '', architecture: 'amd64', multiArchSame: true })).toEqual(['libc6:amd64', 'libc6']);
    expect(listNamesOf({ name: 'curl', version: '', architecture: 'amd64', multiArchSame: false })).toEqual(['curl', 'curl:amd64']);
  });

  test('md5sums paths are made absolute', () => {
    expect(collect((each) => forEachMd5sumsPath('0123abc  usr/bin/curl\nfff *usr/share/x y\nbroken\n', each))).toEqual([
      '/usr/bin/curl',
      '/usr/share/x y',
    ]);
  });

  test('a name or version too long for any real package is cut', () => {
    const parsed = parseDpkgStatus(`Package: ${'a'.repeat(5000)}\nStatus: install ok installed\nVersion: ${'1'.repeat(5000)}\n`);
    expect(parsed.packages[0].name).toHaveLength(214);
    expect(parsed.packages[0].version).toHaveLength(128);
  });
});

describe('apk', () => {
  test("P:, V:, F: and R: records, as Alpine's installed database writes them", () => {
    const text = [
      'C:Q1abc=',
      'P:musl',
      'V:1.2.5-r0',
      'F:lib',
      'R:ld-musl-x86_64.so.1',
      'a:0:0:755',
      'R:libc.musl-x86_64.so.1',
      '',
      'P:busybox',
      'V:1.36.1-r29',
      'F:bin',
      'R:busybox',
      'F:etc/',
      'R:securetty',
      '',
      'V:9',
      'R:orphan',
      '',
    ].join('\n');
    expect(parseApkInstalled(text)).toEqual({
      packages: [
        { name: 'musl', version: '1.2.5-r0', files: ['/lib/ld-musl-x86_64.so.1', '/lib/libc.musl-x86_64.so.1'] },
        { name: 'busybox', version: '1.36.1-r29', files: ['/bin/busybox', '/etc/securetty'] },
      ],
      malformed: 1,
    });
  });
});

describe('python', () => {
  test("a dist-info's name and version, and an egg-info's with its python tag", () => {
    expect(distributionOf('/venv/lib/python3.11/site-packages/typing_extensions-4.12.2.dist-info/RECORD')).toEqual({
      name: 'typing-extensions',
      version: '4.12.2',
      site: '/venv/lib/python3.11/site-packages',
    });
    expect(distributionOf('/usr/lib/python3/dist-packages/Foo_Bar-1.0-py3.11.egg-info/installed-files.txt')).toEqual({
      name: 'foo-bar',
      version: '1.0',
      site: '/usr/lib/python3/dist-packages',
    });
    expect(normalizePythonName('Zope.Interface__x')).toBe('zope-interface-x');
  });

  test('RECORD rows: relative to the site directory, ../ out of it, quoted paths with commas, quotes and line breaks', () => {
    const site = '/venv/lib/python3.11/site-packages';
    const record = [
      'pip/__init__.py,sha256=abc,357',
      '../../../bin/pip,sha256=def,222',
      '"odd,name ""x"".py",sha256=1,2',
      '"two\nlines.py",,',
      '/abs/data.txt,,',
      '',
      ',,',
      'pip-23.0.1.dist-info/RECORD,,',
    ].join('\r\n');
    expect(collect((each) => forEachRecordPath(record, site, each))).toEqual([
      `${site}/pip/__init__.py`,
      '/venv/bin/pip',
      `${site}/odd,name "x".py`,
      `${site}/two\nlines.py`,
      '/abs/data.txt',
      `${site}/pip-23.0.1.dist-info/RECORD`,
    ]);
  });

  test('installed-files.txt paths are relative to the egg-info directory', () => {
    const egg = '/usr/lib/python3/dist-packages/six-1.16.0.egg-info';
    expect(collect((each) => forEachInstalledFile('../six.py\r\nPKG-INFO\n\n', egg, each))).toEqual([
      '/usr/lib/python3/dist-packages/six.py',
      `${egg}/PKG-INFO`,
    ]);
  });
});

describe('npm', () => {
  test('the package folder is under the last node_modules; scoped names take two parts; npm and pnpm files are none', () => {
    expect(npmFolderOf('/app/node_modules/lodash/lodash.js')).toEqual({ folder: '/app/node_modules/lodash', isFolder: false });
    expect(npmFolderOf('/app/node_modules/a/node_modules/b/x/y.js')).toEqual({
      folder: '/app/node_modules/a/node_modules/b',
      isFolder: false,
    });
    expect(npmFolderOf('/app/node_modules/@types/node/index.d.ts')).toEqual({ folder: '/app/node_modules/@types/node', isFolder: false });
    expect(npmFolderOf('/app/node_modules/.pnpm/lodash@4.17.21/node_modules/lodash/a.js')?.folder).toBe(
      '/app/node_modules/.pnpm/lodash@4.17.21/node_modules/lodash',
    );
    expect(npmFolderOf('/app/node_modules/lodash')).toEqual({ folder: '/app/node_modules/lodash', isFolder: true });
    expect(npmFolderOf('/app/node_modules/.bin/tsc')).toBeUndefined();
    expect(npmFolderOf('/app/node_modules/.package-lock.json')).toBeUndefined();
    expect(npmFolderOf('/app/node_modules/@scope')).toBeUndefined();
    expect(npmFolderOf('/app/src/index.js')).toBeUndefined();
  });

  test("a package's name and version from package.json; its folder's name when the file is not JSON", () => {
    expect(parseNpmManifest(Buffer.from('{"name":"typescript","version":"5.9.3"}'), '/a/node_modules/typescript')).toEqual({
      manifest: { name: 'typescript', version: '5.9.3' },
      malformed: false,
    });
    expect(parseNpmManifest(Buffer.from('{"name": 5'), '/a/node_modules/@s/x')).toEqual({
      manifest: { name: '@s/x', version: '' },
      malformed: true,
    });
    expect(parseNpmManifest(Buffer.from('[1]'), '/a/node_modules/y').malformed).toBe(true);
  });

  test("an app's dependencies and devDependencies", () => {
    const app = parseAppManifest(
      Buffer.from('{"dependencies":{"lodash":"^4"},"devDependencies":{"typescript":"5","__proto__":"1"}}'),
      '/app/package.json',
    );
    expect(app).toEqual({ directory: '/app', dependencies: ['lodash'], devDependencies: ['typescript', '__proto__'] });
    expect(parseAppManifest(Buffer.from('nope'), '/package.json')).toBeUndefined();
  });
});

test('a large database is read in pieces: the readers pause every 2,048 lines, so the analysis can give the event loop a turn', () => {
  const pauses = (steps: Generator<void, unknown, void>) => {
    let count = 0;
    while (!steps.next().done) count += 1;
    return count;
  };
  const status = 'Package: p\nStatus: install ok installed\nVersion: 1\nDescription: x\n'.repeat(1) + ' more\n'.repeat(100_000);
  expect(pauses(parseDpkgStatusSteps(status))).toBe(Math.floor(100_006 / 2048));
  expect(pauses(parseApkInstalledSteps('P:p\nV:1\nF:usr\n' + 'R:f\n'.repeat(50_000)))).toBe(Math.floor(50_004 / 2048));
});

describe('capture', () => {
  test.each([
    ['/var/lib/dpkg/status', 'dpkg-status'],
    ['/var/lib/dpkg/status-old', undefined],
    ['/var/lib/dpkg/info/libc6:amd64.list', 'dpkg-list'],
    ['/var/lib/dpkg/info/sub/x.list', undefined],
    ['/var/lib/dpkg/status.d/tzdata', 'dpkg-status-d'],
    ['/var/lib/dpkg/status.d/tzdata.md5sums', 'dpkg-md5sums'],
    ['/lib/apk/db/installed', 'apk-installed'],
    ['/venv/lib/python3.11/site-packages/pip-23.0.1.dist-info/RECORD', 'python-record'],
    ['/usr/lib/python3/dist-packages/six-1.16.0.egg-info/installed-files.txt', 'python-installed-files'],
    ['/srv/RECORD', undefined],
    ['/app/node_modules/@types/node/package.json', 'npm-package'],
    ['/app/node_modules/a/node_modules/b/package.json', 'npm-package'],
    ['/app/node_modules/a/lib/package.json', undefined],
    ['/app/node_modules/.pnpm/x@1/node_modules/x/package.json', 'npm-package'],
    ['/app/package.json', 'app-package'],
    ['/usr/bin/curl', undefined],
  ])('%s is %s', (path, kind) => {
    expect(packageFileKind(path)).toBe(kind);
  });

  test('files over their limit, and beyond the layer limit, are named rather than kept', () => {
    const collector = new PackageFileCollector({ ...CAPTURE_LIMITS, maxFileBytes: 10, maxLayerBytes: 25, maxLayerFiles: 100 });
    const keep = (path: string, text: string) => {
      const sink = collector.sinkFor(path, text.length);
      sink?.data(Buffer.from(text));
      sink?.end();
      return sink !== undefined;
    };
    expect(keep('/var/lib/dpkg/info/a.list', '/usr/a\n')).toBe(true);
    expect(keep('/var/lib/dpkg/info/big.list', '/usr/big/file\n')).toBe(false);
    expect(keep('/var/lib/dpkg/status', 'Package: a\n')).toBe(true);
    expect(keep('/var/lib/dpkg/info/c.list', '/usr/c/x\n')).toBe(false);
    expect(keep('/usr/bin/a', 'x')).toBe(false);
    const result = collector.result()!;
    expect([...result.files.keys()]).toEqual(['/var/lib/dpkg/info/a.list', '/var/lib/dpkg/status']);
    expect(result.files.get('/var/lib/dpkg/status')!.toString()).toBe('Package: a\n');
    expect(result.notKept.map((item) => item.path)).toEqual(['/var/lib/dpkg/info/big.list', '/var/lib/dpkg/info/c.list']);
    expect(result.notKept[0].why).toBe('it is 14 bytes, more than the 10 the gate reads');
    expect(result.notKept[1].why).toMatch(/more package databases than the gate reads/);
  });
});

describe('paths', () => {
  test('a listed path behind a symlinked directory is found where the file is; loops give up', () => {
    const files = new Set(['/usr/bin/ls', '/usr/lib/x86_64-linux-gnu/libc.so.6']);
    const links = new Map([
      ['/bin', 'usr/bin'],
      ['/lib', '/usr/lib'],
      ['/usr/lib64', '../lib'],
      ['/loop', 'loop2'],
      ['/loop2', '/loop'],
    ]);
    const resolver = new PathResolver(
      (path) => (files.has(path) ? path.length : undefined),
      (path) => links.get(path),
    );
    expect(resolver.resolve('/bin/ls')).toEqual({ path: '/usr/bin/ls', found: '/usr/bin/ls'.length });
    expect(resolver.resolve('/usr/bin/ls')?.path).toBe('/usr/bin/ls');
    expect(resolver.resolve('/lib/x86_64-linux-gnu/libc.so.6')?.path).toBe('/usr/lib/x86_64-linux-gnu/libc.so.6');
    expect(resolver.resolve('/usr/lib64/x86_64-linux-gnu/libc.so.6')?.path).toBe('/usr/lib/x86_64-linux-gnu/libc.so.6');
    expect(resolver.resolve('/loop/x')).toBeUndefined();
    expect(resolver.resolve('/bin/missing')).toBeUndefined();
    expect(resolver.resolve('/./usr//bin/../bin/ls')?.path).toBe('/usr/bin/ls');
    expect(cleanPath('a/../../b/')).toBe('/b');
  });
});

describe('files a runtime never loads', () => {
  test.each([
    ['/app/node_modules/a/dist/index.js.map', 'node_modules', 'source maps'],
    ['/app/node_modules/a/src/index.ts', 'node_modules', 'TypeScript sources and declarations'],
    ['/app/node_modules/a/index.d.mts', 'node_modules', 'TypeScript sources and declarations'],
    ['/app/node_modules/a/test/fixture.json', 'node_modules', 'tests'],
    ['/app/node_modules/a/__tests__/x.js', 'node_modules', 'tests'],
    ['/app/node_modules/a/docs/api.html', 'node_modules', 'docs'],
    ['/app/node_modules/a/CHANGELOG', 'node_modules', 'docs'],
    ['/app/node_modules/a/Readme.txt', 'node_modules', 'docs'],
    ['/app/node_modules/a/notes.MD', 'node_modules', 'docs'],
    ['/app/node_modules/a/lib/index.js', 'node_modules', undefined],
    ['/app/node_modules/a/lib/testing.js', 'node_modules', undefined],
    ['/app/node_modules/a/lib/reader.js', 'node_modules', undefined],
    ['/site-packages/x/__init__.pyi', 'site-packages', 'type stubs'],
    ['/site-packages/x/tests/test_a.py', 'site-packages', 'tests'],
    ['/site-packages/x/module.ts', 'site-packages', undefined],
  ] as const)('%s in %s: %s', (path, area, kind) => {
    expect(extraKind(path, area)).toBe(kind);
  });
});
