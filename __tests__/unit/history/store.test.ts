// The history branch with real git: a bare repository on disk and git's own smart-HTTP server on 127.0.0.1
// (http-backend behind GitHub's token rules). Fast enough for the unit suite: no Docker involved.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tokenEnvironment } from '../../../src/git/auth.js';
import { fetchHistory, HistoryError, listFiles, readFiles, writeFiles } from '../../../src/history/store.js';
import { GitHttpServer, startGitHttpServer } from '../../support/git-http-server.js';

const execFileAsync = promisify(execFile);
const IDENTITY = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...IDENTITY } }).trim();
}

let root: string;
let bare: string;

/** A shallow clone, as actions/checkout leaves one. */
function clone(name: string, url = `file://${bare}`): string {
  const directory = path.join(root, name);
  execFileSync('git', ['clone', '--quiet', '--depth=1', url, directory]);
  return directory;
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'isg-history-'));
  const seed = path.join(root, 'seed');
  git(root, 'init', '--quiet', '--initial-branch=main', seed);
  writeFileSync(path.join(seed, 'README'), 'app\n');
  git(seed, 'add', '.');
  git(seed, 'commit', '--quiet', '-m', 'app');
  bare = path.join(root, 'origin.git');
  git(root, 'clone', '--quiet', '--bare', seed, bare);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

test('a missing branch reads as empty; the first write creates it as an orphan, without touching the checkout', async () => {
  const checkout = clone('checkout');
  const before = git(checkout, 'status', '--porcelain=v2', '--branch');
  const objectsBefore = git(checkout, 'count-objects', '-v');
  const missing = await fetchHistory({ root: checkout, branch: 'image-size-history' });
  expect(missing.tip).toBeUndefined();
  await missing.release();

  const written = await writeFiles(
    { root: checkout, branch: 'image-size-history' },
    [{ path: 'app/linux-amd64/a.json', content: '{"a":1}\n' }],
    'record a',
  );
  expect(written).toMatchObject({ attempts: 1, created: true });
  expect(git(bare, 'rev-list', '--parents', '-n', '1', 'image-size-history')).toBe(written.commit); // no parent
  expect(git(bare, 'show', 'image-size-history:app/linux-amd64/a.json')).toBe('{"a":1}');
  expect(git(bare, 'log', '-1', '--format=%an', 'image-size-history')).toBe('github-actions[bot]');
  // The work tree, the index, HEAD, the refs and the objects are as they were: a build context holding .git
  // carries nothing of the history into the image.
  expect(git(checkout, 'status', '--porcelain=v2', '--branch')).toBe(before);
  expect(git(checkout, 'count-objects', '-v')).toBe(objectsBefore);
  expect(git(checkout, 'for-each-ref', '--format=%(refname)')).not.toContain('image-size-gate');

  const fetched = await fetchHistory({ root: checkout, branch: 'image-size-history' });
  expect(fetched.tip).toBe(written.commit);
  expect(await listFiles(fetched.gitDir, fetched.tip!, 'app')).toEqual(['app/linux-amd64/a.json']);
  const files = await readFiles(fetched.gitDir, fetched.tip!, ['app/linux-amd64/a.json', 'app/missing.json']);
  expect(files.get('app/linux-amd64/a.json')?.toString()).toBe('{"a":1}\n');
  expect(files.get('app/missing.json')).toBeUndefined();
  await fetched.release();
  expect(existsSync(fetched.gitDir)).toBe(false);
  expect(git(checkout, 'count-objects', '-v')).toBe(objectsBefore);
});

