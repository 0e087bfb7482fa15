// Deletions at scale (issue 14): times the layer analysis of synthetic `docker save` archives whose second
// layer writes N small files and whose third deletes every one of them (N whiteouts), and records peak memory,
// the longest event-loop stall and the size of the analysis as the JSON report holds it.
// A benchmark, not a test: it fails on nothing and is not part of `npm test`. No Docker engine is needed.
//   node bench/whiteouts.mjs [--counts 10000,40000,150000] [--ref <commit>] [--overwrite]
// --ref measures the sources of that commit instead of the working tree (the same archives, the same entry),
// to compare the code before and after a change. --overwrite makes the third layer write every file again
// instead of deleting it, so that the final filesystem keeps all N files (hints, largest files).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, cpSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const COUNTS = flag('counts', '10000,40000,150000').split(',').map(Number);
const REF = flag('ref', undefined);
const OVERWRITE = args.includes('--overwrite');
const FILES_PER_DIRECTORY = 1000;
const FILE_BYTES = 27;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const BLOCK = 512;

/** One ustar header (names under 100 bytes, which is all this bench writes). */
function tarHeader(name, { type = '0', sizeBytes = 0, mode = 0o644 } = {}) {
  const header = Buffer.alloc(BLOCK);
  header.write(name, 0, 100, 'utf8');
  const field = (offset, width, value) => header.write(value.toString(8).padStart(width - 1, '0') + '\0', offset, width, 'latin1');
  field(100, 8, mode);
  field(108, 8, 0);
  field(116, 8, 0);
  field(124, 12, sizeBytes);
  field(136, 12, 1_700_000_000);
  header.write(type, 156, 1, 'latin1');
  header.write('ustar\0' + '00', 257, 8, 'latin1');
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1');
  return header;
}

function tarMember(name, data, options = {}) {
  const header = tarHeader(name, { ...options, sizeBytes: data.length });
  const padding = Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK);
  return Buffer.concat([header, data, padding]);
}

const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);

function directoryName(index) {
  return `data/d${String(Math.floor(index / FILES_PER_DIRECTORY)).padStart(4, '0')}/`;
}

/** The three layer tars: a small base, N files, then a whiteout for each of them (or each of them again). */
function layerTars(count) {
  const base = [
    tarHeader('bin/', { type: '5', mode: 0o755 }),
    tarMember('bin/sh', Buffer.alloc(100, 1), { mode: 0o755 }),
    tarHeader('etc/', { type: '5', mode: 0o755 }),
    tarMember('etc/passwd', Buffer.from('root:x:0:0:root:/root:/bin/sh\n')),
    END_OF_ARCHIVE,
  ];
  const written = [tarHeader('data/', { type: '5', mode: 0o755 })];
  const deleted = [tarHeader('data/', { type: '5', mode: 0o755 })];
  for (let index = 0; index < count; index += 1) {
    const directory = directoryName(index);
    if (index % FILES_PER_DIRECTORY === 0) {
      written.push(tarHeader(directory, { type: '5', mode: 0o755 }));
      deleted.push(tarHeader(directory, { type: '5', mode: 0o755 }));
    }
    const name = `f${String(index).padStart(7, '0')}`;
    const data = Buffer.from(String(index).padStart(FILE_BYTES, '.'));
    written.push(tarMember(directory + name, data));
    deleted.push(OVERWRITE ? tarMember(directory + name, data, { mode: 0o755 }) : tarHeader(`${directory}.wh.${name}`));
  }
  written.push(END_OF_ARCHIVE);
  deleted.push(END_OF_ARCHIVE);
  return [base, written, deleted].map((parts) => Buffer.concat(parts));
}

/** Writes a classic `docker save` archive (`<id>/layer.tar`, `<config>.json`, manifest.json); returns the image id. */
function writeArchive(file, count) {
  const layers = layerTars(count);
  const diffIds = layers.map((tar) => `sha256:${createHash('sha256').update(tar).digest('hex')}`);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: [{ created_by: 'base' }, { created_by: `COPY data /data (${count} files)` }, { created_by: 'RUN rm -rf /data/d*/f*' }],
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

/** Bundles the entry against the working tree's sources, or against those of `ref`. */
function bundleEntry(work) {
  const sources = path.join(work, 'sources');
  if (REF) {
    execFileSync('bash', ['-c', `mkdir -p '${sources}' && git -C '${root}' archive '${REF}' src tsconfig.json | tar -x -C '${sources}'`]);
  } else {
    cpSync(path.join(root, 'src'), path.join(sources, 'src'), { recursive: true });
    cpSync(path.join(root, 'tsconfig.json'), path.join(sources, 'tsconfig.json'));
  }
  cpSync(path.join(root, 'package.json'), path.join(sources, 'package.json'));
  cpSync(path.join(root, 'bench', 'whiteouts-entry.ts'), path.join(sources, 'bench', 'whiteouts-entry.ts'));
  symlinkSync(path.join(root, 'node_modules'), path.join(sources, 'node_modules'));
  const out = path.join(work, 'bundle');
  execFileSync('npx', ['ncc', 'build', 'bench/whiteouts-entry.ts', '--out', out, '--quiet'], { cwd: sources, stdio: 'inherit' });
  writeFileSync(path.join(out, 'package.json'), '{"type":"module"}');
  return path.join(out, 'index.js');
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const kbOrMb = (bytes) => (bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : mb(bytes));
const work = mkdtempSync(path.join(os.tmpdir(), 'isg-bench-whiteouts-'));
try {
  const entry = bundleEntry(work);
  console.log(
    `sources: ${REF ?? 'working tree'}; third layer ${OVERWRITE ? 'overwrites' : 'deletes'} the files; ${os.cpus().length} × ${os.cpus()[0].model.trim()}, Node ${process.version}`,
  );
  console.log('| files and whiteouts | archive | analysis | of which after reading | longest stall | peak RSS | analysis JSON |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const count of COUNTS) {
    const archive = path.join(work, `whiteouts-${count}.tar`);
    const { imageId } = writeArchive(archive, count);
    const archiveBytes = Number(execFileSync('stat', ['-c', '%s', archive], { encoding: 'utf8' }));
    const result = JSON.parse(execFileSync(process.execPath, [entry, archive, imageId], { encoding: 'utf8', maxBuffer: 1 << 26 }));
    console.log(
      `| ${count.toLocaleString('en')} | ${mb(archiveBytes)} | ${(result.wallMs / 1000).toFixed(2)} s | ${((result.wallMs - result.readMs) / 1000).toFixed(2)} s | ` +
        `${Math.round(result.maxStallMs)} ms | ${Math.round(result.maxRssBytes / 2 ** 20)} MiB | ${kbOrMb(result.reportBytes)} |`,
    );
    console.log(`  efficiency ${result.efficiency}, wasted ${result.wastedBytes} B, reclaimable ${result.reclaimableBytes} B`);
    rmSync(archive);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
