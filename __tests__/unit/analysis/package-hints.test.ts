// The hints the package view makes precise, each on a small final filesystem: their wording, the bytes they say a
// fix saves, the layer they point at, and the path-based toolchain hints the build-packages hint replaces.
import { computeHints } from '../../../src/analysis/hints.js';
import { LayerEntry, ScannedLayer } from '../../../src/analysis/archive.js';
import { LayerOrigin } from '../../../src/analysis/dockerfile.js';
import { reclaimableBytes } from '../../../src/analysis/waste.js';
import { runToEnd } from '../../../src/analysis/slices.js';
import { packageViewSteps } from '../../../src/packages/view.js';
import { CapturedPackageFiles } from '../../../src/packages/capture.js';

const file = (path: string, sizeBytes: number): LayerEntry => ({ path, kind: 'file', sizeBytes, mode: 0o644 });

function layer(entries: LayerEntry[], databases: Record<string, string> = {}): ScannedLayer {
  const files = new Map(Object.entries(databases).map(([path, text]) => [path, Buffer.from(text)]));
  const packageFiles: CapturedPackageFiles = { files, notKept: [], notKeptCount: 0 };
  const withDatabases = [...entries, ...Object.entries(databases).map(([path, text]) => file(path, Buffer.byteLength(text)))];
  return { diffId: 'sha256:x', tarBytes: 0, contentBytes: 0, elfBinaries: [], entries: withDatabases, packageFiles };
}

const BASE: LayerOrigin = { createdBy: 'ADD rootfs /', own: false };
const own = (line: number, createdBy: string): LayerOrigin => ({
  createdBy,
  own: true,
  instruction: { line, keyword: 'RUN', args: '', stage: 0 },
});

function hintsOf(layers: ScannedLayer[], origins: LayerOrigin[]) {
  const reclaimable = reclaimableBytes(layers.map((item) => item.entries));
  const packageView = runToEnd(packageViewSteps({ layers, visible: reclaimable.visible, imageBytes: 0 }));
  return computeHints({ layers, origins, reclaimable, packageView });
}

test('build packages are named with their sizes and line; the path-based C compiler and headers hints give way to them', () => {
  const status = ['gcc-12', 'libc6-dev', 'gcc-12-base', 'libssl3']
    .map((name) => `Package: ${name}\nStatus: install ok installed\nVersion: 1\n`)
    .join('\n');
  const layers = [
    layer([]),
    layer(
      [
        file('/usr/lib/gcc/x86_64-linux-gnu/12/cc1', 30_000_000),
        file('/usr/include/stdio.h', 2_000_000),
        file('/usr/lib/libssl.so.3', 700_000),
        file('/usr/share/doc/gcc-12-base/x', 100),
      ],
      {
        '/var/lib/dpkg/status': status,
        '/var/lib/dpkg/info/gcc-12.list': '/usr/lib/gcc/x86_64-linux-gnu/12/cc1\n',
        '/var/lib/dpkg/info/libc6-dev.list': '/usr/include/stdio.h\n',
        '/var/lib/dpkg/info/gcc-12-base.list': '/usr/share/doc/gcc-12-base/x\n',
        '/var/lib/dpkg/info/libssl3.list': '/usr/lib/libssl.so.3\n',
      },
    ),
  ];
  const hints = hintsOf(layers, [BASE, own(2, 'RUN apt-get install -y build-essential')]);
  const build = hints.find((hint) => hint.kind === 'build-packages')!;
  expect(build).toMatchObject({ savingBytes: 32_000_000, line: 2, layerIndex: 1, severity: 'warning' });
  expect(build.message).toBe(
    '2 packages that build software rather than run it take 32.0 MB: gcc-12 1 (30.0 MB), libc6-dev 1 (2.00 MB), mostly from line 2 (`RUN apt-get install -y build-essential`). Install them in a build stage only; the final image needs the runtime libraries.',
  );
  expect(hints.filter((hint) => hint.kind === 'toolchain')).toEqual([]);
});

