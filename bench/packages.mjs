// The package view's cost (issue 18): the layer analysis of two synthetic 150,000-file `docker save` archives,
// with the package view (the working tree) and without it (the sources of the commit before it, --ref), each run
// in a fresh process, alternating, medians of --runs. The first archive is the deletions benchmark's 150,000-file
// image with every file kept (bench/whiteouts.mjs --overwrite: no package database in it); the second has
// databases for every file: 300 dpkg packages of 100 files (half listed through the /lib -> usr/lib symlink, as on
// a merged-/usr Debian) and 1,200 npm packages of 100 files, with an app package.json that lists devDependencies.
// No engine is needed. `npm run bench` runs it after its own sections; alone it writes only its own section:
//   node bench/packages.mjs [--runs 5] [--ref e1226af]
// A benchmark, not a test: nothing fails on speed.
import { writeSection } from './section.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { END_OF_ARCHIVE, tarHeader, tarMember, writeArchive } from './synthetic-tar.mjs';
import { bundleArchiveEntry } from './archive-entry.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The last commit before the package view: the analysis without it. */
const BEFORE = 'e1226af';
const FILES = 150_000;
const FILE_BYTES = 27;

const directory = (name) => tarHeader(`${name}/`, { type: '5', mode: 0o755 });
const file = (name, data) => tarMember(name, typeof data === 'string' ? Buffer.from(data) : data);
const fileData = (index) => Buffer.from(String(index).padStart(FILE_BYTES, '.'));

/** 150,000 files in 150 directories, written again by the next layer: the final filesystem keeps all of them. */
export function plainLayers() {
  const base = Buffer.concat([directory('bin'), file('bin/sh', Buffer.alloc(100, 1)), END_OF_ARCHIVE]);
  const layer = (mode) => {
    const parts = [directory('data')];
    for (let index = 0; index < FILES; index += 1) {
      const dir = `data/d${String(Math.floor(index / 1000)).padStart(4, '0')}`;
      if (index % 1000 === 0) parts.push(directory(dir));
      parts.push(tarMember(`${dir}/f${String(index).padStart(7, '0')}`, fileData(index), { mode }));
    }
    parts.push(END_OF_ARCHIVE);
    return Buffer.concat(parts);
  };
  return [base, layer(0o644), layer(0o755)];
}

/** 30,000 files of 300 dpkg packages in the base layer, then 120,000 files of 1,200 npm packages and an app. */
export function packageLayers() {
  const base = [
    tarHeader('bin', { type: '2', mode: 0o777, linkName: 'usr/bin' }),
    tarHeader('lib', { type: '2', mode: 0o777, linkName: 'usr/lib' }),
  ];
  base.push(
    directory('usr'),
    directory('usr/lib'),
    directory('var'),
    directory('var/lib'),
    directory('var/lib/dpkg'),
    directory('var/lib/dpkg/info'),
  );
  const status = [];
  for (let pkg = 0; pkg < 300; pkg += 1) {
    const name = `libsynthetic${pkg}`;
    status.push(`Package: ${name}\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0-${pkg}\n`);
    const listed = ['/.', '/usr', '/usr/lib', `/${pkg % 2 ? 'lib' : 'usr/lib'}/${name}`];
    base.push(directory(`usr/lib/${name}`));
    for (let index = 0; index < 100; index += 1) {
      base.push(file(`usr/lib/${name}/f${index}.so`, fileData(pkg * 100 + index)));
      listed.push(`/${pkg % 2 ? 'lib' : 'usr/lib'}/${name}/f${index}.so`);
    }
    base.push(file(`var/lib/dpkg/info/${name}.list`, `${listed.join('\n')}\n`));
  }
  base.push(file('var/lib/dpkg/status', status.join('\n')), END_OF_ARCHIVE);
  const app = [directory('app'), directory('app/node_modules')];
  const devDependencies = {};
  for (let pkg = 0; pkg < 1200; pkg += 1) {
    const name = `p${pkg}`;
    if (pkg % 12 === 0) devDependencies[name] = '1.0.0';
    app.push(directory(`app/node_modules/${name}`), directory(`app/node_modules/${name}/lib`));
    app.push(file(`app/node_modules/${name}/package.json`, JSON.stringify({ name, version: '1.0.0', main: 'lib/f0.js' })));
    for (let index = 0; index < 99; index += 1) app.push(file(`app/node_modules/${name}/lib/f${index}.js`, fileData(index)));
  }
  app.push(file('app/package.json', JSON.stringify({ name: 'app', devDependencies })), END_OF_ARCHIVE);
  return [Buffer.concat(base), Buffer.concat(app)];
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes) => `${Math.round(bytes / 2 ** 20)} MiB`;

