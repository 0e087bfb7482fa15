// The Go gzip size models against Go itself. Every expected size below was printed by a Go program (kept out of the
// repository) that wrote the case's bytes to compress/gzip's NewWriter and closed it, counting the bytes written:
// `classic` is Go 1.26.10's compress/gzip and compress/flate (built as local packages beside the newer standard
// library; Go 1.19.8's, through io.Copy, prints the same sizes), `go1.27` is Go 1.27.3's. It cut the bytes into
// Writes as docker push does for a tar (found with Go's archive/tar: one Write per entry's header bytes, 32 KiB
// Writes of each file's data, one for the two zero blocks, at most 32 KiB each) and into 32 KiB Writes otherwise,
// and also wrote each case in one Write. The corpus is generated here from seeds
// (__tests__/support/go-gzip-corpus.ts), so no figure comes from the code under test.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ClassicDeflate } from '../../../src/analysis/go-gzip/classic-deflate.js';
import { GoGzipGeneration, GoGzipSizer, GoGzipWrites, goGzipGeneration } from '../../../src/analysis/go-gzip/sizer.js';
import { TarReader } from '../../../src/analysis/tar.js';
import { concat, goGzipCorpus, seededRandom } from '../../support/go-gzip-corpus.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/dive-test-image.tar', import.meta.url));

/** Go's gzip size of each corpus case written as docker push writes it: [classic (Go 1.7-1.26), go1.27]. */
const GO_SIZES: Record<string, [number, number]> = {
  empty: [23, 20],
  'one byte': [25, 26],
  hello: [29, 30],
  '32 bytes of text': [56, 57],
  '33 bytes of text': [54, 58],
  '127 random bytes': [155, 152],
  '128 random bytes': [156, 153],
  '200 bytes of text': [157, 154],
  '1 KiB of text': [511, 508],
  '100 KB of text': [29611, 30284],
  '300 KB run of one byte': [330, 591],
  '65535 zeros': [100, 100],
  '65536 zeros': [100, 106],
  '200 KB random': [200088, 200040],
  '1025 random bytes': [1053, 1050],
  '150 KB skewed bytes': [98789, 143496],
  '300 KB binary': [76319, 79077],
  'tar of 40 files': [149278, 153829],
  'match 32768 back at 65274': [65791, 65659],
  'match 32600 back at 65274': [65853, 77222],
  'match 32769 back at 98100': [92280, 114328],
  'text repeated 32760 bytes later': [19766, 20107],
  'layer whose data ends at window index 65535': [69365, 69898],
  'layer with PAX, GNU and global headers': [290043, 300234],
  '5 blocks of 65535 and 1 byte': [82491, 85632],
  '4 MB mixed': [1432239, 1500975],
};

/** Go 1.26's size for that layer in one Write: where docker's Writes end changes the classic compressor's output. */
const WINDOW_EDGE_ONE_WRITE = 69326;

/** Go's gzip size of each layer of the dive test image, by the layer's directory in the archive. */
const FIXTURE_LAYER_SIZES: Record<string, [number, number]> = {
  '28cfe03618aa2e914e81fdd90345245c15f4478e35252c06ca52d238fd3cc694': [727962, 738725],
  '1871059774abe6914075e4a919b778fa1561f577d620ae52438a9635e6241936': [2525, 2540],
  '49fe2a475548bfa4d493fc796fce41f30704e3d4cbff3e45dd3e06f463236d1d': [156, 154],
  '80cd2ca1ffc89962b9349c80280c2bc551acbd11e09b16badb0669f8e2369020': [2590, 2612],
  c99e2f8d3f6282668f0d30dc1db5e67a51d7a1dcd7ff6ddfa0f90760836778ec: [2591, 2612],
  '5eca617bdc3bc06134fe957a30da4c57adb7c340a6d749c8edc4c15861c928d7': [2592, 2613],
  f07c3eb887572395408f8e11a07af945e4da5f02b3188bb06b93fad713ca0b99: [2591, 2614],
  '461885fc22589158dee3c5b9f01cc41c87805439f58b4399d733b51aa305cbf9': [2624, 2642],
  a10327f68ffed4afcba78919052809a8f774978a6b87fc117d39c53c4842f72c: [2560, 2581],
  f2fc54e25cb7966dc9732ec671a77a1c5c104e732bd15ad44a2dc1ac42368f84: [130, 133],
  aad36d0b05e71c7e6d4dfe0ca9ed6be89e2e0d8995dafe83438299a314e91071: [1287, 1299],
  '3d4ad907517a021d86a4102d2764ad2161e4818bbd144e41d019bfc955434181': [2561, 2581],
  '81b1b002d4b4c1325a9cad9990b5277e7f29f79e0f24582344c0891178f95905': [2590, 2614],
  cfb35bb5c127d848739be5ca726057e6e2c77b2849f588e7aebb642c0d3d4b7b: [2568, 2589],
};

const GENERATIONS: GoGzipGeneration[] = ['classic', 'go1.27'];
const corpus = goGzipCorpus();
const caseBytes = (name: string) => corpus.find((c) => c.name === name)!.bytes;

