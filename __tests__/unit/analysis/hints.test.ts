import { ElfFinding, LayerEntry, ScannedLayer } from '../../../src/analysis/archive.js';
import { LayerOrigin } from '../../../src/analysis/dockerfile.js';
import { computeHints } from '../../../src/analysis/hints.js';
import { reclaimableBytes } from '../../../src/analysis/waste.js';
import { SAMPLE_LAYERS, SAMPLE_ORIGINS } from '../../support/analysis-sample.js';

function layer(entries: LayerEntry[], elfBinaries: ElfFinding[] = []): ScannedLayer {
  return { diffId: 'sha256:x', tarBytes: 0, contentBytes: 0, entries, elfBinaries };
}
const file = (path: string, sizeBytes: number, mode = 0o644): LayerEntry => ({ path, kind: 'file', sizeBytes, mode });
const origin = (line: number | undefined, createdBy: string, own = true): LayerOrigin => ({
  createdBy,
  own,
  instruction: line ? { line, keyword: createdBy.split(' ')[0], args: '', stage: 0 } : undefined,
});

function hintsFor(layers: ScannedLayer[], origins: LayerOrigin[], contextHasDockerignore?: boolean) {
  return computeHints({ layers, origins, reclaimable: reclaimableBytes(layers.map((item) => item.entries)), contextHasDockerignore });
}

/** A file written by line 2 and deleted by line 3, and a file rewritten by a chmod copy (at `chmodLine`, if known). */
function deletedAndRewritten(chmodLine: number | undefined) {
  const layers = [
    layer([file('/bin/sh', 100)]),
    layer([file('/tmp/build.tar', 3_000_000), file('/app/data', 500_000)]),
    layer([file('/tmp/.wh.build.tar', 0)]),
    layer([file('/app/data', 500_000)]),
  ];
  const origins = [
    origin(undefined, 'base', false),
    origin(2, 'RUN fetch'),
    origin(3, 'RUN rm /tmp/build.tar'),
    origin(chmodLine, 'RUN chmod 600 /app/data'),
  ];
  return { layers, origins };
}

test('package caches are reported per layer with the bytes they hold and the line', () => {
  const layers = [
    layer([file('/bin/sh', 100_000, 0o755)]),
    layer([
      file('/var/lib/apt/lists/deb.debian.org_bookworm_main', 9_000_000),
      file('/var/lib/apt/lists/lock', 0),
      file('/root/.cache/pip/wheels/x.whl', 200_000),
    ]),
  ];
  const hints = hintsFor(layers, [origin(undefined, 'base', false), origin(2, 'RUN apt-get update && pip install x')]);
  expect(hints.filter((hint) => hint.kind === 'package-cache').map((hint) => [hint.title, hint.savingBytes, hint.line])).toEqual([
    ['apt package lists left in the image', 9_000_000, 2],
    ['pip cache left in the image', 200_000, 2],
  ]);
});

test("caches inherited from the base image are not the image's to fix", () => {
  const layers = [layer([file('/var/lib/apt/lists/big', 9_000_000)]), layer([file('/app', 10)])];
  expect(
    hintsFor(layers, [origin(undefined, 'base', false), origin(3, 'COPY app /app')]).filter((hint) => hint.kind === 'package-cache'),
  ).toEqual([]);
});

test('unstripped and static binaries: strip saving, and the base a scratch image would save', () => {
  const binary: ElfFinding = { path: '/app', sizeBytes: 8_000_000, isStatic: true, hasSymbolTable: true, strippableBytes: 2_500_000 };
  const layers = [layer([file('/usr/lib/libc.so.6', 30_000_000)]), layer([file('/app', 8_000_000, 0o755)], [binary])];
  const hints = hintsFor(layers, [origin(undefined, 'base', false), origin(7, 'COPY app /app')]);
  expect(hints.find((hint) => hint.kind === 'unstripped-binary')).toMatchObject({ savingBytes: 2_500_000, line: 7 });
  expect(hints.find((hint) => hint.kind === 'static-binary-on-large-base')).toMatchObject({ savingBytes: 30_000_000, line: 7 });
  expect(hints.find((hint) => hint.kind === 'upx')).toMatchObject({ severity: 'info' });
  expect(hints.find((hint) => hint.kind === 'upx')?.savingBytes).toBeUndefined();
});

test('a file deleted by a later layer names both layers; a chmod copy is reported as a rewrite', () => {
  const { layers, origins } = deletedAndRewritten(4);
  const hints = hintsFor(layers, origins);
  const deleted = hints.find((hint) => hint.kind === 'deleted-later')!;
  expect(deleted).toMatchObject({ savingBytes: 3_000_000, line: 3 });
  expect(deleted.message).toContain('line 2 (`RUN fetch`) writes 3.00 MB');
  expect(deleted.message).toContain('line 3 (`RUN rm /tmp/build.tar`) deletes');
  expect(hints.find((hint) => hint.kind === 'rewritten-later')).toMatchObject({ savingBytes: 500_000, line: 4 });
});

test('.dockerignore: context files in COPY layers, and a context without one', () => {
  const layers = [
    layer([file('/bin/sh', 100)]),
    layer([file('/src/.git/objects/pack/p.pack', 4_000_000), file('/src/main.go', 100), file('/src/README.md', 2_000)]),
  ];
  const hints = hintsFor(layers, [origin(undefined, 'base', false), origin(4, 'COPY . /src')], false);
  expect(hints.find((hint) => hint.kind === 'dockerignore')).toMatchObject({ savingBytes: 4_002_000, line: 4 });
  expect(hints.find((hint) => hint.kind === 'no-dockerignore')).toBeDefined();
});

test('attack surface lists shells, package managers and setuid binaries', () => {
  const layers = [
    layer([file('/bin/sh', 100_000, 0o755), file('/usr/bin/apt-get', 50_000, 0o755), file('/usr/bin/passwd', 60_000, 0o4755)]),
  ];
  const surface = hintsFor(layers, [origin(undefined, 'base', false)]).find((hint) => hint.kind === 'attack-surface')!;
  expect(surface.message).toContain('a shell (/bin/sh)');
  expect(surface.message).toContain('a package manager (/usr/bin/apt-get)');
  expect(surface.message).toContain('1 setuid binaries (60.0 kB: /usr/bin/passwd)');
});

test('every hint, to the letter: the sample image and a delete/rewrite image (snapshot)', () => {
  expect(hintsFor(SAMPLE_LAYERS, SAMPLE_ORIGINS, false)).toMatchSnapshot();
  const { layers, origins } = deletedAndRewritten(undefined);
  expect(hintsFor(layers, origins, true)).toMatchSnapshot();
});