function analyse(entry, archive, imageId) {
  return JSON.parse(execFileSync(process.execPath, [entry, archive, imageId], { encoding: 'utf8', maxBuffer: 1 << 26 }));
}

/** Runs both sides `runs` times, alternating; returns the table's lines. */
export function benchPackages({ runs = 5, ref = BEFORE } = {}) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'isg-bench-packages-'));
  try {
    const sides = { before: bundleArchiveEntry(root, work, ref), after: bundleArchiveEntry(root, work, undefined) };
    const archives = [
      {
        label: `${FILES.toLocaleString('en')} files, no package database (the deletions benchmark's image, --overwrite)`,
        layers: plainLayers(),
        steps: ['base', 'COPY data /data', 'RUN chmod -R +x /data'],
      },
      {
        label: `${FILES.toLocaleString('en')} files, every one in a package (300 dpkg, 1,200 npm)`,
        layers: packageLayers(),
        steps: ['ADD rootfs /', 'COPY app /app'],
      },
    ];
    const lines = [
      `Machine: ${os.cpus().length} × ${os.cpus()[0].model.trim()}, Node ${process.version}. Without the package view: the sources of ${ref}; with it: the working tree. Medians of ${runs} runs, alternating, each in a fresh process.`,
      '',
      '| Archive | archive size | analysis without / with the package view | change | CPU without / with | change | the view itself (share of the analysis) | peak RSS without / with | packages found |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ];
    for (const { label, layers, steps } of archives) {
      const archive = path.join(work, 'image.tar');
      const { imageId } = writeArchive(archive, layers, steps);
      const archiveBytes = readFileSync(archive).length;
      const samples = { before: [], after: [] };
      for (let run = 0; run < runs; run += 1)
        for (const side of ['before', 'after']) samples[side].push(analyse(sides[side], archive, imageId));
      const pick = (side, field) => median(samples[side].map((sample) => sample[field]));
      const wall = { before: pick('before', 'wallMs'), after: pick('after', 'wallMs') };
      const cpu = { before: pick('before', 'cpuMs'), after: pick('after', 'cpuMs') };
      const change = (figure) => {
        const percent = ((figure.after - figure.before) / figure.before) * 100;
        return `**${percent >= 0 ? '+' : ''}${percent.toFixed(1)}%**`;
      };
      lines.push(
        `| ${label} | ${(archiveBytes / 1e6).toFixed(1)} MB | ${seconds(wall.before)} / ${seconds(wall.after)} | ${change(wall)} | ${seconds(cpu.before)} / ${seconds(cpu.after)} | ${change(cpu)} | ${Math.round(pick('after', 'packageViewMs'))} ms (${median(samples.after.map((sample) => (sample.packageViewMs / sample.wallMs) * 100)).toFixed(1)}%) | ${mib(pick('before', 'maxRssBytes'))} / ${mib(pick('after', 'maxRssBytes'))} | ${samples.after[0].packageCount ?? '—'} |`,
      );
      console.log(lines[lines.length - 1]);
      rmSync(archive);
    }
    return lines;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function writePackagesSection(lines) {
  writeSection('packages', 'The package view (issue 18): `node bench/packages.mjs`', lines);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = (name, fallback) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback);
  writePackagesSection(benchPackages({ runs: Number(flag('runs', '5')), ref: flag('ref', BEFORE) }));
}
