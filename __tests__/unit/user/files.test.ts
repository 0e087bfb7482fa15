// /etc/passwd and /etc/group found in the layers as the daemon opens them (symlinks followed within the
// image, hard links, whiteouts, Docker's init layer), on layer tars GNU tar writes here; and the first entry
// of a `docker cp` stream read as a file, a directory or something else.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ScannedLayer, scanImageArchive } from '../../../src/analysis/archive.js';
import { finalImageFile } from '../../../src/analysis/final-file.js';
import { CopiedFileReader } from '../../../src/analysis/image-files.js';
import { MAX_USER_FILE_BYTES, resolveUser } from '../../../src/user/resolve.js';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const PASSWD = 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n';

let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'isg-user-files-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Something to put in a layer: a file's text, a symlink's target, or a hard link to an earlier path. */
type Node = string | { symlink: string } | { hardlink: string } | { directory: true } | { copyOf: string };

/** A layer tar as Docker writes one: sorted names without a leading slash, PAX headers. */
function layerTar(nodes: Record<string, Node>): Buffer {
  const root = mkdtempSync(path.join(workDir, 'layer-'));
  for (const [name, node] of Object.entries(nodes)) {
    const target = path.join(root, name);
    mkdirSync(path.dirname(target), { recursive: true });
    if (typeof node === 'string') writeFileSync(target, node);
    else if ('symlink' in node) symlinkSync(node.symlink, target);
    else if ('hardlink' in node) linkSync(path.join(root, node.hardlink), target);
    else if ('copyOf' in node) copyFileSync(node.copyOf, target);
    else mkdirSync(target, { recursive: true });
  }
  const top = [...new Set(Object.keys(nodes).map((name) => name.split('/')[0]))];
  return execFileSync('tar', ['--create', '--format=pax', '--sort=name', '--directory', root, ...top], { maxBuffer: 1 << 28 });
}

/** Scans a docker-archive of these layers (bottom first) as the gate scans `docker save`. */
async function scan(...layers: Record<string, Node>[]): Promise<ScannedLayer[]> {
  const tars = layers.map(layerTar);
  const root = mkdtempSync(path.join(workDir, 'archive-'));
  const config = JSON.stringify({ rootfs: { type: 'layers', diff_ids: tars.map((tar) => `sha256:${sha256(tar)}`) } });
  const configName = `${sha256(config)}.json`;
  const names = tars.map((tar, index) => {
    mkdirSync(path.join(root, String(index)));
    writeFileSync(path.join(root, String(index), 'layer.tar'), tar);
    return `${index}/layer.tar`;
  });
  writeFileSync(path.join(root, configName), config);
  writeFileSync(path.join(root, 'manifest.json'), JSON.stringify([{ Config: configName, Layers: names }]));
  const archive = execFileSync('tar', ['--create', '--directory', root, 'manifest.json', configName, ...names], { maxBuffer: 1 << 28 });
  return (await scanImageArchive(Readable.from([archive]), { compressedSize: false })).layers;
}

const passwdOf = (layers: ScannedLayer[], maxBytes = MAX_USER_FILE_BYTES) => finalImageFile(layers, '/etc/passwd', maxBytes);
const textOf = (file: ReturnType<typeof passwdOf>) => (file?.kind === 'file' ? file.bytes.toString() : file);

