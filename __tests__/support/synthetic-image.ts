// Synthetic `docker save` archives made in memory (classic layout: `<id>/layer.tar`, `<config>.json`,
// manifest.json), and a stand-in for the docker client that streams one, so that analyzeImage runs in unit
// tests without an engine.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Docker } from '../../src/docker/exec.js';

const BLOCK = 512;

export type SyntheticEntry =
  | { path: string; directory: true }
  | { path: string; sizeBytes: number }
  /** A file with these bytes (UTF-8 for text). */
  | { path: string; content: string | Buffer }
  /** A symlink to this target (under 100 bytes). */
  | { path: string; symlink: string };

/** A ustar header (names under 100 bytes, all these archives need; sizes under 8 GiB). */
export function header(name: string, type: '0' | '2' | '5', sizeBytes: number, mode: number, linkName = ''): Buffer {
  const block = Buffer.alloc(BLOCK);
  const octal = (offset: number, width: number, value: number) =>
    block.write(value.toString(8).padStart(width - 1, '0') + '\0', offset, width, 'latin1');
  block.write(name, 0, 100, 'utf8');
  octal(100, 8, mode);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, sizeBytes);
  octal(136, 12, 1_700_000_000);
  block.write(type, 156, 1, 'latin1');
  block.write(linkName, 157, 100, 'utf8');
  block.write('ustar\u000000', 257, 8, 'latin1');
  block.fill(0x20, 148, 156);
  const checksum = block.reduce((sum, byte) => sum + byte, 0);
  block.write(checksum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1');
  return block;
}

function member(name: string, data: Buffer, type: '0' | '2' | '5' = '0', mode = 0o644, linkName = ''): Buffer[] {
  return [header(name, type, data.length, mode, linkName), data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK)];
}

/** A layer tar; file contents are bytes of their size. Paths are written without their leading slash. */
export function layerTar(entries: SyntheticEntry[]): Buffer {
  const parts = entries.flatMap((entry) => {
    const name = entry.path.replace(/^\//, '');
    if ('directory' in entry) return member(`${name}/`, Buffer.alloc(0), '5', 0o755);
    if ('symlink' in entry) return member(name, Buffer.alloc(0), '2', 0o777, entry.symlink);
    if ('content' in entry) return member(name, Buffer.from(entry.content));
    return member(name, Buffer.alloc(entry.sizeBytes, 0x61));
  });
  return Buffer.concat([...parts, Buffer.alloc(2 * BLOCK)]);
}

/** A classic `docker save` archive of these layers (base first); returns it and the image id. */
export function imageArchive(layers: SyntheticEntry[][], createdBy: string[]): { archive: Buffer; imageId: string } {
  const tars = layers.map(layerTar);
  const diffIds = tars.map((tar) => `sha256:${createHash('sha256').update(tar).digest('hex')}`);
  const config = Buffer.from(
    JSON.stringify({
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: createdBy.map((step) => ({ created_by: step })),
    }),
  );
  const configHex = createHash('sha256').update(config).digest('hex');
  const directories = diffIds.map((diffId) => diffId.slice(7));
  const manifest = [{ Config: `${configHex}.json`, RepoTags: null, Layers: directories.map((directory) => `${directory}/layer.tar`) }];
  const parts = tars.flatMap((tar, index) => member(`${directories[index]}/layer.tar`, tar));
  parts.push(...member(`${configHex}.json`, config), ...member('manifest.json', Buffer.from(JSON.stringify(manifest))));
  return { archive: Buffer.concat([...parts, Buffer.alloc(2 * BLOCK)]), imageId: `sha256:${configHex}` };
}

/** A docker client whose `save` streams the archive in pipe-sized chunks. */
export function savingDocker(archive: Buffer): Docker {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < archive.length; offset += 65_536) chunks.push(archive.subarray(offset, offset + 65_536));
  return { stream: () => ({ stdout: Readable.from(chunks), finished: Promise.resolve() }), killAll: () => undefined } as unknown as Docker;
}
