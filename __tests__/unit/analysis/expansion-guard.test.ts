// The decompression guard: the pure bound (which limit a layer passed, and when), the message that names the
// layer and the bound, and a real gzip layer of zeros read through the archive scan, stopped at the limit.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { scanImageArchive } from '../../../src/analysis/archive.js';
import { DEFAULT_EXPANSION_LIMITS, expansionBound, LayerExpansionError, RATIO_FLOOR_BYTES } from '../../../src/analysis/expansion-guard.js';

const MiB = 1024 * 1024;

describe('expansionBound', () => {
  const limits = { maxRatio: 100, maxBytes: 20_000_000_000 };

  test('a layer within both bounds passes', () => {
    expect(expansionBound(limits, 50 * MiB, 400 * MiB)).toBeUndefined();
    expect(expansionBound(limits, 1, 1)).toBeUndefined();
  });

  test('the ratio applies only past the floor: a small, very compressible layer never trips it', () => {
    // 1 MiB of blob, 200 MiB of tar: 200 times, but under the floor.
    expect(expansionBound(limits, MiB, 200 * MiB)).toBeUndefined();
    expect(expansionBound(limits, MiB, RATIO_FLOOR_BYTES)).toBeUndefined();
    expect(expansionBound(limits, MiB, RATIO_FLOOR_BYTES + 1)).toEqual({ kind: 'ratio', limitBytes: RATIO_FLOOR_BYTES });
  });

  test('past the floor, the ratio bound is ratio × the compressed bytes, exactly', () => {
    expect(expansionBound(limits, 10 * MiB, 1000 * MiB)).toBeUndefined();
    expect(expansionBound(limits, 10 * MiB, 1000 * MiB + 1)).toEqual({ kind: 'ratio', limitBytes: 1000 * MiB });
  });

  test('the absolute bound applies whatever the ratio, and is named first', () => {
    const small = { maxRatio: 100, maxBytes: 100_000_000 };
    expect(expansionBound(small, 90_000_000, 100_000_000)).toBeUndefined();
    expect(expansionBound(small, 90_000_000, 100_000_001)).toEqual({ kind: 'size', limitBytes: 100_000_000 });
    expect(expansionBound(small, 1000, 100_000_001)).toEqual({ kind: 'size', limitBytes: 100_000_000 });
  });

  test('the defaults: 100 times, 20 GB', () => {
    expect(DEFAULT_EXPANSION_LIMITS).toEqual({ maxRatio: 100, maxBytes: 20_000_000_000 });
    // A 2 MB gzip bomb stops at the floor (256 MiB), not at the 2 GB it holds.
    expect(expansionBound(DEFAULT_EXPANSION_LIMITS, 2_000_000, RATIO_FLOOR_BYTES + 1)?.kind).toBe('ratio');
    // A real 3 GB layer compressed 3 times passes.
    expect(expansionBound(DEFAULT_EXPANSION_LIMITS, 1_000_000_000, 3_000_000_000)).toBeUndefined();
  });
});

describe('LayerExpansionError', () => {
  const member = `blobs/sha256/${'ab'.repeat(32)}`;

  test('names the layer by its digest, then by its place in the image, and the bound with its input', () => {
    const error = new LayerExpansionError(
      member,
      'gzip',
      { kind: 'size', limitBytes: 100_000_000 },
      { maxRatio: 100, maxBytes: 100_000_000 },
      600_000,
    );
    expect(error.message).toMatch(
      /^layer sha256:abababababab expands past 100 MB \(max-layer-expanded-size 100 MB\): its gzip decompression was stopped/,
    );
    error.locate(1, 3);
    expect(error.message).toMatch(/^layer 2 of 3 \(sha256:abababababab\) expands past 100 MB/);
    expect(error.message).toContain('cannot be known and the image is not judged');
  });

  test('past the floor, the ratio bound gives its own figure and no floor', () => {
    const limits = { maxRatio: 100, maxBytes: 20_000_000_000 };
    const error = new LayerExpansionError(member, 'gzip', { kind: 'ratio', limitBytes: 500_000_000 }, limits, 5_000_000);
    expect(error.message).toContain('expands past 500 MB (max-layer-expansion 100: more than 100 times its 5.00 MB compressed blob)');
  });

  test('the ratio bound says how many times which compressed size', () => {
    const error = new LayerExpansionError(
      member,
      'zstd',
      { kind: 'ratio', limitBytes: RATIO_FLOOR_BYTES },
      DEFAULT_EXPANSION_LIMITS,
      600_000,
    );
    expect(error.message).toContain(
      'expands past 268 MB (max-layer-expansion 100: more than 100 times its 600 kB compressed blob, once past 256 MiB)',
    );
  });
});

describe('a gzip layer of zeros read through the archive scan', () => {
  let work: string;
  let archive: Buffer;
  const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'isg-expansion-'));
    const root = path.join(work, 'layer');
    mkdirSync(root);
    writeFileSync(path.join(root, 'zeros.bin'), Buffer.alloc(20 * MiB));
    const tar = execFileSync('tar', ['--create', '--format=pax', '--directory', root, '.'], { maxBuffer: 1 << 26 });
    const gz = gzipSync(tar);
    const config = Buffer.from(JSON.stringify({ rootfs: { type: 'layers', diff_ids: [`sha256:${sha256(tar)}`] }, history: [] }));
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        config: { digest: `sha256:${sha256(config)}`, size: config.length },
        layers: [{ digest: `sha256:${sha256(gz)}`, size: gz.length }],
      }),
    );
    const members: Record<string, Buffer> = {
      [`blobs/sha256/${sha256(config)}`]: config,
      [`blobs/sha256/${sha256(manifest)}`]: manifest,
      [`blobs/sha256/${sha256(gz)}`]: gz,
      'index.json': Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [{ digest: `sha256:${sha256(manifest)}` }] })),
    };
    const dir = path.join(work, 'archive');
    for (const [name, bytes] of Object.entries(members)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), bytes);
    }
    // The manifest and config first, as a registry or an OCI layout gives them, so the layer's place is known.
    const order = [`blobs/sha256/${sha256(config)}`, `blobs/sha256/${sha256(manifest)}`, `blobs/sha256/${sha256(gz)}`, 'index.json'];
    archive = execFileSync('tar', ['--create', '--format=pax', '--directory', dir, ...order], { maxBuffer: 1 << 26 });
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const read = (maxBytes: number) =>
    scanImageArchive(Readable.from([archive]), { compressedSize: true, expansionLimits: { maxRatio: 100, maxBytes } });

  test('within the limits it is read whole', async () => {
    const image = await read(21 * MiB);
    expect(image.layers[0].contentBytes).toBe(20 * MiB);
  });

  test('past the absolute limit it stops, naming the layer and the bound', async () => {
    const error = await read(5_000_000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LayerExpansionError);
    expect((error as Error).message).toMatch(
      /^layer 1 of 1 \(sha256:[0-9a-f]{12}\) expands past 5\.00 MB \(max-layer-expanded-size 5\.00 MB\)/,
    );
  });
});