test('files a runtime never loads inside node_modules and site-packages, by kind; a devDependency is left to its own hint', () => {
  const site = '/usr/lib/python3/dist-packages';
  const layers = [
    layer(
      [
        file('/app/node_modules/a/index.js.map', 400_000),
        file('/app/node_modules/a/src/index.ts', 200_000),
        file('/app/node_modules/a/README.md', 100_000),
        file('/app/node_modules/a/index.js', 900_000),
        file('/app/node_modules/b/test/fixture.bin', 300_000),
        file('/app/node_modules/dev/lib/huge.d.ts', 5_000_000),
        file(`${site}/pkg/tests/test_x.py`, 600_000),
      ],
      {
        '/app/package.json': '{"devDependencies":{"dev":"1"}}',
        '/app/node_modules/a/package.json': '{"name":"a","version":"1"}',
        '/app/node_modules/b/package.json': '{"name":"b","version":"1"}',
        '/app/node_modules/dev/package.json': '{"name":"dev","version":"1"}',
      },
    ),
  ];
  const hints = hintsOf(layers, [own(3, 'COPY . /app')]).filter((hint) => hint.kind === 'package-extras');
  expect(hints.map((hint) => [hint.title, hint.savingBytes])).toEqual([
    ['Files a runtime never loads inside node_modules', 1_000_000],
    ['Files a runtime never loads inside site-packages', 600_000],
  ]);
  expect(hints[0].message).toContain(
    '4 files (1.00 MB: source maps 400 kB, tests 300 kB, TypeScript sources and declarations 200 kB, docs 100 kB) inside node_modules',
  );
});

test('bytecode written at build time: its cost and the start-up it saves; many sources without any: the other way round', () => {
  const pyc = hintsOf(
    [layer([file('/app/__pycache__/app.cpython-311.pyc', 3_000), file('/app/app.py', 5_000)])],
    [own(4, 'RUN python -m compileall /app')],
  );
  const written = pyc.find((hint) => hint.kind === 'python-bytecode')!;
  expect(written).toMatchObject({ title: 'Python bytecode written at build time', savingBytes: 3_000, severity: 'info', line: 4 });
  expect(written.message).toContain('a container with a read-only root filesystem cannot write them');
  const sources = Array.from({ length: 60 }, (_, index) => file(`/app/m${index}.py`, 1_000));
  const none = hintsOf([layer(sources)], [own(4, 'COPY . /app')]).find((hint) => hint.kind === 'python-bytecode')!;
  expect(none.title).toBe('Python sources without bytecode');
  expect(none.savingBytes).toBeUndefined();
  expect(none.message).toContain('60 .py files (60.0 kB) and no __pycache__');
  expect(hintsOf([layer(sources.slice(0, 10))], [own(4, 'COPY . /app')]).some((hint) => hint.kind === 'python-bytecode')).toBe(false);
});

test('a later install that rewrites the dpkg database is said to be that; with a chmod too, both are said', () => {
  const database = (bytes: number) => [file('/var/lib/dpkg/status', bytes), file('/var/log/dpkg.log', bytes)];
  const onlyInstall = hintsOf([layer(database(100_000)), layer(database(120_000))], [BASE, own(5, 'RUN apt-get install -y curl')]);
  const rewrite = onlyInstall.find((hint) => hint.kind === 'rewritten-later')!;
  expect(rewrite.message).toContain(
    '(a package install in a later layer rewrites the package database and its logs); install the packages in one RUN (or in a build stage).',
  );
  const mixed = hintsOf(
    [layer([...database(100_000), file('/app/data', 500_000)]), layer([...database(120_000), file('/app/data', 500_000)])],
    [BASE, own(5, 'RUN apt-get install -y curl && chmod 600 /app/data')],
  );
  expect(mixed.find((hint) => hint.kind === 'rewritten-later')!.message).toContain(
    'a package install in a later layer rewrites the package database and its logs, and a chmod or chown in a later RUN rewrites the files it touches',
  );
});