function gzipSize(generation: GoGzipGeneration, chunks: Iterable<Uint8Array>, writes?: GoGzipWrites): number {
  const sizer = new GoGzipSizer(generation, writes);
  for (const chunk of chunks) sizer.write(chunk);
  return sizer.finish();
}

function* pieces(bytes: Uint8Array, sizes: () => number): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length;) {
    const size = sizes();
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

/** The layer tars of a `docker save` archive, by the directory that holds each. */
function layersOf(archive: Buffer): Map<string, Uint8Array> {
  const layers = new Map<string, Uint8Array>();
  const reader = new TarReader((header) => {
    if (!header.name.endsWith('/layer.tar')) return undefined;
    const parts: Buffer[] = [];
    return { data: (chunk) => parts.push(Buffer.from(chunk)), end: () => layers.set(header.name.split('/')[0], concat(parts)) };
  });
  reader.write(archive);
  return layers;
}

describe('GoGzipSizer', () => {
  it('has an oracle size for every corpus case', () => {
    expect(corpus.map((c) => c.name).sort()).toEqual(Object.keys(GO_SIZES).sort());
  });

  describe.each(GENERATIONS.map((generation, index) => [generation, index] as const))('%s', (generation, index) => {
    it.each(corpus.map((c) => [c.name, c.bytes] as const))('gives Go’s size for %s', (name, bytes) => {
      expect(gzipSize(generation, [bytes])).toBe(GO_SIZES[name][index]);
    });

    it('gives Go’s size for every layer of the dive test image', () => {
      const layers = layersOf(readFileSync(FIXTURE));
      expect([...layers.keys()].sort()).toEqual(Object.keys(FIXTURE_LAYER_SIZES).sort());
      for (const [directory, tar] of layers) {
        expect([directory, gzipSize(generation, [tar])]).toEqual([directory, FIXTURE_LAYER_SIZES[directory][index]]);
      }
    });

    it.each([
      ['match 32768 back at 65274', 1],
      ['layer whose data ends at window index 65535', 1],
      ['layer with PAX, GNU and global headers', 511],
      ['text repeated 32760 bytes later', 7],
      ['tar of 40 files', 1000],
      ['5 blocks of 65535 and 1 byte', 65535],
      ['5 blocks of 65535 and 1 byte', 65537],
      ['4 MB mixed', 32768],
    ])('gives the same size for %s written in chunks of %i bytes', (name, size) => {
      expect(
        gzipSize(
          generation,
          pieces(caseBytes(name), () => size),
        ),
      ).toBe(GO_SIZES[name][index]);
    });

    it('gives the same size for chunks of random sizes', () => {
      const next = seededRandom(99);
      const bytes = caseBytes('4 MB mixed');
      expect(
        gzipSize(
          generation,
          pieces(bytes, () => 1 + (next() % 100_000)),
        ),
      ).toBe(GO_SIZES['4 MB mixed'][index]);
    });
  });

  it('gives Go’s size for one Write of a layer when asked', () => {
    const bytes = caseBytes('layer whose data ends at window index 65535');
    expect(
      gzipSize(
        'classic',
        pieces(bytes, () => 1000),
        'one-write',
      ),
    ).toBe(WINDOW_EDGE_ONE_WRITE);
    expect(
      gzipSize(
        'go1.27',
        pieces(bytes, () => 1000),
        'one-write',
      ),
    ).toBe(GO_SIZES['layer whose data ends at window index 65535'][1]);
  });

  it('refuses bytes after finish and gives the same total again', () => {
    const sizer = new GoGzipSizer('classic');
    sizer.write(new TextEncoder().encode('hello'));
    expect(sizer.finish()).toBe(29);
    expect(sizer.finish()).toBe(29);
    expect(() => sizer.write(new Uint8Array(1))).toThrow(/after finish/);
  });
});

describe('the classic compressor’s Write boundaries', () => {
  // Go's classic compressor searches as far as each Write allows: a Write that stops the search at window index
  // 65274 makes the window slide before that position is searched. Go 1.26 prints 65828 (not 65791) for this case
  // written one byte per Write, and the same for Go 1.27 as in one Write.
  it('follows Go when each Write is mirrored', () => {
    const deflate = new ClassicDeflate();
    for (const chunk of pieces(caseBytes('match 32768 back at 65274'), () => 1)) deflate.write(chunk);
    expect(deflate.finish() + 18).toBe(65828);
  });
});

describe('goGzipGeneration', () => {
  it.each([
    ['go1.19.8', 'classic'],
    ['go1.7', 'classic'],
    ['go1.26.10', 'classic'],
    ['go1.27.1', 'go1.27'],
    ['go1.27rc1', 'go1.27'],
    ['go1.30.0', 'go1.27'],
    [' go1.20.13\n', 'classic'],
    ['go1.6.4', undefined],
    ['go1.2', undefined],
    ['go2.0', undefined],
    ['devel', undefined],
    ['1.19.8', undefined],
    ['', undefined],
  ])('%j is %s', (version, generation) => {
    expect(goGzipGeneration(version)).toBe(generation);
  });
});
