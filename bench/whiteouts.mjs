// Deletions at scale (issue 14): times the layer analysis of synthetic `docker save` archives whose second
// layer writes N small files and whose third deletes every one of them (N whiteouts), and records peak memory,
// the longest event-loop stall and the size of the analysis as the JSON report holds it.
// A benchmark, not a test: it fails on nothing and is not part of `npm test`. No Docker engine is needed.
//   node bench/whiteouts.mjs [--counts 10000,40000,150000] [--ref <commit>] [--overwrite]
// --ref measures the sources of that commit instead of the working tree (the same archives, the same entry),
// to compare the code before and after a change. --overwrite makes the third layer write every file again
// instead of deleting it, so that the final filesystem keeps all N files (hints, largest files).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { END_OF_ARCHIVE, tarHeader, tarMember, writeArchive } from './synthetic-tar.mjs';
import { bundleArchiveEntry } from './archive-entry.mjs';

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

/** Writes the archive of `count` files; returns the image id. */
function writeWhiteoutArchive(file, count) {
  return writeArchive(file, layerTars(count), ['base', `COPY data /data (${count} files)`, 'RUN rm -rf /data/d*/f*']);
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const kbOrMb = (bytes) => (bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : mb(bytes));
const work = mkdtempSync(path.join(os.tmpdir(), 'isg-bench-whiteouts-'));
try {
  const entry = bundleArchiveEntry(root, work, REF);
  console.log(
    `sources: ${REF ?? 'working tree'}; third layer ${OVERWRITE ? 'overwrites' : 'deletes'} the files; ${os.cpus().length} × ${os.cpus()[0].model.trim()}, Node ${process.version}`,
  );
  console.log('| files and whiteouts | archive | analysis | of which after reading | longest stall | peak RSS | analysis JSON |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const count of COUNTS) {
    const archive = path.join(work, `whiteouts-${count}.tar`);
    const { imageId } = writeWhiteoutArchive(archive, count);
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
