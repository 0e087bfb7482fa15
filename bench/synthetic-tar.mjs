// The synthetic archives the engine-free benchmarks read: ustar members, layer tars, and a classic `docker save`
// archive of them (`<id>/layer.tar`, `<config>.json`, manifest.json) written to a file. Names under 100 bytes.
import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';

const BLOCK = 512;

/** One ustar header; `linkName` for a symlink (type '2'). */
export function tarHeader(name, { type = '0', sizeBytes = 0, mode = 0o644, linkName = '' } = {}) {
  const header = Buffer.alloc(BLOCK);
  header.write(name, 0, 100, 'utf8');
  const field = (offset, width, value) => header.write(value.toString(8).padStart(width - 1, '0') + '\0', offset, width, 'latin1');
  field(100, 8, mode);
  field(108, 8, 0);
  field(116, 8, 0);
  field(124, 12, sizeBytes);
  field(136, 12, 1_700_000_000);
  header.write(type, 156, 1, 'latin1');
  header.write(linkName, 157, 100, 'utf8');
  header.write('ustar\0' + '00', 257, 8, 'latin1');
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1');
  return header;
}

export function tarMember(name, data, options = {}) {
  const header = tarHeader(name, { ...options, sizeBytes: data.length });
  const padding = Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK);
  return Buffer.concat([header, data, padding]);
}

export const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);

/** Writes a classic `docker save` archive of these layer tars; returns the image id and the layers' bytes. */
export function writeArchive(file, layers, createdBy) {
  const diffIds = layers.map((tar) => `sha256:${createHash('sha256').update(tar).digest('hex')}`);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: createdBy.map((step) => ({ created_by: step })),
    }),
  );
  const configHex = createHash('sha256').update(config).digest('hex');
  const layerDirs = diffIds.map((diffId) => diffId.slice(7, 71));
  const manifest = Buffer.from(
    JSON.stringify([{ Config: `${configHex}.json`, RepoTags: null, Layers: layerDirs.map((dir) => `${dir}/layer.tar`) }]),
  );
  const fd = openSync(file, 'w');
  try {
    layers.forEach((tar, index) => {
      writeSync(fd, tarHeader(`${layerDirs[index]}/`, { type: '5', mode: 0o755 }));
      writeSync(fd, tarMember(`${layerDirs[index]}/layer.tar`, tar));
    });
    writeSync(fd, tarMember(`${configHex}.json`, config));
    writeSync(fd, tarMember('manifest.json', manifest));
    writeSync(fd, END_OF_ARCHIVE);
  } finally {
    closeSync(fd);
  }
  return { imageId: `sha256:${configHex}`, archiveBytes: layers.reduce((sum, tar) => sum + tar.length, 0) };
}