describe('the final /etc/passwd, found in the layers', () => {
  test('a regular file, and the link targets the layer records', async () => {
    const layers = await scan({
      'etc/passwd': PASSWD,
      'etc/motd': { symlink: '../run/motd' },
      'etc/passwd.bak': { hardlink: 'etc/passwd' },
    });
    expect(textOf(passwdOf(layers))).toBe(PASSWD);
    expect(layers[0].entries.filter((entry) => entry.linkTarget)).toEqual([
      expect.objectContaining({ path: '/etc/motd', kind: 'symlink', linkTarget: '../run/motd' }),
      expect.objectContaining({ path: '/etc/passwd.bak', kind: 'link', linkTarget: 'etc/passwd' }),
    ]);
  });

  test('a symlink, absolute or relative and chained, to a passwd file in the same or a lower layer', async () => {
    expect(textOf(passwdOf(await scan({ 'etc/passwd': { symlink: '/opt/app/passwd' }, 'opt/app/passwd': PASSWD })))).toBe(PASSWD);
    const chained = await scan({ 'etc/passwd': { symlink: '../opt/p1' }, 'opt/p1': { symlink: 'app/passwd' }, 'opt/app/passwd': PASSWD });
    expect(textOf(passwdOf(chained))).toBe(PASSWD);
    const acrossLayers = await scan({ 'srv/passwd': PASSWD }, { 'etc/passwd': { symlink: '/srv/passwd' } });
    expect(textOf(passwdOf(acrossLayers))).toBe(PASSWD);
    // A target that climbs out of the root stays inside it, as FollowSymlinkInScope keeps it.
    expect(textOf(passwdOf(await scan({ 'etc/passwd': { symlink: '../../../../srv/passwd' }, 'srv/passwd': PASSWD })))).toBe(PASSWD);
  });

  test('a hard link to a kept file of its layer', async () => {
    const layers = await scan({ 'data/group': PASSWD, 'etc/passwd': { hardlink: 'data/group' } });
    expect(layers[0].entries.find((entry) => entry.path === '/etc/passwd')).toMatchObject({ kind: 'link', linkTarget: 'data/group' });
    expect(textOf(passwdOf(layers))).toBe(PASSWD);
  });

  test('a link to a file whose bytes were not kept is left to the engine', async () => {
    expect(passwdOf(await scan({ 'etc/passwd': { symlink: '/opt/users.txt' }, 'opt/users.txt': PASSWD }))).toBeUndefined();
    // GNU tar, like Docker, writes the first name of an inode as the file and the later ones as links to it.
    expect(passwdOf(await scan({ 'etc/apasswd': PASSWD, 'etc/passwd': { hardlink: 'etc/apasswd' } }))).toBeUndefined();
  });

  test('a passwd file over the old 1 MiB cap is read; one over the limit is not', async () => {
    const large = PASSWD + '#'.repeat(2 << 20) + '\n';
    const layers = await scan({ 'etc/passwd': large });
    expect(textOf(passwdOf(layers))).toBe(large);
    expect(passwdOf(layers, 1 << 20)).toEqual({
      kind: 'unreadable',
      why: `it is ${large.length} bytes, more than the 1048576 the gate reads`,
    });
  });

  test("/etc made a symlink is hidden by the directory Docker's init layer puts there", async () => {
    const layers = await scan({ 'etc/passwd': 'old:x:0:0::/:/bin/sh\n' }, { etc: { symlink: 'etc2' }, 'etc2/passwd': PASSWD });
    expect(passwdOf(layers)).toEqual({ kind: 'absent' });
  });

  test('whiteouts and opaque directories delete what lower layers had', async () => {
    expect(passwdOf(await scan({ 'etc/passwd': PASSWD }, { 'etc/.wh.passwd': '' }))).toEqual({ kind: 'absent' });
    const opaque = await scan({ 'etc/passwd': PASSWD, 'etc/group': 'old:x:0:\n' }, { 'etc/.wh..wh..opq': '', 'etc/group': 'new:x:1:\n' });
    expect(passwdOf(opaque)).toEqual({ kind: 'absent' });
    expect(textOf(finalImageFile(opaque, '/etc/group', MAX_USER_FILE_BYTES))).toBe('new:x:1:\n');
    // A regular file over a lower symlink, and the other way round.
    expect(textOf(passwdOf(await scan({ 'etc/passwd': { symlink: '/nowhere' } }, { 'etc/passwd': PASSWD })))).toBe(PASSWD);
    expect(passwdOf(await scan({ 'etc/passwd': PASSWD }, { 'etc/passwd': { symlink: '/nowhere' } }))).toEqual({ kind: 'absent' });
  });

  test('dangling links are absent, loops and files in the path stop Docker, init files are left to the engine', async () => {
    expect(passwdOf(await scan({ 'etc/passwd': { symlink: '/nonexistent' } }))).toEqual({ kind: 'absent' });
    const loop = passwdOf(await scan({ 'etc/passwd': { symlink: 'passwd2' }, 'etc/passwd2': { symlink: '/etc/passwd' } }));
    expect(loop).toMatchObject({ kind: 'unreadable', why: expect.stringContaining('too many links') });
    const notDirectory = passwdOf(await scan({ 'etc/passwd': { symlink: '/data/file/passwd' }, 'data/file': 'x' }));
    expect(notDirectory).toMatchObject({ kind: 'unreadable', why: expect.stringContaining('/data/file is not a directory') });
    // Docker's init layer empties /etc/hosts: only the engine shows what the container sees there.
    expect(passwdOf(await scan({ 'etc/passwd': { symlink: 'hosts' }, 'etc/hosts': PASSWD }))).toBeUndefined();
    expect(passwdOf(await scan({ 'etc/passwd': { directory: true } }))).toEqual({ kind: 'directory' });
    expect(passwdOf(await scan({ 'bin/sh': 'x' }))).toEqual({ kind: 'absent' });
  });

  test('a file named passwd that is an ELF binary is kept and still analysed as one', async () => {
    const layers = await scan({ 'usr/bin/passwd': { copyOf: '/bin/true' } });
    expect(layers[0].userFiles?.has('/usr/bin/passwd')).toBe(true);
    expect(layers[0].elfBinaries.map((finding) => finding.path)).toEqual(['/usr/bin/passwd']);
  });

  test('the user resolved from a symlinked passwd', async () => {
    const layers = await scan({ 'etc/passwd': { symlink: '/opt/passwd' }, 'opt/passwd': PASSWD });
    expect(resolveUser('app', { passwd: passwdOf(layers) })).toMatchObject({ kind: 'non-root', uid: 1000 });
  });
});

describe('the first entry of a docker cp stream', () => {
  const copied = (nodes: Record<string, Node>, maxBytes = MAX_USER_FILE_BYTES) => {
    const reader = new CopiedFileReader(maxBytes);
    reader.write(layerTar(nodes));
    return reader.finish();
  };

  test('a file, a directory, a symlink docker could not follow', () => {
    expect(copied({ passwd: PASSWD })).toEqual({ kind: 'file', bytes: Buffer.from(PASSWD) });
    expect(copied({ 'passwd/inner': PASSWD })).toEqual({ kind: 'directory' });
    expect(copied({ passwd: { symlink: 'passwd' } })).toEqual({ kind: 'unreadable', why: 'it is a symlink, not a regular file' });
  });

  test('a file over the limit is decided from its header', () => {
    const reader = new CopiedFileReader(10);
    reader.write(layerTar({ passwd: PASSWD }).subarray(0, 1536));
    expect(reader.decided).toBe(true);
    expect(reader.finish()).toEqual({ kind: 'unreadable', why: `it is ${PASSWD.length} bytes, more than the 10 the gate reads` });
  });
});