test('recorders racing from many clones: every record lands, each push rebuilt on the tip it lost to', async () => {
  const clones = ['r1', 'r2', 'r3', 'r4'].map((name) => clone(name));
  const results = await Promise.all(
    clones.map((checkout, index) =>
      writeFiles(
        { root: checkout, branch: 'history' },
        [{ path: `app/p/${index}.json`, content: `${index}\n` }],
        `record ${index}`,
        () => new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 50)),
      ),
    ),
  );
  const landed = git(bare, 'ls-tree', '-r', '--name-only', 'history').split('\n');
  expect(landed.sort()).toEqual(['app/p/0.json', 'app/p/1.json', 'app/p/2.json', 'app/p/3.json']);
  expect(results.filter((result) => result.created)).toHaveLength(1);
  // Four pushes to one branch at once: at least one lost a race and tried again.
  expect(Math.max(...results.map((result) => result.attempts))).toBeGreaterThan(1);
  expect(git(bare, 'rev-list', '--count', 'history')).toBe('4');
}, 60_000);

test('a push a server hook declines (branch protection) fails at once, without retrying', async () => {
  const checkout = clone('protected');
  const hook = path.join(bare, 'hooks', 'pre-receive');
  writeFileSync(hook, '#!/bin/sh\necho "protected branch hook declined" >&2\nexit 1\n', { mode: 0o755 });
  let waits = 0;
  const written = writeFiles({ root: checkout, branch: 'history' }, [{ path: 'a', content: 'a\n' }], 'record', async () => {
    waits += 1;
  });
  await expect(written).rejects.toThrow(/could not push to history: .*declined/);
  expect(waits).toBe(0);
});

describe('over HTTP, with GitHub-style tokens', () => {
  let server: GitHttpServer;
  beforeEach(async () => {
    server = await startGitHttpServer(root, { read: ['read-token'], write: ['write-token'] });
  });
  afterEach(() => server.close());

  test('the token reaches fetch and push as one header and is written nowhere in .git', async () => {
    const url = `${server.url}/origin.git`;
    const checkout = path.join(root, 'http-checkout');
    // Asynchronously: the server answering the clone runs in this process.
    await execFileAsync('git', ['clone', '--quiet', '--depth=1', url, checkout], {
      env: { ...process.env, ...tokenEnvironment('read-token', server.url) },
    });
    // As actions/checkout leaves it with persist-credentials: true: a header for a token of its own.
    git(
      checkout,
      'config',
      `http.${server.url}/.extraheader`,
      `AUTHORIZATION: basic ${Buffer.from('x-access-token:read-token').toString('base64')}`,
    );
    const remote = { root: checkout, branch: 'history', token: 'write-token', serverUrl: server.url };
    const written = await writeFiles(remote, [{ path: 'app/p/x.json', content: 'x\n' }], 'record x');
    expect(written.attempts).toBe(1);
    expect(git(bare, 'show', 'history:app/p/x.json')).toBe('x');
    const pushes = server.requests.filter((request) => request.service === 'receive');
    expect(pushes.length).toBeGreaterThan(0);
    for (const request of pushes) expect(request.authorization).toHaveLength(1);
    const found = spawnSync('grep', ['-rl', Buffer.from('x-access-token:write-token').toString('base64'), path.join(checkout, '.git')]);
    expect(found.status).toBe(1); // grep found nothing
    expect(readFileSync(path.join(checkout, '.git', 'config'), 'utf8')).not.toContain('write-token');
  });

  test('a read-only token reads the branch and gets a permission error when it writes', async () => {
    const checkout = clone('ro');
    git(checkout, 'remote', 'set-url', 'origin', `${server.url}/origin.git`);
    await writeFiles(
      { root: checkout, branch: 'history', token: 'write-token', serverUrl: server.url },
      [{ path: 'a', content: 'a\n' }],
      'seed',
    );
    const reader = { root: checkout, branch: 'history', token: 'read-token', serverUrl: server.url };
    const fetched = await fetchHistory(reader);
    expect(fetched.tip).toBeDefined();
    await fetched.release();
    const denied = writeFiles(reader, [{ path: 'b', content: 'b\n' }], 'no');
    await expect(denied).rejects.toBeInstanceOf(HistoryError);
    await expect(denied).rejects.toMatchObject({ permission: true });
    expect(git(bare, 'ls-tree', '-r', '--name-only', 'history')).toBe('a');
  });
});
